// The doctor command: reads the SNS topic, its subscriptions, their dead-letter queues, the topic's KMS key and the
// CloudWatch alarms that use it, and says for each link of the chain pass, warn or fail, with the exact fix.
// Subscription endpoints hold the API key: they are compared, never printed (only masked).
import process from 'node:process'
import { DescribeAlarmsCommand, type CompositeAlarm, type MetricAlarm } from '@aws-sdk/client-cloudwatch'
import { DescribeKeyCommand, GetKeyPolicyCommand } from '@aws-sdk/client-kms'
import { GetSubscriptionAttributesCommand, GetTopicAttributesCommand, type Subscription } from '@aws-sdk/client-sns'
import { GetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs'
import {
    maskEndpoint,
    parseAwsEndpoint,
    parseQueueArn,
    parseTopicArn,
    quoteShellArg,
    type AwsEndpoint,
    type TopicArn,
} from '../server/endpoint/aws-endpoint.ts'
import { attempt, awsClients, checkKnownRegion, closeClients, listSubscriptions, type AwsClients, type AwsFailure } from './aws-clients.ts'
import { InputError } from './cli-args.ts'
import { EXIT } from './outcome.ts'
import {
    CLOUDWATCH_KMS_ACTIONS,
    cloudWatchKeyStatement,
    cloudWatchPublishStatement,
    parsePolicy,
    policyGrant,
    policyWithStatement,
    snsSendToQueueStatement,
} from './policy-rules.ts'
import { parseBasicAuthEndpoint, sameTarget } from './migrate-rules.ts'
import { readSecret, type Redactor } from './secret-input.ts'
import { safeText } from './terminal-text.ts'

export const DOCTOR_HELP = `sn-aws-verify doctor: is the AWS side set up to deliver alarms to the instance?

Usage:
  sn-aws-verify doctor --topic-arn <arn> [--endpoint-file <path>|-] [--json] [--timeout <s>]

  Checks the AWS side with your AWS credentials (environment, profile, SSO; region from the ARN): the topic
  exists and is Standard; its policy lets CloudWatch publish; its KMS key lets CloudWatch in; the
  subscriptions to the instance are confirmed, without raw delivery, with a dead-letter queue; no duplicate
  or stale (older key) subscription; no subscription with user:password@ (Basic auth: names the migrate
  command); the dead-letter queue exists and lets SNS in; the alarms that use the topic also send OK. Each finding is PASS, WARN, FAIL or ERROR (could not check: names the IAM action).
  It only reads: nothing is changed in AWS; each finding that needs a change prints the exact command.

Options:
  --topic-arn <arn>            the SNS topic the alarms publish to (required)
  --endpoint-file <path>|-     the current endpoint (or SN_AWS_ENDPOINT), to tell the current subscription from
                               stale ones; it is compared, never printed unmasked
  --timeout <seconds>          per AWS call, 1 to 60 (default 15)
  --json                       print one JSON object: findings (id, level, summary, fix), counts, exitCode
  -h, --help                   this text

Proxy: the AWS calls go through HTTPS_PROXY (or https_proxy) when set, tunnelled with CONNECT, so TLS to AWS
stays end to end; hosts in NO_PROXY are reached directly. AWS_ENDPOINT_URL is honoured (e.g. LocalStack).

Exit codes: 0 no FAIL, 2 a FAIL or a check blocked by credentials/permissions, 3 AWS unreachable, 4 bad input,
5 AWS kept throttling after backing off (run again later), 1 unexpected internal error.
`

export interface DoctorOptions {
    topicArn: string
    /** Optional: a path or - (stdin); else SN_AWS_ENDPOINT when set; else no current endpoint. */
    endpointFile?: string
    timeoutMs: number
    json: boolean
}

export type Level = 'pass' | 'warn' | 'fail' | 'error'

export interface Finding {
    /** Stable identifier, e.g. topic.kms or subscription.raw-delivery. */
    id: string
    level: Level
    summary: string
    /** What to run or change; commands never contain the endpoint or the key. */
    fix: string[]
    /** For level error: what kept the check from running. */
    failure?: { kind: AwsFailure['kind']; iamAction: string }
}

export interface DoctorReport {
    command: 'doctor'
    topicArn: string
    region: string
    /** Masked; null when no endpoint was given. */
    endpoint: string | null
    findings: Finding[]
    counts: Record<Level, number>
    exitCode: number
    summary: string
}

interface Ours {
    subscriptionArn: string | null // null while pending confirmation
    endpoint: AwsEndpoint
    masked: string
    isCurrent: boolean | null // null when no current endpoint was given
}

const CONFIRM_HELP = 'Subscriptions unconfirmed after 48 hours are deleted by SNS; the ServiceNow AWS push connector confirms by itself when it answers the SubscriptionConfirmation.'

class Findings {
    readonly list: Finding[] = []
    add(id: string, level: Level, summary: string, fix: string[] = []): void {
        this.list.push({ id, level, summary, fix })
    }
    error(id: string, failure: AwsFailure, what: string): void {
        const grant =
            failure.kind === 'access-denied'
                ? [`Grant ${failure.action} to the identity running the doctor (see the IAM list in the README), then run it again.`]
                : failure.kind === 'credentials'
                  ? ['Configure credentials (aws configure, aws sso login, or AWS_PROFILE), then run it again.']
                  : []
        this.list.push({ id, level: 'error', summary: `could not check ${what}: ${failure.message}`, fix: grant, failure: { kind: failure.kind, iamAction: failure.action } })
    }
}

function tryParseEndpoint(value: string | undefined): AwsEndpoint | null {
    if (!value) return null
    try {
        return parseAwsEndpoint(value)
    } catch {
        return null
    }
}

export async function readCurrentEndpoint(options: { endpointFile?: string }, redactor: Redactor, warnings: string[]): Promise<{ parsed: AwsEndpoint; masked: string } | null> {
    // The endpoint is optional: read it only when a file or the variable says there is one.
    if (options.endpointFile === undefined && !process.env.SN_AWS_ENDPOINT) return null
    const secret = await readSecret('endpoint', '--endpoint-file', options.endpointFile, 'SN_AWS_ENDPOINT')
    redactor.addEndpoint(secret.value)
    warnings.push(...secret.warnings)
    try {
        const parsed = parseAwsEndpoint(secret.value)
        redactor.addKey(parsed.apiKey)
        return { parsed, masked: maskEndpoint(secret.value) }
    } catch (err) {
        throw new InputError(`${(err as Error).message} (read from ${secret.origin})`)
    }
}

async function checkTopic(c: AwsClients, topic: TopicArn, f: Findings): Promise<Record<string, string> | null> {
    const got = await attempt('sns:GetTopicAttributes', () => c.sns.send(new GetTopicAttributesCommand({ TopicArn: topic.arn })))
    if (!got.ok) {
        if (got.failure.kind === 'not-found') {
            f.add('topic.exists', 'fail', `topic ${topic.topicName} does not exist in account ${topic.accountId}, region ${topic.region}`, [
                `Check the ARN, or create it: aws sns create-topic --region ${topic.region} --name ${topic.topicName}`,
            ])
        } else {
            f.error('topic.exists', got.failure, 'the topic')
        }
        return null
    }
    const attrs = got.value.Attributes ?? {}
    f.add('topic.exists', 'pass', `topic ${topic.topicName} exists`)
    if (attrs.FifoTopic === 'true') {
        f.add('topic.standard', 'fail', 'the topic is FIFO: FIFO topics deliver only to SQS, never to HTTPS endpoints', [
            `Create a standard topic (aws sns create-topic --region ${topic.region} --name <name without .fifo>) and point the alarms at it.`,
        ])
    } else {
        f.add('topic.standard', 'pass', 'the topic is a standard topic (FIFO topics cannot deliver to HTTPS)')
    }
    return attrs
}

function checkTopicPolicy(topic: TopicArn, attrs: Record<string, string>, f: Findings): void {
    const statements = parsePolicy(attrs.Policy)
    const fixed = policyWithStatement(attrs.Policy, cloudWatchPublishStatement(topic.arn))
    const fix = [
        `aws sns set-topic-attributes --region ${topic.region} --topic-arn ${topic.arn} --attribute-name Policy --attribute-value ${quoteShellArg(fixed)}`,
        `CloudFormation: an AWS::SNS::TopicPolicy (or AWS::SNS::TopicInlinePolicy) with the statement ${JSON.stringify(cloudWatchPublishStatement(topic.arn))}`,
    ]
    const grant = statements === null ? 'none' : policyGrant(statements, 'cloudwatch.amazonaws.com', ['sns:Publish'])
    if (statements === null) f.add('topic.policy', 'fail', 'the topic policy is not valid JSON', fix)
    else if (grant === 'explicit') f.add('topic.policy', 'pass', 'the topic policy lets cloudwatch.amazonaws.com publish')
    else if (grant === 'wildcard') {
        f.add(
            'topic.policy',
            'warn',
            'only a statement for any principal (such as the default owner statement) covers CloudWatch; alarms from this account usually publish through it, but an explicit statement for cloudwatch.amazonaws.com is what AWS documents',
            fix,
        )
    } else if (grant === 'denied') f.add('topic.policy', 'fail', 'the topic policy denies sns:Publish to cloudwatch.amazonaws.com: alarms fail with "not authorized to perform: SNS:Publish"', ['Remove the Deny statement that covers cloudwatch.amazonaws.com, then add:', ...fix])
    else f.add('topic.policy', 'fail', 'the topic policy does not let cloudwatch.amazonaws.com publish: alarms fail with "not authorized to perform: SNS:Publish"', fix)
}

async function checkTopicKey(c: AwsClients, topic: TopicArn, attrs: Record<string, string>, f: Findings): Promise<void> {
    const keyId = attrs.KmsMasterKeyId
    if (!keyId) {
        f.add('topic.kms', 'pass', 'the topic is not encrypted with KMS (nothing for CloudWatch to be allowed)')
        return
    }
    const described = await attempt('kms:DescribeKey', () => c.kms.send(new DescribeKeyCommand({ KeyId: keyId })))
    if (!described.ok) {
        if (described.failure.kind === 'not-found') {
            f.add('topic.kms', 'fail', `the topic's KMS key ${keyId} does not exist: nothing can publish to the topic`, [
                `aws sns set-topic-attributes --region ${topic.region} --topic-arn ${topic.arn} --attribute-name KmsMasterKeyId --attribute-value <customer managed key ARN>`,
            ])
        } else f.error('topic.kms', described.failure, `the topic's KMS key ${keyId}`)
        return
    }
    const meta = described.value.KeyMetadata
    const keyRef = meta?.Arn ?? keyId
    if (meta?.KeyManager === 'AWS') {
        f.add('topic.kms', 'fail', `the topic is encrypted with the AWS managed key (${keyId}), whose policy cannot let CloudWatch in: alarms cannot publish`, [
            `Create a customer managed key whose policy has ${JSON.stringify(cloudWatchKeyStatement())}, then: aws sns set-topic-attributes --region ${topic.region} --topic-arn ${topic.arn} --attribute-name KmsMasterKeyId --attribute-value <that key's ARN>`,
        ])
        return
    }
    const policy = await attempt('kms:GetKeyPolicy', () => c.kms.send(new GetKeyPolicyCommand({ KeyId: keyRef, PolicyName: 'default' })))
    if (!policy.ok) {
        f.error('topic.kms', policy.failure, `the key policy of ${keyRef}`)
        return
    }
    const statements = parsePolicy(policy.value.Policy) ?? []
    const grant = policyGrant(statements, 'cloudwatch.amazonaws.com', CLOUDWATCH_KMS_ACTIONS)
    if (grant === 'explicit' || grant === 'wildcard') {
        f.add('topic.kms', 'pass', `the key policy of ${keyRef} lets CloudWatch use the key (kms:GenerateDataKey*, kms:Decrypt)`)
        return
    }
    f.add('topic.kms', 'fail', `the key policy of ${keyRef} does not let cloudwatch.amazonaws.com use kms:GenerateDataKey* and kms:Decrypt: alarms cannot publish to the encrypted topic`, [
        `aws kms put-key-policy --region ${topic.region} --key-id ${keyRef} --policy-name default --policy ${quoteShellArg(policyWithStatement(policy.value.Policy, cloudWatchKeyStatement()))}`,
        `CloudFormation: add to the AWS::KMS::Key KeyPolicy the statement ${JSON.stringify(cloudWatchKeyStatement())}`,
    ])
}

function subscribeFix(topic: TopicArn, dlqArn: string | null): string {
    const attributes = dlqArn ? ` --attributes ${quoteShellArg(JSON.stringify({ RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn }) }))}` : ''
    // $(cat ...) keeps the key off the screen and out of shell history.
    return ` aws sns subscribe --region ${topic.region} --topic-arn ${topic.arn} --protocol https --notification-endpoint "$(cat endpoint.txt)"${attributes}   (leading space: kept out of history with HISTCONTROL=ignorespace)`
}

async function checkSubscriptions(c: AwsClients, topic: TopicArn, current: AwsEndpoint | null, redactor: Redactor, f: Findings): Promise<{ ours: Ours[]; attrs: Map<string, Record<string, string>> } | null> {
    const listed = await listSubscriptions(c, topic.arn)
    if (!listed.ok) {
        f.error('subscriptions', listed.failure, 'the subscriptions')
        return null
    }
    checkBasicAuth(topic, listed.value, current, redactor, f)
    const ours: Ours[] = []
    for (const s of listed.value) {
        if (s.Protocol !== 'https' && s.Protocol !== 'http') continue
        // Register every endpoint seen, so no output path can print one unmasked.
        if (s.Endpoint) redactor.addEndpoint(s.Endpoint)
        const parsed = tryParseEndpoint(s.Endpoint)
        if (!parsed) continue
        redactor.addKey(parsed.apiKey)
        if (current && (parsed.host !== current.host || parsed.connectorSysId !== current.connectorSysId)) continue
        ours.push({
            subscriptionArn: s.SubscriptionArn && s.SubscriptionArn !== 'PendingConfirmation' ? s.SubscriptionArn : null,
            endpoint: parsed,
            masked: maskEndpoint(s.Endpoint as string),
            isCurrent: current ? parsed.apiKey === current.apiKey : null,
        })
    }
    const where = current ? `${current.host} (connector ${current.connectorSysId})` : 'a ServiceNow Event Management endpoint'
    if (ours.length === 0) {
        f.add('subscription.present', 'fail', `no subscription on this topic delivers to ${where}`, [current ? subscribeFix(topic, null) : 'Subscribe the endpoint shown by the ServiceNow app (see its aws sns subscribe line or CloudFormation snippet).'])
        return { ours, attrs: new Map() }
    }
    f.add('subscription.present', 'pass', `${ours.length} subscription(s) deliver to ${where}`)

    const attrs = new Map<string, Record<string, string>>()
    for (const o of ours) {
        if (o.subscriptionArn === null) {
            f.add('subscription.confirmed', 'warn', `subscription to ${o.masked} is pending confirmation: nothing is delivered until it is confirmed`, [
                'Check that the endpoint answers (sn-aws-verify verify --endpoint-file ...) and that the push connector is active; ' + CONFIRM_HELP,
            ])
            continue
        }
        f.add('subscription.confirmed', 'pass', `subscription ${o.subscriptionArn} is confirmed`)
        const got = await attempt('sns:GetSubscriptionAttributes', () => c.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: o.subscriptionArn as string })))
        if (!got.ok) {
            f.error('subscription.attributes', got.failure, `the attributes of ${o.subscriptionArn}`)
            continue
        }
        const a = got.value.Attributes ?? {}
        if (a.Endpoint) redactor.addEndpoint(a.Endpoint)
        attrs.set(o.subscriptionArn, a)
        if (a.RawMessageDelivery === 'true') {
            f.add('subscription.raw-delivery', 'fail', `raw message delivery is on for ${o.subscriptionArn}: the ServiceNow AWS connector needs the SNS envelope and drops these alarms`, [
                `aws sns set-subscription-attributes --region ${topic.region} --subscription-arn ${o.subscriptionArn} --attribute-name RawMessageDelivery --attribute-value false`,
            ])
        } else f.add('subscription.raw-delivery', 'pass', `raw message delivery is off for ${o.subscriptionArn}`)
        if (!a.RedrivePolicy) {
            f.add('subscription.redrive', 'warn', `${o.subscriptionArn} has no dead-letter queue: SNS drops every alarm the endpoint answers with 4xx (an expired or revoked key), for good`, [
                `aws sqs create-queue --region ${topic.region} --queue-name servicenow-alarms-dlq --attributes MessageRetentionPeriod=1209600`,
                `aws sqs set-queue-attributes --region ${topic.region} --queue-url <the queue URL> --attributes ${quoteShellArg(JSON.stringify({ Policy: policyWithStatement(undefined, snsSendToQueueStatement(`arn:${topic.partition}:sqs:${topic.region}:${topic.accountId}:servicenow-alarms-dlq`, topic.arn)) }))}`,
                `aws sns set-subscription-attributes --region ${topic.region} --subscription-arn ${o.subscriptionArn} --attribute-name RedrivePolicy --attribute-value ${quoteShellArg(JSON.stringify({ deadLetterTargetArn: `arn:${topic.partition}:sqs:${topic.region}:${topic.accountId}:servicenow-alarms-dlq` }))}`,
                'Or deploy the ServiceNow app\'s CloudFormation / Terraform snippet, which creates the queue, its policy and the redrive policy.',
            ])
        } else f.add('subscription.redrive', 'pass', `${o.subscriptionArn} has a dead-letter queue`)
    }
    checkDuplicatesAndStale(topic, ours, current, f)
    return { ours, attrs }
}

