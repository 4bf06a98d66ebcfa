// Run by `npm run bench -- fleet` (not by `npm test`): the compiled fleet doctor on 60 account-regions (15 accounts
// x 4 regions) and on one, and the single-topic doctor (`doctor --topic-arn`) on one topic, against the loopback AWS
// stub answering every call after 50 ms. Every run checks a healthy fleet, and the stub's own call log must show
// that each cell made exactly the calls of the single-topic doctor, plus one sts:AssumeRole per account.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AwsStub, type StubCall } from '../support/aws-stub'
import { awsTestEnv, buildCli, removeCliBuild, runCli } from '../support/cli-process'
import { FLEET_ROLE, FLEET_TOPIC, healthyFleet, topicArnOf } from '../support/fleet-fixture'

const ACCOUNTS = Array.from({ length: 15 }, (_, i) => String(100000000001 + i))
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2', 'sa-east-1']
/** Runs of each kind, interleaved so that all kinds see the same machine load; the median is reported. */
const RUNS = 3

interface Measured {
    seconds: number
    calls: StubCall[]
    /** The account of each temporary access key STS handed out during the run (one per AssumeRole that succeeded). */
    sessions: Map<string, string>
}

async function measure(cli: string, stub: AwsStub, dir: string, args: string[]): Promise<{ run: Measured; report: unknown }> {
    stub.calls.length = 0
    const before = new Set(stub.sessions.keys())
    const start = process.hrtime.bigint()
    const run = await runCli(cli, [...args, '--json'], awsTestEnv(stub.url, join(dir, 'home')))
    const seconds = Number(process.hrtime.bigint() - start) / 1e9
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' })
    const sessions = new Map([...stub.sessions].filter(([key]) => !before.has(key)))
    return { run: { seconds, calls: [...stub.calls], sessions }, report: JSON.parse(run.stdout) }
}

/** The single-topic doctor on one healthy topic: every finding passes; its calls are the reference of one cell. */
async function singleTopic(cli: string, stub: AwsStub, dir: string): Promise<Measured> {
    const { run, report } = await measure(cli, stub, dir, ['doctor', '--topic-arn', topicArnOf(ACCOUNTS[0], REGIONS[0])])
    const r = report as { exitCode: number; findings: { level: string }[] }
    expect({ exitCode: r.exitCode, notPassing: r.findings.filter((f) => f.level !== 'pass').length }).toEqual({ exitCode: 0, notPassing: 0 })
    expect(r.findings.length).toBeGreaterThan(0)
    return run
}

const sortedActions = (calls: StubCall[]) => calls.map((c) => `${c.service}:${c.action}`).sort()

/**
 * The fleet doctor on `accounts` x `regions` of a healthy fleet. Proves from the report that every cell was checked
 * once and passed, and from the stub's call log that STS was asked once per account, and that each cell made exactly
 * the calls `reference` (the single-topic doctor) made, signed with that account's assumed role in that region.
 */
async function fleet(cli: string, stub: AwsStub, dir: string, accounts: string[], regions: string[], reference: Measured): Promise<Measured> {
    const file = join(dir, `accounts-${accounts.length}.txt`)
    writeFileSync(file, accounts.join('\n') + '\n')
    const args = ['doctor', '--topic-name', FLEET_TOPIC, '--accounts', file, '--regions', regions.join(','), '--role-name', FLEET_ROLE]
    const { run, report } = await measure(cli, stub, dir, args)
    const r = report as { exitCode: number; cells: { account: string; region: string; worst: string }[] }
    const expectedCells = accounts.flatMap((a) => regions.map((region) => `${a} ${region}`)).sort()
    expect({ exitCode: r.exitCode, cells: r.cells.map((c) => `${c.account} ${c.region}`).sort(), notPassing: r.cells.filter((c) => c.worst !== 'pass') }).toEqual({
        exitCode: 0,
        cells: expectedCells,
        notPassing: [],
    })
    const sts = run.calls.filter((c) => c.service === 'sts')
    expect({ sts: sortedActions(sts), assumedAccounts: [...run.sessions.values()].sort() }).toEqual({
        sts: accounts.map(() => 'sts:AssumeRole'),
        assumedAccounts: [...accounts].sort(),
    })
    const byCell = new Map<string, StubCall[]>()
    for (const c of run.calls.filter((x) => x.service !== 'sts')) {
        const key = `${run.sessions.get(c.accessKeyId) ?? `not an assumed role (${c.accessKeyId})`} ${c.region}`
        byCell.set(key, [...(byCell.get(key) ?? []), c])
    }
    const reference1 = sortedActions(reference.calls)
    expect([...byCell].map(([cell, calls]) => [cell, sortedActions(calls)]).sort()).toEqual(expectedCells.map((cell) => [cell, reference1]))
    return run
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

it('measures the fleet doctor on 60 account-regions against one, and its AWS calls against the single-topic doctor', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sn-aws-fleet-bench-'))
    const cli = buildCli('fleet-bench')
    const stub = new AwsStub()
    await stub.start()
    try {
        healthyFleet(stub, ACCOUNTS, REGIONS)
        stub.latencyMs = 50
        const single: Measured[] = []
        const one: Measured[] = []
        const all: Measured[] = []
        for (let i = 0; i < RUNS; i++) {
            single.push(await singleTopic(cli, stub, dir))
            one.push(await fleet(cli, stub, dir, ACCOUNTS.slice(0, 1), REGIONS.slice(0, 1), single[i]))
            all.push(await fleet(cli, stub, dir, ACCOUNTS, REGIONS, single[i]))
        }
        const cells = ACCOUNTS.length * REGIONS.length
        const allSeconds = median(all.map((m) => m.seconds))
        const oneSeconds = median(one.map((m) => m.seconds))
        const ratio = allSeconds / oneSeconds
        // Every run made the same number of calls, so one run's counts stand for all.
        expect([...single, ...one, ...all].map((m) => m.calls.length)).toEqual([...single.map(() => single[0].calls.length), ...one.map(() => one[0].calls.length), ...all.map(() => all[0].calls.length)])
        const perCell = all[0].calls.length / cells
        const cellChecks = all[0].calls.filter((c) => c.service !== 'sts').length / cells
        const singleChecks = single[0].calls.length
        const assumePerCell = all[0].calls.filter((c) => c.service === 'sts').length / cells
        const lines = [
            `doctor fleet: ${cells} account-regions in ${allSeconds.toFixed(2)} s, one account-region in ${oneSeconds.toFixed(2)} s, ratio ${ratio.toFixed(2)}, AWS calls per cell ${perCell.toFixed(2)}`,
            `  (median of ${RUNS}, interleaved; --concurrency default; stub latency ${stub.latencyMs} ms a call. Per cell: ${cellChecks} topic-check calls; the ` +
                `single-topic doctor makes ${singleChecks} for one topic (doctor --topic-arn, measured: median ${median(single.map((m) => m.seconds)).toFixed(2)} s), ` +
                `plus sts:AssumeRole once per account, shared by its ${REGIONS.length} regions: ${assumePerCell.toFixed(2)} a cell. ` +
                `Targets: ratio <= 3 (${ratio <= 3 ? 'met' : 'not met'}); topic-check calls per cell <= single-topic's (${cellChecks <= singleChecks ? 'met' : 'not met'}))`,
        ]
        const out = join(__dirname, '..', '..', '.test-results')
        mkdirSync(out, { recursive: true })
        writeFileSync(join(out, 'doctor-fleet.json'), JSON.stringify(lines))
    } finally {
        await stub.stop()
        removeCliBuild(cli)
        rmSync(dir, { recursive: true, force: true })
    }
}, 600000)
