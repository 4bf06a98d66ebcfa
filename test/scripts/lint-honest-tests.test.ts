// eslint (eslint.config.mjs with eslint-plugin-jest) refuses a skipped, focused or assertion-free test in test/.
// Each case lints one small test file through the project's own config, as npm test's lint gate does.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const ROOT = join(__dirname, '..', '..')

const CASES: [string, string, string[]][] = [
    [
        'a test that asserts with expect or a listed helper',
        `function expectNoLeak(x: number): void { expect(x).toBe(1) }
describe('d', () => {
    it('a', () => { expect(1).toBe(1) })
    it('b', () => { expectNoLeak(1) })
})`,
        [],
    ],
    ['it.skip', `it.skip('a', () => { expect(1).toBe(1) })`, ['jest/no-disabled-tests']],
    ['xit', `xit('a', () => { expect(1).toBe(1) })`, ['jest/no-disabled-tests']],
    ['describe.skip', `describe.skip('d', () => { it('a', () => { expect(1).toBe(1) }) })`, ['jest/no-disabled-tests']],
    ['it.only', `it.only('a', () => { expect(1).toBe(1) })`, ['jest/no-focused-tests']],
    ['fdescribe', `fdescribe('d', () => { it('a', () => { expect(1).toBe(1) }) })`, ['jest/no-focused-tests']],
    ['a test without an assertion', `it('a', () => { const x = 1; void x })`, ['jest/expect-expect']],
    ['a test whose only call is an unlisted helper', `function looksFine(): void {}\nit('a', () => { looksFine() })`, ['jest/expect-expect']],
]

/** Lints every case in one eslint process (the project's config, as a file under test/); returns the rule ids hit. */
function lintAll(sources: string[]): string[][] {
    const script = `import { ESLint } from 'eslint'
const sources = JSON.parse(process.argv[1])
const eslint = new ESLint({ cwd: process.cwd() })
const out = []
for (const s of sources) {
    const [r] = await eslint.lintText(s + '\\n', { filePath: process.cwd() + '/test/unit/lint-probe.test.ts' })
    out.push(r.messages.map((m) => String(m.ruleId)))
}
console.log(JSON.stringify(out))`
    const res = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(sources)], { cwd: ROOT, encoding: 'utf8' })
    if (res.status !== 0) throw new Error(res.stderr)
    return JSON.parse(res.stdout)
}

describe('lint refuses tests that hide something', () => {
    let results: string[][]
    beforeAll(() => {
        results = lintAll(CASES.map(([, source]) => source))
    })

    it.each(CASES.map(([name, , rules], i) => [name, i, rules] as const))('%s: rules hit', (_name, i, rules) => {
        expect(results[i]).toEqual(rules)
    })
})
