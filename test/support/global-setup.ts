// Builds the app once per test run, unless `npm test` has just run the --frozenKeys build (ARTIFACTS_PREBUILT=1).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export default function globalSetup(): void {
    const root = join(__dirname, '..', '..')
    if (process.env.ARTIFACTS_PREBUILT === '1' && existsSync(join(root, 'dist', 'app'))) return
    const res = spawnSync(join(root, 'node_modules', '.bin', 'now-sdk'), ['build'], { cwd: root, encoding: 'utf8' })
    if (res.status !== 0) {
        throw new Error(`now-sdk build failed before the tests:\n${res.stdout}\n${res.stderr}`)
    }
}
