// The counts npm test prints (scripts/lib/test-summary.mjs), run through node as npm test runs them: product tests,
// the instance double's self-tests and the gates apart, then the plain total line.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const MODULE = join(__dirname, '..', '..', 'scripts', 'lib', 'test-summary.mjs')

function summarize(report: unknown, gates: { name: string; ok: boolean }[], jestExitCode: number): { lines: string[] } {
    const script = `import { summarize } from ${JSON.stringify(MODULE)}
const [report, gates, code] = JSON.parse(process.argv[1])
console.log(JSON.stringify(summarize(report, gates, code)))`
    const res = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify([report, gates, jestExitCode])], { encoding: 'utf8' })
    if (res.status !== 0) throw new Error(res.stderr)
    return JSON.parse(res.stdout)
}

const file = (name: string, statuses: string[], status = statuses.includes('failed') ? 'failed' : 'passed') => ({
    name: `/repo/${name}`,
    status,
    assertionResults: statuses.map((s) => ({ status: s })),
})
const gates = [
    { name: 'lint (eslint)', ok: true },
    { name: 'typecheck (tsc)', ok: true },
    { name: 'build --frozenKeys', ok: false },
]

describe('npm test summary', () => {
    it('counts product tests, the double self-tests and the gates apart, then the total', () => {
        const report = {
            testResults: [
                file('test/unit/a.test.ts', ['passed', 'passed', 'failed']),
                file('test/instance/generate.test.ts', ['passed']),
                file('test/instance/double/glide-record.test.ts', ['passed', 'passed', 'passed', 'failed']),
            ],
        }
        expect(summarize(report, gates, 1).lines).toEqual([
            '[test] product tests (jest, all but test/instance/double): 3 passed, 1 failed',
            '[test] instance double self-tests (test/instance/double): 3 passed, 1 failed',
            '[test] skipped: 0, todo: 0 (each one counts as a failure)',
            '[test] gates (lint (eslint), typecheck (tsc), build --frozenKeys): 2 passed, 1 failed',
            '8 passed, 3 failed',
        ])
    })

    it('counts a test file that failed without a failed test (a throwing beforeAll, a syntax error) as one failure', () => {
        const report = { testResults: [file('test/browser/reveal-dialog.test.ts', [], 'failed'), file('test/instance/double/x.test.ts', ['passed'])] }
        expect(summarize(report, [], 1).lines.slice(0, 2)).toEqual([
            '[test] product tests (jest, all but test/instance/double): 0 passed, 1 failed',
            '[test] instance double self-tests (test/instance/double): 1 passed, 0 failed',
        ])
    })

    it('never passes when jest failed without a report', () => {
        expect(summarize({}, [{ name: 'lint (eslint)', ok: true }], 1).lines.at(-1)).toBe('1 passed, 1 failed')
    })

    it('never passes when jest ran no test, even with exit 0', () => {
        const lines = summarize({ testResults: [], numTotalTests: 0 }, [{ name: 'lint (eslint)', ok: true }], 0).lines
        expect(lines.slice(-3)).toEqual([
            '[test] jest ran no test: counted as a failure',
            '[test] gates (lint (eslint)): 1 passed, 0 failed',
            '1 passed, 1 failed',
        ])
    })

    it('prints the skipped and todo counts and counts each one as a failure', () => {
        const report = {
            testResults: [file('test/unit/a.test.ts', ['passed', 'pending', 'todo', 'todo']), file('test/instance/double/b.test.ts', ['passed', 'disabled'])],
        }
        const lines = summarize(report, [], 0).lines
        expect(lines).toEqual([
            '[test] product tests (jest, all but test/instance/double): 1 passed, 0 failed',
            '[test] instance double self-tests (test/instance/double): 1 passed, 0 failed',
            '[test] skipped: 2, todo: 2 (each one counts as a failure)',
            '[test] gates (): 0 passed, 0 failed',
            '2 passed, 4 failed',
        ])
    })

    it("takes jest's own skipped and todo totals when a skipped file left no test results", () => {
        const report = { numPendingTests: 3, numTodoTests: 1, testResults: [file('test/unit/a.test.ts', ['passed'])] }
        expect(summarize(report, [], 0).lines.slice(2)).toEqual([
            '[test] skipped: 3, todo: 1 (each one counts as a failure)',
            '[test] gates (): 0 passed, 0 failed',
            '1 passed, 4 failed',
        ])
    })

    it('a clean run with tests passes', () => {
        expect(summarize({ testResults: [file('test/unit/a.test.ts', ['passed'])] }, [{ name: 'lint (eslint)', ok: true }], 0).lines.at(-1)).toBe('2 passed, 0 failed')
    })
})
