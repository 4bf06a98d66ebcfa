// npm test: lint, typecheck, the --frozenKeys build, then jest. Every gate runs; any failure fails the whole command.
// The last line is the plain summary CI reads: "N passed, N failed" (each gate counts as one, plus every jest test).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, nowSdk, run } from './lib/run.mjs'

const bin = (name) => join(ROOT, 'node_modules', '.bin', name)
const resultsDir = join(ROOT, '.test-results')
mkdirSync(resultsDir, { recursive: true })

const gates = []
function gate(name, code) {
    gates.push({ name, ok: code === 0 })
    console.log(`\n[test] ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`}\n`)
    return code === 0
}

gate('lint (eslint)', run(bin('eslint'), ['.', '--max-warnings=0']))
gate('typecheck (tsc)', run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']))
const built = gate('build --frozenKeys', nowSdk(['build', '--frozenKeys']))

const jestJson = join(resultsDir, 'jest.json')
writeFileSync(jestJson, '{}')
const jestArgs = ['--json', `--outputFile=${jestJson}`, ...process.argv.slice(2)]
const jestCode = run(bin('jest'), jestArgs, { env: { ...process.env, ARTIFACTS_PREBUILT: built ? '1' : '' } })

let jestPassed = 0
let jestFailed = 0
try {
    const report = JSON.parse(readFileSync(jestJson, 'utf8'))
    jestPassed = report.numPassedTests ?? 0
    jestFailed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0)
} catch {
    jestFailed = 1
}
if (jestCode !== 0 && jestFailed === 0) jestFailed = 1 // jest failed without a counted test (config error, coverage, ...)

const gatePassed = gates.filter((g) => g.ok).length
const gateFailed = gates.length - gatePassed
const passed = gatePassed + jestPassed
const failed = gateFailed + jestFailed
for (const g of gates) if (!g.ok) console.log(`[test] failed gate: ${g.name}`)
const summary = `${passed} passed, ${failed} failed`
writeFileSync(join(resultsDir, 'summary.txt'), summary + '\n')
console.log(summary)
process.exit(failed === 0 ? 0 : 1)
