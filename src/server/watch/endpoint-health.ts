// Pure rules of the daily expiry and health watch: which status an endpoint should have now, and whom to tell.
import { parseStamp } from '../keys/key-rules.ts'

export type EndpointStatus = 'new' | 'active' | 'expiring' | 'expired' | 'revoked' | 'no_data' | 'failing'

export interface HealthInput {
    now: string
    status: EndpointStatus
    /** False when the platform's cleanup job deleted the expired key record (platform-model.md, rule 7). */
    keyExists: boolean
    keyActive: boolean
    expires: string
    expiryWarningDays: number
    /** Newest event of the endpoint's source; '' when none; null when the app cannot read the event table. */
    lastEventAt: string | null
    /** When the current key was issued (its issued-key row's creation). */
    issuedAt: string
    noDataHours: number
}

export interface HealthVerdict {
    status: EndpointStatus
    /** Set when admins must be told: the status just became expiring or expired. */
    notify: 'expiring' | 'expired' | null
    reason: string
}

const HOUR = 3600 * 1000

export function judgeEndpoint(input: HealthInput): HealthVerdict {
    const keep = (reason: string): HealthVerdict => ({ status: input.status, notify: null, reason })
    if (input.status === 'revoked' || input.status === 'new') return keep(`Endpoint is ${input.status}; nothing to watch.`)
    const now = parseStamp(input.now)
    const expires = parseStamp(input.expires)
    const becomes = (status: EndpointStatus, reason: string): HealthVerdict => ({
        status,
        notify: (status === 'expiring' || status === 'expired') && input.status !== status ? status : null,
        reason,
    })
    if (!input.keyExists) return becomes('expired', 'The key record is gone (deleted by the platform after expiry). SNS deliveries get HTTP 401 and are lost.')
    if (!input.keyActive) return becomes('expired', 'The key is inactive. SNS deliveries get HTTP 401 and are lost.')
    if (!isNaN(expires) && expires <= now) return becomes('expired', `The key expired on ${input.expires} UTC. SNS deliveries get HTTP 401 and are lost.`)
    if (!isNaN(expires) && expires - now <= input.expiryWarningDays * 24 * HOUR) {
        return becomes('expiring', `The key expires on ${input.expires} UTC, within ${input.expiryWarningDays} days. Rotate it and create a new SNS subscription.`)
    }
    if (input.lastEventAt !== null) {
        const issued = parseStamp(input.issuedAt)
        const last = input.lastEventAt ? parseStamp(input.lastEventAt) : NaN
        const quietSince = isNaN(last) ? issued : last
        if (!isNaN(quietSince) && now - quietSince > input.noDataHours * HOUR) {
            return becomes('no_data', input.lastEventAt
                ? `No event from this source since ${input.lastEventAt} UTC (more than ${input.noDataHours} h).`
                : `No event from this source since the key was issued (${input.issuedAt} UTC, more than ${input.noDataHours} h ago).`)
        }
    }
    return becomes('active', 'Key valid and events arriving (or the event table is not readable).')
}
