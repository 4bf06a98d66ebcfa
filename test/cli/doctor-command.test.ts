// sn-aws-verify doctor end to end: the compiled CLI, with the real AWS SDK v3 clients, against the loopback AWS stub.
// Every finding has a fixture; the subscription endpoints carry canary keys that must never be printed.
import type { Finding } from '../../src/cli/doctor.ts'
import { startAwsStub } from '../support/alarm-path-stubs.ts'
import type { AwsStub } from '../support/aws-stub.ts'
import { makeCliWorkspace, removeCliWorkspace, runCli, writeSecretFile, type Run } from '../support/cli-process.ts'
import { expectNoCanary } from '../support/no-canary.ts'
import { ACCOUNT, DLQ, REGION, REDRIVE_TO_DLQ, SYS_ID, TOPIC, endpointFor } from '../support/single-topic-fixture.ts'

const CURRENT_KEY = 'now_CANARY_doctor_current_1234'
const OLD_KEY = 'now_CANARY_doctor_old_5678'
const CURRENT = endpointFor(CURRENT_KEY)
const OLD = endpointFor(OLD_KEY)
const CMK = `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`

const cloudWatchTopicPolicy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'cw', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: TOPIC }],
})
const defaultTopicPolicy = JSON.stringify({
    Version: '2008-10-17',
    Statement: [{ Sid: '__default_statement_ID', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['SNS:Publish', 'SNS:Subscribe'], Resource: TOPIC, Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } } }],
})
const goodKeyPolicy = JSON.stringify({
    Statement: [
        { Sid: 'root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
        { Sid: 'cw', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' },
    ],
})
const queuePolicy = (topic: string) =>
    JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: DLQ, Condition: { ArnEquals: { 'aws:SourceArn': topic } } }] })

let dir: string
let cli: string
let stub: AwsStub
let env: NodeJS.Dict<string>
let endpointFile: string

/** The healthy chain: every check passes. Each test then breaks one link. */
function healthy(): void {
    stub.addTopic(TOPIC, { Policy: cloudWatchTopicPolicy, KmsMasterKeyId: CMK })
    stub.addKey({ keyId: '11111111-2222-3333-4444-555555555555', arn: CMK, manager: 'CUSTOMER', policy: goodKeyPolicy })
    stub.addQueue(DLQ, { Policy: queuePolicy(TOPIC) })
    stub.subscribe(TOPIC, CURRENT, { attributes: REDRIVE_TO_DLQ })
    stub.subscribe(TOPIC, 'https://hooks.example.com/other', {}) // someone else's subscription: ignored
    stub.alarms = [
        { AlarmName: 'cpu-high', AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:cpu-high`, ActionsEnabled: true, AlarmActions: [TOPIC], OKActions: [TOPIC], InsufficientDataActions: [], StateValue: 'OK' },
        { AlarmName: 'unrelated', AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:unrelated`, ActionsEnabled: true, AlarmActions: ['arn:aws:sns:eu-west-1:123456789012:other'], OKActions: [], InsufficientDataActions: [], StateValue: 'OK' },
    ]
}

function noCanary(run: Run): void {
    expectNoCanary(run.stdout, run.stderr)
}

async function doctor(extra: string[] = [], envExtra: NodeJS.Dict<string> = {}): Promise<{ run: Run; report: { exitCode: number; findings: Finding[]; counts: Record<string, number>; endpoint: string | null } }> {
    const run = await runCli(cli, ['doctor', '--topic-arn', TOPIC, '--json', ...extra], { ...env, ...envExtra })
    noCanary(run)
    return { run, report: JSON.parse(run.stdout) }
}

const find = (findings: Finding[], id: string) => findings.filter((f) => f.id === id)
const only = (findings: Finding[], id: string) => {
    const all = find(findings, id)
    expect(all).toHaveLength(1)
    return all[0]
}

beforeAll(() => {
    ;({ dir, cli } = makeCliWorkspace('doctor'))
    endpointFile = writeSecretFile(dir, 'endpoint.txt', `${CURRENT}\n`)
}, 180000)

beforeEach(async () => {
    ;({ aws: stub, env } = await startAwsStub(dir))
    healthy()
})

afterEach(() => stub.stop())

