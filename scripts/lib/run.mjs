// Small process helpers shared by the npm scripts. Node only; nothing here ships to the instance.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync } from 'fflate'

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '')
const NOW_SDK = join(ROOT, 'node_modules', '.bin', 'now-sdk')

/** Runs a command with inherited stdio; returns its exit code. */
export function run(cmd, args, options = {}) {
    const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...options })
    if (res.error) {
        console.error(`ERROR: could not start ${cmd}: ${res.error.message}`)
        return 127
    }
    return res.status ?? 1
}

export function nowSdk(args, options = {}) {
    return run(NOW_SDK, args, options)
}

/** The newest zip that `now-sdk pack` wrote under target/. */
export function latestZip() {
    const dir = join(ROOT, 'target')
    let best = null
    for (const name of safeReaddir(dir)) {
        if (!name.endsWith('.zip')) continue
        const path = join(dir, name)
        const mtime = statSync(path).mtimeMs
        if (!best || mtime > best.mtime) best = { path, mtime }
    }
    return best ? best.path : null
}

/** Entry names of a zip file or buffer. */
export function zipEntries(zip) {
    const bytes = typeof zip === 'string' ? readFileSync(zip) : zip
    return Object.keys(unzipSync(new Uint8Array(bytes)))
}

/** Record XML files in a packed zip (scope/ and update/ folders). */
export function recordEntries(entries) {
    return entries.filter((e) => /^\/?(scope|update)\/.+\.xml$/.test(e))
}

function safeReaddir(dir) {
    try {
        return readdirSync(dir)
    } catch {
        return []
    }
}