/** E58/E59: subscriptions that still deliver with user:password@ (SNS shows user:****@) to the EM inbound path. */
function checkBasicAuth(topic: TopicArn, subs: Subscription[], current: AwsEndpoint | null, redactor: Redactor, f: Findings): void {
    const basic = subs
        .filter((s) => s.Protocol === 'https' || s.Protocol === 'http')
        .map((s) => ({ s, parsed: parseBasicAuthEndpoint(s.Endpoint) }))
        .filter((x) => x.parsed !== null && (!current || sameTarget(x.parsed, current)))
    for (const { s, parsed } of basic) {
        if (s.Endpoint) redactor.addEndpoint(s.Endpoint)
        const which = s.SubscriptionArn && s.SubscriptionArn.startsWith('arn:') ? s.SubscriptionArn : 'a pending subscription'
        f.add(
            'subscription.basic-auth',
            'warn',
            `${which} delivers to ${(parsed as NonNullable<typeof parsed>).masked} with Basic auth (user:password in the URL): once ServiceNow's Basic Auth Restriction is enforced for that user the instance answers 401, SNS never retries it, and every alarm is lost`,
            [
                `sn-aws-verify migrate --topic-arn ${topic.arn} --endpoint-file endpoint.txt --dry-run`,
                `sn-aws-verify migrate --topic-arn ${topic.arn} --endpoint-file endpoint.txt   (moves it to the API-key endpoint, make-before-break)`,
            ],
        )
    }
    if (basic.length === 0) f.add('subscription.basic-auth', 'pass', 'no subscription to a ServiceNow Event Management endpoint uses Basic auth (user:password in the URL)')
}