afterAll(() => removeCliWorkspace({ dir, cli }))

describe('doctor on a healthy chain', () => {
    it('passes every check (exit 0), in the ARN region, with the fake credentials, masking the endpoint', async () => {
        const { run, report } = await doctor(['--endpoint-file', endpointFile])
        expect(run.code).toBe(0)
        expect(report.counts).toEqual({ pass: 17, warn: 0, fail: 0, error: 0 })
        expect(report.findings.map((f) => [f.id, f.level])).toEqual(
            ['topic.exists', 'topic.standard', 'topic.policy', 'topic.kms', 'subscription.basic-auth', 'subscription.present', 'subscription.confirmed', 'subscription.raw-delivery', 'subscription.redrive', 'subscription.current', 'subscription.duplicates', 'subscription.stale', 'dlq.exists', 'dlq.policy', 'dlq.messages', 'alarms.present', 'alarms.ok-actions'].map((id) => [id, 'pass']),
        )
        expect(report.endpoint).toBe(CURRENT.replace(CURRENT_KEY, 'now_…1234'))
        expect(new Set(stub.calls.map((c) => c.region))).toEqual(new Set([REGION]))
        expect(new Set(stub.calls.map((c) => c.accessKeyId))).toEqual(new Set(['AKIDSNAWSVERIFYTEST']))
        // Every protocol was really exercised.
        expect(new Set(stub.calls.map((c) => c.service))).toEqual(new Set(['sns', 'sqs', 'monitoring', 'kms']))
    })

    it('prints a human report with PASS lines and the exit code', async () => {
        const run = await runCli(cli, ['doctor', '--topic-arn', TOPIC], env)
        expect(run.code).toBe(0)
        expect(run.stdout).toMatch(/^PASS {2}topic\.exists: topic cloudwatch-alarms exists$/m)
        expect(run.stdout).toMatch(/\d+ pass, 0 warn, 0 fail, 0 could not be checked \(exit 0\)/)
        expect(run.stderr).toBe('')
        noCanary(run)
    })

    it('follows NextToken through paged subscriptions and alarms', async () => {
        stub.pageSize = 1
        stub.alarms.push({ AlarmName: 'mem-high', AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:mem-high`, ActionsEnabled: true, AlarmActions: [TOPIC], OKActions: [TOPIC], InsufficientDataActions: [], StateValue: 'OK' })
        const { run, report } = await doctor(['--endpoint-file', endpointFile])
        expect(run.code).toBe(0)
        expect(only(report.findings, 'subscription.present').summary).toMatch(/^1 subscription/)
        expect(stub.calls.filter((c) => c.action === 'ListSubscriptionsByTopic')).toHaveLength(2)
        expect(stub.calls.filter((c) => c.action === 'DescribeAlarms')).toHaveLength(2)
    })

    it('asks CloudWatch only for the alarms acting on the topic (ActionPrefix), not every alarm of the region', async () => {
        stub.pageSize = 1
        for (let i = 0; i < 5; i++) {
            stub.alarms.push({ AlarmName: `other-${i}`, AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:other-${i}`, ActionsEnabled: true, AlarmActions: [`${TOPIC}-other`.replace('cloudwatch-alarms-other', 'pager')], OKActions: [], InsufficientDataActions: [], StateValue: 'OK' })
        }
        const { run, report } = await doctor(['--endpoint-file', endpointFile])
        expect(run.code).toBe(0)
        expect(only(report.findings, 'alarms.present').summary).toBe('1 CloudWatch alarm(s) publish to this topic')
        // One page: the alarm on the topic. Without ActionPrefix the 7 alarms of the region would take 7 pages.
        expect(stub.calls.filter((c) => c.action === 'DescribeAlarms')).toHaveLength(1)
    })
})

