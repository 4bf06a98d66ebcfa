// sn-aws-verify replay end to end. The scenario: SNS delivers CloudWatch alarms to an expired key, the instance
// answers 401, SNS does not retry and moves each alarm to the subscription's dead-letter queue (modelled by the AWS
// stub); the admin rotates the key; replay delivers every alarm to the Event Management stub exactly once, also
// when a run is interrupted (Ctrl-C, or killed between the 2xx and DeleteMessage) and started again.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startAlarmPathStubs, stopAlarmPathStubs } from '../support/alarm-path-stubs.ts'
import type { AwsStub, StubQueue } from '../support/aws-stub.ts'
import { makeCliWorkspace, removeCliWorkspace, runCli, startCli, writeSecretFile, type Run } from '../support/cli-process.ts'
import { type EmHttpsStub, type TestCertificate, issueTestCertificate } from '../support/em-https-stub.ts'
import { expectNoCanary } from '../support/no-canary.ts'
import { ACCOUNT, DLQ, HOST, REDRIVE_TO_DLQ, REGION, TOPIC, endpointFor } from '../support/single-topic-fixture.ts'
import { waitFor } from '../support/wait-for.ts'

const EXPIRED_KEY = 'now_CANARY_replay_expired_1111'
const NEW_KEY = 'now_CANARY_replay_rotated_2222'
const ALARMS = 12

let dir: string
let cli: string
let aws: AwsStub
let em: EmHttpsStub
let env: NodeJS.Dict<string>
let newEndpointFile: string
let dlq: StubQueue
let certificate: TestCertificate

function checkRun(run: Run): void {
    expectNoCanary(run.stdout, run.stderr)
}

function replayArgs(stateFile: string, extra: string[] = []): string[] {
    return ['replay', '--dlq-arn', DLQ, '--endpoint-file', newEndpointFile, '--state-file', stateFile, '--connect-to', `${HOST}:443:127.0.0.1:${em.port}`, '--json', ...extra]
}

