// Finds a Chromium for the browser tests, in this order:
//   1. CHROMIUM_PATH or PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH (must point to an existing file);
//   2. an installed Chromium/Chrome: chromium, chromium-browser, google-chrome(-stable) on PATH, then the usual
//      install paths (skipped when CHROMIUM_SKIP_SYSTEM=1, which proves step 3 works on a machine that has one);
//   3. @sparticuz/chromium, a devDependency that ships a brotli-compressed Chromium for Linux x64 inside its npm
//      tarball and unpacks it to the temp dir on first use. It runs with the NSS/expat libraries the package ships
//      too (LD_LIBRARY_PATH), so a machine without libnss3 still runs it.
// Nothing found is an error with one line saying what to install: the browser tests never skip.
import { spawnSync } from 'node:child_process'
import { accessSync, constants, mkdirSync, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'

export interface ChromiumFound {
    path: string
    source: 'environment' | 'system' | 'npm package @sparticuz/chromium'
    /** Environment to launch it with (the bundled one needs its own libraries). */
    env: NodeJS.ProcessEnv
}

export interface BundledChromium {
    path: string
    libraryDir: string
}

export interface DiscoveryHost {
    env: NodeJS.ProcessEnv
    platform: NodeJS.Platform
    arch: string
    isExecutable(path: string): boolean
    /** Unpacks the Chromium shipped by @sparticuz/chromium and the libraries it needs. */
    bundledChromium(): Promise<BundledChromium>
}

const ENV_VARS = ['CHROMIUM_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH'] as const
/** Where @sparticuz/chromium unpacks, once, for every run: under build/ (ignored by git), never in $TMPDIR. */
export const BUNDLED_CHROMIUM_DIR = join(__dirname, '..', '..', 'build', 'chromium')

const COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']
const FIXED_PATHS: Partial<Record<NodeJS.Platform, string[]>> = {
    linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome'],
    darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
    win32: ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe'],
}
export const INSTALL_HINT =
    'No Chromium for the browser tests: run `npm ci` (brings @sparticuz/chromium on Linux x64), or install Chromium/Chrome, or set CHROMIUM_PATH to its executable.'

function systemCandidates(host: DiscoveryHost): string[] {
    const onPath = (host.env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .flatMap((dir) => COMMANDS.map((cmd) => join(dir, cmd)))
    // A snap Chromium cannot read the profile directory playwright makes under /tmp, so it is never chosen.
    return [...onPath, ...(FIXED_PATHS[host.platform] ?? [])].filter((p) => !p.startsWith('/snap/'))
}

export async function findChromium(host: DiscoveryHost = realHost()): Promise<ChromiumFound> {
    for (const name of ENV_VARS) {
        const value = host.env[name]
        if (!value) continue
        if (!host.isExecutable(value)) throw new Error(`${name}=${value} is not an executable file: fix or unset it.`)
        return { path: value, source: 'environment', env: host.env }
    }
    if (host.env.CHROMIUM_SKIP_SYSTEM !== '1') {
        const installed = systemCandidates(host).find((p) => host.isExecutable(p))
        if (installed) return { path: installed, source: 'system', env: host.env }
    }
    if (host.platform === 'linux' && host.arch === 'x64') {
        let bundled: BundledChromium
        try {
            bundled = await host.bundledChromium()
        } catch (e) {
            throw new Error(`${INSTALL_HINT} (@sparticuz/chromium failed: ${(e as Error).message})`)
        }
        const libraryPath = [bundled.libraryDir, host.env.LD_LIBRARY_PATH].filter(Boolean).join(delimiter)
        return { path: bundled.path, source: 'npm package @sparticuz/chromium', env: { ...host.env, LD_LIBRARY_PATH: libraryPath } }
    }
    throw new Error(INSTALL_HINT)
}

export function realHost(): DiscoveryHost {
    return {
        env: process.env,
        platform: process.platform,
        arch: process.arch,
        isExecutable(path) {
            try {
                accessSync(path, constants.X_OK)
                return statSync(path).isFile()
            } catch {
                return false
            }
        },
        async bundledChromium() {
            // The package unpacks about 190 MB into os.tmpdir() on first use. It runs in a child process whose TMPDIR
            // is one cache folder under build/ (ignored by git), so nothing is left in the real temp dir and later
            // runs reuse the unpacked files. (Jest gives tests a copy of process.env, which os.tmpdir() never reads.)
            mkdirSync(BUNDLED_CHROMIUM_DIR, { recursive: true })
            // The package unpacks its libraries only on Amazon Linux; its own inflate() (not in its exports map, so
            // loaded by file path) unpacks them to <tmp>/al2023 here too.
            const script = `const { join, dirname } = require('node:path')
const packageDir = dirname(require.resolve('@sparticuz/chromium'))
const m = require('@sparticuz/chromium'); const chromium = m.default ?? m
const lambdafs = require(join(packageDir, 'lambdafs.cjs'))
Promise.all([chromium.executablePath(), lambdafs.inflate(join(packageDir, '..', '..', 'bin', 'al2023.tar.br'))]).then(
    ([path, libraries]) => console.log(JSON.stringify({ path, libraryDir: join(libraries, 'lib') })),
    (e) => { console.error(e.message); process.exit(1) })`
            const res = spawnSync(process.execPath, ['-e', script], { cwd: join(__dirname, '..', '..'), env: { ...process.env, TMPDIR: BUNDLED_CHROMIUM_DIR }, encoding: 'utf8' })
            if (res.status !== 0) throw new Error(res.stderr.trim() || `exit ${res.status}`)
            return JSON.parse(res.stdout.trim().split('\n').at(-1) ?? '') as BundledChromium
        },
    }
}