describe('doctor findings (one fixture each)', () => {
    it('topic.exists: a missing topic fails (exit 2) and the alarm check still runs', async () => {
        stub.topics.delete(TOPIC)
        const { run, report } = await doctor()
        expect(run.code).toBe(2)
        expect(only(report.findings, 'topic.exists')).toEqual({
            id: 'topic.exists',
            level: 'fail',
            summary: `topic cloudwatch-alarms does not exist in account ${ACCOUNT}, region ${REGION}`,
            fix: [`Check the ARN, or create it: aws sns create-topic --region ${REGION} --name cloudwatch-alarms`],
        })
        expect(find(report.findings, 'alarms.present')).toHaveLength(1)
    })

    it('topic.standard: a FIFO topic fails', async () => {
        stub.topics.get(TOPIC)!.FifoTopic = 'true'
        const { run, report } = await doctor()
        expect(run.code).toBe(2)
        expect(only(report.findings, 'topic.standard')).toEqual({
            id: 'topic.standard',
            level: 'fail',
            summary: 'the topic is FIFO: FIFO topics deliver only to SQS, never to HTTPS endpoints',
            fix: [`Create a standard topic (aws sns create-topic --region ${REGION} --name <name without .fifo>) and point the alarms at it.`],
        })
    })

    it('topic.policy: no statement for CloudWatch fails with a set-topic-attributes fix holding the merged policy', async () => {
        stub.topics.get(TOPIC)!.Policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: TOPIC }] })
        const { report } = await doctor()
        const f = only(report.findings, 'topic.policy')
        expect(f.level).toBe('fail')
        const cmd = f.fix[0]
        expect(cmd).toMatch(/^aws sns set-topic-attributes --region eu-west-1 --topic-arn \S+ --attribute-name Policy --attribute-value '/)
        const policy = JSON.parse(cmd.slice(cmd.indexOf("'") + 1, -1))
        expect(policy.Statement).toHaveLength(2)
        expect(policy.Statement[1]).toEqual({
            Sid: 'AllowCloudWatchAlarmsToPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: TOPIC,
            Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
        })
    })

    it('topic.policy: only the default owner statement is a warning', async () => {
        stub.topics.get(TOPIC)!.Policy = defaultTopicPolicy
        const { run, report } = await doctor()
        expect(run.code).toBe(0)
        expect(only(report.findings, 'topic.policy').level).toBe('warn')
    })

    it('topic.policy: a Deny for CloudWatch fails', async () => {
        stub.topics.get(TOPIC)!.Policy = JSON.stringify({ Statement: [JSON.parse(cloudWatchTopicPolicy).Statement[0], { Effect: 'Deny', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:*', Resource: TOPIC }] })
        const { report } = await doctor()
        const f = only(report.findings, 'topic.policy')
        expect([f.id, f.level, f.summary]).toEqual(['topic.policy', 'fail', 'the topic policy denies sns:Publish to cloudwatch.amazonaws.com: alarms fail with "not authorized to perform: SNS:Publish"'])
        const allow = `{"Sid":"AllowCloudWatchAlarmsToPublish","Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"sns:Publish","Resource":"${TOPIC}","Condition":{"StringEquals":{"aws:SourceAccount":"${ACCOUNT}"}}}`
        const kept = `{"Sid":"cw","Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"sns:Publish","Resource":"${TOPIC}"},{"Effect":"Deny","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"sns:*","Resource":"${TOPIC}"}`
        expect(f.fix).toEqual([
            'Remove the Deny statement that covers cloudwatch.amazonaws.com, then add:',
            `aws sns set-topic-attributes --region ${REGION} --topic-arn ${TOPIC} --attribute-name Policy --attribute-value '{"Statement":[${kept},${allow}],"Version":"2012-10-17"}'`,
            `CloudFormation: an AWS::SNS::TopicPolicy (or AWS::SNS::TopicInlinePolicy) with the statement ${allow}`,
        ])
    })

    it('topic.kms: the AWS managed key (alias/aws/sns) fails', async () => {
        stub.topics.get(TOPIC)!.KmsMasterKeyId = 'alias/aws/sns'
        stub.addKey({ keyId: 'aaaa', arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/aaaa`, manager: 'AWS', policy: '{}', aliases: ['alias/aws/sns'] })
        const { report } = await doctor()
        expect(only(report.findings, 'topic.kms')).toEqual({
            id: 'topic.kms',
            level: 'fail',
            summary: 'the topic is encrypted with the AWS managed key (alias/aws/sns), whose policy cannot let CloudWatch in: alarms cannot publish',
            fix: [
                `Create a customer managed key whose policy has {"Sid":"AllowCloudWatchAlarmsToUseTheTopicKey","Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*"}, then: aws sns set-topic-attributes --region ${REGION} --topic-arn ${TOPIC} --attribute-name KmsMasterKeyId --attribute-value <that key's ARN>`,
            ],
        })
    })

    it('topic.kms: a customer key whose policy leaves CloudWatch out fails with a put-key-policy fix', async () => {
        stub.keys[0].policy = JSON.stringify({ Statement: [JSON.parse(goodKeyPolicy).Statement[0]] })
        const { report } = await doctor()
        const f = only(report.findings, 'topic.kms')
        expect(f.level).toBe('fail')
        expect(f.fix[0]).toMatch(new RegExp(`^aws kms put-key-policy --region eu-west-1 --key-id ${CMK} --policy-name default --policy '`))
        expect(f.fix[0]).toContain('cloudwatch.amazonaws.com')
    })

    it('topic.kms: an unencrypted topic passes without calling KMS', async () => {
        delete stub.topics.get(TOPIC)!.KmsMasterKeyId
        const { report } = await doctor()
        expect(only(report.findings, 'topic.kms').level).toBe('pass')
        expect(stub.calls.some((c) => c.service === 'kms')).toBe(false)
    })

    it('subscription.present: no subscription to the instance fails with a subscribe fix that never holds the key', async () => {
        stub.subscriptions.splice(0, 1)
        const { run, report } = await doctor(['--endpoint-file', endpointFile])
        expect(run.code).toBe(2)
        const f = only(report.findings, 'subscription.present')
        expect(f.level).toBe('fail')
        expect(f.fix[0]).toContain('--notification-endpoint "$(cat endpoint.txt)"')
    })

    it('subscription.confirmed: a pending subscription warns', async () => {
        stub.subscriptions[0].confirmed = false
        const { report } = await doctor(['--endpoint-file', endpointFile])
        const f = only(report.findings, 'subscription.confirmed')
        expect(f.level).toBe('warn')
        expect(f.summary).toContain('pending confirmation')
        expect(f.summary).toContain('now_…1234')
    })

    it('subscription.raw-delivery: raw delivery on fails with the exact fix', async () => {
        stub.subscriptions[0].attributes.RawMessageDelivery = 'true'
        const { report } = await doctor()
        const f = only(report.findings, 'subscription.raw-delivery')
        expect(f.level).toBe('fail')
        expect(f.fix).toEqual([`aws sns set-subscription-attributes --region eu-west-1 --subscription-arn ${stub.subscriptions[0].arn} --attribute-name RawMessageDelivery --attribute-value false`])
    })

    it('subscription.redrive: no dead-letter queue warns, with create-queue, queue policy and redrive fixes', async () => {
        delete stub.subscriptions[0].attributes.RedrivePolicy
        const { run, report } = await doctor()
        expect(run.code).toBe(0)
        const f = only(report.findings, 'subscription.redrive')
        expect(f.level).toBe('warn')
        expect(f.fix.join('\n')).toMatch(/aws sqs create-queue .*aws sqs set-queue-attributes .*aws sns set-subscription-attributes .*RedrivePolicy/s)
        expect(find(report.findings, 'dlq.exists')).toHaveLength(0)
    })

    it('subscription.duplicates: the current endpoint subscribed twice warns with an unsubscribe fix', async () => {
        const twin = stub.subscribe(TOPIC, CURRENT, { attributes: REDRIVE_TO_DLQ })
        const { report } = await doctor(['--endpoint-file', endpointFile])
        const f = only(report.findings, 'subscription.duplicates')
        expect(f.level).toBe('warn')
        expect(f.fix).toEqual([`aws sns unsubscribe --region eu-west-1 --subscription-arn ${twin.arn}`])
    })

    it('subscription.duplicates without an endpoint: two subscriptions to one connector warn and ask for the endpoint', async () => {
        stub.subscribe(TOPIC, OLD, { attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ }) } })
        const { report } = await doctor()
        const f = only(report.findings, 'subscription.duplicates')
        expect(f.level).toBe('warn')
        expect(f.fix[0]).toMatch(/--endpoint-file/)
    })

    it('subscription.duplicates: other connectors on the same instance are not duplicates', async () => {
        stub.subscribe(TOPIC, endpointFor(OLD_KEY, 'fedcba9876543210fedcba9876543210'), { attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ }) } })
        const { report } = await doctor()
        expect(only(report.findings, 'subscription.duplicates').level).toBe('pass')
    })

    it('with the current endpoint: a second connector on the same host is another feed, neither stale nor a duplicate', async () => {
        const OTHER_CONNECTOR = 'fedcba9876543210fedcba9876543210'
        stub.subscribe(TOPIC, endpointFor(OLD_KEY, OTHER_CONNECTOR), { attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ }) } })
        const { run, report } = await doctor(['--endpoint-file', endpointFile])
        expect(run.code).toBe(0)
        expect(only(report.findings, 'subscription.present')).toEqual({
            id: 'subscription.present',
            level: 'pass',
            summary: `1 subscription(s) deliver to dev12345.service-now.com (connector ${SYS_ID})`,
            fix: [],
        })
        expect(only(report.findings, 'subscription.stale').level).toBe('pass')
        expect(only(report.findings, 'subscription.duplicates').level).toBe('pass')
        expect(find(report.findings, 'subscription.confirmed')).toHaveLength(1)
    })

    it('subscription.stale: an older key beside a confirmed current one warns: delete it', async () => {
        const old = stub.subscribe(TOPIC, OLD, { attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ }) } })
        const { report } = await doctor(['--endpoint-file', endpointFile])
        const f = only(report.findings, 'subscription.stale')
        expect(f.level).toBe('warn')
        expect(f.summary).toMatch(/new subscription is confirmed, so delete this one/)
        expect(f.summary).toContain('now_…5678')
        expect(f.fix).toEqual([`aws sns unsubscribe --region eu-west-1 --subscription-arn ${old.arn}`])
    })

    it('reads the current endpoint from SN_AWS_ENDPOINT or stdin as well', async () => {
        stub.subscribe(TOPIC, OLD, { attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ }) } })
        const fromEnv = await doctor([], { SN_AWS_ENDPOINT: CURRENT })
        expect(only(fromEnv.report.findings, 'subscription.stale').level).toBe('warn')
        const run = await runCli(cli, ['doctor', '--topic-arn', TOPIC, '--json', '--endpoint-file', '-'], env, `${OLD}\n`)
        noCanary(run)
        // With the old endpoint as "current", the rotated one is the stale one.
        expect(only(JSON.parse(run.stdout).findings, 'subscription.stale').summary).toContain('now_…1234')
    })

    it('subscription.stale: while the current one is pending, keep the old one', async () => {
        stub.subscriptions[0].confirmed = false
        stub.subscribe(TOPIC, OLD, { attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ }) } })
        const { report } = await doctor(['--endpoint-file', endpointFile])
        const f = only(report.findings, 'subscription.stale')
        expect(f.summary).toMatch(/keep it until the subscription with the current key is confirmed/)
        expect(f.fix).toEqual([])
    })

    it('subscription.current: only an older key subscribed fails', async () => {
        stub.subscriptions[0].endpoint = OLD
        const { run, report } = await doctor(['--endpoint-file', endpointFile])
        expect(run.code).toBe(2)
        expect(only(report.findings, 'subscription.current').level).toBe('fail')
    })

    it('dlq.exists: a RedrivePolicy naming a missing queue fails with a create-queue fix', async () => {
        stub.queues.clear()
        const { report } = await doctor()
        const f = only(report.findings, 'dlq.exists')
        expect(f.level).toBe('fail')
        expect(f.fix).toEqual([`aws sqs create-queue --region eu-west-1 --queue-name servicenow-dlq --attributes MessageRetentionPeriod=1209600`])
    })

    it('dlq.exists: a queue in another region fails', async () => {
        stub.subscriptions[0].attributes.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:servicenow-dlq` })
        const { report } = await doctor()
        expect(only(report.findings, 'dlq.exists')).toEqual({
            id: 'dlq.exists',
            level: 'fail',
            summary: `the dead-letter queue arn:aws:sqs:us-east-1:${ACCOUNT}:servicenow-dlq is not in the topic's account and region (${ACCOUNT}, ${REGION}): SNS cannot use it`,
            fix: [`Create the queue in ${REGION} of account ${ACCOUNT} and set it in the RedrivePolicy of ${stub.subscriptions[0].arn}.`],
        })
    })

    it('dlq.policy: a queue policy for another topic fails with a set-queue-attributes fix', async () => {
        stub.queueByArn(DLQ)!.attributes.Policy = queuePolicy(`arn:aws:sns:${REGION}:${ACCOUNT}:another-topic`)
        const { report } = await doctor()
        const f = only(report.findings, 'dlq.policy')
        expect(f.level).toBe('fail')
        expect(f.fix[0]).toMatch(/^aws sqs set-queue-attributes --region eu-west-1 --queue-url \S+ --attributes '/)
        const attributes = JSON.parse(f.fix[0].slice(f.fix[0].indexOf("'") + 1, -1))
        expect(JSON.parse(attributes.Policy).Statement.at(-1)).toEqual({
            Sid: 'AllowSnsToSendFailedDeliveries',
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: DLQ,
            Condition: { ArnEquals: { 'aws:SourceArn': TOPIC } },
        })
    })

    it('dlq.messages: alarms waiting in the DLQ warn and point at replay', async () => {
        stub.sendToQueue(stub.queueByArn(DLQ)!, '{"Type":"Notification"}')
        const { report } = await doctor()
        const f = only(report.findings, 'dlq.messages')
        expect(f.level).toBe('warn')
        expect(f.fix[0]).toContain(`sn-aws-verify replay --dlq-arn ${DLQ}`)
    })

    it('alarms.present: no alarm publishing to the topic warns', async () => {
        stub.alarms = stub.alarms.filter((a) => a.AlarmName === 'unrelated')
        const { run, report } = await doctor()
        expect(run.code).toBe(0)
        expect(only(report.findings, 'alarms.present').level).toBe('warn')
    })

    it('alarms.ok-actions: alarms without an OK action to the topic warn, by name', async () => {
        stub.alarms.push({ AlarmName: 'disk-full', AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:disk-full`, ActionsEnabled: true, AlarmActions: [TOPIC], OKActions: [], InsufficientDataActions: [], StateValue: 'ALARM' })
        stub.alarms.push({ AlarmName: 'composite', AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:composite`, ActionsEnabled: true, AlarmActions: [TOPIC], OKActions: [], InsufficientDataActions: [], StateValue: 'OK', composite: true })
        const { report } = await doctor()
        const f = only(report.findings, 'alarms.ok-actions')
        expect(f.level).toBe('warn')
        expect(f.summary).toMatch(/^2 alarm\(s\) have no OK action.*: disk-full, composite$/)
    })
})

