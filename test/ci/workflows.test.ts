// The GitHub workflows and .ci/run: shellcheck on every shell they run, plus the shape users rely on.
// actionlint is not packaged in Debian bookworm, so shellcheck (Debian package, installed by .ci/run) is the checker;
// it is required: a missing checker fails here rather than passing unchecked.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const ROOT = join(__dirname, '..', '..')
const WORKFLOWS = join(ROOT, '.github', 'workflows')
// js-yaml 4 (YAML 1.2: `on:` stays a string key), a pinned devDependency; it ships no types of its own.
const yaml = createRequire(__filename)('js-yaml') as { load(text: string): unknown }

// .ci/run line 5 is `cd "$(dirname "$0")/.."` without `|| exit` (SC2164); its owner has been asked to fix it.

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

function shellcheck(script: string, extraArgs: string[] = []): { code: number | null; output: string; missing: boolean } {
    const res = spawnSync('shellcheck', ['--shell=bash', '--format=gcc', ...extraArgs, '-'], {
        input: script,
        encoding: 'utf8',
        timeout: 30_000,
    })
    const missing = (res.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
    return { code: res.status, output: `${res.stdout ?? ''}${res.stderr ?? ''}${res.error && !missing ? res.error.message : ''}`, missing }
}

const workflowFiles = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort()
const workflows = new Map(workflowFiles.map((f) => [f, yaml.load(readFileSync(join(WORKFLOWS, f), 'utf8')) as Workflow]))
const wf = (file: string): Workflow => {
    const w = workflows.get(file)
    if (!w) throw new Error(`.github/workflows/${file} is missing`)
    return w
}
const allSteps = (w: Workflow): Step[] => Object.values(w.jobs).flatMap((j) => j.steps ?? [])
const runBlocks = (): { where: string; script: string }[] =>
    workflowFiles.flatMap((file) =>
        Object.entries(wf(file).jobs).flatMap(([jobId, job]) =>
            (job.steps ?? []).flatMap((step, i) => (step.run ? [{ where: `${file} ${jobId} step ${i + 1} (${step.name ?? step.run.split('\n')[0]})`, script: step.run }] : [])),
        ),
    )

describe('shell checked by shellcheck', () => {
    it('has shellcheck installed (.ci/run installs the Debian package)', () => {
        const res = shellcheck('true\n')
        if (res.missing) throw new Error('shellcheck is not installed: apt-get install shellcheck (the .ci/run apt-get line installs it)')
        expect(res.code).toBe(0)
    })

    it('catches a real mistake, so a clean result means something', () => {
        const res = shellcheck('rm -rf $DIR/*\n')
        expect(res.missing).toBe(false)
        expect(res.code).not.toBe(0)
        expect(res.output).toContain('SC2086')
    })

    it('passes every run: block of every workflow, with no ${{ }} expanded inside a script', () => {
        const blocks = runBlocks()
        expect(blocks.length).toBeGreaterThan(3)
        const problems: string[] = []
        for (const { where, script } of blocks) {
            // Expressions pasted into a script are a command-injection path; pass values through env: instead.
            if (script.includes('${{')) problems.push(`${where}: uses \${{ }} inside run:`)
            const res = shellcheck(script)
            if (res.missing) throw new Error('shellcheck is not installed')
            if (res.code !== 0) problems.push(`${where}:\n${res.output}`)
        }
        expect(problems).toEqual([])
    })

    it('passes .ci/run', () => {
        const res = shellcheck(readFileSync(join(ROOT, '.ci', 'run'), 'utf8'))
        if (res.missing) throw new Error('shellcheck is not installed')
        expect(res.output).toBe('')
        expect(res.code).toBe(0)
    })

    it('is installed by .ci/run on a clean machine', () => {
        const aptLines = readFileSync(join(ROOT, '.ci', 'run'), 'utf8').split('\n').filter((l) => /apt-get install/.test(l))
        expect(aptLines.some((l) => /\bshellcheck\b/.test(l))).toBe(true)
    })
})

describe('workflows', () => {
    it('pins every action to a major version tag', () => {
        const uses = workflowFiles.flatMap((file) => [
            ...allSteps(wf(file)).flatMap((s) => (s.uses ? [`${file}: ${s.uses}`] : [])),
            ...Object.values(wf(file).jobs).flatMap((j) => (j.uses ? [`${file}: ${j.uses}`] : [])),
        ])
        expect(uses.length).toBeGreaterThan(0)
        const unpinned = uses.filter((u) => {
            const ref = u.split(': ')[1]
            return !ref.startsWith('./') && !/^[\w.-]+\/[\w./-]+@v\d+$/.test(ref)
        })
        expect(unpinned).toEqual([])
    })

    it('ci.yml: pull requests and pushes run npm ci then npm test on Node 20, with chromium from apt', () => {
        const ci = wf('ci.yml')
        expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['pull_request', 'push']))
        const job = ci.jobs.test
        const image = typeof job.container === 'string' ? job.container : job.container?.image
        expect(image).toMatch(/^node:20(-|$)/)
        const runs = (job.steps ?? []).map((s) => s.run ?? '')
        const apt = runs.findIndex((r) => /apt-get install .*\bchromium\b/.test(r))
        const ciStep = runs.findIndex((r) => /^npm ci\b/.test(r.trim()))
        const testStep = runs.findIndex((r) => r.trim() === 'npm test')
        expect([apt >= 0, ciStep >= 0, testStep >= 0]).toEqual([true, true, true])
        expect(apt).toBeLessThan(testStep)
        expect(ciStep).toBeLessThan(testStep)
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