function checkDuplicatesAndStale(topic: TopicArn, ours: Ours[], current: AwsEndpoint | null, f: Findings): void {
    const describe = (o: Ours) => o.subscriptionArn ?? `pending subscription to ${o.masked}`
    if (!current) {
        const groups = new Map<string, Ours[]>()
        for (const o of ours) {
            const k = `${o.endpoint.host} ${o.endpoint.connectorSysId}`
            groups.set(k, [...(groups.get(k) ?? []), o])
        }
        for (const [k, group] of groups) {
            if (group.length < 2) continue
            f.add('subscription.duplicates', 'warn', `${group.length} subscriptions deliver to the same instance and connector (${k.replace(' ', ', connector ')}): either duplicates (every alarm arrives ${group.length} times) or a key rotation in progress`, [
                'Run the doctor again with --endpoint-file (or SN_AWS_ENDPOINT) holding the current endpoint: it then tells duplicates from stale subscriptions.',
                ...group.map((o) => `  ${describe(o)}`),
            ])
        }
        if (![...groups.values()].some((g) => g.length > 1)) f.add('subscription.duplicates', 'pass', 'no instance and connector is subscribed twice')
        return
    }
    const currentOnes = ours.filter((o) => o.isCurrent)
    const stale = ours.filter((o) => !o.isCurrent)
    if (currentOnes.length === 0) {
        f.add('subscription.current', 'fail', 'no subscription uses the current endpoint (its key): alarms go to an old key, which fails once that key expires or is revoked', [subscribeFix(topic, null)])
    } else {
        f.add('subscription.current', 'pass', `the current endpoint is subscribed (${currentOnes.map(describe).join(', ')})`)
    }
    if (currentOnes.length > 1) {
        f.add('subscription.duplicates', 'warn', `the current endpoint is subscribed ${currentOnes.length} times: every alarm arrives ${currentOnes.length} times`, [
            ...currentOnes
                .slice(1)
                .filter((o) => o.subscriptionArn)
                .map((o) => `aws sns unsubscribe --region ${topic.region} --subscription-arn ${o.subscriptionArn}`),
        ])
    } else f.add('subscription.duplicates', 'pass', 'the current endpoint is subscribed at most once')
    const confirmedCurrent = currentOnes.some((o) => o.subscriptionArn !== null)
    for (const o of stale) {
        if (confirmedCurrent) {
            f.add('subscription.stale', 'warn', `${describe(o)} delivers with an older key (${o.masked}): the new subscription is confirmed, so delete this one`, [
                o.subscriptionArn ? `aws sns unsubscribe --region ${topic.region} --subscription-arn ${o.subscriptionArn}` : 'It is still pending; SNS deletes it after 48 hours.',
            ])
        } else {
            f.add('subscription.stale', 'warn', `${describe(o)} delivers with an older key (${o.masked}): keep it until the subscription with the current key is confirmed, then delete it`, [])
        }
    }
    if (stale.length === 0) f.add('subscription.stale', 'pass', 'no subscription uses an older key')
}

