// Pure: what the probe's answers prove. The probe sends an SNS-shaped test alarm the way SNS will, to the instance's
// own host only: to the exact endpoint, with a throw-away key of the same user and auth scope in the x-sn-apikey
// query parameter; then the same request with a wrong key (negative control, must be 401). The real key is never
// sent: its record is compared with the throw-away key's. Accepted only when the answer is a 2xx from the REST layer,
// the connector's 200 body (E42) carries no error, the test alarm's event exists right after (E53), and the event
// names the integration user or the key is bound by its record (E20, E25). Every other answer is its own outcome;
// those that say nothing against the key (E64, E65, no event) are never read as a key problem.

export type ProbeClass =
    | 'accepted'
    | 'inconclusive'
    | 'redirect'
    | 'bad_request'
    | 'unauthenticated'
    | 'forbidden'
    | 'missing_scope'
    | 'not_found'
    | 'method_not_allowed'
    | 'throttled'
    | 'client_error'
    | 'server_error'
    | 'network'
    | 'wrong_identity'
    | 'not_probed'
    | 'self_call_blocked'
    | 'signature_checked'
    | 'connector_error'
    | 'accepted_no_event'
    | 'identity_unproven'

export interface ProbeAnswer {
    status: number
    body: string
    /** Set when no HTTP answer arrived (timeout, DNS, TLS). */
    error: string
}

export interface ProbeVerdict {
    outcome: ProbeClass
    /** True only when the probe proved that SNS's request is accepted with this key's user and scope. */
    accepted: boolean
    /** False when nothing speaks against the key but it is not proven (the instance cannot call itself, E64, no event). */
    keyProblem: boolean
    summary: string
    /** What to do (empty when accepted). */
    advice: string
    /** em_event.source of the test alarm's event, '' when no event was seen (E37). */
    eventSource: string
    /** Each step and its answer, for the audit and the endpoint record (never a key). */
    steps: string[]
}

const LOST = 'SNS drops this answer for good: alarms would be lost. Do not subscribe SNS yet.'

/** Classifies one answer; only 2xx is accepted. likelyCauses explain a 401 (failing setup links). */
export function classifyAnswer(answer: ProbeAnswer, likelyCauses: string[] = []): { outcome: ProbeClass; summary: string; advice: string } {
    const s = answer.status
    if (answer.error || !s) {
        return {
            outcome: 'network',
            summary: `No answer from the instance's own EM endpoint (${answer.error || 'no status'}).`,
            advice: 'Check outbound HTTP from the instance to itself (proxy, firewall, custom domain), then click "Send test alarm"; or run sn-aws-verify verify from outside.',
        }
    }
    if (s >= 200 && s < 300) return { outcome: 'accepted', summary: `HTTP ${s}: the EM inbound API accepted the test alarm.`, advice: '' }
    if (s >= 300 && s < 400) {
        return {
            outcome: 'redirect',
            summary: `HTTP ${s}: the instance redirected the request (single sign-on, a wrong base URL, or http instead of https). SNS does not follow redirects.`,
            advice: `Set x_em_aws_apikey.instance_base_url to the instance's direct https URL and exclude /api/sn_em_connector from SSO redirects. ${LOST}`,
        }
    }
    if (s === 401) {
        const causes = likelyCauses.length ? ` Failing setup links: ${likelyCauses.map((c) => c.replace(/\.$/, '')).join('; ')}.` : ''
        return {
            outcome: 'unauthenticated',
            summary: 'HTTP 401 "User is not authenticated": the EM inbound API rejected the key.',
            advice: `Run the setup check and Repair (is an API-key policy for sn_em_connector/em active and mapped to an x-sn-apikey query-parameter profile?).${causes} ${LOST}`,
        }
    }
    if (s === 403) {
        // E43: a 403 can also mean the key lacks the auth scope; the body tells which.
        if (/Missing required api access scope/i.test(answer.body)) {
            return {
                outcome: 'missing_scope',
                summary: 'HTTP 403 "Missing required api access scope": the key lacks the useraccount auth scope.',
                advice: `Check the useraccount auth scope (setup check) and that the key lists it under Auth Scope. ${LOST}`,
            }
        }
        return {
            outcome: 'forbidden',
            summary: 'HTTP 403: the key authenticated, but its user may not use the EM inbound API.',
            advice: `The integration user needs evt_mgmt_integration (and nothing else). Run the setup check. ${LOST}`,
        }
    }
    if (s === 404) {
        return {
            outcome: 'not_found',
            summary: 'HTTP 404: the EM inbound API or the push connector instance was not found.',
            advice: `Check that Event Management Connectors is installed and the push connector instance is active. ${LOST}`,
        }
    }
    if (s === 405) {
        return { outcome: 'method_not_allowed', summary: 'HTTP 405: the EM inbound API refused POST.', advice: `Check the instance base URL and the Event Management Connectors version. ${LOST}` }
    }
    if (s === 429) {
        return { outcome: 'throttled', summary: 'HTTP 429: the instance is rate limiting inbound REST calls.', advice: 'SNS retries 429 for a while; check the inbound REST rate limit rules, then click "Send test alarm".' }
    }
    if (s === 400) {
        return {
            outcome: 'bad_request',
            summary: 'HTTP 400: the EM inbound API did not accept the request (a source that names no listener, or a payload the connector refused).',
            advice: `Check that the source parameter matches the push connector definition's URL parameter value. ${LOST}`,
        }
    }
    if (s >= 500) return { outcome: 'server_error', summary: `HTTP ${s}: the instance failed to answer.`, advice: 'SNS retries 5xx for a while; try "Send test alarm" again later.' }
    return { outcome: 'client_error', summary: `HTTP ${s}: the EM inbound API refused the request.`, advice: LOST }
}

