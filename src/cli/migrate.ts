// The migrate command: moves the Basic-auth SNS subscriptions of a topic (https://user:****@<instance>/...) to the
// API-key endpoint, make-before-break: subscribe the new endpoint with the old subscription's policies, wait until
// SNS shows it confirmed (the push connector confirms it), prove it with an SNS-shaped POST, and only then
// unsubscribe the old one. A journal (migrate-journal.ts) makes a kill at any step safe to resume; a failure while
// waiting or proving removes the new subscription and leaves the old one delivering.
import { join } from 'node:path'
import process from 'node:process'
import { setTimeout as sleep } from 'node:timers/promises'
import { GetSubscriptionAttributesCommand, SubscribeCommand, UnsubscribeCommand, type Subscription } from '@aws-sdk/client-sns'
import { maskEndpoint, parseAwsEndpoint, parseTopicArn, type AwsEndpoint, type TopicArn } from '../server/endpoint/aws-endpoint.ts'
import { attempt, awsClients, checkKnownRegion, closeClients, listSubscriptions, type AwsFailure } from './aws-clients.ts'
import { DEFAULT_CONFIRM_WAIT_S, InputError, MAX_CONFIRM_WAIT_S, MAX_TIMEOUT_S, MIN_TIMEOUT_S, type MigrateArgs } from './cli-args.ts'
import { probe } from './https-probe.ts'
import { MigrateJournal } from './migrate-journal.ts'
import { inheritedAttributes, parseBasicAuthEndpoint, sameTarget, type BasicAuthEndpoint } from './migrate-rules.ts'
import { EXIT, classifyFailure, classifyResponse } from './outcome.ts'
import { readSecret, type Redactor } from './secret-input.ts'
import { snsTestRequest } from './sns-test-notification.ts'
import { safeText } from './terminal-text.ts'

export const MIGRATE_HELP = `sn-aws-verify migrate: move an SNS topic's Basic-auth subscriptions to the API-key endpoint, losing nothing.

Usage:
  sn-aws-verify migrate --topic-arn <arn> --endpoint-file <path>|- [--dry-run] [--state-file <path>] [--json]
                        [--confirm-wait <s>] [--timeout <s>] [--connect-to <h1:p1:h2:p2>]

The endpoint (https://<instance>/api/sn_em_connector/em/inbound_event?source=...&sys_id=...&x-sn-apikey=...) is read
from --endpoint-file, --endpoint-file - (stdin) or SN_AWS_ENDPOINT, never from the command line.

What it does, make-before-break (at every moment at least one confirmed subscription delivers):
  1. finds the subscriptions on the topic that deliver to the same instance and connector with user:password@
     (SNS shows them as user:****@; the old password is never needed and never printed);
  2. subscribes the API-key endpoint with the old subscription's DeliveryPolicy, FilterPolicy(Scope) and
     RedrivePolicy, raw message delivery off;
  3. waits (--confirm-wait, default ${DEFAULT_CONFIRM_WAIT_S} s, at most ${MAX_CONFIRM_WAIT_S} s) until SNS shows it confirmed: the push connector
     confirms it when the SubscriptionConfirmation reaches it;
  4. proves it with an SNS-shaped test notification (the same check as verify);
  5. only then unsubscribes the Basic-auth subscription(s).
  A failure at step 3 or 4 removes the new subscription (if this tool created it) and leaves the old one.
  --dry-run prints the plan and changes nothing.
  --state-file <path> is the journal (default ./sn-aws-migrate-<account>-<region>-<topic>.journal, mode 600, no
  endpoint or key in it): after Ctrl-C or a kill at any step, run the same command again to continue.
  Ctrl-C finishes the step in progress and stops; a second Ctrl-C stops at once.

Options:
  --topic-arn <arn>            the topic whose subscriptions move (the region comes from the ARN)
  --confirm-wait <seconds>     how long to wait for the confirmation (1 to ${MAX_CONFIRM_WAIT_S})
  --timeout <seconds>          per request, ${MIN_TIMEOUT_S} to ${MAX_TIMEOUT_S} (default 15, as SNS)
  --connect-to <h1:p1:h2:p2>   like curl, for the test notification (see sn-aws-verify --help)
  --json                       one JSON object: steps, old and new subscriptions (endpoints masked), exitCode, ...
  -h, --help                   this text

IAM actions: sns:ListSubscriptionsByTopic, sns:GetSubscriptionAttributes, sns:Subscribe, sns:Unsubscribe.

Exit codes:
  0    moved (or nothing left to move: no Basic-auth subscription, the API-key one confirmed); --dry-run: plan printed
  2    not moved: no Basic-auth subscription and no API-key one, the new subscription was not confirmed in time,
       the endpoint refused the test notification, or AWS refused a call (names the IAM action)
  3    network, TLS or timeout (the endpoint or AWS could not be reached)
  4    bad input (malformed ARN, unknown region, invalid endpoint, a journal of another topic)
  5    AWS kept throttling the calls after backing off: run again later
  130  interrupted: run the same command again to continue
  1    unexpected internal error
`