async function checkDeadLetterQueues(c: AwsClients, topic: TopicArn, attrs: Map<string, Record<string, string>>, f: Findings): Promise<void> {
    const seen = new Set<string>()
    for (const [subArn, a] of attrs) {
        if (!a.RedrivePolicy) continue
        let dlqArn: string
        try {
            dlqArn = String((JSON.parse(a.RedrivePolicy) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn)
        } catch {
            f.add('dlq.exists', 'fail', `the RedrivePolicy of ${subArn} is not valid JSON`, [])
            continue
        }
        if (seen.has(dlqArn)) continue
        seen.add(dlqArn)
        let queue
        try {
            queue = parseQueueArn(dlqArn, 'deadLetterTargetArn')
        } catch (err) {
            f.add('dlq.exists', 'fail', `the RedrivePolicy of ${subArn}: ${(err as Error).message}`, [])
            continue
        }
        if (queue.accountId !== topic.accountId || queue.region !== topic.region) {
            f.add('dlq.exists', 'fail', `the dead-letter queue ${dlqArn} is not in the topic's account and region (${topic.accountId}, ${topic.region}): SNS cannot use it`, [
                `Create the queue in ${topic.region} of account ${topic.accountId} and set it in the RedrivePolicy of ${subArn}.`,
            ])
            continue
        }
        const url = await attempt('sqs:GetQueueUrl', () => c.sqs.send(new GetQueueUrlCommand({ QueueName: queue.queueName, QueueOwnerAWSAccountId: queue.accountId })))
        if (!url.ok) {
            if (url.failure.kind === 'not-found') {
                f.add('dlq.exists', 'fail', `the dead-letter queue ${dlqArn} does not exist: failed deliveries are lost`, [
                    `aws sqs create-queue --region ${topic.region} --queue-name ${queue.queueName} --attributes MessageRetentionPeriod=1209600`,
                ])
            } else f.error('dlq.exists', url.failure, `the dead-letter queue ${dlqArn}`)
            continue
        }
        const queueUrl = url.value.QueueUrl as string
        f.add('dlq.exists', 'pass', `the dead-letter queue ${queue.queueName} exists in the topic's account and region`)
        const got = await attempt('sqs:GetQueueAttributes', () => c.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['Policy', 'ApproximateNumberOfMessages'] })))
        if (!got.ok) {
            f.error('dlq.policy', got.failure, `the policy of ${dlqArn}`)
            continue
        }
        const qa = got.value.Attributes ?? {}
        const grant = policyGrant(parsePolicy(qa.Policy) ?? [], 'sns.amazonaws.com', ['sqs:SendMessage'], topic.arn)
        if (grant === 'explicit' || grant === 'wildcard') f.add('dlq.policy', 'pass', `the policy of ${queue.queueName} lets SNS send this topic's failed deliveries`)
        else {
            f.add('dlq.policy', 'fail', `the policy of ${queue.queueName} does not let sns.amazonaws.com send messages from this topic: failed deliveries are lost`, [
                `aws sqs set-queue-attributes --region ${topic.region} --queue-url ${queueUrl} --attributes ${quoteShellArg(JSON.stringify({ Policy: policyWithStatement(qa.Policy, snsSendToQueueStatement(dlqArn, topic.arn)) }))}`,
            ])
        }
        const waiting = Number(qa.ApproximateNumberOfMessages ?? '0')
        if (waiting > 0) {
            f.add('dlq.messages', 'warn', `${waiting} alarm(s) wait in ${queue.queueName}: deliveries failed (often an expired or revoked key)`, [
                `After fixing the endpoint: sn-aws-verify replay --dlq-arn ${dlqArn} --endpoint-file endpoint.txt (try --dry-run first)`,
            ])
        } else f.add('dlq.messages', 'pass', `${queue.queueName} is empty`)
    }
}