export interface ProbeEvidence {
    /** The SNS request with the throw-away key in the query parameter, sent to the instance's own host only. */
    query: ProbeAnswer
    /** The same request with a key that was never issued. */
    control: ProbeAnswer
    /** The em_event the test alarm created, from one lookup right after the 200 (E53); null when none was found. */
    event: { source: string; createdBy: string } | null
    integrationUserName: string
    /** The user who asked for the probe: a key still bound to that user is the E25 risk. */
    requestedByUserName: string
    /** How the throw-away key was made; a key inserted with its user set is bound by its record (E20). */
    probeKeyStrategy: string
    /**
     * What differs between the real key's record and the throw-away key ('' when they match: same user, auth scope and
     * way of making, active, unexpired). The real key itself is never sent anywhere.
     */
    realKeyProblem: string
    /** The host the probe called (glide.servlet.uri); named in the steps. */
    probedHost: string
    /** The host of the endpoint handed to SNS when an admin confirmed another one; '' when it is the probed host. */
    endpointHost: string
    /** The endpoint's SNS topic, for the aws sns publish step ('' when unknown). */
    topicArn: string
    /** The test alarm's name, so an admin can find its event. */
    alarmName: string
    likelyCauses: string[]
    /** Problems cleaning up the throw-away key, reported but not fatal (the key was deactivated first). */
    cleanup: string
}

function describe(label: string, answer: ProbeAnswer): string {
    return `${label}: ${answer.error ? `no answer (${answer.error})` : `HTTP ${answer.status}`}`
}

/** E41, E42, E43: every answer of the platform's REST layer is JSON. No answer, a redirect or an HTML page comes from before it. */
function fromRestLayer(answer: ProbeAnswer): boolean {
    if (answer.error || !answer.status || (answer.status >= 300 && answer.status < 400)) return false
    try {
        const parsed = JSON.parse(answer.body)
        return !!parsed && typeof parsed === 'object'
    } catch (_notJson) {
        return false
    }
}

export interface ConnectorReply {
    /** The body has the E42 shape: {"result":{"<listener name>":"<json string>"}}. */
    recognised: boolean
    /** The error a listener reported inside the 200, '' when none. */
    error: string
}

const ERROR_STATUS = /^(error|failure|failed|fail|rejected|invalid)$/i
const ERROR_WORDS = /\b(error|exception|failed|failure|invalid|rejected|denied|refused)\b/i

function listenerError(value: unknown): string {
    let parsed: unknown = value
    if (typeof value === 'string') {
        try {
            parsed = JSON.parse(value)
        } catch (_plainText) {
            return ERROR_WORDS.test(value) ? value : ''
        }
    }
    if (typeof parsed === 'string') return ERROR_WORDS.test(parsed) ? parsed : ''
    if (!parsed || typeof parsed !== 'object') return ''
    const reply = parsed as { [field: string]: unknown }
    const error = reply.error || reply.errors || reply.error_message
    if (error) return typeof error === 'string' ? error : JSON.stringify(error)
    if (typeof reply.status === 'string' && ERROR_STATUS.test(reply.status)) return String(reply.message || reply.status)
    return ''
}

