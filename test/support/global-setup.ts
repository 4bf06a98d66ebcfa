// Builds the app once per test run, unless `npm test` has just run the --frozenKeys build (ARTIFACTS_PREBUILT=1),
// or the run names only test folders that never read dist/app (a quick `npx jest test/unit` while developing).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const NEEDS_BUILD = /artifacts|instance/

function runNeedsBuild(): boolean {
    const paths = process.argv.slice(2).filter((a) => !a.startsWith('-') && /^test\b|\.test\.ts$/.test(a))
    return paths.length === 0 || paths.some((p) => NEEDS_BUILD.test(p))
}

export default function globalSetup(): void {
    const root = join(__dirname, '..', '..')
    if (process.env.ARTIFACTS_PREBUILT === '1' && existsSync(join(root, 'dist', 'app'))) return
    if (!runNeedsBuild()) return
    // Through build-keeping-target.mjs: a plain now-sdk build would empty target/, the zip of `npm run build`.
    const res = spawnSync(process.execPath, [join(root, 'scripts', 'lib', 'build-keeping-target.mjs')], { cwd: root, encoding: 'utf8' })
    if (res.status !== 0) {
        throw new Error(`now-sdk build failed before the tests:\n${res.stdout}\n${res.stderr}`)
    }
}
