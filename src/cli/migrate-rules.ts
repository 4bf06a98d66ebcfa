// Pure rules of `sn-aws-verify migrate` (the make-before-break move of an SNS subscription from a Basic-auth
// endpoint to the API-key endpoint): which subscriptions use Basic auth and deliver to the same instance and
// connector, what the new subscription inherits, and what to do next given the journal and what SNS shows.
import { EM_INBOUND_PATH, type AwsEndpoint } from '../server/endpoint/endpoint-url.ts'

/**
 * A subscription endpoint that authenticates with user:password@ (SNS shows the password as `****`, E59). Only the
 * host, the user name's presence and the connector are kept; the password is never read into a value of ours.
 */
export interface BasicAuthEndpoint {
    host: string
    source: string | null
    connectorSysId: string | null
    /** The endpoint with the credentials replaced by `…@`, safe to print. */
    masked: string
}

function decode(text: string): string | null {
    try {
        return decodeURIComponent(text.replace(/\+/g, ' '))
    } catch {
        return null
    }
}

/**
 * `https://user:****@<host>/api/sn_em_connector/em/inbound_event?source=...[&sys_id=...]` (ServiceNow's Basic-auth
 * variant of the push connector URL), or null for anything else (no credentials, another path, an API key in it).
 */
export function parseBasicAuthEndpoint(url: string | undefined): BasicAuthEndpoint | null {
    if (typeof url !== 'string') return null
    const m = /^https:\/\/([^/?#@]+)@([A-Za-z0-9.-]+)(?::443)?(\/[^?#]*)(\?[^#]*)?$/i.exec(url)
    if (!m) return null
    const [, userinfo, hostRaw, path, query] = m
    if (userinfo.indexOf(':') <= 0) return null // a user name and a password, as SNS needs for Basic
    if (path !== EM_INBOUND_PATH) return null
    const params = new Map<string, string>()
    for (const pair of (query ?? '?').slice(1).split('&')) {
        if (pair === '') continue
        const eq = pair.indexOf('=')
        const name = eq < 0 ? pair : pair.slice(0, eq)
        const value = decode(eq < 0 ? '' : pair.slice(eq + 1))
        if (value === null) return null
        params.set(name, value)
    }
    if (params.has('x-sn-apikey')) return null // a key in the URL: not a Basic-auth subscription
    const sysId = params.get('sys_id') ?? null
    return {
        host: hostRaw.toLowerCase(),
        source: params.get('source') ?? null,
        connectorSysId: sysId && /^[0-9a-f]{32}$/.test(sysId) ? sysId : null,
        masked: `https://…@${hostRaw.toLowerCase()}${path}${query ?? ''}`,
    }
}

/**
 * Whether a Basic-auth subscription feeds the same instance and connector as the API-key endpoint: the same host,
 * and the same push connector sys_id when the old URL names one, else the same source (compared without case:
 * assumption, ServiceNow's docs write source=aws and the connector's own URL source=AWS).
 */
export function sameTarget(basic: BasicAuthEndpoint, target: AwsEndpoint): boolean {
    if (basic.host !== target.host) return false
    if (basic.connectorSysId !== null) return basic.connectorSysId === target.connectorSysId
    return basic.source !== null && basic.source.toLowerCase() === target.source.toLowerCase()
}

/** The subscription attributes the new subscription takes over from the old one; raw delivery always off (E54). */
export const INHERITED_ATTRIBUTES = ['DeliveryPolicy', 'FilterPolicy', 'FilterPolicyScope', 'RedrivePolicy'] as const

export function inheritedAttributes(old: Record<string, string> | undefined): Record<string, string> {
    const out: Record<string, string> = {}
    for (const name of INHERITED_ATTRIBUTES) {
        const value = old?.[name]
        if (typeof value === 'string' && value !== '') out[name] = value
    }
    // FilterPolicyScope without a FilterPolicy is refused by SNS; it means nothing alone.
    if (!out.FilterPolicy) delete out.FilterPolicyScope
    out.RawMessageDelivery = 'false'
    return out
}

/** What the journal says about earlier runs on this topic. */
export interface MigrateJournalState {
    /** The subscription an earlier run created (and did not roll back): removed again if the move fails. */
    createdArn: string | null
    /** An earlier run called Subscribe and may not have recorded its answer. */
    subscribing: boolean
    /** Old subscriptions an earlier run unsubscribed (or started to). */
    unsubscribed: string[]
    done: boolean
}

export type MigrateEntry =
    | { step: 'subscribing' }
    | { step: 'subscribed'; arn: string }
    | { step: 'confirmed'; arn: string }
    | { step: 'proven'; arn: string }
    | { step: 'unsubscribing'; arn: string }
    | { step: 'unsubscribed'; arn: string }
    | { step: 'rolled-back'; arn: string }
    | { step: 'done' }

export function journalState(entries: readonly Record<string, unknown>[]): MigrateJournalState {
    const state: MigrateJournalState = { createdArn: null, subscribing: false, unsubscribed: [], done: false }
    for (const e of entries) {
        const arn = typeof e.arn === 'string' ? e.arn : null
        if (e.step === 'subscribing') {
            state.subscribing = true
            state.done = false
        } else if (e.step === 'subscribed' && arn) {
            state.createdArn = arn
            state.subscribing = false
        } else if (e.step === 'rolled-back') {
            state.createdArn = null
            state.subscribing = false
        } else if ((e.step === 'unsubscribing' || e.step === 'unsubscribed') && arn && state.unsubscribed.indexOf(arn) < 0) {
            state.unsubscribed.push(arn)
        } else if (e.step === 'done') {
            state.done = true
        }
    }
    return state
}
