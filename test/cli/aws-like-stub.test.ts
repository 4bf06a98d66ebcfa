// A stub that behaves like AWS (issue 16, item 6): SQS's documented parameter limits, throttling on demand,
// at-least-once redelivery with stale receipt handles, and partly failed batches; and what doctor and replay do
// under them: back off, then end with their own message and exit code (5), not the one for a misconfiguration (2).
import { join } from 'node:path'
import { ChangeMessageVisibilityCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs'
import { startAlarmPathStubs, stopAlarmPathStubs } from '../support/alarm-path-stubs.ts'
import type { AwsStub, StubQueue } from '../support/aws-stub.ts'
import { makeCliWorkspace, removeCliWorkspace, runCli, writeSecretFile } from '../support/cli-process.ts'
import { type EmHttpsStub, type TestCertificate, issueTestCertificate } from '../support/em-https-stub.ts'
import { DLQ, HOST, REDRIVE_TO_DLQ, REGION, TOPIC, endpointFor } from '../support/single-topic-fixture.ts'

const KEY = 'now_CANARY_awslike_current_7777'

let dir: string
let cli: string
let aws: AwsStub
let em: EmHttpsStub
let env: NodeJS.Dict<string>
let dlq: StubQueue
let endpointFile: string
let certificate: TestCertificate

async function lostAlarms(n: number): Promise<void> {
    em.acceptedKey = 'now_the_instance_accepts_neither_0000' // the subscription's old key gets 401: to the DLQ
    for (let i = 0; i < n; i++) await aws.publish(TOPIC, `ALARM: "a-${i}"`, JSON.stringify({ AlarmName: `a-${i}` }), em.deliver())
    em.acceptedKey = KEY
    expect(dlq.messages).toHaveLength(n)
}

function replayArgs(name: string, extra: string[] = []): string[] {
    return ['replay', '--dlq-arn', DLQ, '--endpoint-file', endpointFile, '--state-file', join(dir, `${name}-${Date.now()}.journal`), '--connect-to', `${HOST}:443:127.0.0.1:${em.port}`, '--json', ...extra]
}

const accepted = () => em.requests.filter((r) => r.status === 200)

beforeAll(async () => {
    ;({ dir, cli } = makeCliWorkspace('awslike'))
    certificate = await issueTestCertificate(dir, HOST)
    endpointFile = writeSecretFile(dir, 'endpoint.txt', `${endpointFor(KEY)}\n`)
}, 180000)

beforeEach(async () => {
    ;({ aws, em, env } = await startAlarmPathStubs(certificate, KEY, dir))
    aws.addTopic(TOPIC)
    dlq = aws.addQueue(DLQ)
    aws.subscribe(TOPIC, endpointFor('now_expired_key_not_this_one_0000'), { attributes: REDRIVE_TO_DLQ })
})

afterEach(() => stopAlarmPathStubs({ aws, em }))

afterAll(() => removeCliWorkspace({ dir, cli }))

describe("the stub enforces SQS's documented limits", () => {
    let sqs: SQSClient
    beforeEach(() => {
        sqs = new SQSClient({ region: REGION, endpoint: aws.url, credentials: { accessKeyId: 'AKIDSTUBLIMITS', secretAccessKey: 'fake' }, maxAttempts: 1, useQueueUrlAsEndpoint: false })
    })
    afterEach(() => sqs.destroy())

    it.each([
        ['MaxNumberOfMessages 0', { MaxNumberOfMessages: 0 }, /MaxNumberOfMessages is invalid/],
        ['MaxNumberOfMessages 11', { MaxNumberOfMessages: 11 }, /MaxNumberOfMessages is invalid/],
        ['WaitTimeSeconds 21', { WaitTimeSeconds: 21 }, /WaitTimeSeconds is invalid/],
        ['VisibilityTimeout 43,201 s', { VisibilityTimeout: 43201 }, /VisibilityTimeout is invalid/],
    ])('ReceiveMessage with %s is refused', async (_what, params, message) => {
        await expect(sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, ...params }))).rejects.toThrow(message)
    })

    it('ReceiveMessage at the limits (10 messages, 20 s, 43,200 s) is accepted', async () => {
        aws.sendToQueue(dlq, 'x')
        const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 20, VisibilityTimeout: 43200 }))
        expect(got.Messages).toHaveLength(1)
        await expect(sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: dlq.url, ReceiptHandle: got.Messages?.[0].ReceiptHandle, VisibilityTimeout: 43201 }))).rejects.toThrow(/VisibilityTimeout is invalid/)
    })

    it.each([
        ['11 entries', 11, (i: number) => String(i), /Maximum number of entries per request are 10/],
        ['no entry', 0, (i: number) => String(i), /at least one/],
        ['the same Id twice', 2, () => 'same', /Id must be distinct/],
    ])('DeleteMessageBatch with %s is refused', async (_what, n, id, message) => {
        const entries = Array.from({ length: n }, (_x, i) => ({ Id: id(i), ReceiptHandle: `h${i}` }))
        await expect(sqs.send(new DeleteMessageBatchCommand({ QueueUrl: dlq.url, Entries: entries }))).rejects.toThrow(message)
    })
})

