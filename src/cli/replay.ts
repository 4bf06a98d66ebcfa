// The replay command: reads the subscription's SQS dead-letter queue and re-posts every SNS notification in it to
// the current endpoint exactly as SNS would (same headers, same envelope, same MessageId), deleting each message
// only after a 2xx. A journal (see replay-journal.ts) makes an interrupted run safe to start again, and Ctrl-C
// finishes the message in flight, then hands the rest back to the queue.
import https from 'node:https'
import { join } from 'node:path'
import process from 'node:process'
import { setTimeout as sleep } from 'node:timers/promises'
import { ChangeMessageVisibilityBatchCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, GetQueueUrlCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs'
import { maskEndpoint, parseAwsEndpoint, parseQueueArn, type QueueArn } from '../server/endpoint/aws-endpoint.ts'
import { attempt, awsClients, checkKnownRegion, closeClients, type AwsClients, type AwsFailure } from './aws-clients.ts'
import { InputError, type ReplayArgs } from './cli-args.ts'
import { parseDlqMessage } from './dlq-message.ts'
import { probe } from './https-probe.ts'
import { EXIT, classifyFailure, classifyResponse } from './outcome.ts'
import { ProgressBar } from './progress.ts'
import { ReplayJournal, replayKey } from './replay-journal.ts'
import { readSecret, type Redactor } from './secret-input.ts'
import { safeText } from './terminal-text.ts'

const BATCH = 10 // the SQS maximum per ReceiveMessage and per DeleteMessageBatch / ChangeMessageVisibilityBatch
const LONG_POLL_S = 2 // an empty answer after a long poll means the queue really has nothing visible

export const REPLAY_HELP = `sn-aws-verify replay: re-post the alarms kept in a subscription's dead-letter queue.

Usage:
  sn-aws-verify replay (--dlq-arn <arn> | --queue-url <url>) [--endpoint-file <path>|-] [--state-file <path>]
                       [--dry-run] [--rate <messages/s>] [--concurrency <n>] [--json] [--timeout <s>] [--connect-to <spec>]

  Re-posts every SNS notification in the subscription's dead-letter queue to the current endpoint exactly as
  SNS would (headers, envelope, original MessageId) and deletes each message (DeleteMessageBatch) only after a
  2xx. The first message goes alone; after its 2xx up to --concurrency posts are in flight. The first refusal
  stops the run (nothing more is sent with a bad key). --dry-run lists what would be sent. A message whose
  values cannot go into an SNS header is left in the queue as "not SNS". Ctrl-C finishes the messages in flight
  and hands the rest back to the queue; a second Ctrl-C stops at once.

Options:
  --dlq-arn <arn> | --queue-url <url>   the dead-letter queue (exactly one)
  --endpoint-file <path>|-     the current endpoint (or SN_AWS_ENDPOINT); a secret, never on the command line
  --state-file <path>          the journal that makes an interrupted run safe to start again
                               (default ./sn-aws-replay-<account>-<region>-<queue>.journal)
  --rate <n>                   send at most n messages per second (1 to 1000; default: as fast as allowed)
  --concurrency <n>            posts in flight at once after the first 2xx (1 to 32, default 4)
  --dry-run                    list what would be sent; send and delete nothing
  --timeout <seconds>          per request, 1 to 60 (default 15, as SNS)
  --connect-to <h1:p1:h2:p2>   like curl, for the POSTs to the instance
  --json                       print one JSON object with the counts and each message's outcome
  -h, --help                   this text

Proxy: the AWS (SQS) calls go through HTTPS_PROXY (or https_proxy) when set, tunnelled with CONNECT; hosts in
NO_PROXY go direct. The POSTs to the instance never use a proxy: they go straight to it, as SNS does from AWS.

Exit codes: 0 all delivered (or the queue is empty), 2 the endpoint refused a message or messages that are
not SNS notifications were left in the queue, 3 network/TLS/timeout, 4 bad input, 5 AWS kept throttling,
130 interrupted, 1 unexpected internal error.
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
    /** Copies SQS delivered again (at-least-once) of a message this run already handled: deleted, never re-posted. */
    redelivered: number
    /** Delivered, but DeleteMessage(Batch) did not remove them: the next run deletes them without posting again. */
    notDeleted: number
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
    /** Posts in flight at once. */
    concurrency: number
    /** SQS calls made (every action), for the cost per message. */
    sqsCalls: number
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
    if (failure.kind === 'throttled') return { exitCode: EXIT.throttled, advice: failure.message }
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
    /** Where the progress bar draws (raw: it moves the cursor); defaults to err. */
    progress?: (text: string) => void
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
    const counts: ReplayCounts = { received: 0, delivered: 0, alreadyDelivered: 0, notSns: 0, failed: 0, handedBack: 0, wouldSend: 0, redelivered: 0, notDeleted: 0 }
    const items: ReplayItem[] = []
    const advice: string[] = []
    let drainStarted = 0
    let sqsCalls = 0
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
        concurrency: args.concurrency,
        sqsCalls,
        exitCode,
        summary,
        advice,
    })

    const clients = awsClients(queue.region, args.timeoutMs)
    const sqs = <T>(action: string, call: () => Promise<T>) => {
        sqsCalls++
        return attempt(action, call)
    }
    let journal: ReplayJournal | null = null
    const progress = new ProgressBar(io.progress ?? io.err, io.stderrIsTty)
    const handBack: Message[] = []
    let openedQueueUrl = ''
    try {
        const url = await sqs('sqs:GetQueueUrl', () => clients.sqs.send(new GetQueueUrlCommand({ QueueName: queue.queueName, QueueOwnerAWSAccountId: queue.accountId })))
        if (!url.ok) {
            const stop = awsStop(url.failure)
            advice.push(stop.advice)
            return report(stop.exitCode, `cannot open ${queue.arn}`)
        }
        const queueUrl = url.value.QueueUrl as string
        openedQueueUrl = queueUrl
        const size = await sqs('sqs:GetQueueAttributes', () =>
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
        for (let i = 0; i < handBack.length; i += BATCH) {
            const chunk = handBack.slice(i, i + BATCH)
            const back = await sqs('sqs:ChangeMessageVisibility', () =>
                clients.sqs.send(
                    new ChangeMessageVisibilityBatchCommand({
                        QueueUrl: openedQueueUrl,
                        Entries: chunk.map((m, n) => ({ Id: String(n), ReceiptHandle: m.ReceiptHandle as string, VisibilityTimeout: 0 })),
                    }),
                ),
            )
            if (back.ok) counts.handedBack += (back.value.Successful ?? []).length
        }
        if (journal) journal.close()
        closeClients(clients)
    }

    async function drain(c: AwsClients, queueUrl: string, total: number): Promise<ReplayReport> {
        const visibilityS = Math.max(60, Math.ceil(args.timeoutMs / 1000) * 2 + 30)
        const started = Date.now()
        drainStarted = started
        let posted = 0
        let stop: { exitCode: number; summary: string } | null = null
        const label = () => `delivered ${counts.delivered + counts.alreadyDelivered}, failed ${counts.failed}, not SNS ${counts.notSns}`
        const j = journal as ReplayJournal
        // One TLS connection per worker, kept alive: a handshake per message would cost more than the post.
        const agent = new https.Agent({ keepAlive: true, maxSockets: args.concurrency })
        // Received and waiting for a worker; the SQS ids this run has taken up; per journal key, the newest receipt
        // handle (at-least-once delivery can hand out a second copy, which makes the first handle stale).
        const waiting: Message[] = []
        const taken = new Set<string>()
        const newestHandle = new Map<string, string>()
        const inProgress = new Map<string, Message[]>() // key -> copies received while its post was in flight
        let exhausted = false
        let receiving: Promise<void> | null = null
        // The first post goes alone: only after its answer may up to --concurrency be in flight, so a refused key
        // costs one request, as before (the first refusal stops the run).
        let pioneer: Promise<void> | null = null
        let opened = false
        let deletes: { key: string; handle: string; snsId: string }[] = []

        /** Deletes in batches of 10; `all` also sends a last partial batch (at the end of the run). */
        const flushDeletes = async (all: boolean): Promise<void> => {
            while (deletes.length >= BATCH || (all && deletes.length > 0)) {
                const chunk = deletes.slice(0, BATCH)
                deletes = deletes.slice(BATCH)
                // "delivered" must be on disk before the delete relies on it (group commit, one fsync per batch).
                j.commit()
                const del = await sqs('sqs:DeleteMessage', () =>
                    c.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: chunk.map((d, n) => ({ Id: String(n), ReceiptHandle: d.handle })) })),
                )
                const ok = new Set(del.ok ? (del.value.Successful ?? []).map((s) => s.Id) : [])
                chunk.forEach((d, n) => {
                    if (ok.has(String(n))) {
                        j.record(d.key, 'deleted')
                        return
                    }
                    counts.notDeleted++
                    const why = del.ok ? ((del.value.Failed ?? []).find((f) => f.Id === String(n))?.Code ?? 'not confirmed') : del.failure.message
                    advice.push(`message ${d.snsId} was delivered but not deleted (${safeText(why)}); the next run deletes it without posting it again`)
                })
            }
        }

        const receive = async (): Promise<void> => {
            const got = await sqs('sqs:ReceiveMessage', () =>
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
                stop ??= { exitCode: s.exitCode, summary: got.failure.kind === 'throttled' ? 'stopped: AWS kept throttling the queue reads' : 'stopped: cannot read the queue' }
                exhausted = true
                return
            }
            const batch = got.value.Messages ?? []
            if (batch.length === 0) exhausted = true
            let fresh = 0
            for (const m of batch) {
                if (!taken.has(m.MessageId as string)) fresh++
                waiting.push(m)
            }
            // Only copies of messages already taken: the queue has nothing new (the rest are ours, in flight).
            if (batch.length > 0 && fresh === 0) exhausted = true
        }

        const next = async (): Promise<Message | null> => {
            for (;;) {
                if (stop || io.interrupted()) return null
                if (waiting.length > 0) {
                    const m = waiting.shift() as Message
                    // Keep the pipeline full: fetch the next batch while the workers post this one.
                    if (waiting.length < args.concurrency && !exhausted && !receiving) receiving = receive().finally(() => (receiving = null))
                    return m
                }
                if (exhausted) return null
                if (!receiving) receiving = receive().finally(() => (receiving = null))
                await receiving
            }
        }

        const handle = async (m: Message): Promise<void> => {
            const sqsId = m.MessageId as string
            const body = m.Body ?? ''
            const key = replayKey(sqsId, body)
            const handleNow = m.ReceiptHandle as string
            const base = { sqsMessageId: sqsId, errorCode: attributeOf(m, 'ErrorCode') }
            if (taken.has(sqsId)) {
                // A second copy (at-least-once): never posted again. Its handle is now the one that deletes.
                counts.redelivered++
                newestHandle.set(key, handleNow)
                const copies = inProgress.get(key)
                if (copies) copies.push(m)
                else if (j && (j.state(key) === 'delivered' || j.state(key) === 'deleted')) deletes.push({ key, handle: handleNow, snsId: sqsId })
                else handBack.push(m)
                return
            }
            taken.add(sqsId)
            newestHandle.set(key, handleNow)
            counts.received++
            const parsed = parseDlqMessage(m.Body)
            if (!parsed.ok) {
                counts.notSns++
                items.push({ ...base, snsMessageId: null, topicArn: null, alarmName: null, result: 'not-sns', detail: parsed.reason })
                handBack.push(m)
                return
            }
            const n = parsed.request.notification
            const item = { ...base, snsMessageId: n.messageId, topicArn: n.topicArn, alarmName: n.alarmName }
            if (args.dryRun) {
                counts.wouldSend++
                items.push({ ...item, result: 'would-send', detail: null })
                handBack.push(m)
                return
            }
            const state = j.state(key)
            if (state === 'delivered' || state === 'deleted') {
                // A run died after the 2xx but before the delete (or the delete used a stale handle): delete, don't post.
                deletes.push({ key, handle: handleNow, snsId: n.messageId })
                counts.alreadyDelivered++
                items.push({ ...item, result: 'already-delivered', detail: 'delivered by an earlier run; deleted now' })
                progress.update({ done: counts.received, total, label: label() })
                return
            }
            if (args.rate) {
                const due = started + (posted * 1000) / args.rate
                posted++
                if (due > Date.now()) await sleep(due - Date.now())
            } else posted++
            if (stop || io.interrupted()) {
                handBack.push(m)
                return
            }
            let openGate: (() => void) | null = null
            if (!opened) {
                if (pioneer) {
                    await pioneer
                    if (stop || io.interrupted()) {
                        handBack.push(m)
                        return
                    }
                } else pioneer = new Promise<void>((resolve) => (openGate = resolve))
            }
            const resent = state === 'posting'
            j.record(key, 'posting')
            inProgress.set(key, [])
            const t = target as NonNullable<typeof target>
            const result = await probe({ method: 'POST', host: t.host, path: t.path, headers: parsed.request.headers, body: parsed.request.body, timeoutMs: args.timeoutMs, connectTo: args.connectTo, agent })
            const copies = inProgress.get(key) ?? []
            inProgress.delete(key)
            if (openGate) {
                opened = true
                ;(openGate as () => void)()
            }
            if (result.kind === 'response' && result.status >= 200 && result.status < 300) {
                j.record(key, 'delivered')
                deletes.push({ key, handle: newestHandle.get(key) ?? handleNow, snsId: n.messageId })
                counts.delivered++
                items.push({
                    ...item,
                    result: resent ? 'resent' : 'delivered',
                    detail: resent ? 'an earlier run stopped before the answer: sent again with the same x-amz-sns-message-id (Event Management de-duplicates)' : `HTTP ${result.status}`,
                })
            } else {
                const outcome = result.kind === 'response' ? classifyResponse('endpoint', result.status) : classifyFailure(result, t.host, args.timeoutMs)
                counts.failed++
                items.push({ ...item, result: result.kind === 'response' ? 'refused' : 'unreachable', detail: outcome.summary })
                handBack.push(m, ...copies)
                if (!stop) {
                    advice.push(...outcome.advice)
                    stop = { exitCode: outcome.exitCode, summary: `stopped: the endpoint ${outcome.summary}; nothing was deleted for that message` }
                }
            }
            await flushDeletes(false)
            progress.update({ done: counts.received, total, label: label() })
        }

        const worker = async (): Promise<void> => {
            for (;;) {
                const m = await next()
                if (!m) return
                await handle(m)
            }
        }
        try {
            await Promise.all(Array.from({ length: args.dryRun ? 1 : args.concurrency }, worker))
        } finally {
            agent.destroy()
        }
        if (receiving) await receiving
        await flushDeletes(true)
        // Received but never handled (stopped or interrupted): back to the queue.
        handBack.push(...waiting.splice(0))
        if (io.interrupted()) {
            advice.push('Interrupted: the messages in flight were finished; the others stay in the queue. Run the same command again to continue.')
            return report(EXIT.interrupted, 'interrupted', true)
        }
        // Set inside the workers: TypeScript cannot see that, so read it through its declared type.
        const stopped = stop as { exitCode: number; summary: string } | null
        if (stopped) return report(stopped.exitCode, stopped.summary)
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
        const what = i.snsMessageId ? `${i.snsMessageId}${i.alarmName ? ` (alarm "${safeText(i.alarmName)}")` : ''}` : `SQS message ${i.sqsMessageId}`
        lines.push(`  ${i.result.padEnd(17)} ${what}${i.errorCode ? ` [SNS ErrorCode ${i.errorCode}]` : ''}${i.detail ? `: ${i.detail}` : ''}`)
    }
    const c = r.counts
    lines.push(
        `  counts  : received ${c.received}, delivered ${c.delivered}, already delivered ${c.alreadyDelivered}, not SNS ${c.notSns}, failed ${c.failed}, handed back ${c.handedBack}` +
            `${c.redelivered ? `, redelivered copies ${c.redelivered}` : ''}${c.notDeleted ? `, delivered but not deleted ${c.notDeleted}` : ''}${r.dryRun ? `, would send ${c.wouldSend}` : ''}`,
    )
    for (const a of r.advice) lines.push(`  - ${a}`)
    // Items carry alarm names and server text: every line is escaped whole, so none can forge another.
    return lines.map(safeText).join('\n') + '\n'
}
