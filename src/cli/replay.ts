// The replay command: reads the subscription's SQS dead-letter queue and re-posts every SNS notification in it to
// the current endpoint exactly as SNS would (same headers, same envelope, same MessageId), deleting each message
// only after a 2xx. A journal (see replay-journal.ts) makes an interrupted run safe to start again, and Ctrl-C
// finishes the message in flight, then hands the rest back to the queue.
import { join } from 'node:path'
import process from 'node:process'
import { setTimeout as sleep } from 'node:timers/promises'
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, GetQueueAttributesCommand, GetQueueUrlCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs'
import { maskEndpoint, parseAwsEndpoint, parseQueueArn, type QueueArn } from '../server/endpoint/aws-endpoint.ts'
import { attempt, awsClients, checkKnownRegion, closeClients, type AwsClients, type AwsFailure } from './aws-clients.ts'
import { InputError, type ReplayArgs } from './cli-args.ts'
import { parseDlqMessage } from './dlq-message.ts'
import { probe } from './https-probe.ts'
import { EXIT, classifyFailure, classifyResponse } from './outcome.ts'
import { ProgressBar } from './progress.ts'
import { ReplayJournal } from './replay-journal.ts'
import { readSecret, type Redactor } from './secret-input.ts'

const BATCH = 10 // the SQS maximum per ReceiveMessage
const LONG_POLL_S = 2 // an empty answer after a long poll means the queue really has nothing visible

export const REPLAY_HELP = `sn-aws-verify replay: re-post the alarms kept in a subscription's dead-letter queue.

Usage:
  sn-aws-verify replay (--dlq-arn <arn> | --queue-url <url>) [--endpoint-file <path>|-] [--state-file <path>]
                       [--dry-run] [--rate <messages/s>] [--json] [--timeout <s>] [--connect-to <spec>]

  Re-posts every SNS notification in the subscription's dead-letter queue to the current endpoint exactly as
  SNS would (headers, envelope, original MessageId) and deletes each message only after a 2xx. The first
  refusal stops the run (nothing more is sent with a bad key). --dry-run lists what would be sent.
  Ctrl-C finishes the message in flight and hands the rest back to the queue; a second Ctrl-C stops at once.

Options:
  --dlq-arn <arn> | --queue-url <url>   the dead-letter queue (exactly one)
  --endpoint-file <path>|-     the current endpoint (or SN_AWS_ENDPOINT); a secret, never on the command line
  --state-file <path>          the journal that makes an interrupted run safe to start again
                               (default ./sn-aws-replay-<account>-<region>-<queue>.journal)
  --rate <n>                   send at most n messages per second (default: as fast as the instance answers)
  --dry-run                    list what would be sent; send and delete nothing
  --timeout <seconds>          per request, 1 to 60 (default 15, as SNS)
  --connect-to <h1:p1:h2:p2>   like curl, for the POSTs to the instance
  --json                       print one JSON object with the counts and each message's outcome
  -h, --help                   this text

Proxy: the AWS (SQS) calls go through HTTPS_PROXY (or https_proxy) when set, tunnelled with CONNECT; hosts in
NO_PROXY go direct. The POSTs to the instance never use a proxy: they go straight to it, as SNS does from AWS.

Exit codes: 0 all delivered (or the queue is empty), 2 the endpoint refused a message or messages that are
not SNS notifications were left in the queue, 3 network/TLS/timeout, 4 bad input, 130 interrupted,
1 unexpected internal error.
`

export interface ReplayItem {
    sqsMessageId: string
    snsMessageId: string | null
    topicArn: string | null
    alarmName: string | null
    /** Why SNS gave up, from the ErrorCode attribute SNS adds (e.g. 401). */
    errorCode: string | null
    result: 'would-send' | 'delivered' | 'already-delivered' | 'resent' | 'not-sns' | 'refused' | 'unreachable'
    detail: string | null
}

export interface ReplayCounts {
    received: number
    delivered: number
    alreadyDelivered: number
    notSns: number
    failed: number
    handedBack: number
    wouldSend: number
}

export interface ReplayReport {
    command: 'replay'
    queueArn: string
    endpoint: string | null
    dryRun: boolean
    stateFile: string | null
    counts: ReplayCounts
    items: ReplayItem[]
    interrupted: boolean
    /** From the first ReceiveMessage to the end of the run. */
    durationMs: number
    exitCode: number
    summary: string
    advice: string[]
}

