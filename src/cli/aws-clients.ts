// AWS SDK for JavaScript v3 clients for one region, and what an AWS failure means for the person running the tool.
// Credentials come from the SDK's standard chain (environment, shared config/credentials profile, SSO, process,
// container and instance metadata); the region comes from the ARN the user gave, never from the environment.
// Endpoints: the SDK itself honours AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> (used by the tests to reach a
// loopback stub, and by people who use LocalStack).
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { KMSClient } from '@aws-sdk/client-kms'
import type { OrganizationsClient } from '@aws-sdk/client-organizations'
import { ListSubscriptionsByTopicCommand, SNSClient, type Subscription } from '@aws-sdk/client-sns'
import { SQSClient } from '@aws-sdk/client-sqs'
import type { STSClient } from '@aws-sdk/client-sts'
import { partition } from '@aws-sdk/core/client'
import http from 'node:http'
import https from 'node:https'
import process from 'node:process'
import { InputError } from './cli-args.ts'
import { safeText } from './terminal-text.ts'
import { awsHttpsAgent, proxySettings } from './proxy.ts'

export interface AwsClients {
    region: string
    sns: SNSClient
    sqs: SQSClient
    cloudWatch: CloudWatchClient
    kms: KMSClient
    /** Destroys the clients made, with their own connections (shared AwsConnections are closed by their owner). */
    close(): void
}

/**
 * Keep-alive connections shared by many clients (the fleet doctor's cells, its STS client). A connection to a regional
 * endpoint (sns.eu-west-1.amazonaws.com) is then reused by the cells of every account in that region, so its TCP and
 * TLS handshakes are paid once per endpoint, not once per account, region and service. Close it after the last call.
 */
export interface AwsConnections {
    httpAgent: http.Agent
    httpsAgent: https.Agent
}

export function awsConnections(): AwsConnections {
    // No socket limit here: the caller bounds the calls in flight (the fleet doctor's --concurrency).
    return {
        // Plain http only for an AWS_ENDPOINT_URL such as LocalStack or the tests' loopback stub.
        httpAgent: new http.Agent({ keepAlive: true }),
        httpsAgent: awsHttpsAgent(proxySettings(process.env)) ?? new https.Agent({ keepAlive: true }),
    }
}

export function closeConnections(connections: AwsConnections): void {
    connections.httpAgent.destroy()
    connections.httpsAgent.destroy()
}

/** The region must be one the pinned SDK knows (its partition data lists every public region). */
export function checkKnownRegion(region: string, flag: string): void {
    const info = partition(region) as { description?: string }
    if (!info.description) {
        throw new InputError(
            `${flag}: region ${region} is not a known AWS region (check for a typo; a region newer than this tool needs an update of sn-aws-verify)`,
        )
    }
}

/** Temporary credentials from sts:AssumeRole (fleet doctor); absent: the SDK's standard chain. */
export interface AwsCredentials {
    accessKeyId: string
    secretAccessKey: string
    sessionToken?: string
    expiration?: Date
}

function requestHandler(timeoutMs: number, connections: AwsConnections | undefined) {
    // HTTPS_PROXY: the SDK's Node HTTP handler gets a CONNECT-tunnelling agent (proxy.ts); none set: its own.
    const agents = connections ?? { httpsAgent: awsHttpsAgent(proxySettings(process.env)) }
    return { connectionTimeout: timeoutMs, requestTimeout: timeoutMs, ...agents }
}

/** The SDK clients of one region, each built on first use (a topic without a KMS key never needs KMS). */
class RegionClients implements AwsClients {
    private made: { sns?: SNSClient; sqs?: SQSClient; cloudWatch?: CloudWatchClient; kms?: KMSClient } = {}
    private readonly config: {
        region: string
        maxAttempts: number
        retryMode: 'adaptive'
        requestHandler: ReturnType<typeof requestHandler>
        credentials?: AwsCredentials
    }

    constructor(
        readonly region: string,
        timeoutMs: number,
        credentials: AwsCredentials | undefined,
        /** Shared: the owner closes them (closeConnections); absent: each client has its own, closed by closeClients. */
        readonly connections: AwsConnections | undefined,
    ) {
        // The pinned SDK warns on Node < 22 about SDK releases after January 2027. This tool pins its SDK version, so
        // the warning concerns whoever upgrades it (see the README), not the person running a check.
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
        this.config = {
            region,
            // The SDK's adaptive retry: exponential backoff with jitter, and it slows its own request rate when AWS
            // throttles (a fleet run makes many calls per account and region). A call still throttled after 4 attempts
            // ends as 'throttled'.
            maxAttempts: 4,
            retryMode: 'adaptive',
            requestHandler: requestHandler(timeoutMs, connections),
            ...(credentials ? { credentials } : {}),
        }
    }

    get sns(): SNSClient {
        return (this.made.sns ??= new SNSClient(this.config))
    }
    get sqs(): SQSClient {
        // The queue URL is a request parameter; never let it redirect the client to another host.
        return (this.made.sqs ??= new SQSClient({ ...this.config, useQueueUrlAsEndpoint: false }))
    }
    get cloudWatch(): CloudWatchClient {
        return (this.made.cloudWatch ??= new CloudWatchClient(this.config))
    }
    get kms(): KMSClient {
        return (this.made.kms ??= new KMSClient(this.config))
    }

    close(): void {
        // A client's destroy() closes its HTTP agents: only when they are its own, never the shared ones.
        if (!this.connections) for (const client of Object.values(this.made)) client.destroy()
        this.made = {}
    }
}

/** The clients of one region; with `connections`, they share its keep-alive connections (close those separately). */
export function awsClients(region: string, timeoutMs: number, credentials?: AwsCredentials, connections?: AwsConnections): AwsClients {
    return new RegionClients(region, timeoutMs, credentials, connections)
}

