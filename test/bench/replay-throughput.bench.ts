// Run by `npm run bench` (not by `npm test`): replay throughput of the compiled CLI against the loopback AWS stub and
// the loopback Event Management stub, without and with --rate (200 and 100 messages), and the issue-16 run: 2,000
// messages against an Event Management stub that answers in 100 ms (a real instance takes 100-300 ms), printing
// messages per second against the ideal concurrency / latency, and SQS calls per message (goals: at least 80% of the
// ideal, at most 0.25 SQS calls per message).
import { randomUUID } from 'node:crypto'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatAwsEndpoint } from '../../src/server/endpoint/aws-endpoint.ts'
import { AwsStub } from '../support/aws-stub.ts'
import { awsTestEnv, buildCli, removeCliBuild, runCli } from '../support/cli-process.ts'
import { EmHttpsStub, issueTestCertificate } from '../support/em-https-stub.ts'

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:bench-alarms'
const DLQ = 'arn:aws:sqs:eu-west-1:123456789012:bench-dlq'
const HOST = 'dev12345.service-now.com'
const endpointFor = (apiKey: string) => formatAwsEndpoint({ instance: 'dev12345', source: 'AWS', connectorSysId: '0123456789abcdef0123456789abcdef', apiKey })

it('measures replay throughput', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-replay-'))
    const cli = buildCli('bench')
    const aws = new AwsStub()
    const certificate = await issueTestCertificate(dir, HOST)
    const em = new EmHttpsStub(certificate)
    const lines: string[] = []
    try {
        await aws.start()
        await em.start()
        em.acceptedKey = 'now_bench_rotated_key_0001'
        aws.addTopic(TOPIC)
        aws.addQueue(DLQ)
        aws.subscribe(TOPIC, endpointFor('now_bench_expired_key_0000'), { attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ }) } })
        const endpointFile = join(dir, 'endpoint.txt')
        writeFileSync(endpointFile, endpointFor(em.acceptedKey))
        chmodSync(endpointFile, 0o600)
        const env = { ...awsTestEnv(aws.url, join(dir, 'home')), NODE_EXTRA_CA_CERTS: certificate.caFile }
        for (const [count, rate] of [[200, null], [100, 50]] as const) {
            for (let i = 0; i < count; i++) await aws.publish(TOPIC, `ALARM: "bench-${i}"`, JSON.stringify({ AlarmName: `bench-${i}` }), em.deliver())
            const args = ['replay', '--dlq-arn', DLQ, '--endpoint-file', endpointFile, '--state-file', join(dir, `bench-${count}.journal`), '--connect-to', `${HOST}:443:127.0.0.1:${em.port}`, '--json']
            if (rate) args.push('--rate', String(rate))
            const run = await runCli(cli, args, env)
            const report = JSON.parse(run.stdout)
            expect(report.counts.delivered).toBe(count)
            const perSecond = report.counts.delivered / (report.durationMs / 1000)
            lines.push(`replay ${count} messages${rate ? ` with --rate ${rate}` : ', no rate limit'}: ${perSecond.toFixed(1)} messages/s (${report.durationMs} ms; loopback AWS and EM stubs, TLS to EM)`)
        }
        // 2,000 messages, EM answering in 100 ms. The DLQ is filled directly with SNS envelopes (as SNS writes them).
        const dlq = aws.queueByArn(DLQ)
        if (!dlq) throw new Error('no DLQ')
        const COUNT = 2000
        const LATENCY_MS = 100
        for (let i = 0; i < COUNT; i++) {
            const id = randomUUID()
            aws.sendToQueue(dlq, JSON.stringify({ Type: 'Notification', MessageId: id, TopicArn: TOPIC, Subject: `ALARM: "bench-${i}"`, Message: JSON.stringify({ AlarmName: `bench-${i}` }), Timestamp: new Date().toISOString(), SignatureVersion: '2', Signature: 'c2ln', SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0.pem', UnsubscribeURL: `https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${TOPIC}:${randomUUID()}` }), { ErrorCode: { DataType: 'String', StringValue: '401' } })
        }
        em.delayMs = LATENCY_MS
        for (const concurrency of [4, 10]) {
            if (concurrency === 10) {
                for (let i = 0; i < COUNT; i++) aws.sendToQueue(dlq, JSON.stringify({ Type: 'Notification', MessageId: randomUUID(), TopicArn: TOPIC, Subject: 'x', Message: '{}', Timestamp: new Date().toISOString(), SignatureVersion: '2', Signature: 'c2ln', SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0.pem', UnsubscribeURL: `https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${TOPIC}:${randomUUID()}` }))
            }
            const sqsBefore = aws.calls.filter((c) => c.service === 'sqs').length
            const args = ['replay', '--dlq-arn', DLQ, '--endpoint-file', endpointFile, '--state-file', join(dir, `bench-2000-${concurrency}.journal`), '--connect-to', `${HOST}:443:127.0.0.1:${em.port}`, '--json', '--concurrency', String(concurrency)]
            const run = await runCli(cli, args, env)
            const report = JSON.parse(run.stdout)
            expect(report.counts.delivered).toBe(COUNT)
            const sqsCalls = aws.calls.filter((c) => c.service === 'sqs').length - sqsBefore
            const perSecond = report.counts.delivered / (report.durationMs / 1000)
            const ideal = concurrency / (LATENCY_MS / 1000)
            const share = perSecond / ideal
            const perMessage = sqsCalls / COUNT
            lines.push(
                `replay ${COUNT} messages, EM answering in ${LATENCY_MS} ms, --concurrency ${concurrency}: ${perSecond.toFixed(1)} messages/s = ${(share * 100).toFixed(0)}% of the ideal ${ideal.toFixed(0)}/s (goal >= 80%): ` +
                    `${share >= 0.8 ? 'met' : 'NOT met'}; ${sqsCalls} SQS calls = ${perMessage.toFixed(3)} per message (goal <= 0.25): ${perMessage <= 0.25 ? 'met' : 'NOT met'}`,
            )
        }
    } finally {
        await aws.stop()
        await em.stop()
        removeCliBuild(cli)
        rmSync(dir, { recursive: true, force: true })
    }
    const out = join(__dirname, '..', '..', '.test-results')
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'replay-throughput.json'), JSON.stringify(lines))
    expect(lines).toHaveLength(4)
}, 600000)
