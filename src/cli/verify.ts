// The verify command: send what SNS would send (or a Table API GET), classify the answer, report it masked.
import {
    checkApiKey,
    instanceBaseUrl,
    maskApiKey,
    maskEndpoint,
    parseAwsEndpoint,
    parseTopicArn,
} from '../server/endpoint/aws-endpoint.ts'
import process from 'node:process'
import { DEFAULT_TIMEOUT_S, DEFAULT_TOPIC_ARN, InputError, MAX_TIMEOUT_S, MIN_TIMEOUT_S, type VerifyOptions } from './cli-args.ts'
import { probe, type ProbeRequest } from './https-probe.ts'
import { classifyFailure, classifyResponse, type Outcome, type VerifyMode } from './outcome.ts'
import { readSecret, type Redactor } from './secret-input.ts'
import { snsTestRequest } from './sns-test-notification.ts'
import { safeText } from './terminal-text.ts'

export const VERIFY_HELP = `sn-aws-verify verify: does the instance accept what SNS will send?

Usage:
  sn-aws-verify verify [--endpoint-file <path>|-] [--topic-arn <arn>] [--timeout <s>] [--connect-to <spec>] [--json]
  sn-aws-verify verify --instance <name|https-url> [--key-file <path>|-] [--timeout <s>] [--connect-to <spec>] [--json]

verify --endpoint-file <path>   (or --endpoint-file - for stdin, or SN_AWS_ENDPOINT)
  POSTs one test notification the way SNS does (x-amz-sns-* headers, SNS envelope, CloudWatch alarm
  JSON in Message, marked "sn-aws-verify TEST - safe to ignore", state OK) to the endpoint
  https://<host>/api/sn_em_connector/em/inbound_event?source=...&sys_id=...&x-sn-apikey=...
  and tells whether the instance accepts it, and if not, what to fix.

verify --instance <name|https-url> --key-file <path>   (or --key-file -, or SN_API_KEY)
  A second opinion on the key: GET /api/now/table/incident?sysparm_limit=1 with the x-sn-apikey header.
  It tests the Table API with the header variant, not the Event Management API that SNS calls with
  the key in the query string, so either can pass while the other fails.

The endpoint and the key are secrets: they are read only from a file, stdin or the environment, never
from the command line (other users see arguments in ps; shells keep history). Output masks the key.

Options:
  --topic-arn <arn>            topic ARN in the test notification
                               (default ${DEFAULT_TOPIC_ARN})
  --timeout <seconds>          give up after this long, ${MIN_TIMEOUT_S} to ${MAX_TIMEOUT_S} (default ${DEFAULT_TIMEOUT_S}, as SNS)
  --connect-to <h1:p1:h2:p2>   like curl: connect to h2:p2 instead of h1:p1 while SNI, Host and the
                               certificate check keep h1. Repeatable. Empty parts match anything.
  --json                       print one JSON object: class, status, httpStatus, endpoint (masked),
                               advice, durationMs, exitCode, summary, serverMessage, detail, warnings, ...
  -h, --help                   this text

Proxy: verify never uses a proxy. HTTPS_PROXY, HTTP_PROXY and ALL_PROXY are ignored (a warning says so when
one is set): SNS delivers from AWS straight to the instance, so verify connects directly, as SNS does. A
machine that reaches the internet only through a proxy cannot make this check; run it from one that can.

TLS verification is never turned off. To trust a private CA, set NODE_EXTRA_CA_CERTS=<pem file>.

Result classes: accepted, rejected-401, rejected-403, rejected-404, rejected-other, server-5xx,
network, tls, timeout, bad-input.

Exit codes:
  0  accepted (2xx)
  2  rejected: the instance answered with 4xx, 5xx or another non-2xx status
  3  network or TLS failure, including the timeout
  4  bad input: missing or invalid endpoint, key or option, or a secret on the command line
  1  unexpected internal error
`

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy']

/** The warning verify gives when a proxy variable is set: it is not used, and why. */
export function proxyIgnoredWarning(env: NodeJS.ProcessEnv): string | null {
    const set = PROXY_VARIABLES.find((name) => (env[name] ?? '').trim() !== '')
    return set === undefined
        ? null
        : `${set} is set and not used: verify connects directly to the instance, as SNS does from AWS (a proxy would test another path)`
}

export interface Output {
    out(text: string): void
    err(text: string): void
}

export interface Report extends Outcome {
    mode: VerifyMode
    /** Masked: the x-sn-apikey value is replaced by maskApiKey. */
    endpoint: string
    durationMs: number
    serverMessage: string | null
    detail: string | null
    messageId: string | null
    topicArn: string | null
    key: string | null
    warnings: string[]
}

export const TABLE_API_PATH = '/api/now/table/incident?sysparm_limit=1&sysparm_fields=sys_id'
const MAX_SHOWN = 300

/** Pure-module validation errors become bad input (exit 4); their messages never hold the secret. */
function asInput<T>(run: () => T, suffix = ''): T {
    try {
        return run()
    } catch (err) {
        throw new InputError((err as Error).message + suffix)
    }
}

/** Server text, one line: line breaks and tabs become one space, every other control or bidi character is escaped
 * (terminal-text.ts); cut at MAX_SHOWN. */
