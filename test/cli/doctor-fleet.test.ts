// The fleet doctor end to end: the compiled CLI with the real AWS SDK v3 clients (STS, Organizations, SNS, SQS,
// CloudWatch) against the loopback stub. 3 accounts x 2 regions; two injected faults, each reported in exactly its
// cell; one account whose role cannot be assumed is "could not check" in its own row while the rest still runs.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FleetCell as Cell } from '../../src/cli/fleet-rules.ts'
import { startAwsStub } from '../support/alarm-path-stubs.ts'
import type { AwsStub } from '../support/aws-stub.ts'
import { makeCliWorkspace, removeCliWorkspace, runCli, writeSecretFile, type Run } from '../support/cli-process.ts'
import { loadTemplate } from '../support/fleet-template.ts'
import { FLEET_ENDPOINT, FLEET_ROLE, FLEET_TOPIC, healthyFleet, ownerOnlyTopicPolicy, topicArnOf } from '../support/fleet-fixture.ts'
import { expectNoCanary } from '../support/no-canary.ts'

const PROD = '111111111111'
const DEV = '222222222222'
const LOCKED = '333333333333'
const ACCOUNTS = [PROD, DEV, LOCKED]
const REGIONS = ['eu-west-1', 'us-east-1']

let dir: string
let cli: string
let stub: AwsStub
let env: NodeJS.Dict<string>
let accountsFile: string
let endpointFile: string

function noCanary(run: Run): void {
    expectNoCanary(run.stdout, run.stderr)
}

const fleetArgs = (extra: string[] = []) => ['doctor', '--topic-name', FLEET_TOPIC, '--regions', REGIONS.join(','), '--role-name', FLEET_ROLE, ...extra]

async function fleet(extra: string[] = ['--accounts', accountsFile]): Promise<{ run: Run; report: { exitCode: number; cells: Cell[] } }> {
    const run = await runCli(cli, [...fleetArgs(extra), '--json'], env)
    noCanary(run)
    return { run, report: JSON.parse(run.stdout) }
}

/** The two faults of the scenario: a topic policy without the CloudWatch grant, an alarm without an OK action. */
function injectFaults(): void {
    stub.topics.get(topicArnOf(PROD, 'us-east-1'))!.Policy = ownerOnlyTopicPolicy(topicArnOf(PROD, 'us-east-1'), PROD)
    stub.alarms.find((a) => a.AlarmArn === `arn:aws:cloudwatch:eu-west-1:${DEV}:alarm:cpu-high-eu-west-1`)!.OKActions = []
}

const cellOf = (cells: Cell[], account: string, region: string) => {
    const found = cells.filter((c) => c.account === account && c.region === region)
    expect(found).toHaveLength(1)
    return found[0]
}
const notPassing = (c: Cell) => c.findings.filter((f) => f.level !== 'pass').map((f) => [f.id, f.level])

beforeAll(() => {
    ;({ dir, cli } = makeCliWorkspace('fleet'))
    accountsFile = join(dir, 'accounts.txt')
    writeFileSync(accountsFile, `# the fleet\n${PROD}\tprod\n${DEV}, dev\n${LOCKED} sandbox\n`)
    endpointFile = writeSecretFile(dir, 'endpoint.txt', `${FLEET_ENDPOINT}\n`)
}, 60000)

beforeEach(async () => {
    ;({ aws: stub, env } = await startAwsStub(dir))
    healthyFleet(stub, ACCOUNTS, REGIONS, [LOCKED])
})

afterEach(() => stub.stop())

afterAll(() => removeCliWorkspace({ dir, cli }))

