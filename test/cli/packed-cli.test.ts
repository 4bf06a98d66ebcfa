// The CLI outside the repository: `npm run pack:cli` makes a tarball; `npm install -g` of it, with no registry and an
// empty npm cache, gives a working sn-aws-verify in an empty folder: each command's own --help, and a doctor run whose
// AWS SDK comes from the tarball (the loopback AWS stub answers it). Startup time is measured by `npm run bench -- cli`.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { AwsStub } from '../support/aws-stub.ts'
import { awsTestEnv, startProcess, type Run } from '../support/cli-process.ts'

const ROOT = join(__dirname, '..', '..')
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> }
const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; engines: { node: string } }

let dir: string
let tarball: string
let bin: string
let installed: string
let packOutput: string

function run(cmd: string, args: string[], cwd: string, env: NodeJS.Dict<string>): Promise<Run> {
    return startProcess(cmd, args, { cwd, env }).done
}

/** Only Node on PATH: the installed bin finds node through its shebang, nothing from the repository. */
const bare = (extra: NodeJS.Dict<string> = {}): NodeJS.Dict<string> => ({ HOME: join(dir, 'home'), ...extra, PATH: `${dirname(bin)}:${dirname(process.execPath)}` })

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sn-aws-packed-'))
    mkdirSync(join(dir, 'home'))
    mkdirSync(join(dir, 'empty'))
    const pack = spawnSync(process.execPath, [join(ROOT, 'scripts', 'pack-cli.mjs')], { cwd: ROOT, encoding: 'utf8' })
    packOutput = pack.stdout
    if (pack.status !== 0) throw new Error(`pack:cli failed: ${pack.stdout}${pack.stderr}`)
    tarball = pack.stdout.trim().split('\n').at(-1) ?? ''
    const prefix = join(dir, 'prefix')
    // No registry (a closed loopback port) and an empty cache: everything must come from the tarball.
    const npmEnv = { ...process.env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_cache: join(dir, 'empty-cache'), npm_config_update_notifier: 'false' }
    const install = await run('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], join(dir, 'empty'), npmEnv)
    if (install.code !== 0) throw new Error(`npm install -g failed: ${install.stdout}${install.stderr}`)
    bin = join(prefix, 'bin', 'sn-aws-verify')
    installed = join(prefix, 'lib', 'node_modules', 'sn-aws-verify')
}, 300_000)

afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('sn-aws-verify from its tarball', () => {
    it('npm run pack:cli prints the tarball path on its last line', () => {
        expect(tarball).toMatch(/^\/.+\/sn-aws-verify-\d+\.\d+\.\d+\.tgz$/)
        expect(existsSync(tarball)).toBe(true)
        expect(packOutput).toContain(`install with: npm install -g `)
    })

    it('declares the AWS SDK clients as its own exact, bundled dependencies, at the versions this repository tests', () => {
        const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
            name: string
            bin: Record<string, string>
            engines: { node: string }
            dependencies: Record<string, string>
            bundleDependencies: string[]
        }
        expect(pkg.name).toBe('sn-aws-verify')
        expect(pkg.bin).toEqual({ 'sn-aws-verify': 'cli/sn-aws-verify.js' })
        expect(pkg.engines).toEqual(rootPackage.engines)
        const names = Object.keys(pkg.dependencies)
        for (const client of ['client-sns', 'client-sqs', 'client-cloudwatch', 'client-kms']) expect(names).toContain(`@aws-sdk/${client}`)
        expect(pkg.bundleDependencies).toEqual(names)
        for (const [name, version] of Object.entries(pkg.dependencies)) {
            expect(`${name}@${version}`).toBe(`${name}@${lock.packages[`node_modules/${name}`].version}`)
        }
    })

    it('--help gives the overview, and each command its own help, from an empty folder', async () => {
        const texts = new Map<string, string>()
        for (const args of [['--help'], ['verify', '--help'], ['doctor', '--help'], ['replay', '--help']]) {
            const r = await run(bin, args, join(dir, 'empty'), bare())
            expect(r.code).toBe(0)
            expect(r.stderr).toBe('')
            texts.set(args.join(' '), r.stdout)
        }
        expect(texts.get('--help')).toMatch(/^sn-aws-verify: check that AWS SNS can deliver alarms/)
        expect(texts.get('verify --help')).toMatch(/^sn-aws-verify verify: /)
        expect(texts.get('doctor --help')).toMatch(/^sn-aws-verify doctor: /)
        expect(texts.get('replay --help')).toMatch(/^sn-aws-verify replay: /)
        expect(new Set(texts.values()).size).toBe(4)
    })

    it('runs doctor with the bundled AWS SDK against the loopback AWS stub', async () => {
        const stub = new AwsStub()
        await stub.start()
        try {
            const topic = 'arn:aws:sns:eu-west-1:123456789012:missing'
            const r = await run(bin, ['doctor', '--topic-arn', topic, '--json'], join(dir, 'empty'), bare(awsTestEnv(stub.url, join(dir, 'home'))))
            expect(r.code).toBe(2)
            const report = JSON.parse(r.stdout) as { findings: { id: string; level: string }[] }
            expect(report.findings.find((f) => f.id === 'topic.exists')?.level).toBe('fail')
            expect(stub.calls.map((c) => `${c.service}:${c.action}`)).toContain('sns:GetTopicAttributes')
        } finally {
            await stub.stop()
        }
    })
})