export type MigrateStepName = 'find' | 'subscribe' | 'wait-confirmed' | 'prove' | 'unsubscribe-old' | 'rollback'

export interface MigrateStep {
    step: MigrateStepName
    result: 'done' | 'skipped' | 'planned' | 'failed'
    detail: string
}

export interface MigrateReport {
    command: 'migrate'
    topicArn: string
    region: string
    /** Masked. */
    endpoint: string
    dryRun: boolean
    stateFile: string | null
    /** The Basic-auth subscriptions found, masked (credentials shown as …@). */
    basicAuth: { subscriptionArn: string | null; endpoint: string }[]
    newSubscriptionArn: string | null
    /** Attributes given to the new subscription (policies only, no endpoint). */
    attributes: Record<string, string>
    steps: MigrateStep[]
    interrupted: boolean
    exitCode: number
    summary: string
    advice: string[]
}

export interface MigrateIo {
    err(text: string): void
    interrupted(): boolean
}

interface Found {
    basic: { arn: string | null; parsed: BasicAuthEndpoint }[]
    /** Subscriptions of the API-key endpoint itself (null ARN: pending). */
    current: { arn: string | null }[]
}

const POLL_MS = 1000

function sameEndpoint(a: AwsEndpoint, b: AwsEndpoint): boolean {
    return a.host === b.host && a.connectorSysId === b.connectorSysId && a.apiKey === b.apiKey && a.source === b.source
}

function awsExit(failure: AwsFailure): number {
    if (failure.kind === 'throttled') return EXIT.throttled
    if (failure.kind === 'network') return EXIT.unreachable
    return EXIT.rejected
}

function classify(subs: Subscription[], target: AwsEndpoint, redactor: Redactor): Found {
    const found: Found = { basic: [], current: [] }
    for (const s of subs) {
        if (s.Protocol !== 'https') continue
        if (s.Endpoint) redactor.addEndpoint(s.Endpoint)
        const arn = s.SubscriptionArn && s.SubscriptionArn.startsWith('arn:') ? s.SubscriptionArn : null
        const basic = parseBasicAuthEndpoint(s.Endpoint)
        if (basic) {
            if (sameTarget(basic, target)) found.basic.push({ arn, parsed: basic })
            continue
        }
        try {
            if (sameEndpoint(parseAwsEndpoint(s.Endpoint as string), target)) found.current.push({ arn })
        } catch {
            // Someone else's endpoint: not ours to touch.
        }
    }
    return found
}