/** E42: reads the 200 body; a listener's error inside it means the connector did not take the alarm. */
export function readConnectorReply(body: string): ConnectorReply {
    let parsed: unknown
    try {
        parsed = JSON.parse(body)
    } catch (_notJson) {
        return { recognised: false, error: '' }
    }
    const result = parsed && typeof parsed === 'object' ? (parsed as { result?: unknown }).result : null
    if (!result || typeof result !== 'object' || Array.isArray(result) || !Object.keys(result).length) return { recognised: false, error: '' }
    const values = result as { [listener: string]: unknown }
    for (const listener of Object.keys(values)) {
        const error = listenerError(values[listener])
        if (error) return { recognised: true, error: `${listener}: ${error}`.slice(0, 300) }
    }
    return { recognised: true, error: '' }
}

/** E64: the connector refused the test alarm because it checks the SNS signature, which only AWS can make. */
const SIGNATURE_WORDS = /signature|signingcert|certificate/i

function publishStep(topicArn: string): string {
    const topic = topicArn || '<your topic ARN>'
    return `aws sns publish --topic-arn '${topic}' --subject 'ServiceNow test' --message '{"AlarmName":"ServiceNow test","NewStateValue":"OK","NewStateReason":"test"}'`
}

/** Verdicts that say nothing against the key: the dialog words them as "not proven yet", not as a failure. */
const NOT_A_KEY_PROBLEM: ProbeClass[] = ['self_call_blocked', 'signature_checked', 'accepted_no_event']

export function judgeProbe(evidence: ProbeEvidence): ProbeVerdict {
    const steps = [
        `probe sent to ${evidence.probedHost} only`,
        describe('SNS request, throw-away key in the query parameter', evidence.query),
        describe('negative control, wrong key', evidence.control),
        evidence.realKeyProblem ? `real key record: ${evidence.realKeyProblem}` : 'real key: not sent; its record matches the throw-away key (user, auth scope, way of making, active)',
        evidence.event ? `event created: source "${evidence.event.source}", by ${evidence.event.createdBy}` : 'event: none found',
    ]
    if (evidence.cleanup) steps.push(`cleanup: ${evidence.cleanup}`)
    const verdict = (outcome: ProbeClass, summary: string, advice: string): ProbeVerdict => ({
        outcome, accepted: outcome === 'accepted', keyProblem: outcome !== 'accepted' && NOT_A_KEY_PROBLEM.indexOf(outcome) < 0,
        summary, advice, eventSource: evidence.event ? evidence.event.source : '', steps,
    })
    const query = evidence.query
    const isOk = query.status >= 200 && query.status < 300 && !query.error
    // E65: an answer from before the REST layer (no answer, a redirect, an HTML page) is the instance failing to call
    // itself; it says nothing about the key, so the key is kept and not judged.
    if (!fromRestLayer(query) && !(isOk && fromRestLayer(evidence.control))) {
        const what = query.error ? `no answer: ${query.error}` : `HTTP ${query.status || 0}, not an answer of the REST API`
        return verdict('self_call_blocked',
            `The instance could not call its own EM endpoint at ${evidence.probedHost} (${what}). IP access control, a proxy, single sign-on or a custom domain stops the call before authentication, so this says nothing about the key.`,
            `The key was kept but is not proven. Before you subscribe SNS, save the endpoint in a file and run npx sn-aws-verify verify --endpoint-file <file> from a machine that reaches the instance (it sends the same SNS request). Or let the instance call ${evidence.probedHost} and click "Send test alarm".`)
    }
    const answer = classifyAnswer(query, evidence.likelyCauses)
    if (answer.outcome !== 'accepted') return verdict(answer.outcome, answer.summary, answer.advice)
    if (evidence.control.status !== 401) {
        return verdict('inconclusive',
            `The same request with a wrong key got ${evidence.control.error ? 'no answer' : `HTTP ${evidence.control.status}`}, not 401, so the 2xx proves nothing about the key.`,
            'Something answers before authentication (a proxy, a custom endpoint, or a policy that lets any caller in). Check the EM API access policy, then click "Send test alarm".')
    }
    const reply = readConnectorReply(query.body)
    if (!reply.recognised) {
        return verdict('inconclusive',
            `HTTP ${query.status}, but the body is not the connector's answer ({"result":{"<listener>":"..."}}), so the alarm may not have reached the AWS connector.`,
            'Check that the instance base URL reaches the instance itself and that Event Management Connectors is installed, then click "Send test alarm".')
    }
    if (reply.error && SIGNATURE_WORDS.test(reply.error)) {
        return verdict('signature_checked',
            `The key authenticated (a wrong key gets 401), but the AWS connector refused the test alarm because it checks SNS message signatures, which only AWS can make (E64): "${reply.error}". This is not a key problem.`,
            `Prove the path from the topic itself: subscribe SNS with the endpoint, confirm the subscription, then run ${publishStep(evidence.topicArn)} and check that the event appears under Event Management > All Events. Until it does, treat alarms as not delivered.`)
    }
    if (reply.error) {
        return verdict('connector_error',
            `HTTP ${query.status}, but the connector reported an error inside it: "${reply.error}". SNS takes a 200 as delivered, so such alarms are lost without a retry.`,
            `Check the push connector definition's transform script and the push connector instance, then click "Send test alarm". ${LOST}`)
    }
    if (!evidence.event) {
        return verdict('accepted_no_event',
            `HTTP ${query.status} and the connector reported no error, but no event with the test alarm's name exists right after the answer (E53: the connector creates it before answering).`,
            `Not proven yet. Open Event Management > All Events and search the description for "${evidence.alarmName}". If it is missing, check the connector's transform script and event rules; if it is there, the app may not read em_event. Then click "Send test alarm".`)
    }
    const createdBy = evidence.event.createdBy
    if (createdBy !== evidence.integrationUserName && createdBy === evidence.requestedByUserName) {
        return verdict('wrong_identity',
            `The key authenticated as ${createdBy}, not as the integration user ${evidence.integrationUserName}.`,
            'The key must belong to the integration user only. It is not handed over.')
    }
    if (createdBy === evidence.integrationUserName) {
        steps.push(`identity: the event names the integration user ${createdBy}`)
    } else if (evidence.probeKeyStrategy === 'record_insert') {
        // E20: a key inserted with its user set is the documented way to make a key for a user; it never belonged to anyone else.
        steps.push(`identity: the event was created by ${createdBy}; the key was inserted with its user set to ${evidence.integrationUserName}, so it is bound by its record`)
    } else {
        return verdict('identity_unproven',
            `The connector accepted the test alarm but created its event as ${createdBy}, not as the integration user ${evidence.integrationUserName}, and a key made by GlideTokenAuthClient may stay bound to the admin who made it (E25). Nothing shows whom this key authenticates as.`,
            `Do not use this key: click "Revoke API key". Then make the key the documented way: an API key record with User = ${evidence.integrationUserName} and Auth Scope = useraccount (or let this app read a new key's token, so it sets the user on insert), and click "Generate API key & AWS endpoint" again.`)
    }
    if (evidence.realKeyProblem) {
        return verdict('inconclusive',
            `The throw-away key proved the SNS path, but the real key's record differs: ${evidence.realKeyProblem}.`,
            'Click "Rotate API key" to issue a key made like the proven one.')
    }
    const route = evidence.endpointHost && evidence.endpointHost !== evidence.probedHost
        ? ` The endpoint's host ${evidence.endpointHost} was not called (no key leaves the instance's own host): run npx sn-aws-verify verify from outside once to prove that route.`
        : ''
    return verdict('accepted', `SNS's request is accepted with this key's user and scope, a wrong key gets 401, and the connector turned the test alarm into an event (source "${evidence.event.source}").${route}`, '')
}