describe('fleet doctor: 3 accounts x 2 regions', () => {
    it('reports each injected fault in exactly its cell, every other checkable cell passes, the locked account could not be checked', async () => {
        injectFaults()
        const { run, report } = await fleet(['--accounts', accountsFile, '--endpoint-file', endpointFile])
        expect(run.code).toBe(2)
        expect(report.exitCode).toBe(2)
        // Each checked cell was read with its own account's assumed role, never with the caller's own credentials.
        const fleetCalls = [...stub.calls]
        for (const call of fleetCalls.filter((c) => c.service !== 'sts')) expect(stub.sessions.get(call.accessKeyId)).toMatch(/^(111111111111|222222222222)$/)
        expect(report.cells.map((c) => `${c.account} ${c.region}`)).toEqual(ACCOUNTS.flatMap((a) => REGIONS.map((r) => `${a} ${r}`)))
        const policyCell = cellOf(report.cells, PROD, 'us-east-1')
        expect(policyCell.worst).toBe('fail')
        expect(notPassing(policyCell)).toEqual([['topic.policy', 'fail']])
        const okCell = cellOf(report.cells, DEV, 'eu-west-1')
        expect(okCell.worst).toBe('warn')
        expect(notPassing(okCell)).toEqual([['alarms.ok-actions', 'warn']])
        expect(okCell.findings.find((f) => f.id === 'alarms.ok-actions')?.summary).toMatch(/: cpu-high-eu-west-1$/)
        for (const [account, region] of [[PROD, 'eu-west-1'], [DEV, 'us-east-1']]) {
            const c = cellOf(report.cells, account, region)
            expect([c.worst, notPassing(c)]).toEqual(['pass', []])
            // Every single-topic check ran on this cell: the same findings as the single-topic doctor on its ARN.
            const single = await runCli(cli, ['doctor', '--topic-arn', topicArnOf(account, region), '--endpoint-file', endpointFile, '--json'], env)
            expect(c.findings).toEqual(JSON.parse(single.stdout).findings)
            expect(c.findings.length).toBeGreaterThanOrEqual(15)
        }
        for (const region of REGIONS) {
            const locked = cellOf(report.cells, LOCKED, region)
            expect(locked.worst).toBe('error')
            expect(locked.findings).toEqual([
                {
                    id: 'account.assume-role',
                    level: 'error',
                    summary: expect.stringMatching(new RegExp(`^could not assume arn:aws:iam::${LOCKED}:role/${FLEET_ROLE}: access denied`)),
                    fix: [expect.stringMatching(/doctor-role\.yaml/)],
                    failure: { kind: 'access-denied', iamAction: 'sts:AssumeRole' },
                },
            ])
        }
        // One AssumeRole per account, shared by its regions.
        expect(stub.calls.filter((c) => c.action === 'AssumeRole')).toHaveLength(3)
    })

    it('assumes each role once for all its regions, and each cell makes exactly the calls of the single-topic doctor, signed with its account\'s session (the stub\'s call log)', async () => {
        const single = await runCli(cli, ['doctor', '--topic-arn', topicArnOf(PROD, REGIONS[0]), '--json'], env)
        expect(single.code).toBe(0)
        const actions = (calls: typeof stub.calls) => calls.map((c) => `${c.service}:${c.action}`).sort()
        const singleActions = actions(stub.calls)
        stub.calls.length = 0
        const before = new Set(stub.sessions.keys())
        const { run } = await fleet()
        expect(run.code).toBe(2) // the locked account could not be checked
        const sessions = new Map([...stub.sessions].filter(([key]) => !before.has(key)))
        // One AssumeRole per account (the locked one tried once too); one session for each account that has the role.
        expect(actions(stub.calls.filter((c) => c.service === 'sts'))).toEqual(ACCOUNTS.map(() => 'sts:AssumeRole'))
        expect([...sessions.values()].sort()).toEqual([PROD, DEV])
        const byCell = new Map<string, typeof stub.calls>()
        for (const c of stub.calls.filter((x) => x.service !== 'sts')) {
            const key = `${sessions.get(c.accessKeyId) ?? `not an assumed role (${c.accessKeyId})`} ${c.region}`
            byCell.set(key, [...(byCell.get(key) ?? []), c])
        }
        const checkable = [PROD, DEV].flatMap((a) => REGIONS.map((r) => `${a} ${r}`)).sort()
        expect([...byCell].map(([cell, calls]) => [cell, actions(calls)]).sort()).toEqual(checkable.map((cell) => [cell, singleActions]))
    })

    it('prints an account x region matrix with the worst finding per cell and the locked account in its own row', async () => {
        injectFaults()
        const run = await runCli(cli, fleetArgs(['--accounts', accountsFile]), env)
        noCanary(run)
        expect(run.code).toBe(2)
        const lines = run.stdout.split('\n')
        expect(lines[0]).toBe(`sn-aws-verify doctor: topic ${FLEET_TOPIC} in 3 account(s) x 2 region(s), role ${FLEET_ROLE}`)
        expect(lines[1]).toMatch(/^account\s+eu-west-1\s+us-east-1$/)
        expect(lines[2]).toMatch(/^111111111111 \(prod\)\s+PASS\s+FAIL topic\.policy$/)
        expect(lines[3]).toMatch(/^222222222222 \(dev\)\s+WARN alarms\.ok-actions\s+PASS$/)
        expect(lines[4]).toMatch(/^333333333333 \(sandbox\)\s+could not check: could not assume arn:aws:iam::333333333333:role\/sn-aws-verify-doctor: access denied/)
        expect(run.stdout).toMatch(/^FAIL {2}111111111111 us-east-1 topic\.policy: the topic policy does not let cloudwatch\.amazonaws\.com publish/m)
        expect(run.stdout).toMatch(/^WARN {2}222222222222 eu-west-1 alarms\.ok-actions: /m)
        expect(run.stdout).toMatch(/^ERROR 333333333333 \(every region\) account\.assume-role: /m)
        expect(run.stdout).toMatch(/^6 account-regions: 2 pass, 1 warn, 1 fail, 2 could not be checked \(exit 2\)$/m)
    })

    it('a healthy fleet exits 0, and asks CloudWatch only for the alarms on each topic (ActionPrefix)', async () => {
        stub.pageSize = 1
        // Noise: many alarms on other topics in every account and region.
        for (const account of [PROD, DEV]) {
            for (const region of REGIONS) {
                for (let i = 0; i < 4; i++) {
                    stub.alarms.push({ AlarmName: `other-${i}`, AlarmArn: `arn:aws:cloudwatch:${region}:${account}:alarm:other-${i}`, ActionsEnabled: true, AlarmActions: [`arn:aws:sns:${region}:${account}:pager`], OKActions: [], InsufficientDataActions: [], StateValue: 'OK' })
                }
            }
        }
        const { run, report } = await fleet(['--accounts', accountsFile.replace('accounts.txt', 'two.txt')].map((x, i) => (i === 1 ? writeTwo() : x)))
        expect(run.code).toBe(0)
        expect(report.cells.map((c) => c.worst)).toEqual(['pass', 'pass', 'pass', 'pass'])
        expect(stub.calls.filter((c) => c.action === 'DescribeAlarms')).toHaveLength(4)
    })

    it('--org lists the active accounts of the organization page by page (suspended ones are left out)', async () => {
        stub.pageSize = 1
        stub.orgAccounts = [
            { Id: PROD, Name: 'prod', Status: 'ACTIVE' },
            { Id: '444444444444', Name: 'closed', Status: 'SUSPENDED' },
            { Id: DEV, Name: 'dev', Status: 'ACTIVE' },
            { Id: LOCKED, Name: 'sandbox', Status: 'ACTIVE' },
        ]
        injectFaults()
        const { run, report } = await fleet(['--org'])
        expect(run.code).toBe(2)
        expect([...new Set(report.cells.map((c) => c.account))]).toEqual([PROD, DEV, LOCKED])
        expect(stub.calls.filter((c) => c.action === 'ListAccounts')).toHaveLength(4)
        expect(report.cells.map((c) => c.worst)).toEqual(['pass', 'fail', 'warn', 'pass', 'error', 'error'])
    })

    it('--org without the right to list accounts is bad input that says what to do', async () => {
        stub.denied.add('organizations:ListAccounts')
        const run = await runCli(cli, fleetArgs(['--org']), env)
        expect(run.code).toBe(4)
        expect(run.stderr).toMatch(/--org: could not list the accounts of the organization: access denied.*organizations:ListAccounts.*--accounts <file>/)
    })

    it('--concurrency 1 gives the same report as the default', async () => {
        injectFaults()
        const a = await fleet(['--accounts', accountsFile])
        const b = await fleet(['--accounts', accountsFile, '--concurrency', '1'])
        expect(b.report).toEqual(a.report)
    })

    it.each([
        [['doctor', '--topic-name', FLEET_TOPIC, '--topic-arn', topicArnOf(PROD, 'eu-west-1'), '--org', '--regions', 'eu-west-1', '--role-name', 'r'], /either --topic-arn .* or --topic-name/],
        [['doctor', '--topic-name', FLEET_TOPIC, '--regions', 'eu-west-1', '--role-name', 'r'], /exactly one of --accounts <file> or --org/],
        [['doctor', '--topic-name', FLEET_TOPIC, '--org', '--role-name', 'r'], /--regions is required/],
        [['doctor', '--topic-name', FLEET_TOPIC, '--org', '--regions', 'eu-west-1'], /--role-name is required/],
        [['doctor', '--topic-name', 'arn:aws:sns:eu-west-1:111111111111:x', '--org', '--regions', 'eu-west-1', '--role-name', 'r'], /--topic-name must be an SNS topic name/],
        [['doctor', '--topic-name', FLEET_TOPIC, '--org', '--regions', 'eu-west-1,EU', '--role-name', 'r'], /--regions: each region must look like eu-west-1/],
        [['doctor', '--topic-name', FLEET_TOPIC, '--org', '--regions', 'eu-west-1,cn-north-1', '--role-name', 'r'], /mixes AWS partitions/],
        [['doctor', '--topic-name', FLEET_TOPIC, '--org', '--regions', 'eu-west-1', '--role-name', 'r', '--concurrency', '0'], /--concurrency must be a whole number from 1 to 64/],
        [['doctor', '--topic-arn', topicArnOf(PROD, 'eu-west-1'), '--org'], /--org belongs to the fleet doctor/],
    ])('bad input %# exits 4 with a message that says what to fix', async (args, message) => {
        const run = await runCli(cli, args, env)
        expect(run.code).toBe(4)
        expect(run.stderr).toMatch(message)
        expect(stub.calls).toEqual([])
    })

    it('an accounts file line without a 12-digit id is bad input naming the line, not its content', async () => {
        const bad = join(dir, 'bad.txt')
        writeFileSync(bad, `${PROD}\nnot-an-account secret-looking\n`)
        const run = await runCli(cli, fleetArgs(['--accounts', bad]), env)
        expect(run.code).toBe(4)
        expect(run.stderr).toMatch(/--accounts: line 2 does not start with a 12-digit AWS account id/)
        expect(run.stderr).not.toContain('secret-looking')
    })

    it('the doctor role template allows exactly the IAM actions the fleet doctor calls', async () => {
        // A KMS-encrypted topic and a pending subscription, so every kind of call is made.
        const key = `arn:aws:kms:eu-west-1:${PROD}:key/1234abcd-12ab-34cd-56ef-1234567890ab`
        stub.topics.get(topicArnOf(PROD, 'eu-west-1'))!.KmsMasterKeyId = key
        stub.addKey({ keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', arn: key, manager: 'CUSTOMER', policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' }] }) })
        const { run } = await fleet(['--accounts', accountsFile, '--endpoint-file', endpointFile])
        expect(run.code).toBe(2) // the locked account
        const iam = (c: { service: string; action: string }) => `${c.service === 'monitoring' ? 'cloudwatch' : c.service}:${c.action}`
        const called = [...new Set(stub.calls.filter((c) => c.service !== 'sts').map(iam))].sort()
        const statements = loadTemplate('doctor-role.yaml').Resources.DoctorRole.Properties.Policies[0].PolicyDocument.Statement as { Action: string[] }[]
        expect(statements.flatMap((st) => st.Action).sort()).toEqual(called)
    })

    it('escapes control and bidi characters in account names from AWS before printing them', async () => {
        stub.orgAccounts = [{ Id: PROD, Name: 'prod\u001b[2J\u202eevil', Status: 'ACTIVE' }]
        const run = await runCli(cli, fleetArgs(['--org']), env)
        expect(run.stdout).toContain('111111111111 (prod\\x1b[2J\\u202eevil)')
        expect(run.stdout.includes('\u001b') || run.stdout.includes('\u202e')).toBe(false)
    })
})

function writeTwo(): string {
    const two = join(dir, 'two.txt')
    writeFileSync(two, `${PROD}\n${DEV}\n`)
    return two
}
