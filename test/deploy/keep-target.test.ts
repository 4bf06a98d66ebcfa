// npm test's --frozenKeys gate (and jest's global-setup build) keep what `npm run build` left in target/ (the zip
// `npm run deploy -- --no-build` installs): `now-sdk build` itself empties target/, so
// scripts/lib/build-keeping-target.mjs moves it aside and back.
// Run in a private copy of the project, like the deploy suite, so dist/ and target/ of this tree are never touched.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { copyProject, removeCopy } from './helpers'

let dir: string
let zip: Buffer

beforeAll(() => {
    dir = copyProject()
})
afterAll(() => removeCopy(dir))

function packedZip(): void {
    mkdirSync(join(dir, 'target'), { recursive: true })
    zip = randomBytes(4096)
    writeFileSync(join(dir, 'target', 'x_em_aws_apikey_1.0.0.zip'), zip)
}

/** withTargetKept() in the copy, with a stand-in build that empties target/ as `now-sdk build` does. */
function withStandInBuild(exitCode: number): number | null {
    const script = `import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { withTargetKept } from ${JSON.stringify(join(dir, 'scripts', 'lib', 'build-keeping-target.mjs'))}
const target = ${JSON.stringify(join(dir, 'target'))}
process.exit(withTargetKept(${JSON.stringify(dir)}, () => {
    rmSync(target, { recursive: true, force: true })
    mkdirSync(target)
    writeFileSync(target + '/left-by-build.txt', 'x')
    return ${exitCode}
}))`
    return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).status
}

describe('the --frozenKeys gate of npm test', () => {
    it('runs the real --frozenKeys build and leaves target/*.zip byte for byte as npm run build left it', () => {
        packedZip()
        // Exactly the gate of scripts/test.mjs: buildKeepingTarget(['--frozenKeys']).
        const res = spawnSync(process.execPath, [join(dir, 'scripts', 'lib', 'build-keeping-target.mjs'), '--frozenKeys'], { cwd: dir, encoding: 'utf8', timeout: 240_000 })
        expect(`${res.status} ${res.status === 0 ? '' : res.stdout + res.stderr}`).toBe('0 ')
        expect(existsSync(join(dir, 'dist', 'app'))).toBe(true) // the build did run
        expect(readdirSync(join(dir, 'target'))).toEqual(['x_em_aws_apikey_1.0.0.zip'])
        expect(readFileSync(join(dir, 'target', 'x_em_aws_apikey_1.0.0.zip')).equals(zip)).toBe(true)
        expect(existsSync(join(dir, '.target-kept-during-test'))).toBe(false)
    }, 300_000)

    it('puts target/ back when the build fails, and returns the build failure', () => {
        packedZip()
        expect(withStandInBuild(3)).toBe(3)
        expect(readdirSync(join(dir, 'target'))).toEqual(['x_em_aws_apikey_1.0.0.zip'])
        expect(readFileSync(join(dir, 'target', 'x_em_aws_apikey_1.0.0.zip')).equals(zip)).toBe(true)
    })

    it('puts back a target/ left aside by a killed run before building', () => {
        packedZip()
        renameSync(join(dir, 'target'), join(dir, '.target-kept-during-test'))
        expect(withStandInBuild(0)).toBe(0)
        expect(readFileSync(join(dir, 'target', 'x_em_aws_apikey_1.0.0.zip')).equals(zip)).toBe(true)
        expect(existsSync(join(dir, '.target-kept-during-test'))).toBe(false)
    })
})