function alarmMessage(i: number): string {
    return JSON.stringify({ AlarmName: `alarm-${i}`, NewStateValue: i % 2 ? 'ALARM' : 'OK', NewStateReason: 'threshold crossed', Region: 'EU (Ireland)', AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:alarm-${i}` })
}

/** SNS delivers `n` alarms to the expired key: every one gets 401 and lands in the DLQ. Returns the original bodies. */
async function alarmsLostToExpiredKey(n: number): Promise<Map<string, string>> {
    const originals = new Map<string, string>()
    for (let i = 0; i < n; i++) {
        const [result] = await aws.publish(TOPIC, `ALARM: "alarm-${i}"`, alarmMessage(i), em.deliver())
        expect(result.status).toEqual({ status: 401 })
        expect(result.toDlq).toBe(true)
    }
    for (const m of dlq.messages) originals.set(JSON.parse(m.body).MessageId, m.body)
    expect(originals.size).toBe(n)
    return originals
}

function expectEachDeliveredOnce(originals: Map<string, string>): void {
    const accepted = em.acceptedPerMessageId()
    expect([...accepted.keys()].sort()).toEqual([...originals.keys()].sort())
    for (const count of accepted.values()) expect(count).toBe(1)
    expect(dlq.messages).toHaveLength(0)
}

beforeAll(async () => {
    ;({ dir, cli } = makeCliWorkspace('replay'))
    certificate = await issueTestCertificate(dir, HOST)
    newEndpointFile = writeSecretFile(dir, 'endpoint.txt', `${endpointFor(NEW_KEY)}\n`)
}, 180000)

beforeEach(async () => {
    ;({ aws, em, env } = await startAlarmPathStubs(certificate, NEW_KEY, dir))
    aws.addTopic(TOPIC)
    dlq = aws.addQueue(DLQ)
    aws.subscribe(TOPIC, endpointFor(EXPIRED_KEY), { attributes: REDRIVE_TO_DLQ })
})

afterEach(() => stopAlarmPathStubs({ aws, em }))

afterAll(() => removeCliWorkspace({ dir, cli }))

describe('scenario: expired key, 401, DLQ, rotation, replay', () => {
    it('delivers every alarm exactly once, exactly as SNS sent it, and empties the DLQ', async () => {
        const originals = await alarmsLostToExpiredKey(ALARMS)
        expect(em.acceptedPerMessageId().size).toBe(0)
        const lost = em.requests.length
        const stateFile = join(dir, 'scenario.journal')
        const run = await runCli(cli, replayArgs(stateFile), env)
        checkRun(run)
        expect(run.code).toBe(0)
        const report = JSON.parse(run.stdout)
        expect(report.counts).toEqual({ received: ALARMS, delivered: ALARMS, alreadyDelivered: 0, notSns: 0, failed: 0, handedBack: 0, wouldSend: 0, redelivered: 0, notDeleted: 0 })
        expect(report.endpoint).toBe(endpointFor(NEW_KEY).replace(NEW_KEY, 'now_…2222'))
        expectEachDeliveredOnce(originals)
        for (const r of em.requests.slice(lost)) {
            const id = String(r.headers['x-amz-sns-message-id'])
            expect(r.body).toBe(originals.get(id)) // the envelope byte for byte, signature included
            expect(r.url).toBe(endpointFor(NEW_KEY).slice(`https://${HOST}`.length))
            expect(r.headers).toEqual({
                host: HOST,
                'x-amz-sns-message-type': 'Notification',
                'x-amz-sns-message-id': id,
                'x-amz-sns-topic-arn': TOPIC,
                'x-amz-sns-subscription-arn': aws.subscriptions[0].arn,
                'content-type': 'text/plain; charset=UTF-8',
                'user-agent': 'Amazon Simple Notification Service Agent',
                connection: 'keep-alive',
                'content-length': String(Buffer.byteLength(r.body)),
            })
            expect(JSON.parse(r.body).MessageId).toBe(id)
        }
        expectNoCanary(readFileSync(stateFile, 'utf8'))
        expect(existsSync(`${stateFile}.lock`)).toBe(false)
        // A second run finds an empty queue and does nothing.
        const again = await runCli(cli, replayArgs(stateFile), env)
        checkRun(again)
        expect(again.code).toBe(0)
        expect(JSON.parse(again.stdout).summary).toMatch(/is empty: nothing to replay/)
        expectEachDeliveredOnce(originals)
    })

    it('Ctrl-C mid-way finishes the message in flight, hands the rest back; a second run delivers the rest, each once', async () => {
        const originals = await alarmsLostToExpiredKey(ALARMS)
        const before = em.requests.length
        em.delayMs = 150
        const stateFile = join(dir, 'sigint.journal')
        const { child, done } = startCli(cli, replayArgs(stateFile), env)
        await waitFor(() => em.requests.length >= before + 3, 'three replayed posts')
        child.kill('SIGINT')
        const first = await done
        checkRun(first)
        expect(first.code).toBe(130)
        const report = JSON.parse(first.stdout)
        expect(report.interrupted).toBe(true)
        expect(report.counts.delivered).toBeGreaterThanOrEqual(3)
        expect(report.counts.delivered).toBeLessThan(ALARMS)
        expect(first.stderr).toMatch(/finishing the message in flight/)
        // Nothing half-done: every accepted post was deleted, every other message is back in the queue, visible.
        expect(dlq.messages).toHaveLength(ALARMS - report.counts.delivered)
        expect(dlq.messages.every((m) => m.invisibleUntil <= aws.now())).toBe(true)
        em.delayMs = 0
        const second = await runCli(cli, replayArgs(stateFile), env)
        checkRun(second)
        expect(second.code).toBe(0)
        expectEachDeliveredOnce(originals)
        expectNoCanary(readFileSync(stateFile, 'utf8'))
    })

    it('killed between the 2xx and DeleteMessageBatch: the restart deletes those messages without posting them again', async () => {
        const originals = await alarmsLostToExpiredKey(ALARMS)
        const before = em.requests.length
        aws.hangOn.set('DeleteMessageBatch', 0) // the first batch delete never answers
        const stateFile = join(dir, 'crash.journal')
        // One post at a time, so exactly the first 10 (one delete batch) are delivered when the delete hangs.
        const { child, done } = startCli(cli, replayArgs(stateFile, ['--concurrency', '1']), env)
        await waitFor(() => em.requests.length >= before + 10 && aws.calls.filter((c) => c.action === 'DeleteMessageBatch').length >= 1, 'the first batch delete')
        child.kill('SIGKILL')
        const crashed = await done
        checkRun(crashed)
        expect(crashed.signal).toBe('SIGKILL')
        expect(existsSync(`${stateFile}.lock`)).toBe(true) // left behind by the dead process
        aws.hangOn.clear()
        aws.releaseHung()
        aws.expireVisibility() // time passes: the visibility timeout of the unfinished messages runs out
        expect(dlq.messages).toHaveLength(ALARMS)
        const restart = await runCli(cli, replayArgs(stateFile), env)
        checkRun(restart)
        expect(restart.code).toBe(0)
        const report = JSON.parse(restart.stdout)
        expect(report.counts).toEqual({ received: ALARMS, delivered: ALARMS - 10, alreadyDelivered: 10, notSns: 0, failed: 0, handedBack: 0, wouldSend: 0, redelivered: 0, notDeleted: 0 })
        expectEachDeliveredOnce(originals)
    })

    it('killed during a POST: the restart sends that one message again with the same MessageId and says so', async () => {
        const originals = await alarmsLostToExpiredKey(4)
        const before = em.requests.length
        em.delayMs = 5000
        const stateFile = join(dir, 'inflight.journal')
        const { child, done } = startCli(cli, replayArgs(stateFile, ['--concurrency', '1']), env)
        await waitFor(() => em.requests.length >= before + 1, 'the first post')
        child.kill('SIGKILL')
        await done
        em.delayMs = 0
        aws.expireVisibility()
        const restart = await runCli(cli, replayArgs(stateFile), env)
        checkRun(restart)
        expect(restart.code).toBe(0)
        const report = JSON.parse(restart.stdout)
        const resent = report.items.filter((i: { result: string }) => i.result === 'resent')
        expect(resent).toHaveLength(1)
        expect(resent[0].detail).toMatch(/same x-amz-sns-message-id/)
        // The in-flight post may have reached the instance: at most one extra copy, with the same id (EM de-duplicates).
        const posts = em.requests.slice(before).map((r) => String(r.headers['x-amz-sns-message-id']))
        expect(posts.filter((id) => id === resent[0].snsMessageId)).toHaveLength(2)
        expect(new Set(posts)).toEqual(new Set(originals.keys()))
        expect(dlq.messages).toHaveLength(0)
    })
})