function clip(text: string): string {
    const flat = safeText(text.replace(/[\r\n\t]+/g, ' ').trim())
    return flat.length > MAX_SHOWN ? flat.slice(0, MAX_SHOWN) + '…' : flat
}

/** The platform's JSON error (`{"error":{"message","detail"}}`), or an HTML title, or the start of the text. */
export function serverMessage(body: string, contentType: string): string | null {
    if (body.trim() === '') return null
    try {
        const parsed = JSON.parse(body) as { error?: { message?: unknown; detail?: unknown } }
        const error = parsed && typeof parsed === 'object' ? parsed.error : undefined
        if (error && typeof error.message === 'string') {
            return clip(typeof error.detail === 'string' && error.detail ? `${error.message} (${error.detail})` : error.message)
        }
        return null
    } catch {
        // not JSON
    }
    if (/html/i.test(contentType) || /^\s*</.test(body)) {
        const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)
        return title ? clip(`HTML page: ${title[1]}`) : 'HTML page'
    }
    return clip(body)
}

async function endpointRequest(options: VerifyOptions, redactor: Redactor, warnings: string[]) {
    const secret = await readSecret('endpoint', '--endpoint-file', options.endpointFile, 'SN_AWS_ENDPOINT')
    redactor.addEndpoint(secret.value)
    warnings.push(...secret.warnings)
    const topic = asInput(() => parseTopicArn(options.topicArn, '--topic-arn'))
    const endpoint = asInput(() => parseAwsEndpoint(secret.value), ` (read from ${secret.origin})`)
    redactor.addKey(endpoint.apiKey)
    const sns = snsTestRequest(topic)
    // The parser guarantees the text is https:// + host + rest; SNS requests the rest byte for byte.
    const path = secret.value.slice('https://'.length + endpoint.host.length)
    const request: ProbeRequest = {
        method: 'POST',
        host: endpoint.host,
        path,
        headers: sns.headers,
        body: sns.body,
        timeoutMs: options.timeoutMs,
        connectTo: options.connectTo,
    }
    return {
        request,
        shown: maskEndpoint(secret.value),
        messageId: sns.messageId,
        topicArn: topic.arn,
        key: maskApiKey(endpoint.apiKey),
    }
}

async function tableApiRequest(options: VerifyOptions, redactor: Redactor, warnings: string[]) {
    const baseUrl = asInput(() => instanceBaseUrl(options.instance, '--instance'))
    const secret = await readSecret('API key', '--key-file', options.keyFile, 'SN_API_KEY')
    redactor.addKey(secret.value)
    warnings.push(...secret.warnings)
    const key = asInput(() => checkApiKey(secret.value, 'API key'), ` (read from ${secret.origin})`)
    const host = baseUrl.slice('https://'.length)
    const request: ProbeRequest = {
        method: 'GET',
        host,
        path: TABLE_API_PATH,
        headers: { 'x-sn-apikey': key, Accept: 'application/json', 'User-Agent': 'sn-aws-verify' },
        timeoutMs: options.timeoutMs,
        connectTo: options.connectTo,
    }
    return { request, shown: baseUrl + TABLE_API_PATH, messageId: null, topicArn: null, key: maskApiKey(key) }
}

export async function verify(options: VerifyOptions, redactor: Redactor): Promise<Report> {
    const warnings: string[] = []
    const proxyWarning = proxyIgnoredWarning(process.env)
    if (proxyWarning) warnings.push(proxyWarning)
    const prepared =
        options.mode === 'endpoint'
            ? await endpointRequest(options, redactor, warnings)
            : await tableApiRequest(options, redactor, warnings)
    const result = await probe(prepared.request)
    const outcome =
        result.kind === 'response'
            ? classifyResponse(options.mode, result.status)
            : classifyFailure(result, prepared.request.host, options.timeoutMs)
    return {
        ...outcome,
        mode: options.mode,
        endpoint: prepared.shown,
        durationMs: result.durationMs,
        serverMessage: result.kind === 'response' ? serverMessage(result.body, result.contentType) : null,
        detail: result.kind === 'failure' ? clip(result.message) : null,
        messageId: prepared.messageId,
        topicArn: prepared.topicArn,
        key: prepared.key,
        warnings,
    }
}

export function formatReport(report: Report): string {
    const lines = [
        `sn-aws-verify: ${report.summary} -> ${report.class} (exit ${report.exitCode})`,
        `  ${report.mode === 'endpoint' ? 'endpoint' : 'request '}: ${report.endpoint}`,
    ]
    if (report.messageId) lines.push(`  sent    : SNS Notification ${report.messageId} from ${report.topicArn}`)
    if (report.mode === 'table-api') {
        lines.push(`  key     : ${report.key} in the x-sn-apikey header`)
        lines.push('  note    : this tests the Table API, not the Event Management API that SNS calls.')
    }
    lines.push(`  time    : ${report.durationMs} ms`)
    if (report.serverMessage) lines.push(`  server  : ${report.serverMessage}`)
    if (report.detail) lines.push(`  detail  : ${report.detail}`)
    lines.push(report.status === 'accepted' ? 'Next:' : 'What to check:')
    for (const a of report.advice) lines.push(`  - ${a}`)
    return lines.map(safeText).join('\n') + '\n'
}
