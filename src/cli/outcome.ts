// What an answer (or a failure to get one) means for SNS delivery, and what to fix.
import type { ProbeResult } from './https-probe.ts'

// 130 = 128 + SIGINT, the shell's code for a run stopped with Ctrl-C (replay, migrate). 5: AWS kept throttling the
// calls after the SDK's backoff: nothing is misconfigured, run again later.
export const EXIT = { accepted: 0, internal: 1, rejected: 2, unreachable: 3, badInput: 4, throttled: 5, interrupted: 130 } as const

export type OutcomeClass =
    | 'accepted'
    | 'rejected-401'
    | 'rejected-403'
    | 'rejected-404'
    | 'rejected-other'
    | 'server-5xx'
    | 'network'
    | 'tls'
    | 'timeout'
    | 'bad-input'

/** The exit-code family of a class. */
export type OutcomeStatus = 'accepted' | 'rejected' | 'unreachable' | 'bad-input'

export interface Outcome {
    class: OutcomeClass
    status: OutcomeStatus
    exitCode: number
    httpStatus: number | null
    summary: string
    advice: string[]
}

export type VerifyMode = 'endpoint' | 'table-api'

const NOT_RETRIED =
    'SNS does not retry 4xx answers: until this is fixed every alarm sent to this endpoint is lost ' +
    '(unless the subscription has a dead-letter queue).'

function rejected(cls: OutcomeClass, httpStatus: number, summary: string, advice: string[]): Outcome {
    return { class: cls, status: 'rejected', exitCode: EXIT.rejected, httpStatus, summary, advice }
}

function unreachable(cls: OutcomeClass, summary: string, advice: string[]): Outcome {
    return { class: cls, status: 'unreachable', exitCode: EXIT.unreachable, httpStatus: null, summary, advice }
}

export function badInputOutcome(message: string): Outcome {
    return { class: 'bad-input', status: 'bad-input', exitCode: EXIT.badInput, httpStatus: null, summary: message, advice: [] }
}

export function classifyResponse(mode: VerifyMode, status: number): Outcome {
    if (status >= 200 && status < 300) {
        return {
            class: 'accepted',
            status: 'accepted',
            exitCode: EXIT.accepted,
            httpStatus: status,
            summary: `accepted (HTTP ${status})`,
            advice:
                mode === 'endpoint'
                    ? [
                          `The instance accepted the test notification, as it would accept SNS's. The event (alarm "sn-aws-verify TEST - safe to ignore", state OK) can be found under Event Management > All Events.`,
                          'Still needed on AWS: the subscription must be Confirmed, RawMessageDelivery off, and the topic should use SignatureVersion 2.',
                      ]
                    : [
                          'The key authenticates on the Table API with the x-sn-apikey header.',
                          'This is not the path SNS uses (the Event Management API with the key in the query string, which needs its own access policy): run verify --endpoint-file as well.',
                      ],
        }
    }
    if (status === 401) {
        const advice =
            mode === 'endpoint'
                ? [
                      'The key value is right and complete, and the REST API Key record is active and not expired or revoked (expired keys are deleted a few days later).',
                      "The key's user is active and not locked out.",
                      'A REST API Access Policy for the Event Management API (api_path sn_em_connector/em) exists, is active, and maps the API-key inbound authentication profile.',
                      'That profile uses the query-parameter variant of the x-sn-apikey auth parameter (SNS cannot send headers), not only the header variant.',
                      NOT_RETRIED,
                  ]
                : [
                      'The key value is right, the REST API Key record is active and not expired or revoked, and its user is active.',
                      'The Table API access policy (Table GET API Access Policy) maps an API-key profile with the header variant of x-sn-apikey. If only the Event Management policy has the key profile, this 401 is expected: run verify --endpoint-file.',
                  ]
        return rejected('rejected-401', status, 'not authenticated (HTTP 401)', advice)
    }
    if (status === 403) {
        const advice =
            mode === 'endpoint'
                ? [
                      "The key authenticated, but its user may not use the Event Management inbound API: give the key's user the evt_mgmt_integration role (and no other role).",
                      'Check ACLs on the Event Management inbound API and, if the key is limited to auth scopes, that the scope covers this API.',
                      NOT_RETRIED,
                  ]
                : [
                      "The key authenticated, but its user may not read the incident table. For a least-privileged user with only evt_mgmt_integration this is expected and shows the key itself is valid.",
                  ]
        return rejected('rejected-403', status, 'authenticated but not allowed (HTTP 403)', advice)
    }
    if (status === 404) {
        const advice =
            mode === 'endpoint'
                ? [
                      'The push connector instance in sys_id= does not exist or is inactive: copy the URL of the push connector instance again (Event Management > Connectors).',
                      'The Event Management Connectors app (sn_em_connector) is not installed or not active on this instance.',
                      'The host is not this instance (a custom domain pointing elsewhere?).',
                      NOT_RETRIED,
                  ]
                : ['The incident table or the Table API is missing on this host; check that the host is a ServiceNow instance.']
        return rejected('rejected-404', status, 'not found (HTTP 404)', advice)
    }
    if (status >= 500) {
        return rejected('server-5xx', status, `instance error (HTTP ${status})`, [
            "The instance failed while handling the request: check its system log for errors from the push connector's script and whether the instance is being upgraded or is overloaded.",
            'SNS retries 5xx answers following the delivery policy (by default 3 retries 20 s apart), so alarms are delayed, and lost only when the retries run out.',
        ])
    }
    const advice: string[] = []
    if (status === 429) {
        advice.push('The instance is rate limiting. SNS retries 429 answers; lower the throttlePolicy maxReceivesPerSecond of the subscription or raise the instance rate limit.')
    } else if (status >= 300 && status < 400) {
        advice.push('The instance answered with a redirect instead of accepting the request: use the final https host of the instance (a custom domain, SSO front door or a hibernating developer instance redirects).')
    } else {
        advice.push(`The instance refused the request (HTTP ${status}): check the path and the push connector definition.`)
        if (status >= 400 && status < 500) advice.push(NOT_RETRIED)
    }
    return rejected('rejected-other', status, `unexpected answer (HTTP ${status})`, advice)
}

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|EPROTO$|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/