/** `https://sqs.<region>.amazonaws.com[.cn]/<account>/<name>` or the legacy `https://<region>.queue.amazonaws.com/...`. */
export function queueArnFromUrl(url: string): QueueArn {
    const m = /^https:\/\/(?:sqs\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?|([a-z0-9-]+)\.queue\.amazonaws\.com(\.cn)?)\/([0-9]{12})\/([A-Za-z0-9_-]{1,80}(?:\.fifo)?)\/?$/.exec(url)
    if (!m) throw new InputError('--queue-url must look like https://sqs.<region>.amazonaws.com/<12-digit account>/<queue name>')
    const region = m[1] ?? m[3]
    const partition = region.startsWith('us-gov-') ? 'aws-us-gov' : region.startsWith('cn-') ? 'aws-cn' : 'aws'
    try {
        return parseQueueArn(`arn:${partition}:sqs:${region}:${m[5]}:${m[6]}`, '--queue-url')
    } catch (err) {
        throw new InputError((err as Error).message)
    }
}

function resolveQueueArn(args: ReplayArgs): QueueArn {
    if (args.queueUrl !== undefined) return queueArnFromUrl(args.queueUrl)
    try {
        return parseQueueArn(args.dlqArn, '--dlq-arn')
    } catch (err) {
        throw new InputError((err as Error).message)
    }
}

function awsStop(failure: AwsFailure): { exitCode: number; advice: string } {
    if (failure.kind === 'not-found') return { exitCode: EXIT.badInput, advice: `the queue does not exist or is not visible to these credentials (${failure.action}): check --dlq-arn / --queue-url` }
    if (failure.kind === 'network') return { exitCode: EXIT.unreachable, advice: failure.message }
    return { exitCode: EXIT.rejected, advice: failure.message }
}

function attributeOf(m: Message, name: string): string | null {
    const a = m.MessageAttributes?.[name]
    return a && typeof a.StringValue === 'string' ? a.StringValue : null
}

export interface ReplayIo {
    err(text: string): void
    /** True once the user pressed Ctrl-C. */
    interrupted(): boolean
    stderrIsTty: boolean
}

