// The --frozenKeys build that npm test runs as a gate (and any other build that must not lose target/, such as
// npm run bench's). `now-sdk build` empties target/, where `npm run build` left the
// installable zip that `npm run deploy -- --no-build` needs, so target/ is moved aside for the build and put back
// after it, whatever the build's outcome. A copy left by a killed run is put back first.
// Run directly (`node scripts/lib/frozen-keys-build.mjs`), it exits with the build's code.
import { existsSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT, nowSdk } from './run.mjs'

export const KEPT_DIR = '.target-kept-during-test'

/** Runs `build` (default: `now-sdk build --frozenKeys` in root) with target/ kept as it was; returns its exit code. */
export function frozenKeysBuild(root = ROOT, build = () => nowSdk(['build', '--frozenKeys'], { cwd: root })) {
    return withTargetKept(root, build)
}

/** Runs `fn` (a build in root) with target/ moved aside and put back afterwards, whatever happens; returns its result. */
export function withTargetKept(root, fn) {
    const target = join(root, 'target')
    const kept = join(root, KEPT_DIR)
    if (existsSync(kept)) {
        rmSync(target, { recursive: true, force: true })
        renameSync(kept, target)
    }
    const hadTarget = existsSync(target)
    if (hadTarget) renameSync(target, kept)
    try {
        return fn()
    } finally {
        if (hadTarget) {
            rmSync(target, { recursive: true, force: true })
            renameSync(kept, target)
        }
    }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
    process.exit(frozenKeysBuild())
}
