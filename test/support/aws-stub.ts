// A loopback (127.0.0.1) stand-in for the four AWS APIs sn-aws-verify calls, speaking the wire protocols the pinned
// AWS SDK for JavaScript v3 (3.1164.0) uses, so the real SDK clients run against it unchanged:
// - SNS: awsQuery (form-encoded Action=..., XML answers in the 2010-03-31 namespace, errors as <ErrorResponse>);
// - SQS: AWS JSON 1.0 (X-Amz-Target: AmazonSQS.<Op>), errors as {"__type"} plus x-amzn-query-error;
// - CloudWatch: AWS JSON 1.0 with awsQueryCompatible (X-Amz-Target: GraniteServiceVersion20100801.<Op>);
// - KMS: AWS JSON 1.1 (X-Amz-Target: TrentService.<Op>).
// It models what the doctor and replay depend on: topics, subscriptions (pending, confirmed, attributes), queues
// with visibility timeouts, receipt handles and MD5OfBody, alarms and key policies, plus SNS delivering to an HTTPS
// endpoint and moving a 4xx (not 429) to the subscription's dead-letter queue with ErrorCode/ErrorMessage/RequestID
// attributes. Faults: AccessDenied per IAM action, and a DeleteMessage that never answers (a crash window).
// Issue 16 additions (additive): SNS Subscribe / ConfirmSubscription / Unsubscribe with the SubscriptionConfirmation
// handshake (a pending subscription, a POST to the endpoint, confirmation by a GET on SubscribeURL), endpoints with
// their password masked as **** (E59), one MessageId per Publish for every subscriber; SQS's documented parameter
// limits, DeleteMessageBatch / ChangeMessageVisibilityBatch with per-entry failures, at-least-once redelivery and
// stale receipt handles; throttling and hangs on any action, on demand.
import { createHash, randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export const SNS_NS = 'http://sns.amazonaws.com/doc/2010-03-31/'

export interface StubSubscription {
    arn: string
    /** The SubscriptionConfirmation token while pending. */
    token?: string
    topicArn: string
    protocol: string
    endpoint: string
    owner: string
    confirmed: boolean
    attributes: Record<string, string>
}

export interface StubMessage {
    messageId: string
    body: string
    messageAttributes: Record<string, { DataType: string; StringValue: string }>
    sentAt: number
    invisibleUntil: number
    receiveCount: number
    receiptHandle: string | null
    /** Earlier receipt handles of this message: stale (AWS: the delete "succeeds, but the message might not be deleted"). */
    staleHandles?: string[]
    redelivered?: boolean
}

export interface StubQueue {
    name: string
    arn: string
    url: string
    attributes: Record<string, string>
    messages: StubMessage[]
}

export interface StubAlarm {
    AlarmName: string
    AlarmArn: string
    ActionsEnabled: boolean
    AlarmActions: string[]
    OKActions: string[]
    InsufficientDataActions: string[]
    StateValue: string
    composite?: boolean
}

export interface StubKey {
    keyId: string
    arn: string
    manager: 'AWS' | 'CUSTOMER'
    policy: string
    aliases: string[]
}

export interface StubCall {
    service: 'sns' | 'sqs' | 'monitoring' | 'kms' | 'sts' | 'organizations'
    action: string
    region: string
    accessKeyId: string
}

/** What SNS's HTTPS delivery got back: a status, or a network failure. */
export type DeliveryResult = { status: number } | { error: string }
export type Deliver = (request: { url: string; headers: Record<string, string>; body: string }) => Promise<DeliveryResult>

/** An AWS Organizations member account (ListAccounts). */
export interface StubOrgAccount {
    Id: string
    Name: string
    Status: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE'
}

/** Who publishes to a topic: a service principal (CloudWatch) or an IAM role, in an account. */
export interface StubPublisher {
    account: string
    service?: string
    roleArn?: string
}

export const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/'

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex')

export class AwsStub {
    readonly topics = new Map<string, Record<string, string>>()
    readonly subscriptions: StubSubscription[] = []
    readonly queues = new Map<string, StubQueue>()
    alarms: StubAlarm[] = []
    readonly keys: StubKey[] = []
    readonly calls: StubCall[] = []
    /** IAM actions (e.g. `sns:GetTopicAttributes`, `sqs:ReceiveMessage`) answered with AccessDenied. */
    readonly denied = new Set<string>()
    /** DeleteMessage calls left to answer normally before the next one hangs forever (null: never hang). */
    hangDeleteAfter: number | null = null
    /** Per action (e.g. `Subscribe`, `DeleteMessageBatch`): calls left to answer normally before the next one hangs. */
    readonly hangOn = new Map<string, number>()
    /** Per action: how many of the next calls are answered with the service's throttling error (Infinity: always). */
    readonly throttle = new Map<string, number>()
    /** At-least-once delivery: a ReceiveMessage may also hand out again a message in flight (once per message), with
     * a new receipt handle; the earlier handle is then stale (a delete with it succeeds but deletes nothing). */
    redeliverInFlight = false
    /** The next N entries of DeleteMessageBatch fail (a partly failed batch). */
    failBatchEntries = 0
    /** The MessageId of every publish(), in order (also when no subscription was there to receive it). */
    readonly published: string[] = []
    /** Where SNS POSTs a SubscriptionConfirmation for a new HTTPS subscription (set by the test; none: never confirmed). */
    httpsDelivery: Deliver | null = null
    /** Page size for ListSubscriptionsByTopic and DescribeAlarms, small in tests to exercise NextToken. */
    pageSize = 100
    /** Simulated clock offset for visibility timeouts, in ms. */
    clockOffsetMs = 0
    /** Every answer waits this long first (the bench's 50 ms AWS). */
    latencyMs = 0
    /** Role ARNs that sts:AssumeRole may assume; any other ARN is AccessDenied (no trust, or no such role). */
    readonly assumableRoles = new Set<string>()
    /** Temporary access key id -> the account its assumed role lives in. Calls signed with it see only that account. */
    readonly sessions = new Map<string, string>()
    /** AWS Organizations ListAccounts answers. */
    orgAccounts: StubOrgAccount[] = []
    private server: http.Server | null = null
    private hung: http.ServerResponse[] = []
    port = 0

    get url(): string {
        return `http://127.0.0.1:${this.port}`
    }

    now(): number {
        return Date.now() + this.clockOffsetMs
    }

    async start(): Promise<void> {
        this.server = http.createServer((req, res) => {
            const chunks: Buffer[] = []
            req.on('data', (c: Buffer) => chunks.push(c))
            req.on('end', () => {
                const answer = () => {
                    try {
                        this.dispatch(req, Buffer.concat(chunks).toString('utf8'), res)
                    } catch (err) {
                        res.writeHead(500, { 'Content-Type': 'text/plain' })
                        res.end(`stub error: ${(err as Error).message}`)
                    }
                }
                if (this.latencyMs > 0) setTimeout(answer, this.latencyMs)
                else answer()
            })
        })
        await new Promise<void>((resolve) => (this.server as http.Server).listen(0, '127.0.0.1', resolve))
        this.port = (this.server.address() as AddressInfo).port
    }

    async stop(): Promise<void> {
        for (const r of this.hung) r.destroy()
        this.hung = []
        if (!this.server) return
        this.server.closeAllConnections()
        await new Promise<void>((resolve) => (this.server as http.Server).close(() => resolve()))
        this.server = null
    }

    /** Answers every hung DeleteMessage with a dropped connection (after a test killed its client). */
    releaseHung(): void {
        for (const r of this.hung) r.destroy()
        this.hung = []
    }

    // ---- model helpers for fixtures ----

    addTopic(arn: string, attributes: Record<string, string> = {}): void {
        const parts = arn.split(':')
        this.topics.set(arn, {
            TopicArn: arn,
            Owner: parts[4],
            DisplayName: '',
            SubscriptionsConfirmed: '0',
            SubscriptionsPending: '0',
            SubscriptionsDeleted: '0',
            ...attributes,
        })
    }

    subscribe(topicArn: string, endpoint: string, opts: { confirmed?: boolean; attributes?: Record<string, string>; protocol?: string } = {}): StubSubscription {
        const sub: StubSubscription = {
            arn: `${topicArn}:${randomUUID()}`,
            topicArn,
            protocol: opts.protocol ?? 'https',
            endpoint,
            owner: topicArn.split(':')[4],
            confirmed: opts.confirmed ?? true,
            attributes: { RawMessageDelivery: 'false', ...opts.attributes },
        }
        this.subscriptions.push(sub)
        return sub
    }

    addQueue(arn: string, attributes: Record<string, string> = {}): StubQueue {
        const parts = arn.split(':')
        const queue: StubQueue = {
            name: parts[5],
            arn,
            // Like LocalStack: the queue URL points at the stub, so the SDK never leaves 127.0.0.1.
            url: `${this.url}/${parts[4]}/${parts[5]}`,
            attributes: { QueueArn: arn, VisibilityTimeout: '30', ...attributes },
            messages: [],
        }
        this.queues.set(queue.url, queue)
        return queue
    }

    queueByArn(arn: string): StubQueue | undefined {
        for (const q of this.queues.values()) if (q.arn === arn) return q
        return undefined
    }

    sendToQueue(queue: StubQueue, body: string, messageAttributes: StubMessage['messageAttributes'] = {}): StubMessage {
        const message: StubMessage = { messageId: randomUUID(), body, messageAttributes, sentAt: this.now(), invisibleUntil: 0, receiveCount: 0, receiptHandle: null }
        queue.messages.push(message)
        return message
    }

    addKey(key: Omit<StubKey, 'aliases'> & { aliases?: string[] }): void {
        this.keys.push({ aliases: [], ...key })
    }

    /** Makes every in-flight message visible again, as when its visibility timeout runs out. */
    expireVisibility(): void {
        for (const q of this.queues.values()) for (const m of q.messages) m.invisibleUntil = 0
    }

    /**
     * Publishes like SNS: one envelope per confirmed HTTPS subscription, POSTed through `deliver`. A 4xx other than
     * 429 is not retried: with a RedrivePolicy the envelope goes to the DLQ, else it is lost. Returns the envelopes.
     */
    async publish(topicArn: string, subject: string, message: string, deliver: Deliver): Promise<{ messageId: string; status: DeliveryResult; toDlq: boolean }[]> {
        const results = []
        const region = topicArn.split(':')[3]
        // SNS gives one MessageId per Publish; every subscription receives it (its retries too).
        const messageId = randomUUID()
        this.published.push(messageId)
        for (const sub of this.subscriptions.filter((s) => s.topicArn === topicArn && s.confirmed && s.protocol === 'https')) {
            const host = `sns.${region}.amazonaws.com`
            const envelope = JSON.stringify({
                Type: 'Notification',
                MessageId: messageId,
                TopicArn: topicArn,
                Subject: subject,
                Message: message,
                Timestamp: new Date(this.now()).toISOString(),
                SignatureVersion: '2',
                Signature: Buffer.from(randomUUID()).toString('base64'),
                SigningCertURL: `https://${host}/SimpleNotificationService-0000000000000000000000.pem`,
                UnsubscribeURL: `https://${host}/?Action=Unsubscribe&SubscriptionArn=${sub.arn}`,
            })
            const status = await deliver({
                url: sub.endpoint,
                headers: {
                    'x-amz-sns-message-type': 'Notification',
                    'x-amz-sns-message-id': messageId,
                    'x-amz-sns-topic-arn': topicArn,
                    'x-amz-sns-subscription-arn': sub.arn,
                    'Content-Type': 'text/plain; charset=UTF-8',
                    'User-Agent': 'Amazon Simple Notification Service Agent',
                },
                body: envelope,
            })
            const code = 'status' in status ? status.status : 0
            const permanent = code >= 400 && code < 500 && code !== 429
            let toDlq = false
            if (permanent && sub.attributes.RedrivePolicy) {
                const dlq = this.queueByArn(JSON.parse(sub.attributes.RedrivePolicy).deadLetterTargetArn)
                if (dlq) {
                    this.sendToQueue(dlq, envelope, {
                        ErrorCode: { DataType: 'String', StringValue: String(code) },
                        ErrorMessage: { DataType: 'String', StringValue: `Endpoint returned HTTP ${code}` },
                        RequestID: { DataType: 'String', StringValue: randomUUID() },
                    })
                    toDlq = true
                }
            }
            results.push({ messageId, status, toDlq })
        }
        return results
    }

    // ---- wire protocols ----

    private dispatch(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
        // SubscribeURL: an unauthenticated GET, as SNS's is (the endpoint fetches it to confirm).
        if (req.method === 'GET' && (req.url ?? '').startsWith('/?Action=ConfirmSubscription&')) {
            const q = new URLSearchParams((req.url ?? '').slice(2))
            this.calls.push({ service: 'sns', action: 'ConfirmSubscription(SubscribeURL)', region: '', accessKeyId: '' })
            const sub = this.confirmByToken(q.get('TopicArn') ?? '', q.get('Token') ?? '')
            if (!sub) return this.snsError(res, 404, 'NotFound', 'Subscription does not exist or the token is invalid')
            return this.snsOk(res, 'ConfirmSubscription', `<SubscriptionArn>${xmlEscape(sub.arn)}</SubscriptionArn>`)
        }
        const auth = String(req.headers.authorization ?? '')
        const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth)
        if (!scope) {
            res.writeHead(403, { 'Content-Type': 'text/plain' })
            res.end('missing SigV4 Authorization')
            return
        }
        const [, accessKeyId, region, service] = scope
        const target = String(req.headers['x-amz-target'] ?? '')
        if (target) {
            const [prefix, op] = target.split('.')
            const input = body ? JSON.parse(body) : {}
            const svc =
                prefix === 'AmazonSQS'
                    ? 'sqs'
                    : prefix === 'GraniteServiceVersion20100801'
                      ? 'monitoring'
                      : prefix === 'TrentService'
                        ? 'kms'
                        : prefix === 'AWSOrganizationsV20161128'
                          ? 'organizations'
                          : null
            if (!svc || svc !== service) {
                res.writeHead(400)
                res.end(`unexpected target ${target} for signing service ${service}`)
                return
            }
            this.calls.push({ service: svc, action: op, region, accessKeyId })
            // IAM authorizes the batch actions as their single forms (sqs:DeleteMessage for DeleteMessageBatch, ...).
            const iam = `${svc === 'monitoring' ? 'cloudwatch' : svc}:${op.replace(/Batch$/, '')}`
            const contentType = svc === 'kms' || svc === 'organizations' ? 'application/x-amz-json-1.1' : 'application/x-amz-json-1.0'
            if (this.hangs(op, res)) return
            if (this.throttled(op)) {
                // The documented throttling errors: SQS RequestThrottled (400), CloudWatch Throttling (400), KMS ThrottlingException (400).
                if (svc === 'sqs') return this.jsonError(res, contentType, 400, 'com.amazonaws.sqs#RequestThrottled', 'Rate exceeded', 'RequestThrottled')
                if (svc === 'monitoring') return this.jsonError(res, contentType, 400, 'Throttling', 'Rate exceeded', 'Throttling')
                return this.jsonError(res, contentType, 400, 'ThrottlingException', 'Rate exceeded')
            }
            const foreign = this.foreignResource(accessKeyId, svc, input)
            if (this.denied.has(iam) || foreign) {
                const code = svc === 'sqs' ? 'AccessDenied' : svc === 'kms' || svc === 'organizations' ? 'AccessDeniedException' : 'AccessDenied'
                this.jsonError(res, contentType, 403, code, `User: arn:aws:iam::123456789012:user/doctor is not authorized to perform: ${iam}${foreign ? ` on a resource of account ${foreign}` : ''}`)
                return
            }
            if (svc === 'sqs') return this.sqs(op, input, res, contentType)
            if (svc === 'organizations') return this.organizations(op, input, res, contentType)
            if (svc === 'monitoring') return this.cloudWatch(op, input, res, contentType, region, this.sessions.get(accessKeyId) ?? null)
            return this.kms(op, input, res, contentType)
        }
        if (service === 'sts') {
            const params = new URLSearchParams(body)
            const action = params.get('Action') ?? ''
            this.calls.push({ service: 'sts', action, region, accessKeyId })
            return this.sts(action, params, res)
        }
        if (service !== 'sns') {
            res.writeHead(400)
            res.end(`query request signed for ${service}`)
            return
        }
        const params = new URLSearchParams(body)
        const action = params.get('Action') ?? ''
        this.calls.push({ service: 'sns', action, region, accessKeyId })
        if (this.hangs(action, res)) return
        // SNS's throttling error: code Throttled, HTTP 429 (SNS API reference, ThrottledException).
        if (this.throttled(action)) return this.snsError(res, 429, 'Throttled', 'Rate exceeded')
        const arn = params.get('TopicArn') ?? params.get('SubscriptionArn') ?? ''
        const caller = this.sessions.get(accessKeyId)
        if (this.denied.has(`sns:${action}`) || (caller && arn.split(':')[4] !== caller)) {
            this.snsError(res, 403, 'AuthorizationError', `User: arn:aws:iam::123456789012:user/doctor is not authorized to perform: SNS:${action}`)
            return
        }
        // SNS is regional: an ARN of another region is not found through this region's endpoint.
        if (arn && arn.split(':')[3] !== region) return this.snsError(res, 400, 'InvalidParameter', `Invalid parameter: ARN region does not match the endpoint region ${region}`)
        this.sns(action, params, res)
    }

    /** True when `action` must hang now (hangOn): the answer never comes, until releaseHung. */
    private hangs(action: string, res: http.ServerResponse): boolean {
        const left = this.hangOn.get(action)
        if (left === undefined) return false
        if (left > 0) {
            this.hangOn.set(action, left - 1)
            return false
        }
        this.hung.push(res)
        return true
    }

    private throttled(action: string): boolean {
        const left = this.throttle.get(action) ?? 0
        if (left <= 0) return false
        this.throttle.set(action, left - 1)
        return true
    }

    /** E59: SNS shows an endpoint's password as ****. */
    static maskedEndpoint(endpoint: string): string {
        return endpoint.replace(/^(https?:\/\/[^:/?#@]+):[^@/?#]*@/, '$1:****@')
    }

    private confirmByToken(topicArn: string, token: string): StubSubscription | null {
        const sub = this.subscriptions.find((s) => s.topicArn === topicArn && s.token === token && token !== '')
        if (!sub) return null
        sub.confirmed = true
        delete sub.token
        return sub
    }

    /** SNS's SubscriptionConfirmation POST for a new pending subscription (SNS developer guide, S25). */
    private sendConfirmation(sub: StubSubscription): void {
        if (!this.httpsDelivery || !sub.token) return
        const region = sub.topicArn.split(':')[3]
        const host = `sns.${region}.amazonaws.com`
        const messageId = randomUUID()
        const subscribeUrl = `https://${host}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(sub.topicArn)}&Token=${sub.token}`
        const body = JSON.stringify({
            Type: 'SubscriptionConfirmation',
            MessageId: messageId,
            Token: sub.token,
            TopicArn: sub.topicArn,
            Message: `You have chosen to subscribe to the topic ${sub.topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
            SubscribeURL: subscribeUrl,
            Timestamp: new Date(this.now()).toISOString(),
            SignatureVersion: '2',
            Signature: Buffer.from(randomUUID()).toString('base64'),
            SigningCertURL: `https://${host}/SimpleNotificationService-0000000000000000000000.pem`,
        })
        void this.httpsDelivery({
            url: sub.endpoint,
            headers: {
                'x-amz-sns-message-type': 'SubscriptionConfirmation',
                'x-amz-sns-message-id': messageId,
                'x-amz-sns-topic-arn': sub.topicArn,
                'Content-Type': 'text/plain; charset=UTF-8',
                'User-Agent': 'Amazon Simple Notification Service Agent',
            },
            body,
        })
    }

    private snsError(res: http.ServerResponse, status: number, code: string, message: string): void {
        res.writeHead(status, { 'Content-Type': 'text/xml' })
        res.end(
            `<ErrorResponse xmlns="${SNS_NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
        )
    }

    private snsOk(res: http.ServerResponse, action: string, result: string): void {
        res.writeHead(200, { 'Content-Type': 'text/xml' })
        res.end(
            `<${action}Response xmlns="${SNS_NS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
        )
    }

    private static entries(map: Record<string, string>): string {
        return Object.entries(map)
            .map(([k, v]) => `<entry><key>${xmlEscape(k)}</key><value>${xmlEscape(v)}</value></entry>`)
            .join('')
    }

    private sns(action: string, params: URLSearchParams, res: http.ServerResponse): void {
        if (action === 'GetTopicAttributes') {
            const topic = this.topics.get(params.get('TopicArn') ?? '')
            if (!topic) return this.snsError(res, 404, 'NotFound', 'Topic does not exist')
            const subs = this.subscriptions.filter((s) => s.topicArn === topic.TopicArn)
            const attrs = { ...topic, SubscriptionsConfirmed: String(subs.filter((s) => s.confirmed).length), SubscriptionsPending: String(subs.filter((s) => !s.confirmed).length) }
            return this.snsOk(res, action, `<Attributes>${AwsStub.entries(attrs)}</Attributes>`)
        }
        if (action === 'ListSubscriptionsByTopic') {
            const topicArn = params.get('TopicArn') ?? ''
            if (!this.topics.has(topicArn)) return this.snsError(res, 404, 'NotFound', 'Topic does not exist')
            const all = this.subscriptions.filter((s) => s.topicArn === topicArn)
            const start = Number(params.get('NextToken') ?? '0')
            const page = all.slice(start, start + this.pageSize)
            const members = page
                .map(
                    (s) =>
                        `<member><TopicArn>${xmlEscape(s.topicArn)}</TopicArn><Protocol>${s.protocol}</Protocol><SubscriptionArn>${s.confirmed ? xmlEscape(s.arn) : 'PendingConfirmation'}</SubscriptionArn><Owner>${s.owner}</Owner><Endpoint>${xmlEscape(AwsStub.maskedEndpoint(s.endpoint))}</Endpoint></member>`,
                )
                .join('')
            const next = start + this.pageSize < all.length ? `<NextToken>${start + this.pageSize}</NextToken>` : ''
            return this.snsOk(res, action, `<Subscriptions>${members}</Subscriptions>${next}`)
        }
        if (action === 'GetSubscriptionAttributes') {
            // A pending subscription has attributes too (PendingConfirmation true) once its ARN is known.
            const sub = this.subscriptions.find((s) => s.arn === params.get('SubscriptionArn'))
            if (!sub) return this.snsError(res, 404, 'NotFound', 'Subscription does not exist')
            const attrs: Record<string, string> = {
                SubscriptionArn: sub.arn,
                TopicArn: sub.topicArn,
                Protocol: sub.protocol,
                Endpoint: AwsStub.maskedEndpoint(sub.endpoint),
                Owner: sub.owner,
                PendingConfirmation: sub.confirmed ? 'false' : 'true',
                ConfirmationWasAuthenticated: 'false',
                ...sub.attributes,
            }
            return this.snsOk(res, action, `<Attributes>${AwsStub.entries(attrs)}</Attributes>`)
        }
        if (action === 'Subscribe') return this.snsSubscribe(params, res)
        if (action === 'ConfirmSubscription') {
            const sub = this.confirmByToken(params.get('TopicArn') ?? '', params.get('Token') ?? '')
            if (!sub) return this.snsError(res, 400, 'InvalidParameter', 'Invalid token')
            return this.snsOk(res, action, `<SubscriptionArn>${xmlEscape(sub.arn)}</SubscriptionArn>`)
        }
        if (action === 'Unsubscribe') {
            const i = this.subscriptions.findIndex((s) => s.arn === params.get('SubscriptionArn'))
            if (i < 0) return this.snsError(res, 404, 'NotFound', 'Subscription does not exist')
            this.subscriptions.splice(i, 1)
            return this.snsOk(res, action, '')
        }
        return this.snsError(res, 400, 'InvalidAction', `The action ${action} is not valid for this web service.`)
    }

    /** Subscribe as SNS does it: idempotent for the same endpoint and attributes; an HTTPS one starts pending and gets
     * a SubscriptionConfirmation; the answer is the ARN only with ReturnSubscriptionArn, else "pending confirmation". */
    private snsSubscribe(params: URLSearchParams, res: http.ServerResponse): void {
        const topicArn = params.get('TopicArn') ?? ''
        if (!this.topics.has(topicArn)) return this.snsError(res, 404, 'NotFound', 'Topic does not exist')
        const protocol = params.get('Protocol') ?? ''
        const endpoint = params.get('Endpoint') ?? ''
        if (protocol !== 'https' || !endpoint.startsWith('https://')) return this.snsError(res, 400, 'InvalidParameter', 'Invalid parameter: Endpoint')
        const attributes: Record<string, string> = {}
        for (let n = 1; params.has(`Attributes.entry.${n}.key`); n++) attributes[params.get(`Attributes.entry.${n}.key`) as string] = params.get(`Attributes.entry.${n}.value`) ?? ''
        const allowed = ['DeliveryPolicy', 'FilterPolicy', 'FilterPolicyScope', 'RawMessageDelivery', 'RedrivePolicy', 'SubscriptionRoleArn', 'ReplayPolicy']
        const unknown = Object.keys(attributes).find((k) => !allowed.includes(k))
        if (unknown) return this.snsError(res, 400, 'InvalidParameter', `Invalid parameter: Attributes Reason: Unknown attribute ${unknown}`)
        if (attributes.FilterPolicyScope && !attributes.FilterPolicy) return this.snsError(res, 400, 'InvalidParameter', 'Invalid parameter: Attributes Reason: FilterPolicyScope needs a FilterPolicy')
        const returnArn = params.get('ReturnSubscriptionArn') === 'true'
        const existing = this.subscriptions.find((s) => s.topicArn === topicArn && s.protocol === protocol && s.endpoint === endpoint)
        if (existing) {
            const same = Object.entries(attributes).every(([k, v]) => (existing.attributes[k] ?? (k === 'RawMessageDelivery' ? 'false' : '')) === v)
            if (!same) return this.snsError(res, 400, 'InvalidParameter', 'Invalid parameter: Attributes Reason: Subscription already exists with different attributes')
            if (!existing.confirmed) this.sendConfirmation(existing)
            return this.snsOk(res, 'Subscribe', `<SubscriptionArn>${existing.confirmed || returnArn ? xmlEscape(existing.arn) : 'pending confirmation'}</SubscriptionArn>`)
        }
        const sub = this.subscribe(topicArn, endpoint, { confirmed: false, attributes })
        sub.token = createHash('sha256').update(randomUUID()).digest('hex')
        this.sendConfirmation(sub)
        return this.snsOk(res, 'Subscribe', `<SubscriptionArn>${returnArn ? xmlEscape(sub.arn) : 'pending confirmation'}</SubscriptionArn>`)
    }

    private jsonOk(res: http.ServerResponse, contentType: string, output: unknown): void {
        res.writeHead(200, { 'Content-Type': contentType })
        res.end(JSON.stringify(output))
    }

    private jsonError(res: http.ServerResponse, contentType: string, status: number, code: string, message: string, queryCode?: string): void {
        const headers: Record<string, string> = { 'Content-Type': contentType }
        if (queryCode) headers['x-amzn-query-error'] = `${queryCode};Sender`
        res.writeHead(status, headers)
        res.end(JSON.stringify({ __type: code, message }))
    }

    private sqs(op: string, input: Record<string, unknown>, res: http.ServerResponse, ct: string): void {
        const missing = () => this.jsonError(res, ct, 400, 'com.amazonaws.sqs#QueueDoesNotExist', 'The specified queue does not exist.', 'AWS.SimpleQueueService.NonExistentQueue')
        if (op === 'GetQueueUrl') {
            for (const q of this.queues.values()) {
                const owner = q.arn.split(':')[4]
                if (q.name === input.QueueName && (!input.QueueOwnerAWSAccountId || input.QueueOwnerAWSAccountId === owner)) return this.jsonOk(res, ct, { QueueUrl: q.url })
            }
            return missing()
        }
        const queue = this.queues.get(String(input.QueueUrl ?? ''))
        if (!queue) return missing()
        const now = this.now()
        if (op === 'GetQueueAttributes') {
            const visible = queue.messages.filter((m) => m.invisibleUntil <= now).length
            const attrs: Record<string, string> = {
                ...queue.attributes,
                ApproximateNumberOfMessages: String(visible),
                ApproximateNumberOfMessagesNotVisible: String(queue.messages.length - visible),
            }
            const names = (input.AttributeNames as string[] | undefined) ?? []
            const picked = names.includes('All') ? attrs : Object.fromEntries(Object.entries(attrs).filter(([k]) => names.includes(k)))
            return this.jsonOk(res, ct, { Attributes: picked })
        }
        // SQS's documented parameter limits (SQS API reference): ReceiveMessage 1-10 messages, WaitTimeSeconds 0-20,
        // VisibilityTimeout 0-43,200 s (12 hours); batches of 1-10 entries with distinct Ids.
        const invalid = (message: string) => this.jsonError(res, ct, 400, 'com.amazonaws.sqs#InvalidParameterValueException', message, 'InvalidParameterValue')
        const visibilityOk = (v: unknown) => v === undefined || (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 43200)
        if (op === 'ReceiveMessage') {
            const max = input.MaxNumberOfMessages === undefined ? 1 : Number(input.MaxNumberOfMessages)
            if (!Number.isInteger(max) || max < 1 || max > 10) return invalid('Value for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10.')
            if (input.WaitTimeSeconds !== undefined && !(Number.isInteger(input.WaitTimeSeconds) && (input.WaitTimeSeconds as number) >= 0 && (input.WaitTimeSeconds as number) <= 20)) {
                return invalid('Value for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20.')
            }
            if (!visibilityOk(input.VisibilityTimeout)) return invalid('Value for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200.')
            const visibility = Number(input.VisibilityTimeout ?? queue.attributes.VisibilityTimeout) * 1000
            const out: { MessageId: string; [field: string]: unknown }[] = []
            const hand = (m: StubMessage) => {
                if (m.receiptHandle) (m.staleHandles ??= []).push(m.receiptHandle)
                m.invisibleUntil = now + visibility
                m.receiveCount++
                m.receiptHandle = `${m.messageId}#${randomUUID()}`
                out.push({
                    MessageId: m.messageId,
                    ReceiptHandle: m.receiptHandle,
                    MD5OfBody: md5(m.body),
                    Body: m.body,
                    Attributes: { ApproximateReceiveCount: String(m.receiveCount), SentTimestamp: String(m.sentAt) },
                    ...(Object.keys(m.messageAttributes).length ? { MessageAttributes: m.messageAttributes } : {}),
                })
            }
            for (const m of queue.messages) {
                if (out.length >= max) break
                if (m.invisibleUntil > now) continue
                hand(m)
            }
            if (this.redeliverInFlight && out.length < max) {
                // At-least-once: one message already in flight (not in this answer) comes again, once.
                const again = queue.messages.find((m) => m.invisibleUntil > now && !m.redelivered && m.receiptHandle && !out.some((o) => o.MessageId === m.messageId))
                if (again) {
                    again.redelivered = true
                    hand(again)
                }
            }
            return this.jsonOk(res, ct, out.length ? { Messages: out } : {})
        }
        const batchEntries = (): { Id: string; ReceiptHandle: string; VisibilityTimeout?: number }[] | null => {
            const entries = (input.Entries as { Id: string; ReceiptHandle: string; VisibilityTimeout?: number }[] | undefined) ?? []
            if (entries.length === 0) {
                this.jsonError(res, ct, 400, 'com.amazonaws.sqs#EmptyBatchRequest', 'There should be at least one SendMessageBatchRequestEntry in the request.', 'AWS.SimpleQueueService.EmptyBatchRequest')
                return null
            }
            if (entries.length > 10) {
                this.jsonError(res, ct, 400, 'com.amazonaws.sqs#TooManyEntriesInBatchRequest', 'Maximum number of entries per request are 10.', 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest')
                return null
            }
            if (new Set(entries.map((e) => e.Id)).size !== entries.length) {
                this.jsonError(res, ct, 400, 'com.amazonaws.sqs#BatchEntryIdsNotDistinct', 'Id must be distinct.', 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct')
                return null
            }
            return entries
        }
        /** Deletes by handle: the newest handle deletes; a stale one "succeeds" and deletes nothing (AWS's worst case). */
        const deleteByHandle = (handle: string): 'deleted' | 'stale' | 'invalid' => {
            const i = queue.messages.findIndex((m) => m.receiptHandle === handle)
            if (i >= 0) {
                queue.messages.splice(i, 1)
                return 'deleted'
            }
            return queue.messages.some((m) => (m.staleHandles ?? []).includes(handle)) ? 'stale' : 'invalid'
        }
        if (op === 'DeleteMessageBatch') {
            const entries = batchEntries()
            if (!entries) return
            const Successful: { Id: string }[] = []
            const Failed: { Id: string; SenderFault: boolean; Code: string; Message: string }[] = []
            for (const e of entries) {
                if (this.failBatchEntries > 0) {
                    this.failBatchEntries--
                    Failed.push({ Id: e.Id, SenderFault: false, Code: 'InternalError', Message: 'We encountered an internal error. Please try again.' })
                    continue
                }
                if (deleteByHandle(e.ReceiptHandle) === 'invalid') Failed.push({ Id: e.Id, SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: 'The input receipt handle is invalid.' })
                else Successful.push({ Id: e.Id })
            }
            return this.jsonOk(res, ct, { Successful, Failed })
        }
        if (op === 'ChangeMessageVisibilityBatch') {
            const entries = batchEntries()
            if (!entries) return
            if (!entries.every((e) => visibilityOk(e.VisibilityTimeout))) return invalid('Value for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200.')
            const Successful: { Id: string }[] = []
            const Failed: { Id: string; SenderFault: boolean; Code: string; Message: string }[] = []
            for (const e of entries) {
                const m = queue.messages.find((x) => x.receiptHandle === e.ReceiptHandle)
                if (!m) {
                    Failed.push({ Id: e.Id, SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: 'The input receipt handle is invalid.' })
                    continue
                }
                m.invisibleUntil = now + Number(e.VisibilityTimeout ?? 0) * 1000
                Successful.push({ Id: e.Id })
            }
            return this.jsonOk(res, ct, { Successful, Failed })
        }
        if (op === 'DeleteMessage') {
            if (this.hangDeleteAfter !== null) {
                if (this.hangDeleteAfter === 0) {
                    this.hung.push(res)
                    return
                }
                this.hangDeleteAfter--
            }
            if (deleteByHandle(String(input.ReceiptHandle)) === 'invalid') return this.jsonError(res, ct, 400, 'com.amazonaws.sqs#ReceiptHandleIsInvalid', 'The input receipt handle is invalid.', 'ReceiptHandleIsInvalid')
            return this.jsonOk(res, ct, {})
        }
        if (op === 'ChangeMessageVisibility') {
            if (!visibilityOk(input.VisibilityTimeout)) return invalid('Value for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200.')
            const m = queue.messages.find((x) => x.receiptHandle === input.ReceiptHandle)
            if (!m) return this.jsonError(res, ct, 400, 'com.amazonaws.sqs#ReceiptHandleIsInvalid', 'The input receipt handle is invalid.', 'ReceiptHandleIsInvalid')
            m.invisibleUntil = now + Number(input.VisibilityTimeout) * 1000
            return this.jsonOk(res, ct, {})
        }
        return this.jsonError(res, ct, 400, 'com.amazonaws.sqs#InvalidAction', `stub: ${op} is not modelled`)
    }

    private cloudWatch(op: string, input: Record<string, unknown>, res: http.ServerResponse, ct: string, region: string, account: string | null): void {
        if (op !== 'DescribeAlarms') return this.jsonError(res, ct, 400, 'InvalidAction', `stub: ${op} is not modelled`, 'InvalidAction')
        const types = (input.AlarmTypes as string[] | undefined) ?? ['MetricAlarm']
        const prefix = typeof input.ActionPrefix === 'string' ? input.ActionPrefix : null
        // CloudWatch is regional and per account; ActionPrefix keeps the alarms with any action (alarm, OK,
        // insufficient data) that starts with the prefix.
        const all = this.alarms.filter(
            (a) =>
                types.includes(a.composite ? 'CompositeAlarm' : 'MetricAlarm') &&
                a.AlarmArn.split(':')[3] === region &&
                (account === null || a.AlarmArn.split(':')[4] === account) &&
                (prefix === null || [...a.AlarmActions, ...a.OKActions, ...a.InsufficientDataActions].some((x) => x.startsWith(prefix))),
        )
        const start = Number(input.NextToken ?? '0')
        const page = all.slice(start, start + this.pageSize)
        const shape = ({ composite: _c, ...a }: StubAlarm) => a
        return this.jsonOk(res, ct, {
            MetricAlarms: page.filter((a) => !a.composite).map(shape),
            CompositeAlarms: page.filter((a) => a.composite).map(shape),
            ...(start + this.pageSize < all.length ? { NextToken: String(start + this.pageSize) } : {}),
        })
    }

    /** With assumed-role credentials a call sees only its own account: the account of a foreign resource, else null. */
    private foreignResource(accessKeyId: string, svc: string, input: Record<string, unknown>): string | null {
        const caller = this.sessions.get(accessKeyId)
        if (!caller) return null
        let owner: string | undefined
        if (svc === 'sqs') {
            if (typeof input.QueueOwnerAWSAccountId === 'string') owner = input.QueueOwnerAWSAccountId
            else if (typeof input.QueueUrl === 'string') owner = this.queues.get(input.QueueUrl)?.arn.split(':')[4]
        } else if (svc === 'kms' && typeof input.KeyId === 'string') {
            owner = this.findKey(input.KeyId)?.arn.split(':')[4]
        }
        return owner && owner !== caller ? owner : null
    }

    /** A role every test may assume: its ARN for `account`. */
    allowRole(account: string, roleName: string, partition = 'aws'): string {
        const arn = `arn:${partition}:iam::${account}:role/${roleName}`
        this.assumableRoles.add(arn)
        return arn
    }

    private sts(action: string, params: URLSearchParams, res: http.ServerResponse): void {
        const fail = (status: number, code: string, message: string) => {
            res.writeHead(status, { 'Content-Type': 'text/xml' })
            res.end(`<ErrorResponse xmlns="${STS_NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`)
        }
        if (action !== 'AssumeRole') return fail(400, 'InvalidAction', `stub: ${action} is not modelled`)
        const roleArn = params.get('RoleArn') ?? ''
        const session = params.get('RoleSessionName') ?? ''
        if (!/^[\w+=,.@-]{2,64}$/.test(session)) return fail(400, 'ValidationError', 'RoleSessionName is invalid')
        if (this.denied.has('sts:AssumeRole') || !this.assumableRoles.has(roleArn)) {
            return fail(403, 'AccessDenied', `User: arn:aws:iam::999999999999:user/fleet-admin is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`)
        }
        const account = roleArn.split(':')[4]
        const accessKeyId = `ASIA${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`
        this.sessions.set(accessKeyId, account)
        const expiration = new Date(this.now() + Number(params.get('DurationSeconds') ?? '3600') * 1000).toISOString()
        const roleName = roleArn.split('/').pop() ?? ''
        res.writeHead(200, { 'Content-Type': 'text/xml' })
        res.end(
            `<AssumeRoleResponse xmlns="${STS_NS}"><AssumeRoleResult><Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>stub-secret-${randomUUID()}</SecretAccessKey><SessionToken>stub-token-${randomUUID()}</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROASTUB:${xmlEscape(session)}</AssumedRoleId><Arn>arn:aws:sts::${account}:assumed-role/${xmlEscape(roleName)}/${xmlEscape(session)}</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></AssumeRoleResponse>`,
        )
    }

    private organizations(op: string, input: Record<string, unknown>, res: http.ServerResponse, ct: string): void {
        if (op !== 'ListAccounts') return this.jsonError(res, ct, 400, 'InvalidInputException', `stub: ${op} is not modelled`)
        const start = Number(input.NextToken ?? '0')
        const size = Math.min(Number(input.MaxResults ?? 20), this.pageSize)
        const page = this.orgAccounts.slice(start, start + size)
        return this.jsonOk(res, ct, {
            Accounts: page.map((a) => ({ Id: a.Id, Arn: `arn:aws:organizations::999999999999:account/o-stub/${a.Id}`, Email: `aws+${a.Id}@example.com`, Name: a.Name, Status: a.Status, JoinedMethod: 'CREATED', JoinedTimestamp: 1700000000 })),
            ...(start + size < this.orgAccounts.length ? { NextToken: String(start + size) } : {}),
        })
    }

    /**
     * Whether `who` may sns:Publish to the topic through its topic policy alone: an Allow statement naming the
     * service principal (its aws:SourceAccount condition must hold) or the role ARN, with no Deny. A statement with a
     * condition the stub does not model never allows (never kinder than AWS).
     */
    topicPolicyAllows(topicArn: string, who: StubPublisher): boolean {
        const topic = this.topics.get(topicArn)
        if (!topic) return false
        let statements: Record<string, unknown>[]
        try {
            const parsed = JSON.parse(topic.Policy ?? '{}') as { Statement?: unknown }
            statements = (Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement ? [parsed.Statement] : []) as Record<string, unknown>[]
        } catch {
            return false
        }
        const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)])
        const covers = (s: Record<string, unknown>): boolean => {
            const principal = s.Principal as Record<string, unknown> | string | undefined
            const names = typeof principal === 'string' ? [principal] : principal ? [...list(principal.Service), ...list(principal.AWS)] : []
            const named = names.includes('*') || (who.service !== undefined && names.includes(who.service)) || (who.roleArn !== undefined && names.includes(who.roleArn))
            const action = list(s.Action).some((a) => ['sns:publish', 'sns:*', '*'].includes(a.toLowerCase()))
            const resource = list(s.Resource).some((r) => r === topicArn || r === '*')
            return named && action && resource
        }
        const conditionHolds = (s: Record<string, unknown>): boolean => {
            const condition = s.Condition as Record<string, Record<string, unknown>> | undefined
            if (!condition) return true
            for (const [operator, keys] of Object.entries(condition)) {
                for (const [key, value] of Object.entries(keys)) {
                    const k = key.toLowerCase()
                    if (operator === 'StringEquals' && (k === 'aws:sourceaccount' || k === 'aws:sourceowner') && who.service !== undefined) {
                        if (!list(value).includes(who.account)) return false
                    } else return false
                }
            }
            return true
        }
        if (statements.some((s) => s.Effect === 'Deny' && covers(s))) return false
        return statements.some((s) => s.Effect === 'Allow' && covers(s) && conditionHolds(s))
    }

    /** Publishes as `who` (see topicPolicyAllows): refused, or delivered as publish() does. */
    async publishAs(who: StubPublisher, topicArn: string, subject: string, message: string, deliver: Deliver): Promise<{ refused: true } | { refused: false; deliveries: Awaited<ReturnType<AwsStub['publish']>> }> {
        if (!this.topicPolicyAllows(topicArn, who)) return { refused: true }
        return { refused: false, deliveries: await this.publish(topicArn, subject, message, deliver) }
    }

    private findKey(id: string): StubKey | undefined {
        return this.keys.find((k) => k.keyId === id || k.arn === id || k.aliases.includes(id))
    }

    private kms(op: string, input: Record<string, unknown>, res: http.ServerResponse, ct: string): void {
        const key = this.findKey(String(input.KeyId ?? ''))
        if (!key) return this.jsonError(res, ct, 400, 'NotFoundException', `Key '${String(input.KeyId)}' does not exist`)
        if (op === 'DescribeKey') {
            return this.jsonOk(res, ct, { KeyMetadata: { KeyId: key.keyId, Arn: key.arn, KeyManager: key.manager, KeyState: 'Enabled', Enabled: true } })
        }
        if (op === 'GetKeyPolicy') return this.jsonOk(res, ct, { Policy: key.policy, PolicyName: 'default' })
        return this.jsonError(res, ct, 400, 'UnsupportedOperationException', `stub: ${op} is not modelled`)
    }
}