// STS and Organizations are loaded only by the fleet doctor: the other commands start without them.

/** STS in `region` (regional endpoint), with the standard credential chain: the identity that assumes the roles. */
export async function stsClient(region: string, timeoutMs: number, connections?: AwsConnections): Promise<STSClient> {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
    const { STSClient } = await import('@aws-sdk/client-sts')
    return new STSClient({ region, maxAttempts: 3, retryMode: 'adaptive', requestHandler: requestHandler(timeoutMs, connections) })
}

// AWS Organizations has one endpoint per partition, in these regions.
const ORGANIZATIONS_REGION: { [partition: string]: string } = { aws: 'us-east-1', 'aws-us-gov': 'us-gov-west-1', 'aws-cn': 'cn-northwest-1' }

/** AWS Organizations for the partition of `region`, with the standard credential chain (management or delegated admin). */
export async function organizationsClient(region: string, timeoutMs: number): Promise<OrganizationsClient> {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
    const { OrganizationsClient } = await import('@aws-sdk/client-organizations')
    const info = partition(region) as { name?: string }
    return new OrganizationsClient({
        region: ORGANIZATIONS_REGION[info.name ?? 'aws'] ?? 'us-east-1',
        maxAttempts: 3,
        retryMode: 'adaptive',
        requestHandler: requestHandler(timeoutMs, undefined),
    })
}

export function closeClients(clients: AwsClients): void {
    clients.close()
}

export type AwsFailureKind = 'access-denied' | 'credentials' | 'not-found' | 'network' | 'throttled' | 'other'

export interface AwsFailure {
    kind: AwsFailureKind
    /** The IAM action the call needed, e.g. sns:GetTopicAttributes. */
    action: string
    /** One sentence for a person; never holds a secret (AWS error messages name ARNs, not endpoints). */
    message: string
}

const ACCESS_DENIED = /^(AccessDenied|AccessDeniedException|AuthorizationError|AuthorizationErrorException|UnauthorizedOperation|KMSAccessDeniedException)$/
const NOT_FOUND = /^(NotFound|NotFoundException|QueueDoesNotExist|AWS\.SimpleQueueService\.NonExistentQueue|ResourceNotFound|ResourceNotFoundException)$/
// The throttling error codes of SNS, SQS, CloudWatch and KMS (and the SDK's own list of throttling errors).
const THROTTLED = /^(Throttling|ThrottlingException|ThrottledException|Throttled|RequestThrottled|RequestThrottledException|TooManyRequestsException|RequestLimitExceeded|SlowDown|AWS\.SimpleQueueService\.RequestThrottled)$/
const NETWORK_CODES = /^(ERR_PROXY_REFUSED|ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/

function clip(text: string): string {
    const flat = safeText(String(text).trim())
    return flat.length > 240 ? flat.slice(0, 240) + '…' : flat
}

/** Classifies an SDK error for `action` (the IAM action of the call). */
export function describeAwsError(err: unknown, action: string): AwsFailure {
    const e = err as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number }; Code?: string }
    const name = String(e?.name ?? '')
    const code = String(e?.code ?? e?.Code ?? '')
    const status = e?.$metadata?.httpStatusCode
    const message = clip(e?.message ?? String(err))
    if (name === 'CredentialsProviderError' || /Could not load credentials|credential/i.test(name)) {
        return {
            kind: 'credentials',
            action,
            message:
                'no AWS credentials found: set AWS_PROFILE (a profile or SSO session from aws configure / aws sso login), ' +
                'or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where an IAM role is available',
        }
    }
    if (ACCESS_DENIED.test(name) || ACCESS_DENIED.test(code) || status === 403) {
        return { kind: 'access-denied', action, message: `access denied: the credentials in use lack ${action} (AWS said: ${message})` }
    }
    if (NOT_FOUND.test(name) || NOT_FOUND.test(code)) return { kind: 'not-found', action, message }
    if (THROTTLED.test(name) || THROTTLED.test(code) || status === 429) {
        return { kind: 'throttled', action, message: `AWS kept throttling ${action} after backing off (${name || code || 'HTTP 429'}): nothing is misconfigured; run again later, or lower the request rate` }
    }
    if (name === 'TimeoutError' || name === 'RequestTimeout' || NETWORK_CODES.test(code) || NETWORK_CODES.test(name)) {
        const why = code === 'ERR_PROXY_REFUSED' ? message : code || name
        return { kind: 'network', action, message: `AWS did not answer (${why}): check the network, a proxy or AWS_ENDPOINT_URL` }
    }
    return { kind: 'other', action, message: `${name || 'error'}: ${message}` }
}

/** The result of one AWS call: the output, or the failure described for a person. */
export type Attempt<T> = { ok: true; value: T } | { ok: false; failure: AwsFailure }

export async function attempt<T>(action: string, call: () => Promise<T>): Promise<Attempt<T>> {
    try {
        return { ok: true, value: await call() }
    } catch (err) {
        return { ok: false, failure: describeAwsError(err, action) }
    }
}

/** Every subscription of a topic, page by page (doctor and migrate). */
export async function listSubscriptions(c: AwsClients, topicArn: string): Promise<{ ok: true; value: Subscription[] } | { ok: false; failure: AwsFailure }> {
    const all: Subscription[] = []
    let next: string | undefined
    do {
        const page = await attempt('sns:ListSubscriptionsByTopic', () => c.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken: next })))
        if (!page.ok) return page
        all.push(...(page.value.Subscriptions ?? []))
        next = page.value.NextToken
    } while (next)
    return { ok: true, value: all }
}
