// Run by `npm run bench -- fleet` (not by `npm test`): the compiled fleet doctor on 60 account-regions (15 accounts
// x 4 regions) and on one, against the loopback AWS stub answering every call after 50 ms. Prints one line.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AwsStub } from '../support/aws-stub'
import { awsTestEnv, buildCli, removeCliBuild, runCli } from '../support/cli-process'
import { FLEET_ROLE, FLEET_TOPIC, healthyFleet } from '../support/fleet-fixture'

const ACCOUNTS = Array.from({ length: 15 }, (_, i) => String(100000000001 + i))
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2', 'sa-east-1']

async function timedFleet(cli: string, stub: AwsStub, dir: string, accounts: string[], regions: string[]): Promise<{ seconds: number; calls: number }> {
    const file = join(dir, `accounts-${accounts.length}.txt`)
    writeFileSync(file, accounts.join('\n') + '\n')
    stub.calls.length = 0
    const start = process.hrtime.bigint()
    const run = await runCli(cli, ['doctor', '--topic-name', FLEET_TOPIC, '--accounts', file, '--regions', regions.join(','), '--role-name', FLEET_ROLE, '--json'], awsTestEnv(stub.url, join(dir, 'home')))
    const seconds = Number(process.hrtime.bigint() - start) / 1e9
    const report = JSON.parse(run.stdout) as { exitCode: number; cells: { worst: string }[] }
    // The bench measures a healthy fleet only: every cell checked and passing.
    expect({ exitCode: report.exitCode, cells: report.cells.length, notPassing: report.cells.filter((c) => c.worst !== 'pass').length }).toEqual({
        exitCode: 0, cells: accounts.length * regions.length, notPassing: 0,
    })
    return { seconds, calls: stub.calls.length }
}

it('measures the fleet doctor on 60 account-regions against one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sn-aws-fleet-bench-'))
    const cli = buildCli('fleet-bench')
    const stub = new AwsStub()
    await stub.start()
    try {
        healthyFleet(stub, ACCOUNTS, REGIONS)
        stub.latencyMs = 50
        const one = await timedFleet(cli, stub, dir, ACCOUNTS.slice(0, 1), REGIONS.slice(0, 1))
        const all = await timedFleet(cli, stub, dir, ACCOUNTS, REGIONS)
        const cells = ACCOUNTS.length * REGIONS.length
        // Both runs checked a healthy fleet (timedFleet asserts it); the whole fleet made the calls of every cell.
        expect(all.calls).toBeGreaterThan(one.calls * (cells - 1))
        const line = `doctor fleet: ${cells} account-regions in ${all.seconds.toFixed(2)} s, one account-region in ${one.seconds.toFixed(2)} s, ratio ${(all.seconds / one.seconds).toFixed(2)}, AWS calls per cell ${(all.calls / cells).toFixed(2)}`
        const out = join(__dirname, '..', '..', '.test-results')
        mkdirSync(out, { recursive: true })
        writeFileSync(join(out, 'doctor-fleet.json'), JSON.stringify([line]))
    } finally {
        await stub.stop()
        removeCliBuild(cli)
        rmSync(dir, { recursive: true, force: true })
    }
}, 300000)