async function checkAlarms(c: AwsClients, topic: TopicArn, f: Findings): Promise<void> {
    const alarms: (MetricAlarm | CompositeAlarm)[] = []
    let next: string | undefined
    do {
        const page = await attempt('cloudwatch:DescribeAlarms', () =>
            // ActionPrefix: only the alarms with an action on this topic, not every alarm of the region.
            c.cloudWatch.send(new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], ActionPrefix: topic.arn, NextToken: next, MaxRecords: 100 })),
        )
        if (!page.ok) {
            f.error('alarms', page.failure, 'the CloudWatch alarms')
            return
        }
        alarms.push(...(page.value.MetricAlarms ?? []), ...(page.value.CompositeAlarms ?? []))
        next = page.value.NextToken
    } while (next)
    const uses = (a: MetricAlarm | CompositeAlarm) => [...(a.AlarmActions ?? []), ...(a.OKActions ?? []), ...(a.InsufficientDataActions ?? [])].includes(topic.arn)
    const using = alarms.filter(uses)
    if (using.length === 0) {
        f.add('alarms.present', 'warn', `no CloudWatch alarm in ${topic.region} publishes to this topic`, [
            `Add the topic to the alarms' actions: aws cloudwatch put-metric-alarm ... --alarm-actions ${topic.arn} --ok-actions ${topic.arn}; in CloudFormation AlarmActions and OKActions of AWS::CloudWatch::Alarm.`,
        ])
        return
    }
    f.add('alarms.present', 'pass', `${using.length} CloudWatch alarm(s) publish to this topic`)
    const noOk = using.filter((a) => !(a.OKActions ?? []).includes(topic.arn))
    if (noOk.length > 0) {
        f.add('alarms.ok-actions', 'warn', `${noOk.length} alarm(s) have no OK action to this topic, so their ServiceNow alerts never close: ${noOk.map((a) => safeText(a.AlarmName)).join(', ')}`, [
            `Add ${topic.arn} to each alarm's OKActions: in CloudFormation OKActions on the AWS::CloudWatch::Alarm; with the CLI, run put-metric-alarm again with all of its settings plus --ok-actions ${topic.arn}.`,
        ])
    } else f.add('alarms.ok-actions', 'pass', 'every alarm that uses the topic also sends its OK state')
    const disabled = using.filter((a) => a.ActionsEnabled === false)
    if (disabled.length > 0) {
        f.add('alarms.actions-enabled', 'warn', `${disabled.length} alarm(s) have their actions disabled: ${disabled.map((a) => safeText(a.AlarmName)).join(', ')}`, [
            `aws cloudwatch enable-alarm-actions --region ${topic.region} --alarm-names ${disabled.map((a) => quoteShellArg(a.AlarmName ?? '')).join(' ')}`,
        ])
    }
}