describe('replay, other paths', () => {
    it('--dry-run lists what would be sent (masked), sends and deletes nothing, and leaves every message visible', async () => {
        await alarmsLostToExpiredKey(3)
        const before = em.requests.length
        const run = await runCli(cli, ['replay', '--dlq-arn', DLQ, '--dry-run', '--endpoint-file', newEndpointFile], env)
        checkRun(run)
        expect(run.code).toBe(0)
        expect(run.stdout).toMatch(/dry run: 3 message\(s\) would be sent; nothing was sent or deleted/)
        expect(run.stdout.match(/would-send/g)).toHaveLength(3)
        expect(run.stdout).toMatch(/^ {2}would-send +\S+ \(alarm "alarm-0"\) \[SNS ErrorCode 401\]$/m)
        expect(run.stdout).toMatch(/^ {2}endpoint: https:\/\/dev12345\.service-now\.com\/.*x-sn-apikey=now_…2222$/m)
        expect(run.stderr).toBe('')
        expect(em.requests.length).toBe(before)
        expect(dlq.messages).toHaveLength(3)
        expect(dlq.messages.every((m) => m.invisibleUntil <= aws.now())).toBe(true)
    })

    it('a key that is still refused stops at the first message (exit 2) and deletes nothing', async () => {
        await alarmsLostToExpiredKey(5)
        em.acceptedKey = 'now_someone_else_entirely'
        const run = await runCli(cli, replayArgs(join(dir, 'refused.journal')), env)
        checkRun(run)
        expect(run.code).toBe(2)
        const report = JSON.parse(run.stdout)
        // received counts the messages taken into handling (the first plus the concurrency workers waiting behind it);
        // every message read from the queue, handled or not, is handed back.
        expect(report.counts).toEqual({ received: 4, delivered: 0, alreadyDelivered: 0, notSns: 0, failed: 1, handedBack: 5, wouldSend: 0, redelivered: 0, notDeleted: 0 })
        expect(report.summary).toMatch(/not authenticated \(HTTP 401\)/)
        expect(report.advice.join(' ')).toMatch(/REST API Key record is active/)
        expect(dlq.messages).toHaveLength(5)
    })

    it('a redirect answer (SSO or a hibernating instance) is not a delivery: stops at the first message (exit 2), follows nothing, deletes nothing', async () => {
        await alarmsLostToExpiredKey(3)
        const before = em.requests.length
        em.forcedStatus = 302
        const run = await runCli(cli, replayArgs(join(dir, 'redirect.journal')), env)
        em.forcedStatus = null
        checkRun(run)
        expect(run.code).toBe(2)
        const report = JSON.parse(run.stdout)
        expect(report.counts).toEqual({ received: 3, delivered: 0, alreadyDelivered: 0, notSns: 0, failed: 1, handedBack: 3, wouldSend: 0, notDeleted: 0, redelivered: 0 })
        expect(report.items.map((i: { result: string }) => i.result)).toEqual(['refused'])
        expect(report.advice.join(' ')).toMatch(/answered with a redirect instead of accepting the request/)
        expect(em.requests.length).toBe(before + 1) // one POST, the redirect not followed
        expect(dlq.messages).toHaveLength(3)
    })

    it('a message that is not an SNS notification is left in the queue (exit 2); the SNS ones are delivered', async () => {
        const originals = await alarmsLostToExpiredKey(2)
        aws.sendToQueue(dlq, 'plain text from raw message delivery')
        const run = await runCli(cli, replayArgs(join(dir, 'mixed.journal'), []), env)
        checkRun(run)
        expect(run.code).toBe(2)
        const report = JSON.parse(run.stdout)
        expect(report.counts).toEqual({ received: 3, delivered: 2, alreadyDelivered: 0, notSns: 1, failed: 0, handedBack: 1, wouldSend: 0, redelivered: 0, notDeleted: 0 })
        expect(report.items.find((i: { result: string }) => i.result === 'not-sns').detail).toMatch(/not JSON: not an SNS envelope/)
        expect(dlq.messages.map((m) => m.body)).toEqual(['plain text from raw message delivery'])
        expect(em.acceptedPerMessageId().size).toBe(originals.size)
    })

    it('an empty queue is said plainly (exit 0)', async () => {
        const run = await runCli(cli, replayArgs(join(dir, 'empty.journal'), ['--rate', '5']), env)
        checkRun(run)
        expect(run.code).toBe(0)
        expect(JSON.parse(run.stdout).summary).toBe('servicenow-dlq is empty: nothing to replay')
    })

    it('accepts the queue URL instead of the ARN', async () => {
        const originals = await alarmsLostToExpiredKey(2)
        const run = await runCli(cli, ['replay', '--queue-url', `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/servicenow-dlq`, '--endpoint-file', newEndpointFile, '--state-file', join(dir, 'url.journal'), '--connect-to', `${HOST}:443:127.0.0.1:${em.port}`], env)
        checkRun(run)
        expect(run.code).toBe(0)
        expect(run.stdout).toMatch(/replayed: 2 delivered/)
        expectEachDeliveredOnce(originals)
    })

    it.each([
        ['a malformed ARN', ['--dlq-arn', 'arn:aws:sqs:eu-west-1:123:q'], /account must be exactly 12 digits/],
        ['an unknown region', ['--dlq-arn', `arn:aws:sqs:xx-nowhere-9:${ACCOUNT}:q`], /region xx-nowhere-9 is not a known AWS region/],
        ['a FIFO queue', ['--dlq-arn', `arn:aws:sqs:${REGION}:${ACCOUNT}:q.fifo`], /FIFO queue/],
        ['a bad queue URL', ['--queue-url', 'https://example.com/queue'], /--queue-url must look like/],
        ['both queue options', ['--dlq-arn', DLQ, '--queue-url', `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/q`], /exactly one of --dlq-arn/],
        ['no endpoint', ['--dlq-arn', DLQ], /no endpoint given/],
        ['a zero rate', ['--dlq-arn', DLQ, '--rate', '0'], /--rate must be at least 1/],
        ['a zero concurrency', ['--dlq-arn', DLQ, '--concurrency', '0'], /--concurrency must be between 1 and 32/],
        ['the endpoint on argv', ['--dlq-arn', DLQ, '--endpoint', endpointFor(NEW_KEY)], /--endpoint is not accepted/],
    ])('bad input: %s (exit 4, no AWS call, nothing deleted)', async (_what, args, message) => {
        await alarmsLostToExpiredKey(1)
        const calls = aws.calls.length
        const run = await runCli(cli, ['replay', ...args], env)
        checkRun(run)
        expect(run.code).toBe(4)
        expect(run.stderr).toMatch(message)
        expect(aws.calls.length).toBe(calls)
        expect(dlq.messages).toHaveLength(1)
    })

    it('bad input: a queue that does not exist (exit 4, nothing deleted)', async () => {
        const run = await runCli(cli, ['replay', '--dlq-arn', `arn:aws:sqs:${REGION}:${ACCOUNT}:no-such-queue`, '--endpoint-file', newEndpointFile, '--json'], env)
        checkRun(run)
        expect(run.code).toBe(4)
        expect(JSON.parse(run.stdout).advice.join(' ')).toMatch(/queue does not exist/)
    })

    it('a journal of another queue is refused', async () => {
        await alarmsLostToExpiredKey(1)
        const stateFile = join(dir, 'other.journal')
        writeFileSync(stateFile, `${JSON.stringify({ journal: 'sn-aws-verify replay journal v1', queueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:other` })}\n`)
        const run = await runCli(cli, replayArgs(stateFile), env)
        checkRun(run)
        expect(run.code).toBe(4)
        expect(run.stdout + run.stderr).toMatch(/belongs to another queue/)
        expect(dlq.messages).toHaveLength(1)
    })
})
