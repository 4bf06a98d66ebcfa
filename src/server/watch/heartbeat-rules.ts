// Pure rules of the heartbeat watch (no Glide imports): recognising a heartbeat in an em_event, and judging one
// account and region from its last heartbeat. The heartbeat is published by src/aws/fleet-stackset.yaml (an OK,
// CloudWatch-alarm-shaped message named sn-aws-heartbeat-<account>-<region>, "every N minutes" in its description);
// the connector copies the alarm content to em_event.additional_info (E54).
import { formatStamp, parseStamp } from '../keys/key-rules.ts'

/** What the em_event query matches on (LIKE); also the alarm-name prefix the template uses. */
export const HEARTBEAT_MARK = 'sn-aws-heartbeat-'
/** The template's default and the job's own period: used when a heartbeat does not say its interval. */
export const DEFAULT_HEARTBEAT_MINUTES = 15
/** How far back each run reads em_event: two job periods, so a late or skipped run misses no newest heartbeat. */
export const LOOKBACK_MINUTES = 30

const NAME = /sn-aws-heartbeat-([0-9]{12})-([a-z]{2}(?:-[a-z]+)+-[0-9]{1,2})(?![0-9a-z-])/
const EVERY = /heartbeat every ([0-9]{1,4}) minutes/

export interface Heartbeat {
    account: string
    region: string
    minutes: number
}

/** The account, region and interval of a heartbeat event's content; null when it is not one of ours. */
export function readHeartbeat(content: string): Heartbeat | null {
    const name = NAME.exec(String(content || ''))
    if (!name) return null
    const every = EVERY.exec(content)
    const minutes = every ? Number(every[1]) : DEFAULT_HEARTBEAT_MINUTES
    return { account: name[1], region: name[2], minutes: minutes >= 1 && minutes <= 1440 ? minutes : DEFAULT_HEARTBEAT_MINUTES }
}

export type PairStatus = 'flowing' | 'silent'

export interface PairInput {
    now: string
    status: PairStatus
    lastHeartbeatAt: string
    minutes: number
}

export interface PairVerdict {
    status: PairStatus
    /** Set once per change: the pair just went silent, or just came back. */
    notify: 'silent' | 'recovered' | null
    reason: string
}

/** Silent once no heartbeat arrived for 2N minutes; flowing again on a heartbeat newer than that. */
export function judgePair(input: PairInput): PairVerdict {
    const last = parseStamp(input.lastHeartbeatAt)
    const now = parseStamp(input.now)
    const limitMs = 2 * input.minutes * 60 * 1000
    const silent = isNaN(last) || now - last >= limitMs
    const next: PairStatus = silent ? 'silent' : 'flowing'
    const reason = silent
        ? `No heartbeat since ${input.lastHeartbeatAt || 'never'} UTC (expected every ${input.minutes} minutes): alarms from this account and region do not reach ServiceNow. Check the key, the SNS subscription, the topic policy and the push connector (sn-aws-verify doctor).`
        : `Heartbeat at ${input.lastHeartbeatAt} UTC (every ${input.minutes} minutes).`
    return { status: next, notify: next === input.status ? null : silent ? 'silent' : 'recovered', reason }
}

export function minutesBefore(stamp: string, minutes: number): string {
    return formatStamp(parseStamp(stamp) - minutes * 60 * 1000)
}
