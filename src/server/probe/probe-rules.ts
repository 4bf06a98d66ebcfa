// Pure: what the probe's answers prove. The probe sends an SNS-shaped test alarm the way SNS will: to the exact
// endpoint, with a throw-away key of the same user and auth scope in the x-sn-apikey query parameter; then the
// same request with a wrong key (negative control, must be 401); then the real key in the header. Only a 2xx
// counts as accepted (SNS retries only 5xx and 429, and drops everything else for good).

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
        const causes = likelyCauses.length ? ` Failing setup links: ${likelyCauses.join('; ')}.` : ''
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
    /** The SNS request with the throw-away key in the query parameter. */
    query: ProbeAnswer
    /** The same request with a key that was never issued. */
    control: ProbeAnswer
    /** The real key in the x-sn-apikey header; null when the token is not at hand (Send test alarm). */
    header: ProbeAnswer | null
    /** The em_event the test alarm created, if one was found within the bounded wait. */
    event: { source: string; createdBy: string } | null
    integrationUserName: string
    /** The user who asked for the probe: a key still bound to that user is the E25 risk. */
    requestedByUserName: string
    likelyCauses: string[]
    /** Problems cleaning up the throw-away key, reported but not fatal (the key was deactivated first). */
    cleanup: string
}

function describe(label: string, answer: ProbeAnswer | null): string {
    if (!answer) return `${label}: not sent`
    return `${label}: ${answer.error ? `no answer (${answer.error})` : `HTTP ${answer.status}`}`
}

export function judgeProbe(evidence: ProbeEvidence): ProbeVerdict {
    const steps = [
        describe('SNS request, throw-away key in the query parameter', evidence.query),
        describe('negative control, wrong key', evidence.control),
        describe('real key in the header', evidence.header),
        evidence.event ? `event created: source "${evidence.event.source}", by ${evidence.event.createdBy}` : 'event: none seen within the wait',
    ]
    if (evidence.cleanup) steps.push(`cleanup: ${evidence.cleanup}`)
    const verdict = (outcome: ProbeClass, summary: string, advice: string): ProbeVerdict => ({
        outcome, accepted: outcome === 'accepted', summary, advice, eventSource: evidence.event ? evidence.event.source : '', steps,
    })
    const query = classifyAnswer(evidence.query, evidence.likelyCauses)
    if (query.outcome !== 'accepted') return verdict(query.outcome, query.summary, query.advice)
    if (evidence.control.status !== 401) {
        return verdict('inconclusive',
            `The same request with a wrong key got ${evidence.control.error ? 'no answer' : `HTTP ${evidence.control.status}`}, not 401, so the 2xx proves nothing about the key.`,
            'Something answers before authentication (a proxy, a custom endpoint, or a policy that lets any caller in). Check the EM API access policy, then click "Send test alarm".')
    }
    const createdBy = evidence.event ? evidence.event.createdBy : ''
    // Only the admin who asked is evidence of a wrongly bound key (E25); another creator (system, say) only means the
    // connector writes events in its own session, so the event says nothing about the key.
    if (createdBy && createdBy !== evidence.integrationUserName && createdBy === evidence.requestedByUserName) {
        return verdict('wrong_identity',
            `The key authenticated as ${createdBy}, not as the integration user ${evidence.integrationUserName}.`,
            'The key must belong to the integration user only. It is not handed over.')
    }
    if (createdBy && createdBy !== evidence.integrationUserName) steps.push(`identity: the event was created by ${createdBy}, so it does not show whom the key authenticated as`)
    if (evidence.header) {
        const header = classifyAnswer(evidence.header)
        // A 401 here can mean only that the policy in use maps no header profile; the query path above is SNS's.
        if (header.outcome !== 'accepted' && header.outcome !== 'unauthenticated') {
            return verdict(header.outcome, `The throw-away key worked, but the new key failed: ${header.summary}`, header.advice)
        }
        if (header.outcome === 'unauthenticated') steps.push('real key: the policy in use accepts no header profile; the key was checked through its record instead')
    }
    const seen = evidence.event ? ` The connector turned it into an event (source "${evidence.event.source}").` : ' No event appeared within the wait: check the connector\'s transform script if alarms do not show up.'
    return verdict('accepted', `SNS's request is accepted with this key's user and scope, and a wrong key gets 401.${seen}`, '')
}

/** No probe could run (the token is not readable, so neither a probe key nor the real key can be sent). */
export function notProbed(reason: string): ProbeVerdict {
    return {
        outcome: 'not_probed', accepted: false, summary: `Not probed: ${reason}`, eventSource: '', steps: [],
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
