// What an SNS dead-letter queue holds for an HTTPS subscription, and the request that re-posts it exactly as SNS did.
//
// The DLQ message body is the complete SNS notification JSON envelope SNS tried to deliver (Type, MessageId,
// TopicArn, Subject, Message, Timestamp, SignatureVersion, Signature, SigningCertURL, UnsubscribeURL): the same
// text an SQS subscriber without raw delivery receives. With raw message delivery on, the body is only the
// Message, and the envelope cannot be rebuilt (no MessageId, no signature). SNS adds the SQS message attributes
// ErrorCode, ErrorMessage and RequestID to say why delivery failed.
// Sources: the SNS developer guide (awsdocs/amazon-sns-developer-guide, doc_source/sns-dead-letter-queues.md and
// sns-large-payload-raw-message-delivery.md) says undeliverable messages are "held in the dead-letter queue for
// further analysis or reprocessing" and how raw delivery strips the envelope, but does not spell out the DLQ body;
// the body and attribute shapes above are AWS's as recorded against real AWS by LocalStack's snapshot tests
// (localstack/localstack issue 6639) and matched by fauxqs (kibertoad/fauxqs PR 137, citing AWS's re:Post
// article on SNS-to-SQS dead-letter queues). Confirm on real AWS; see the README.
import { parseTopicArn } from '../server/endpoint/aws-endpoint.ts'

export interface SnsNotification {
    messageId: string
    topicArn: string
    subscriptionArn: string
    subject: string | null
    /** The alarm name when Message is a CloudWatch alarm; null otherwise. */
    alarmName: string | null
    timestamp: string
}

export interface ReplayRequest {
    notification: SnsNotification
    headers: { [name: string]: string }
    /** The DLQ body, byte for byte: SNS's own envelope with its signature. */
    body: string
}

export type ParsedDlqMessage = { ok: true; request: ReplayRequest } | { ok: false; reason: string }

const REQUIRED = ['Type', 'MessageId', 'TopicArn', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL']

/** The id SNS gives a subscription after the topic ARN (a UUID); nothing else may follow the topic in the ARN. */
const SUBSCRIPTION_ID = /^[A-Za-z0-9-]{1,100}$/

/** True when `value` may go into an HTTP header as it is: visible ASCII and spaces only (no CR/LF, no controls,
 * nothing Node would refuse or a server could read as a second header). */
export function isHeaderSafe(value: string): boolean {
    return /^[\x20-\x7e]*$/.test(value)
}

/** The subscription ARN SNS delivered for, from the envelope's UnsubscribeURL (`...&SubscriptionArn=<arn>`). */
export function subscriptionArnOf(unsubscribeUrl: string, topicArn: string): string | null {
    const q = unsubscribeUrl.indexOf('?')
    if (q < 0) return null
    for (const pair of unsubscribeUrl.slice(q + 1).split('&')) {
        const eq = pair.indexOf('=')
        if (eq < 0 || pair.slice(0, eq) !== 'SubscriptionArn') continue
        let value: string
        try {
            value = decodeURIComponent(pair.slice(eq + 1))
        } catch {
            return null
        }
        return value.startsWith(topicArn + ':') && SUBSCRIPTION_ID.test(value.slice(topicArn.length + 1)) ? value : null
    }
    return null
}

export function parseDlqMessage(body: string | undefined): ParsedDlqMessage {
    if (!body) return { ok: false, reason: 'the message body is empty' }
    let envelope: Record<string, unknown>
    try {
        const parsed = JSON.parse(body)
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, reason: 'the body is JSON but not an SNS envelope' }
        envelope = parsed as Record<string, unknown>
    } catch {
        return { ok: false, reason: 'the body is not JSON: not an SNS envelope (raw message delivery on, or a message from elsewhere)' }
    }
    const missing = REQUIRED.filter((k) => typeof envelope[k] !== 'string')
    if (missing.length > 0) return { ok: false, reason: `not an SNS notification envelope (missing ${missing.join(', ')})` }
    if (envelope.Type !== 'Notification') return { ok: false, reason: 'an SNS envelope, but not a Notification' }
    const topicArn = envelope.TopicArn as string
    try {
        parseTopicArn(topicArn, 'TopicArn')
    } catch (err) {
        return { ok: false, reason: `the envelope's ${(err as Error).message}` }
    }
    const messageId = envelope.MessageId as string
    if (!/^[A-Za-z0-9-]{1,100}$/.test(messageId)) return { ok: false, reason: 'the envelope MessageId is not an SNS message id' }
    const subscriptionArn = subscriptionArnOf(envelope.UnsubscribeURL as string, topicArn)
    if (!subscriptionArn) return { ok: false, reason: "the envelope's UnsubscribeURL names no subscription of its topic" }
    let alarmName: string | null = null
    try {
        const alarm = JSON.parse(envelope.Message as string) as { AlarmName?: unknown }
        if (alarm && typeof alarm.AlarmName === 'string') alarmName = alarm.AlarmName
    } catch {
        // Not a CloudWatch alarm: replayed all the same.
    }
    // Every value that goes into a header is checked: a message that could not be sent as SNS sends it stays in the
    // queue as "not SNS"; the request is never built from it.
    for (const [name, value] of [['TopicArn', topicArn], ['MessageId', messageId], ['SubscriptionArn', subscriptionArn]]) {
        if (!isHeaderSafe(value)) return { ok: false, reason: `the envelope's ${name} holds characters no SNS header can carry` }
    }
    const notification: SnsNotification = {
        messageId,
        topicArn,
        subscriptionArn,
        subject: typeof envelope.Subject === 'string' ? envelope.Subject : null,
        alarmName,
        timestamp: envelope.Timestamp as string,
    }
    return {
        ok: true,
        request: {
            notification,
            // SNS's HTTP/S delivery headers (SNS developer guide, SendMessageToHttp.prepare.md).
            headers: {
                'x-amz-sns-message-type': 'Notification',
                'x-amz-sns-message-id': messageId,
                'x-amz-sns-topic-arn': topicArn,
                'x-amz-sns-subscription-arn': subscriptionArn,
                'Content-Type': 'text/plain; charset=UTF-8',
                'User-Agent': 'Amazon Simple Notification Service Agent',
            },
            body,
        },
    }
}