export async function replay(args: ReplayArgs, redactor: Redactor, warnings: string[], io: ReplayIo): Promise<ReplayReport> {
    const queue = resolveQueueArn(args)
    checkKnownRegion(queue.region, args.queueUrl !== undefined ? '--queue-url' : '--dlq-arn')
    let target: { host: string; path: string; masked: string } | null = null
    if (!args.dryRun || args.endpointFile !== undefined || process.env.SN_AWS_ENDPOINT) {
        const secret = await readSecret('endpoint', '--endpoint-file', args.endpointFile, 'SN_AWS_ENDPOINT')
        redactor.addEndpoint(secret.value)
        warnings.push(...secret.warnings)
        let parsed
        try {
            parsed = parseAwsEndpoint(secret.value)
        } catch (err) {
            throw new InputError(`${(err as Error).message} (read from ${secret.origin})`)
        }
        redactor.addKey(parsed.apiKey)
        // SNS requests the path and query byte for byte, as verify does.
        target = { host: parsed.host, path: secret.value.slice('https://'.length + parsed.host.length), masked: maskEndpoint(secret.value) }
    }
    const stateFile = args.dryRun ? null : (args.stateFile ?? join(process.cwd(), `sn-aws-replay-${queue.accountId}-${queue.region}-${queue.queueName}.journal`))
    const counts: ReplayCounts = { received: 0, delivered: 0, alreadyDelivered: 0, notSns: 0, failed: 0, handedBack: 0, wouldSend: 0 }
    const items: ReplayItem[] = []
    const advice: string[] = []
    let drainStarted = 0
    const report = (exitCode: number, summary: string, interrupted = false): ReplayReport => ({
        command: 'replay',
        queueArn: queue.arn,
        endpoint: target ? target.masked : null,
        dryRun: args.dryRun,
        stateFile,
        counts,
        items,
        interrupted,
        durationMs: drainStarted ? Date.now() - drainStarted : 0,
        exitCode,
        summary,
        advice,
    })

    const clients = awsClients(queue.region, args.timeoutMs)
    let journal: ReplayJournal | null = null
    const progress = new ProgressBar(io.err, io.stderrIsTty)
    const handBack: Message[] = []
    let openedQueueUrl = ''
    try {
        const url = await attempt('sqs:GetQueueUrl', () => clients.sqs.send(new GetQueueUrlCommand({ QueueName: queue.queueName, QueueOwnerAWSAccountId: queue.accountId })))
        if (!url.ok) {
            const stop = awsStop(url.failure)
            advice.push(stop.advice)
            return report(stop.exitCode, `cannot open ${queue.arn}`)
        }
        const queueUrl = url.value.QueueUrl as string
        openedQueueUrl = queueUrl
        const size = await attempt('sqs:GetQueueAttributes', () =>
            clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] })),
        )
        if (!size.ok) {
            const stop = awsStop(size.failure)
            advice.push(stop.advice)
            return report(stop.exitCode, `cannot read ${queue.arn}`)
        }
        const visible = Number(size.value.Attributes?.ApproximateNumberOfMessages ?? '0')
        const inFlight = Number(size.value.Attributes?.ApproximateNumberOfMessagesNotVisible ?? '0')
        if (visible === 0 && inFlight === 0) {
            advice.push('The dead-letter queue is empty: nothing to replay. SNS moves a failed delivery there only when the subscription has a RedrivePolicy.')
            return report(EXIT.accepted, `${queue.queueName} is empty: nothing to replay`)
        }
        if (visible === 0) {
            advice.push(`${inFlight} message(s) are in flight (being read by another consumer or an interrupted run); run again after their visibility timeout.`)
            return report(EXIT.accepted, `${queue.queueName} has no visible message right now`)
        }
        if (stateFile) journal = ReplayJournal.open(stateFile, queue.arn)
        return await drain(clients, queueUrl, visible)
    } finally {
        progress.finish()
        // Hand back what was received but not delivered, so it is visible again at once (else after the timeout).
        for (const m of handBack) {
            const back = await attempt('sqs:ChangeMessageVisibility', () => clients.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: openedQueueUrl, ReceiptHandle: m.ReceiptHandle as string, VisibilityTimeout: 0 })))
            if (back.ok) counts.handedBack++
        }
        if (journal) journal.close()
        closeClients(clients)
    }

    async function drain(c: AwsClients, queueUrl: string, total: number): Promise<ReplayReport> {
        const visibilityS = Math.max(60, Math.ceil(args.timeoutMs / 1000) * 2 + 30)
        const seen = new Set<string>()
        const started = Date.now()
        drainStarted = started
        let posted = 0
        let stop: { exitCode: number; summary: string } | null = null
        const label = () => `delivered ${counts.delivered + counts.alreadyDelivered}, failed ${counts.failed}, not SNS ${counts.notSns}`
        for (;;) {
            if (io.interrupted() || stop) break
            const got = await attempt('sqs:ReceiveMessage', () =>
                c.sqs.send(
                    new ReceiveMessageCommand({
                        QueueUrl: queueUrl,
                        MaxNumberOfMessages: BATCH,
                        VisibilityTimeout: visibilityS,
                        WaitTimeSeconds: LONG_POLL_S,
                        MessageAttributeNames: ['All'],
                        MessageSystemAttributeNames: ['All'],
                    }),
                ),
            )
            if (!got.ok) {
                const s = awsStop(got.failure)
                advice.push(s.advice)
                stop = { exitCode: s.exitCode, summary: 'stopped: cannot read the queue' }
                break
            }
            const batch = got.value.Messages ?? []
            if (batch.length === 0) break
            if (batch.every((m) => seen.has(m.MessageId as string))) {
                handBack.push(...batch)
                break
            }
            for (const m of batch) {
                const sqsId = m.MessageId as string
                if (seen.has(sqsId) || io.interrupted() || stop) {
                    handBack.push(m)
                    continue
                }
                seen.add(sqsId)
                counts.received++
                const parsed = parseDlqMessage(m.Body)
                const base = { sqsMessageId: sqsId, errorCode: attributeOf(m, 'ErrorCode') }
                if (!parsed.ok) {
                    counts.notSns++
                    items.push({ ...base, snsMessageId: null, topicArn: null, alarmName: null, result: 'not-sns', detail: parsed.reason })
                    handBack.push(m)
                    continue
                }
                const n = parsed.request.notification
                const item = { ...base, snsMessageId: n.messageId, topicArn: n.topicArn, alarmName: n.alarmName }
                if (args.dryRun) {
                    counts.wouldSend++
                    items.push({ ...item, result: 'would-send', detail: null })
                    handBack.push(m)
                    continue
                }
                const j = journal as ReplayJournal
                const state = j.state(n.messageId)
                if (state === 'delivered' || state === 'deleted') {
                    // A run died after the 2xx but before DeleteMessage: delete without posting twice.
                    const del = await attempt('sqs:DeleteMessage', () => c.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle as string })))
                    if (del.ok) j.record(n.messageId, 'deleted')
                    counts.alreadyDelivered++
                    items.push({ ...item, result: 'already-delivered', detail: del.ok ? 'delivered by an earlier run; deleted now' : `delivered by an earlier run; delete failed: ${del.failure.message}` })
                    progress.update({ done: counts.received, total, label: label() })
                    continue
                }
                if (args.rate) {
                    const due = started + (posted * 1000) / args.rate
                    if (due > Date.now()) await sleep(due - Date.now())
                }
                const resent = state === 'posting'
                j.record(n.messageId, 'posting')
                posted++
                const result = await probe({ method: 'POST', host: (target as NonNullable<typeof target>).host, path: (target as NonNullable<typeof target>).path, headers: parsed.request.headers, body: parsed.request.body, timeoutMs: args.timeoutMs, connectTo: args.connectTo })
                if (result.kind === 'response' && result.status >= 200 && result.status < 300) {
                    j.record(n.messageId, 'delivered')
                    const del = await attempt('sqs:DeleteMessage', () => c.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle as string })))
                    if (del.ok) j.record(n.messageId, 'deleted')
                    else advice.push(`message ${n.messageId} was delivered but not deleted (${del.failure.message}); the next run deletes it without posting it again`)
                    counts.delivered++
                    items.push({
                        ...item,
                        result: resent ? 'resent' : 'delivered',
                        detail: resent ? 'an earlier run stopped before the answer: sent again with the same x-amz-sns-message-id (Event Management de-duplicates)' : `HTTP ${result.status}`,
                    })
                } else {
                    const outcome = result.kind === 'response' ? classifyResponse('endpoint', result.status) : classifyFailure(result, (target as NonNullable<typeof target>).host, args.timeoutMs)
                    counts.failed++
                    items.push({ ...item, result: result.kind === 'response' ? 'refused' : 'unreachable', detail: outcome.summary })
                    handBack.push(m)
                    advice.push(...outcome.advice)
                    stop = { exitCode: outcome.exitCode, summary: `stopped: the endpoint ${outcome.summary}; nothing was deleted for that message` }
                }
                progress.update({ done: counts.received, total, label: label() })
            }
        }
        if (io.interrupted()) {
            advice.push('Interrupted: the message in flight was finished; the others stay in the queue. Run the same command again to continue.')
            return report(EXIT.interrupted, 'interrupted', true)
        }
        if (stop) return report(stop.exitCode, stop.summary)
        if (counts.notSns > 0) {
            advice.push('Messages that are not SNS notifications (raw message delivery, or sent by something else) were left in the queue untouched; inspect them in the SQS console.')
            return report(EXIT.rejected, `${counts.notSns} message(s) are not SNS notifications and were left in the queue`)
        }
        if (args.dryRun) return report(EXIT.accepted, `dry run: ${counts.wouldSend} message(s) would be sent; nothing was sent or deleted`)
        return report(EXIT.accepted, `replayed: ${counts.delivered} delivered, ${counts.alreadyDelivered} already delivered earlier`)
    }
}

export function formatReplayReport(r: ReplayReport): string {
    const lines = [`sn-aws-verify replay: ${r.summary} (exit ${r.exitCode})`, `  queue   : ${r.queueArn}`]
    if (r.endpoint) lines.push(`  endpoint: ${r.endpoint}`)
    if (r.stateFile) lines.push(`  journal : ${r.stateFile}`)
    for (const i of r.items) {
        if (i.result === 'delivered') continue
        const what = i.snsMessageId ? `${i.snsMessageId}${i.alarmName ? ` (alarm "${i.alarmName}")` : ''}` : `SQS message ${i.sqsMessageId}`
        lines.push(`  ${i.result.padEnd(17)} ${what}${i.errorCode ? ` [SNS ErrorCode ${i.errorCode}]` : ''}${i.detail ? `: ${i.detail}` : ''}`)
    }
    const c = r.counts
    lines.push(`  counts  : received ${c.received}, delivered ${c.delivered}, already delivered ${c.alreadyDelivered}, not SNS ${c.notSns}, failed ${c.failed}, handed back ${c.handedBack}${r.dryRun ? `, would send ${c.wouldSend}` : ''}`)
    for (const a of r.advice) lines.push(`  - ${a}`)
    return lines.join('\n') + '\n'
}
