// `now-sdk build` empties target/, where `npm run build` left the installable zip that `npm run deploy -- --no-build`
// needs. Builds that only check or test (npm test's --frozenKeys gate, jest's global setup, npm run bench) run through
// here: target/ is moved aside for the build and put back after it, whatever the build's outcome. A copy left by a
// killed run is put back first.
// Run directly (`node scripts/lib/build-keeping-target.mjs [now-sdk build options]`), it exits with the build's code.
import { existsSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT, nowSdk } from './run.mjs'

export const KEPT_DIR = '.target-kept-during-test'

/** `now-sdk build <args>` in root with target/ kept as it was; returns the build's exit code. */
export function buildKeepingTarget(args = [], root = ROOT) {
    return withTargetKept(root, () => nowSdk(['build', ...args], { cwd: root }))
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
    process.exit(buildKeepingTarget(process.argv.slice(2)))
}