export function classifyFailure(failure: Extract<ProbeResult, { kind: 'failure' }>, host: string, timeoutMs: number): Outcome {
    const code = failure.code
    if (failure.timedOut || code === 'ETIMEDOUT') {
        return unreachable('timeout', `no answer within ${timeoutMs / 1000} s`, [
            `The instance did not answer in time. SNS also waits 15 s, then counts the attempt as failed and retries it; a slow push connector script or an overloaded instance delays alarms.`,
            'Check that nothing between this machine and the instance (proxy, firewall) holds the connection open.',
        ])
    }
    if (TLS_CODES.test(code)) {
        const advice: string[] = []
        if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') {
            advice.push(`The certificate presented is not issued for ${host}: check the host name (a custom domain needs its own certificate).`)
        } else if (code === 'CERT_HAS_EXPIRED') {
            advice.push('The certificate has expired; SNS refuses it too.')
        } else if (/SELF_SIGNED|UNABLE_TO_|DEPTH_ZERO/.test(code)) {
            advice.push('The certificate chain is not trusted here. SNS needs a certificate from a public CA; for a test server, add its CA with NODE_EXTRA_CA_CERTS=<pem file>.')
        } else {
            advice.push('The TLS handshake failed (protocol or cipher mismatch, or a non-TLS service on the port).')
        }
        advice.push('TLS verification is never turned off by this tool.')
        return unreachable('tls', `TLS failure (${code})`, advice)
    }
    const advice: string[] = []
    if (code === 'ENOTFOUND') advice.push(`The host name ${host} does not resolve: check the instance name or custom domain.`)
    else if (code === 'EAI_AGAIN') advice.push('DNS lookup failed temporarily: check the DNS resolver of this machine and retry.')
    else if (code === 'ECONNREFUSED') advice.push('Nothing accepts connections on port 443 at that address: check the host and any --connect-to.')
    else if (code === 'ECONNRESET' || code === 'EPIPE') advice.push('The connection was closed during the request: a proxy or firewall may be cutting it.')
    else advice.push('The connection failed before any answer.')
    advice.push('SNS connects from AWS, not from here: a network failure here may be local (this tool does not use HTTP(S)_PROXY), and an IP allow-list on the instance must admit SNS.')
    return unreachable('network', `network failure (${code})`, advice)
}