describe('throttling: back off, then a clear message and exit 5', () => {
    it('replay under persistent ReceiveMessage throttling retries with backoff, then stops with exit 5 and deletes nothing', async () => {
        await lostAlarms(3)
        aws.throttle.set('ReceiveMessage', Infinity)
        const run = await runCli(cli, replayArgs('throttled'), env)
        expect(run.code).toBe(5)
        const report = JSON.parse(run.stdout)
        expect(report.summary).toBe('stopped: AWS kept throttling the queue reads')
        expect(report.advice.join(' ')).toMatch(/AWS kept throttling sqs:ReceiveMessage after backing off .*nothing is misconfigured; run again later/)
        expect(aws.calls.filter((c) => c.action === 'ReceiveMessage')).toHaveLength(4) // the SDK's 4 attempts
        expect(dlq.messages).toHaveLength(3)
        expect(accepted()).toHaveLength(0)
    })

    it('replay rides out a short burst of throttling (exit 0)', async () => {
        await lostAlarms(3)
        aws.throttle.set('ReceiveMessage', 2)
        aws.throttle.set('DeleteMessageBatch', 1)
        const run = await runCli(cli, replayArgs('burst'), env)
        expect(run.code).toBe(0)
        expect(dlq.messages).toHaveLength(0)
        expect(accepted()).toHaveLength(3)
    })

    it('doctor under persistent throttling says so for that check and exits 5, not 2', async () => {
        aws.throttle.set('GetTopicAttributes', Infinity)
        const run = await runCli(cli, ['doctor', '--topic-arn', TOPIC, '--json'], env)
        expect(run.code).toBe(5)
        const report = JSON.parse(run.stdout)
        const finding = report.findings.find((f: { id: string }) => f.id === 'topic.exists')
        expect(finding).toEqual({
            id: 'topic.exists',
            level: 'error',
            summary: 'could not check the topic: AWS kept throttling sns:GetTopicAttributes after backing off (ThrottledException): nothing is misconfigured; run again later, or lower the request rate',
            fix: [],
            failure: { kind: 'throttled', iamAction: 'sns:GetTopicAttributes' },
        })
        expect(report.summary).toMatch(/AWS kept throttling: run again later/)
    })
})

describe('at-least-once delivery and partly failed batches', () => {
    it('a message handed out twice (the first receipt handle gone stale) is posted once and deleted for good', async () => {
        await lostAlarms(25)
        aws.redeliverInFlight = true
        const run = await runCli(cli, replayArgs('twice', ['--concurrency', '4']), env)
        expect(run.code).toBe(0)
        const report = JSON.parse(run.stdout)
        expect(report.counts.redelivered).toBeGreaterThan(0)
        const perId = new Map<string, number>()
        for (const r of accepted()) perId.set(String(r.headers['x-amz-sns-message-id']), (perId.get(String(r.headers['x-amz-sns-message-id'])) ?? 0) + 1)
        expect(perId.size).toBe(25)
        expect([...perId.values()].every((n) => n === 1)).toBe(true)
        expect(dlq.messages).toHaveLength(0)
    })

    it('entries a DeleteMessageBatch could not delete are reported, and the next run deletes them without posting again', async () => {
        await lostAlarms(12)
        aws.failBatchEntries = 3
        const first = await runCli(cli, replayArgs('partial'), env)
        expect(first.code).toBe(0)
        const report = JSON.parse(first.stdout)
        expect(report.counts).toEqual({ received: 12, delivered: 12, alreadyDelivered: 0, notSns: 0, failed: 0, handedBack: 0, wouldSend: 0, redelivered: 0, notDeleted: 3 })
        expect(report.advice.filter((a: string) => /was delivered but not deleted \(InternalError\)/.test(a))).toHaveLength(3)
        expect(dlq.messages).toHaveLength(3)
        aws.expireVisibility()
        const posts = accepted().length
        const stateFile = report.stateFile as string
        const second = await runCli(cli, ['replay', '--dlq-arn', DLQ, '--endpoint-file', endpointFile, '--state-file', stateFile, '--connect-to', `${HOST}:443:127.0.0.1:${em.port}`, '--json'], env)
        expect(second.code).toBe(0)
        expect(JSON.parse(second.stdout).counts).toEqual({ received: 3, delivered: 0, alreadyDelivered: 3, notSns: 0, failed: 0, handedBack: 0, wouldSend: 0, redelivered: 0, notDeleted: 0 })
        expect(accepted()).toHaveLength(posts)
        expect(dlq.messages).toHaveLength(0)
    })
})
