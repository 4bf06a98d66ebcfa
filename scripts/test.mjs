// npm test: lint, typecheck, the --frozenKeys build, then jest. Every gate runs; any failure fails the whole command.
// It prints the product tests, the instance double's self-tests and the gates apart, then the plain last line CI
// reads: "N passed, N failed" (each gate counts as one, plus every jest test). target/ from `npm run build` survives.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildKeepingTarget } from './lib/build-keeping-target.mjs'
import { ROOT, run } from './lib/run.mjs'
import { summarize } from './lib/test-summary.mjs'

const bin = (name) => join(ROOT, 'node_modules', '.bin', name)
const resultsDir = join(ROOT, '.test-results')
mkdirSync(resultsDir, { recursive: true })
rmSync(join(resultsDir, 'platform-matrix.txt'), { force: true })

const gates = []
function gate(name, code) {
    gates.push({ name, ok: code === 0 })
    console.log(`\n[test] ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`}\n`)
    return code === 0
}

gate('lint (eslint)', run(bin('eslint'), ['.', '--max-warnings=0']))
gate('typecheck (tsc)', run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']))
const built = gate('build --frozenKeys', buildKeepingTarget(['--frozenKeys']))

const jestJson = join(resultsDir, 'jest.json')
writeFileSync(jestJson, '{}')
const jestArgs = ['--json', `--outputFile=${jestJson}`, ...process.argv.slice(2)]
const jestCode = run(bin('jest'), jestArgs, { env: { ...process.env, ARTIFACTS_PREBUILT: built ? '1' : '' } })

let report = {}
let reportReadable = true
try {
    report = JSON.parse(readFileSync(jestJson, 'utf8'))
} catch {
    reportReadable = false
}
const summary = summarize(report, gates, reportReadable ? jestCode : jestCode || 1)
for (const g of gates) if (!g.ok) console.log(`[test] failed gate: ${g.name}`)
// The platform matrix (test/instance/platform-matrix.test.ts) writes how many switch combinations it ran.
const matrixFile = join(resultsDir, 'platform-matrix.txt')
if (existsSync(matrixFile)) console.log(`[test] ${readFileSync(matrixFile, 'utf8').trim()}`)
for (const line of summary.lines) console.log(line)
writeFileSync(join(resultsDir, 'summary.txt'), summary.lines.at(-1) + '\n')
process.exit(summary.total.failed === 0 ? 0 : 1)
