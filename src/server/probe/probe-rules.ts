// Pure classification of the answer of the instance's own EM inbound API to the generation-time probe.
// The probe is a GET with the key in the x-sn-apikey header: an unauthenticated request gets 401, while an
// authenticated GET reaches the resource, which only ingests events on POST, so no event or alert is created.

export type ProbeClass = 'accepted' | 'unauthenticated' | 'forbidden' | 'not_found' | 'server_error' | 'network'

export interface ProbeAnswer {
    status: number
    body: string
    /** Set when no HTTP answer arrived (timeout, DNS, TLS). */
    error: string
}

export interface ProbeVerdict {
    outcome: ProbeClass
    summary: string
    advice: string
}

/** likelyCauses: titles of failing setup-check links, to explain a 401. */
export function classifyProbe(answer: ProbeAnswer, likelyCauses: string[]): ProbeVerdict {
    const s = answer.status
    if (answer.error || !s) {
        return {
            outcome: 'network',
            summary: `No answer from the instance's own EM endpoint (${answer.error || 'no status'}).`,
            advice: 'The key may still work. Check outbound HTTP from the instance to itself, or run `sn-aws-verify verify` from outside.',
        }
    }
    if (s === 401) {
        const causes = likelyCauses.length ? ` Failing setup links: ${likelyCauses.join('; ')}.` : ''
        return {
            outcome: 'unauthenticated',
            summary: 'HTTP 401 "User is not authenticated": the EM inbound API rejected the new key.',
            advice: `Run the setup check and Repair (is the EM policy active and mapped to the API-key profiles?).${causes} SNS does not retry 401: alarms would be lost.`,
        }
    }
    if (s === 403) {
        return {
            outcome: 'forbidden',
            summary: 'HTTP 403: the key authenticated but its user may not use the EM inbound API.',
            advice: 'The integration user needs evt_mgmt_integration (and nothing else). Run the setup check.',
        }
    }
    if (s === 404) {
        return {
            outcome: 'not_found',
            summary: 'HTTP 404: the EM inbound API or the push connector instance was not found.',
            advice: 'Check that Event Management Connectors is installed and the push connector instance is active.',
        }
    }
    if (s >= 500) {
        return { outcome: 'server_error', summary: `HTTP ${s}: the instance failed to answer.`, advice: 'Try again later; SNS retries 5xx answers.' }
    }
    return {
        outcome: 'accepted',
        summary: `HTTP ${s}: the EM inbound API authenticated the new key (no event was created).`,
        advice: '',
    }
}