/**
 * Every single-topic check on one topic with the given clients, in a fixed order. The KMS key, the subscriptions
 * (then their dead-letter queues) and the alarms are independent links, so they are read at the same time.
 */
export async function runTopicChecks(clients: AwsClients, topic: TopicArn, current: AwsEndpoint | null, redactor: Redactor): Promise<Finding[]> {
    const head = new Findings()
    const key = new Findings()
    const subscriptions = new Findings()
    const alarms = new Findings()
    const alarmsChecked = checkAlarms(clients, topic, alarms)
    const attrs = await checkTopic(clients, topic, head)
    if (attrs) {
        checkTopicPolicy(topic, attrs, head)
        await Promise.all([
            checkTopicKey(clients, topic, attrs, key),
            (async () => {
                const subs = await checkSubscriptions(clients, topic, current, redactor, subscriptions)
                if (subs) await checkDeadLetterQueues(clients, topic, subs.attrs, subscriptions)
            })(),
        ])
    }
    await alarmsChecked
    return [...head.list, ...key.list, ...subscriptions.list, ...alarms.list]
}

export function doctorExitCode(findings: Finding[]): number {
    if (findings.some((x) => x.level === 'fail')) return EXIT.rejected
    if (findings.some((x) => x.level === 'error' && x.failure?.kind !== 'network' && x.failure?.kind !== 'throttled')) return EXIT.rejected
    // Throttled after the SDK's backoff: not a misconfiguration; its own code.
    if (findings.some((x) => x.level === 'error' && x.failure?.kind === 'throttled')) return EXIT.throttled
    if (findings.some((x) => x.level === 'error')) return EXIT.unreachable
    return EXIT.accepted
}

