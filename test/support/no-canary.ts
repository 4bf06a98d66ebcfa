// The secrets rule for CLI output: no canary key (every test key contains CANARY) and no unmasked API key in an
// endpoint (the CLI prints x-sn-apikey=now_… only).
export function expectNoCanary(...texts: string[]): void {
    for (const text of texts) {
        expect(text).not.toContain('CANARY')
        expect(text).not.toMatch(/x-sn-apikey=now_[^…]/)
    }
}
