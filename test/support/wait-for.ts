/** Polls `condition` every 10 ms; throws, naming `what`, after `ms`. */
export async function waitFor(condition: () => boolean, what: string, ms = 20000): Promise<void> {
    const until = Date.now() + ms
    while (!condition()) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
        await new Promise((r) => setTimeout(r, 10))
    }
}