/** No probe could run (the token is not readable, so neither a probe key nor the real key can be sent). */
export function notProbed(reason: string): ProbeVerdict {
    return {
        outcome: 'not_probed', accepted: false, keyProblem: false, summary: `Not probed: ${reason}`, eventSource: '', steps: [],
        advice: 'Paste the key from the key record, then run sn-aws-verify verify from outside before subscribing SNS.',
    }
}

/** What a probe writes on the endpoint: the verdict, when it ran, and the event source it saw (E37). */
export function endpointFieldsAfterProbe(verdict: ProbeVerdict, now: string): { [field: string]: string } {
    const fields: { [field: string]: string } = {
        status: verdict.accepted ? 'active' : 'failing',
        last_probe_at: now,
        last_probe_result: `${verdict.outcome}: ${verdict.summary}`.slice(0, 1000),
    }
    if (verdict.accepted) fields.last_verified = now
    if (verdict.eventSource) fields.learned_event_source = verdict.eventSource
    return fields
}

/**
 * Whether the key authenticates as someone other than the integration user: the test alarm's event says so, or
 * (E25) a key made by GlideTokenAuthClient gets a role 403 although the integration user holds evt_mgmt_integration
 * (checked before issuing), so it is still bound to the admin who made it.
 */
export function keyBoundElsewhere(verdict: ProbeVerdict, strategy: string): boolean {
    return verdict.outcome === 'wrong_identity' || (strategy === 'token_auth_client' && verdict.outcome === 'forbidden')
}
