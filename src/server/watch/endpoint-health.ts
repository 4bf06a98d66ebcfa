// Pure rules of the daily expiry and health watch: which status an endpoint should have now, and whom to tell.
// SNS drops a 401 for good, so every move towards "alarms may be lost" notifies the app admins.
import { parseStamp } from '../keys/key-rules.ts'

export type EndpointStatus = 'new' | 'active' | 'expiring' | 'expired' | 'revoked' | 'no_data' | 'failing'

export interface HealthInput {
    now: string
    status: EndpointStatus
    /** False when the platform's cleanup job deleted the expired key record (E26). */
    keyExists: boolean
    keyActive: boolean
    expires: string
    expiryWarningDays: number
    /** Newest event of the endpoint's source inside the no-data window; '' when none; null when em_event is unreadable. */
    lastEventAt: string | null
    /**
     * Whether an event from this endpoint was ever seen (its em_event source is learned, E37). Until then the
     * connector's source value is unknown, so "no data" is unknown, not a failure.
     */
    eventSeen: boolean
    /** When the current key was issued (its issued-key row's creation). */
    issuedAt: string
    /** When the last probe ran: a failing endpoint turns healthy only on an event after it. */
    lastProbeAt: string
    noDataHours: number
}

export type Notice = 'expiring' | 'expired' | 'no_data'

export interface HealthVerdict {
    status: EndpointStatus
    /** Set when admins must be told: the status just became expiring, expired or no data. */
    notify: Notice | null
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
        notify: (status === 'expiring' || status === 'expired' || status === 'no_data') && input.status !== status ? status : null,
        reason,
    })
    if (!input.keyExists) return becomes('expired', 'The key record is gone (deleted by the platform after expiry). SNS deliveries get HTTP 401 and are lost.')
    if (!input.keyActive) return becomes('expired', 'The key is inactive. SNS deliveries get HTTP 401 and are lost.')
    if (!isNaN(expires) && expires <= now) return becomes('expired', `The key expired on ${input.expires} UTC. SNS deliveries get HTTP 401 and are lost.`)
    if (!isNaN(expires) && expires - now <= input.expiryWarningDays * 24 * HOUR) {
        return becomes('expiring', `The key expires on ${input.expires} UTC, within ${input.expiryWarningDays} days. Rotate it and create a new SNS subscription.`)
    }
    // An unreadable event table is no signal at all: it never makes an endpoint healthy, nor sick.
    if (input.lastEventAt === null) {
        return keep('The event table is not readable by the app, so event flow was not checked.')
    }
    const last = input.lastEventAt ? parseStamp(input.lastEventAt) : NaN
    if (input.status === 'failing') {
        const probedAt = parseStamp(input.lastProbeAt)
        if (!isNaN(last) && (isNaN(probedAt) || last > probedAt)) {
            return becomes('active', `An event arrived at ${input.lastEventAt} UTC, after the failed probe: the key works.`)
        }
        return keep('The last probe failed and no event has arrived since. Use "Send test alarm" after fixing the cause.')
    }
    if (!isNaN(last)) return becomes('active', `Key valid; newest event at ${input.lastEventAt} UTC.`)
    if (!input.eventSeen) {
        return keep('No event from this endpoint has been seen yet, so its event source is not known: "no data" cannot be judged yet.')
    }
    const issued = parseStamp(input.issuedAt)
    if (!isNaN(issued) && now - issued <= input.noDataHours * HOUR) return keep('Key issued recently; waiting for events.')
    return becomes('no_data', `No event from this source in the last ${input.noDataHours} h. Check the SNS subscription and the alarms (sn-aws-verify doctor).`)
}