export async function doctor(options: DoctorOptions, redactor: Redactor, warnings: string[]): Promise<DoctorReport> {
    let topic: TopicArn
    try {
        topic = parseTopicArn(options.topicArn, '--topic-arn')
    } catch (err) {
        throw new InputError((err as Error).message)
    }
    checkKnownRegion(topic.region, '--topic-arn')
    const current = await readCurrentEndpoint(options, redactor, warnings)
    const clients = awsClients(topic.region, options.timeoutMs)
    let findings: Finding[]
    try {
        findings = await runTopicChecks(clients, topic, current ? current.parsed : null, redactor)
    } finally {
        closeClients(clients)
    }
    const f = { list: findings }
    const counts: Record<Level, number> = { pass: 0, warn: 0, fail: 0, error: 0 }
    for (const x of f.list) counts[x.level]++
    const exitCode = doctorExitCode(f.list)
    return {
        command: 'doctor',
        topicArn: topic.arn,
        region: topic.region,
        endpoint: current ? current.masked : null,
        findings: f.list,
        counts,
        exitCode,
        summary:
            `${counts.pass} pass, ${counts.warn} warn, ${counts.fail} fail, ${counts.error} could not be checked` +
            (f.list.some((x) => x.failure?.kind === 'throttled') ? ' (AWS kept throttling: run again later)' : ''),
    }
}

const MARK: Record<Level, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', error: 'ERROR' }

export function formatDoctorReport(report: DoctorReport): string {
    const lines = [`sn-aws-verify doctor: ${report.topicArn} (${report.region})`]
    if (report.endpoint) lines.push(`  current endpoint: ${report.endpoint}`)
    for (const x of report.findings) {
        lines.push(`${MARK[x.level].padEnd(5)} ${x.id}: ${x.summary}`)
        for (const fix of x.fix) lines.push(`      fix: ${fix}`)
    }
    lines.push(`${report.summary} (exit ${report.exitCode})`)
    // Summaries carry alarm names and AWS messages: each line is escaped whole, so none can break into two.
    return lines.map(safeText).join('\n') + '\n'
}
