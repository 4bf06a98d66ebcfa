// The order in which the browser tests look for Chromium, with a fake host: no real file system or browser.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BUNDLED_CHROMIUM_DIR, type DiscoveryHost, INSTALL_HINT, findChromium, realHost } from '../support/chromium-executable'

function host(files: string[], over: Partial<DiscoveryHost> = {}): DiscoveryHost & { unpacked: number } {
    const h = {
        env: { PATH: '/home/me/bin:/usr/local/bin' },
        platform: 'linux' as NodeJS.Platform,
        arch: 'x64',
        isExecutable: (p: string) => files.includes(p),
        unpacked: 0,
        async bundledChromium() {
            h.unpacked++
            return { path: '/tmp/chromium', libraryDir: '/tmp/al2023/lib' }
        },
        ...over,
    }
    return h
}

describe('findChromium', () => {
    it('takes CHROMIUM_PATH first, then PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH, over an installed browser', async () => {
        const files = ['/opt/c/chrome', '/opt/p/chrome', '/usr/bin/chromium']
        const both = { CHROMIUM_PATH: '/opt/c/chrome', PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH: '/opt/p/chrome' }
        expect(await findChromium(host(files, { env: both }))).toStrictEqual({ path: '/opt/c/chrome', source: 'environment', env: both })
        const playwright = { PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH: '/opt/p/chrome' }
        expect(await findChromium(host(files, { env: playwright }))).toStrictEqual({ path: '/opt/p/chrome', source: 'environment', env: playwright })
    })

    it('refuses an environment variable naming a missing file, naming the variable', async () => {
        await expect(findChromium(host([], { env: { CHROMIUM_PATH: '/nope/chrome' } }))).rejects.toThrow('CHROMIUM_PATH=/nope/chrome is not an executable file')
    })

    it('finds a browser on PATH before the fixed install paths, and never a snap wrapper', async () => {
        const h = host(['/usr/local/bin/google-chrome', '/usr/bin/chromium'])
        expect(await findChromium(h)).toStrictEqual({ path: '/usr/local/bin/google-chrome', source: 'system', env: { PATH: '/home/me/bin:/usr/local/bin' } })
        const snap = host(['/snap/bin/chromium', '/usr/bin/chromium'], { env: { PATH: '/snap/bin' } })
        expect((await findChromium(snap)).path).toBe('/usr/bin/chromium')
        expect(h.unpacked + snap.unpacked).toBe(0)
    })

    it('falls back to the Chromium shipped by @sparticuz/chromium when none is installed', async () => {
        const h = host([])
        // LD_LIBRARY_PATH: its own NSS libraries, not the host's.
        expect(await findChromium(h)).toStrictEqual({
            path: '/tmp/chromium', source: 'npm package @sparticuz/chromium', env: { PATH: '/home/me/bin:/usr/local/bin', LD_LIBRARY_PATH: '/tmp/al2023/lib' },
        })
        expect(h.unpacked).toBe(1)
    })

    it('skips the installed browsers when CHROMIUM_SKIP_SYSTEM=1', async () => {
        const h = host(['/usr/bin/chromium'], { env: { PATH: '/usr/bin', CHROMIUM_SKIP_SYSTEM: '1' } })
        expect((await findChromium(h)).source).toBe('npm package @sparticuz/chromium')
    })

    it('fails with one line saying what to install when nothing is found', async () => {
        await expect(findChromium(host([], { platform: 'darwin', arch: 'arm64' }))).rejects.toThrow(INSTALL_HINT)
        const broken = host([], { bundledChromium: () => Promise.reject(new Error('no space left')) })
        await expect(findChromium(broken)).rejects.toThrow(/run `npm ci`.*no space left/)
        expect(INSTALL_HINT).not.toContain('\n')
    })
})

describe('the Chromium of @sparticuz/chromium (the real package)', () => {
    it('unpacks under build/chromium and leaves nothing in $TMPDIR', async () => {
        // A fresh, empty TMPDIR for this call only: whatever the package wrote to the temp dir would land here.
        const fresh = mkdtempSync(join(tmpdir(), 'chromium-tmpdir-check-'))
        const previous = process.env.TMPDIR
        process.env.TMPDIR = fresh
        try {
            const host = realHost()
            const env = { PATH: '', CHROMIUM_SKIP_SYSTEM: '1', HOME: process.env.HOME }
            const found = await findChromium({ ...host, env, platform: 'linux', arch: 'x64' })
            expect(found.source).toBe('npm package @sparticuz/chromium')
            expect(found.path.startsWith(`${BUNDLED_CHROMIUM_DIR}/`)).toBe(true)
            expect((found.env.LD_LIBRARY_PATH ?? '').startsWith(`${BUNDLED_CHROMIUM_DIR}/`)).toBe(true)
            expect(host.isExecutable(found.path)).toBe(true)
            expect(readdirSync(fresh)).toEqual([])
            expect(process.env.TMPDIR).toBe(fresh)
        } finally {
            if (previous === undefined) delete process.env.TMPDIR
            else process.env.TMPDIR = previous
            rmSync(fresh, { recursive: true, force: true })
        }
    })
})