describe('doctor findings, continued', () => {
    it('alarms.actions-enabled: alarms with disabled actions warn, with enable-alarm-actions', async () => {
        stub.alarms[0].ActionsEnabled = false
        const { report } = await doctor()
        const f = only(report.findings, 'alarms.actions-enabled')
        expect(f.level).toBe('warn')
        expect(f.fix).toEqual(["aws cloudwatch enable-alarm-actions --region eu-west-1 --alarm-names 'cpu-high'"])
    })

    it('dlq.exists: a RedrivePolicy that is not JSON fails', async () => {
        stub.subscriptions[0].attributes.RedrivePolicy = '{not json'
        const { report } = await doctor()
        expect(only(report.findings, 'dlq.exists')).toEqual({ id: 'dlq.exists', level: 'fail', summary: `the RedrivePolicy of ${stub.subscriptions[0].arn} is not valid JSON`, fix: [] })
    })
})

describe('doctor when AWS says no', () => {
    it('AccessDenied on one call names the IAM action; the other checks still run (exit 2)', async () => {
        stub.denied.add('sns:GetSubscriptionAttributes')
        stub.denied.add('cloudwatch:DescribeAlarms')
        const { run, report } = await doctor()
        expect(run.code).toBe(2)
        const errors = report.findings.filter((f) => f.level === 'error')
        expect(errors.map((f) => f.failure)).toEqual([
            { kind: 'access-denied', iamAction: 'sns:GetSubscriptionAttributes' },
            { kind: 'access-denied', iamAction: 'cloudwatch:DescribeAlarms' },
        ])
        expect(errors[0].summary).toMatch(/lack sns:GetSubscriptionAttributes/)
        expect(errors[0].fix[0]).toMatch(/Grant sns:GetSubscriptionAttributes/)
        for (const id of ['topic.policy', 'topic.kms', 'subscription.present']) expect(only(report.findings, id).level).toBe('pass')
    })

    it('AccessDenied on KMS and SQS name kms:GetKeyPolicy and sqs:GetQueueAttributes', async () => {
        stub.denied.add('kms:GetKeyPolicy')
        stub.denied.add('sqs:GetQueueAttributes')
        const { report } = await doctor()
        expect(report.findings.filter((f) => f.level === 'error').map((f) => f.failure?.iamAction)).toEqual(['kms:GetKeyPolicy', 'sqs:GetQueueAttributes'])
    })

    it('missing credentials: every check says so, nothing reaches AWS, exit 2', async () => {
        const { AWS_ACCESS_KEY_ID: _a, AWS_SECRET_ACCESS_KEY: _s, ...noKeys } = env
        const run = await runCli(cli, ['doctor', '--topic-arn', TOPIC, '--json'], noKeys)
        noCanary(run)
        expect(run.code).toBe(2)
        const report = JSON.parse(run.stdout)
        expect(report.findings.map((f: { id: string; level: string; failure: unknown }) => [f.id, f.level, f.failure])).toEqual([
            ['topic.exists', 'error', { kind: 'credentials', iamAction: 'sns:GetTopicAttributes' }],
            ['alarms', 'error', { kind: 'credentials', iamAction: 'cloudwatch:DescribeAlarms' }],
        ])
        expect(report.findings[0].summary).toMatch(/no AWS credentials found/)
        expect(stub.calls).toHaveLength(0)
    })

    it('AWS unreachable: exit 3', async () => {
        await stub.stop()
        const run = await runCli(cli, ['doctor', '--topic-arn', TOPIC, '--json', '--timeout', '2'], env)
        expect(run.code).toBe(3)
        const report = JSON.parse(run.stdout)
        expect(report.findings.map((f: { id: string; level: string; failure: unknown }) => [f.id, f.level, f.failure])).toEqual([
            ['topic.exists', 'error', { kind: 'network', iamAction: 'sns:GetTopicAttributes' }],
            ['alarms', 'error', { kind: 'network', iamAction: 'cloudwatch:DescribeAlarms' }],
        ])
        await stub.start() // afterEach stops it again
    })
})

