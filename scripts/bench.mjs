// npm run bench: build time of this app and of a bare `now-sdk init` template app measured in the same run,
// the time of `npm test`, the query budgets measured on the instance double, and the throughput of
// `sn-aws-verify replay` against the loopback AWS and Event Management stubs (test/bench/*.bench.ts).
// `npm run bench -- replay` (or `npm run bench:replay`) runs only the replay section; `npm run bench -- watch` only
// the watch's cost against the size of em_event; `npm run bench -- heartbeat` the heartbeat watch's; `npm run bench --
// fleet` the fleet doctor on 60 account-regions against one (the stub answers each AWS call after 50 ms); `npm run
// bench -- cli` only the startup of the installed CLI (`npm run pack:cli`, installed from the tarball into a temporary
// prefix, run from an empty folder).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { withTargetKept } from './lib/build-keeping-target.mjs'
import { ROOT } from './lib/run.mjs'

const NOW_SDK = join(ROOT, 'node_modules', '.bin', 'now-sdk')
const quiet = { stdio: 'pipe', encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test' } }

function timed(label, cmd, args, cwd) {
    const start = process.hrtime.bigint()
    const res = spawnSync(cmd, args, { ...quiet, cwd })
    const seconds = Number(process.hrtime.bigint() - start) / 1e9
    if (res.status !== 0) {
        console.error(`${label} failed (exit ${res.status}):\n${res.stdout}\n${res.stderr}`)
        process.exit(1)
    }
    return seconds
}

/** Record XML files the last build wrote to dist/app. */
function countRecords() {
    const dir = join(ROOT, 'dist', 'app')
    if (!existsSync(dir)) return 'unknown'
    return readdirSync(dir, { recursive: true }).filter((f) => /^(scope|update)[\\/].+\.xml$/.test(String(f))).length
}

function median(values) {
    const sorted = [...values].sort((a, b) => a - b)
    return sorted[Math.floor(sorted.length / 2)]
}

const jest = join(ROOT, 'node_modules', '.bin', 'jest')
const resultsDir = join(ROOT, '.test-results')

/** Runs one test/bench/*.bench.ts file and prints the lines it wrote to .test-results/<name>.json. */
function benchFile(label, file, results) {
    const out = join(resultsDir, results)
    rmSync(out, { force: true })
    timed(label, jest, ['--testMatch', `**/test/bench/${file}`, '--runInBand'], ROOT)
    if (existsSync(out)) for (const line of JSON.parse(readFileSync(out, 'utf8'))) console.log(line)
}

/** Packs the CLI, installs the tarball in a temporary prefix, and times --help and doctor --help there. */
function cliStartup() {
    const work = mkdtempSync(join(tmpdir(), 'bench-cli-'))
    try {
        const pack = spawnSync(process.execPath, [join(ROOT, 'scripts', 'pack-cli.mjs')], { ...quiet, cwd: ROOT })
        if (pack.status !== 0) throw new Error(`pack:cli failed: ${pack.stderr}`)
        const tarball = pack.stdout.trim().split('\n').at(-1)
        const prefix = join(work, 'prefix')
        timed('npm install -g <tarball>', 'npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], work)
        const bin = join(prefix, 'bin', 'sn-aws-verify')
        const empty = mkdtempSync(join(work, 'empty-'))
        const times = (args) => Array.from({ length: 5 }, () => timed(`sn-aws-verify ${args.join(' ')}`, bin, args, empty))
        const help = median(times(['--help']))
        const doctorHelp = median(times(['doctor', '--help']))
        // Node's own start on this machine, under the same load, so the figure can be read on a busy machine.
        const node = median(Array.from({ length: 5 }, () => timed('node -e ""', process.execPath, ['-e', ''], empty)))
        const ms = (s) => `${(s * 1000).toFixed(0)} ms`
        console.log(
            `sn-aws-verify from its tarball (median of 5, empty folder): --help ${ms(help)}, doctor --help ${ms(doctorHelp)} ` +
                `(loads the AWS SDK); node alone ${ms(node)} (target: --help < 1000 ms)`,
        )
    } finally {
        rmSync(work, { recursive: true, force: true })
    }
}

if (process.argv.includes('cli')) {
    cliStartup()
    process.exit(0)
}

if (process.argv.includes('watch')) {
    benchFile('watch cost', 'watch-cost.bench.ts', 'watch-cost.json')
    process.exit(0)
}

if (process.argv.includes('fleet')) {
    benchFile('doctor fleet', 'doctor-fleet.bench.ts', 'doctor-fleet.json')
    process.exit(0)
}

if (process.argv.includes('heartbeat')) {
    benchFile('heartbeat watch cost', 'heartbeat-cost.bench.ts', 'heartbeat-cost.json')
    process.exit(0)
}

if (process.argv.includes('replay')) {
    benchFile('replay throughput', 'replay-throughput.bench.ts', 'replay-throughput.json')
    process.exit(0)
}

const runs = Number(process.env.BENCH_RUNS || 3)
const template = mkdtempSync(join(tmpdir(), 'bench-template-'))
try {
    timed('now-sdk init', NOW_SDK, ['init', '--appName', 'Bench Template', '--packageName', 'bench-template', '--scopeName', 'x_bench_tpl', '--template', 'typescript.basic'], template)
    symlinkSync(join(ROOT, 'node_modules'), join(template, 'node_modules'))
    const templateTimes = []
    const appTimes = []
    // Interleaved, so both see the same machine load.
    for (let i = 0; i < runs; i++) {
        templateTimes.push(timed('template build', NOW_SDK, ['build'], template))
        // now-sdk build empties target/: keep the zip of `npm run build`.
        appTimes.push(withTargetKept(ROOT, () => timed('app build', NOW_SDK, ['build'], ROOT)))
    }
    const app = median(appTimes)
    const tpl = median(templateTimes)
    console.log(`build (median of ${runs}): this app ${app.toFixed(2)} s, bare template app ${tpl.toFixed(2)} s, ratio ${(app / tpl).toFixed(2)}`)
    console.log(
        '  (information: the SDK spends a fixed time per record and per server module, so the ratio follows how many of ' +
            `each the app ships: ${countRecords()} records here, against the template's handful and its one module)`,
    )
} finally {
    rmSync(template, { recursive: true, force: true })
}

const testSeconds = timed('npm test', 'npm', ['test'], ROOT)
console.log(`npm test: ${testSeconds.toFixed(1)} s (target <= 90 s)`)

const budgetFile = join(resultsDir, 'query-budgets.json')
rmSync(budgetFile, { force: true })
timed('query budgets', jest, ['--testMatch', '**/test/bench/query-budgets.bench.ts', '--runInBand'], ROOT)
if (existsSync(budgetFile)) {
    for (const line of JSON.parse(readFileSync(budgetFile, 'utf8'))) console.log(`query budget: ${line}`)
}

benchFile('watch cost', 'watch-cost.bench.ts', 'watch-cost.json')
benchFile('heartbeat watch cost', 'heartbeat-cost.bench.ts', 'heartbeat-cost.json')
benchFile('doctor fleet', 'doctor-fleet.bench.ts', 'doctor-fleet.json')
benchFile('replay throughput', 'replay-throughput.bench.ts', 'replay-throughput.json')
cliStartup()