export async function migrate(args: MigrateArgs, redactor: Redactor, warnings: string[], io: MigrateIo): Promise<MigrateReport> {
    let topic: TopicArn
    try {
        topic = parseTopicArn(args.topicArn, '--topic-arn')
    } catch (err) {
        throw new InputError((err as Error).message)
    }
    checkKnownRegion(topic.region, '--topic-arn')
    const secret = await readSecret('endpoint', '--endpoint-file', args.endpointFile, 'SN_AWS_ENDPOINT')
    redactor.addEndpoint(secret.value)
    warnings.push(...secret.warnings)
    let target: AwsEndpoint
    try {
        target = parseAwsEndpoint(secret.value)
    } catch (err) {
        throw new InputError(`${(err as Error).message} (read from ${secret.origin})`)
    }
    redactor.addKey(target.apiKey)
    const endpointText = secret.value
    const stateFile = args.dryRun ? null : (args.stateFile ?? join(process.cwd(), `sn-aws-migrate-${topic.accountId}-${topic.region}-${topic.topicName}.journal`))
    const steps: MigrateStep[] = []
    const advice: string[] = []
    let basicAuth: MigrateReport['basicAuth'] = []
    let newArn: string | null = null
    let attributes: Record<string, string> = {}
    const report = (exitCode: number, summary: string, interrupted = false): MigrateReport => ({
        command: 'migrate',
        topicArn: topic.arn,
        region: topic.region,
        endpoint: maskEndpoint(endpointText),
        dryRun: args.dryRun,
        stateFile,
        basicAuth,
        newSubscriptionArn: newArn,
        attributes,
        steps,
        interrupted,
        exitCode,
        summary,
        advice,
    })
    const step = (name: MigrateStepName, result: MigrateStep['result'], detail: string) => steps.push({ step: name, result, detail })
    const progress = (text: string) => io.err(`sn-aws-verify migrate: ${text}\n`)

    const c = awsClients(topic.region, args.timeoutMs)
    let journal: MigrateJournal | null = null
    try {
        // 1. Find.
        const listed = await listSubscriptions(c, topic.arn)
        if (!listed.ok) {
            advice.push(listed.failure.message)
            step('find', 'failed', `cannot list the subscriptions of ${topic.arn}`)
            return report(awsExit(listed.failure), 'stopped: cannot list the topic subscriptions; nothing was changed')
        }
        let found = classify(listed.value, target, redactor)
        basicAuth = found.basic.map((b) => ({ subscriptionArn: b.arn, endpoint: b.parsed.masked }))
        const pendingBasic = found.basic.filter((b) => b.arn === null)
        if (pendingBasic.length > 0) warnings.push(`${pendingBasic.length} Basic-auth subscription(s) are still pending confirmation: they deliver nothing, and SNS deletes them after 48 hours`)
        const oldOnes = found.basic.filter((b) => b.arn !== null) as { arn: string; parsed: BasicAuthEndpoint }[]
        step('find', 'done', `${oldOnes.length} confirmed Basic-auth subscription(s) to ${target.host} (connector ${target.connectorSysId}); ${found.current.length} subscription(s) with the API-key endpoint`)

        if (!args.dryRun) {
            journal = MigrateJournal.open(stateFile as string, topic.arn)
        }
        const earlier = journal ? journal.state() : null

        if (oldOnes.length === 0) {
            const confirmed = found.current.find((s) => s.arn !== null)
            if (confirmed) {
                newArn = confirmed.arn
                if (journal && !earlier?.done) journal.record({ step: 'done' })
                advice.push('Nothing left to move: the API-key endpoint is subscribed and confirmed, and no Basic-auth subscription to this instance and connector is left.')
                return report(EXIT.accepted, `nothing to move: ${topic.topicName} delivers with the API key only`)
            }
            advice.push(
                `No confirmed Basic-auth subscription on ${topic.arn} delivers to ${target.host} (connector ${target.connectorSysId} / source ${safeText(target.source)}), and the API-key endpoint is not subscribed either. ` +
                    'Check the topic ARN and the endpoint file; to subscribe without a move, use the aws sns subscribe line the ServiceNow app shows.',
            )
            return report(EXIT.rejected, 'nothing to move: no Basic-auth subscription to this instance and connector')
        }

        // 2. What the new subscription inherits: the first old subscription's policies.
        const first = oldOnes[0]
        const got = await attempt('sns:GetSubscriptionAttributes', () => c.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: first.arn })))
        if (!got.ok) {
            advice.push(got.failure.message)
            step('subscribe', 'failed', `cannot read the attributes of ${first.arn}`)
            return report(awsExit(got.failure), 'stopped: cannot read the old subscription; nothing was changed')
        }
        if (got.value.Attributes?.Endpoint) redactor.addEndpoint(got.value.Attributes.Endpoint)
        attributes = inheritedAttributes(got.value.Attributes)
        if (oldOnes.length > 1) warnings.push(`${oldOnes.length} Basic-auth subscriptions deliver to this connector (every alarm arrived ${oldOnes.length} times); the new subscription takes the policies of ${first.arn}, and all of them are removed`)

        if (args.dryRun) {
            const confirmed = found.current.some((s) => s.arn !== null)
            step('subscribe', 'planned', confirmed ? 'the API-key endpoint is already subscribed and confirmed: no new subscription' : `aws sns subscribe the API-key endpoint with ${Object.keys(attributes).join(', ')}`)
            step('wait-confirmed', 'planned', `wait up to ${args.confirmWaitMs / 1000} s until SNS shows it confirmed`)
            step('prove', 'planned', 'POST an SNS-shaped test notification to the API-key endpoint; it must answer 2xx')
            step('unsubscribe-old', 'planned', `unsubscribe ${oldOnes.map((o) => o.arn).join(', ')}`)
            advice.push('Dry run: nothing was changed. Run the same command without --dry-run to move.')
            return report(EXIT.accepted, `dry run: ${oldOnes.length} Basic-auth subscription(s) would move to the API-key endpoint`)
        }
        const j = journal as MigrateJournal

        // 2. Subscribe (idempotent in SNS: the same endpoint and attributes give back the same subscription).
        const known = found.current.find((s) => s.arn !== null)
        if (known) {
            newArn = known.arn
            step('subscribe', 'skipped', `the API-key endpoint is already subscribed (${newArn})`)
        } else if (earlier?.createdArn && found.current.length > 0) {
            newArn = earlier.createdArn
            step('subscribe', 'skipped', `resuming: the subscription created by an earlier run is pending (${newArn})`)
        } else {
            if (io.interrupted()) return interrupted()
            j.record({ step: 'subscribing' })
            const sub = await attempt('sns:Subscribe', () =>
                c.sns.send(new SubscribeCommand({ TopicArn: topic.arn, Protocol: 'https', Endpoint: endpointText, Attributes: attributes, ReturnSubscriptionArn: true })),
            )
            if (!sub.ok) {
                advice.push(sub.failure.message)
                step('subscribe', 'failed', 'SNS refused the new subscription; the old one is untouched')
                return report(awsExit(sub.failure), 'stopped: could not subscribe the API-key endpoint; the Basic-auth subscription still delivers')
            }
            newArn = sub.value.SubscriptionArn as string
            // Ours to remove on failure: created now, or by an earlier run (a pending one someone else made is not).
            if (found.current.length === 0 || earlier?.subscribing || earlier?.createdArn === newArn) j.record({ step: 'subscribed', arn: newArn })
            step('subscribe', 'done', `subscribed ${newArn} with ${Object.keys(attributes).join(', ')}`)
            progress(`subscribed ${newArn}; waiting for the push connector to confirm it`)
        }
        const createdByUs = () => journal?.state().createdArn === newArn

        // 3. Wait, bounded, until SNS shows it confirmed.
        const started = Date.now()
        for (;;) {
            const attrs = await attempt('sns:GetSubscriptionAttributes', () => c.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: newArn as string })))
            if (attrs.ok && attrs.value.Attributes?.PendingConfirmation === 'false') break
            if (!attrs.ok && attrs.failure.kind !== 'not-found') {
                advice.push(attrs.failure.message)
                step('wait-confirmed', 'failed', 'cannot read the new subscription')
                return report(awsExit(attrs.failure), 'stopped while waiting for the confirmation; the Basic-auth subscription still delivers; run again to continue')
            }
            if (!attrs.ok) {
                // Deleted under us (SNS drops unconfirmed ones after 48 h): start again next run.
                if (createdByUs()) j.record({ step: 'rolled-back', arn: newArn as string })
                step('wait-confirmed', 'failed', 'the new subscription disappeared before it was confirmed')
                return report(EXIT.rejected, 'not moved: the new subscription disappeared; the Basic-auth subscription still delivers')
            }
            if (io.interrupted()) return interrupted()
            const waited = Date.now() - started
            if (waited >= args.confirmWaitMs) {
                step('wait-confirmed', 'failed', `not confirmed within ${args.confirmWaitMs / 1000} s`)
                advice.push(
                    'The push connector did not confirm the subscription: check the endpoint with sn-aws-verify verify (a 401 or 404 means the key or the connector), that the connector instance is active, and that the instance lets SNS in (IP access control).',
                )
                await rollback()
                return report(EXIT.rejected, 'not moved: SNS did not show the new subscription confirmed; it was removed and the Basic-auth subscription still delivers')
            }
            progress(`waiting for SNS to show ${newArn} confirmed (${Math.round(waited / 1000)} s of ${args.confirmWaitMs / 1000} s)`)
            await sleep(Math.min(POLL_MS, args.confirmWaitMs - waited))
        }
        j.record({ step: 'confirmed', arn: newArn as string })
        step('wait-confirmed', 'done', `SNS shows ${newArn} confirmed`)

        // 4. Prove it with what SNS sends.
        if (io.interrupted()) return interrupted()
        const sns = snsTestRequest(topic)
        const result = await probe({ method: 'POST', host: target.host, path: endpointText.slice('https://'.length + target.host.length), headers: sns.headers, body: sns.body, timeoutMs: args.timeoutMs, connectTo: args.connectTo })
        if (!(result.kind === 'response' && result.status >= 200 && result.status < 300)) {
            const outcome = result.kind === 'response' ? classifyResponse('endpoint', result.status) : classifyFailure(result, target.host, args.timeoutMs)
            step('prove', 'failed', `the test notification got: ${outcome.summary}`)
            advice.push(...outcome.advice)
            await rollback()
            return report(outcome.exitCode, `not moved: the API-key endpoint ${outcome.summary}; the new subscription was removed and the Basic-auth subscription still delivers`)
        }
        j.record({ step: 'proven', arn: newArn as string })
        step('prove', 'done', `the endpoint accepted an SNS-shaped test notification (HTTP ${result.status}, MessageId ${sns.messageId})`)

        // 5. Only now: unsubscribe the Basic-auth ones, after checking once more that the new one is confirmed.
        const relisted = await listSubscriptions(c, topic.arn)
        if (!relisted.ok) {
            advice.push(relisted.failure.message)
            return report(awsExit(relisted.failure), 'stopped before removing the Basic-auth subscription; run again to continue')
        }
        found = classify(relisted.value, target, redactor)
        if (!found.current.some((s) => s.arn === newArn)) {
            step('unsubscribe-old', 'failed', 'the new subscription is no longer listed as confirmed')
            return report(EXIT.rejected, 'stopped: the new subscription is no longer confirmed; the Basic-auth subscription was kept')
        }
        for (const old of found.basic) {
            if (old.arn === null) continue
            if (io.interrupted()) return interrupted()
            j.record({ step: 'unsubscribing', arn: old.arn })
            const un = await attempt('sns:Unsubscribe', () => c.sns.send(new UnsubscribeCommand({ SubscriptionArn: old.arn as string })))
            if (!un.ok && un.failure.kind !== 'not-found') {
                advice.push(un.failure.message)
                step('unsubscribe-old', 'failed', `could not unsubscribe ${old.arn}`)
                return report(awsExit(un.failure), 'stopped: the API-key subscription delivers, but a Basic-auth one could not be removed; run again to continue')
            }
            j.record({ step: 'unsubscribed', arn: old.arn })
            step('unsubscribe-old', 'done', `unsubscribed ${old.arn} (${old.parsed.masked})`)
        }
        j.record({ step: 'done' })
        advice.push('Moved: the topic delivers with the API key. Keep the key\'s expiry watched in ServiceNow; when Basic auth is no longer needed by anything else, the integration user can be restricted (Basic Auth Restriction).')
        return report(EXIT.accepted, `moved: ${topic.topicName} delivers to the API-key endpoint (${newArn}); Basic-auth subscriptions removed`)
    } finally {
        if (journal) journal.close()
        closeClients(c)
    }

    function interrupted(): MigrateReport {
        advice.push('Interrupted between steps: at least one confirmed subscription still delivers. Run the same command again to continue from the journal.')
        return report(EXIT.interrupted, 'interrupted', true)
    }

    async function rollback(): Promise<void> {
        const j = journal as MigrateJournal
        if (newArn === null || j.state().createdArn !== newArn) {
            step('rollback', 'skipped', 'the API-key subscription existed before this run: left as it was')
            return
        }
        const un = await attempt('sns:Unsubscribe', () => c.sns.send(new UnsubscribeCommand({ SubscriptionArn: newArn as string })))
        if (un.ok || un.failure.kind === 'not-found') {
            j.record({ step: 'rolled-back', arn: newArn })
            step('rollback', 'done', `removed the new subscription ${newArn}; the Basic-auth subscription is untouched`)
        } else {
            step('rollback', 'failed', `could not remove ${newArn}: ${un.failure.message}`)
            advice.push(`Remove the unconfirmed subscription by hand: aws sns unsubscribe --region ${topic.region} --subscription-arn ${newArn}`)
        }
    }
}

export function formatMigrateReport(r: MigrateReport): string {
    const lines = [`sn-aws-verify migrate: ${r.summary} (exit ${r.exitCode})`, `  topic   : ${r.topicArn}`, `  endpoint: ${r.endpoint}`]
    if (r.stateFile) lines.push(`  journal : ${r.stateFile}`)
    for (const b of r.basicAuth) lines.push(`  basic   : ${b.subscriptionArn ?? 'pending confirmation'} ${b.endpoint}`)
    if (r.newSubscriptionArn) lines.push(`  new     : ${r.newSubscriptionArn}`)
    for (const s of r.steps) lines.push(`  ${s.result.padEnd(8)} ${s.step}: ${s.detail}`)
    for (const a of r.advice) lines.push(`  - ${a}`)
    // Subscription ARNs, endpoints and AWS messages are foreign text: every line is escaped whole.
    return lines.map(safeText).join('\n') + '\n'
}