describe('doctor bad input (exit 4, nothing sent)', () => {
    it.each([
        ['a short ARN', ['--topic-arn', 'arn:aws:sns:eu-west-1:123456789012'], /must look like arn:<partition>:sns/],
        ['a FIFO topic', ['--topic-arn', 'arn:aws:sns:eu-west-1:123456789012:t.fifo'], /FIFO/],
        ['an unknown region', ['--topic-arn', 'arn:aws:sns:xx-nowhere-9:123456789012:t'], /region xx-nowhere-9 is not a known AWS region/],
        ['no topic', [], /doctor needs --topic-arn/],
        ['the endpoint on argv', ['--topic-arn', TOPIC, '--endpoint', CURRENT], /--endpoint is not accepted/],
        ['a replay option', ['--topic-arn', TOPIC, '--queue-url', 'x'], /unknown option --queue-url for doctor/],
    ])('%s', async (_what, args, message) => {
        const run = await runCli(cli, ['doctor', ...args], env)
        expect(run.code).toBe(4)
        expect(run.stderr).toMatch(message)
        expect(stub.calls).toHaveLength(0)
        noCanary(run)
    })

    it('an invalid endpoint file is bad input and its content is not echoed', async () => {
        const bad = writeSecretFile(dir, 'bad-endpoint.txt', CURRENT.replace('https:', 'http:'))
        const run = await runCli(cli, ['doctor', '--topic-arn', TOPIC, '--endpoint-file', bad], env)
        expect(run.code).toBe(4)
        expect(run.stderr).toMatch(/endpoint: must use https/)
        noCanary(run)
    })
})
