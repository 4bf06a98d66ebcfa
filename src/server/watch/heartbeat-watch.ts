// The heartbeat watch (every 15 minutes): reads the heartbeats that arrived in the last LOOKBACK_MINUTES (one query on
// em_event bounded by time, source and the heartbeat mark, so its cost follows the fleet and never the size of
// em_event, E38), learns each account and region of an endpoint from its first heartbeat, records the last heartbeat,
// and notifies the app admins once when a pair has been silent for 2N minutes and once when it recovers.
// It reads em_event only: whether the platform turns an OK event into an alert (switch okEventAlert) changes nothing.
import { GlideDateTime, GlideRecord, gs } from '@servicenow/glide'
import { requireAppAdmin } from '../core/access.ts'
import { ROLE, TABLE } from '../core/app-names.ts'
import { recordAudit } from '../core/audit.ts'
import { list, query } from '../core/encoded-query.ts'
import { type Row, insertRow, readRow, readRows, updateRow } from '../core/records.ts'
import { eventSourceCandidates } from './event-sources.ts'
import { HEARTBEAT_MARK, LOOKBACK_MINUTES, type PairStatus, judgePair, minutesBefore, readHeartbeat } from './heartbeat-rules.ts'

export const HEARTBEAT_EVENT = 'x_em_aws_apikey.heartbeat'

const PAIR_FIELDS = ['endpoint', 'account', 'region', 'interval_minutes', 'last_heartbeat_at', 'status', 'silent_since']

export interface HeartbeatSummary {
    /** em_event rows read (heartbeats of the window). */
    eventsRead: number
    learned: number
    silent: number
    recovered: number
    pairs: number
    /** True when em_event is not readable: nothing was judged (no signal is no alarm). */
    eventsUnreadable: boolean
}

interface Seen {
    source: string
    at: string
    minutes: number
}

/** Newest heartbeat per lower-case source, account and region inside the window; null when em_event is unreadable. */
function newestHeartbeats(sources: string[], since: string, summary: HeartbeatSummary): { [key: string]: Seen & { account: string; region: string } } | null {
    const probe = new GlideRecord('em_event')
    if (!probe.isValid() || !probe.canRead()) return null
    const out: { [key: string]: Seen & { account: string; region: string } } = {}
    if (!sources.length) return out
    const gr = new GlideRecord('em_event')
    gr.addEncodedQuery(query`sys_created_on>=${since}^sourceIN${list(sources)}^additional_infoLIKE${HEARTBEAT_MARK}`)
    gr.orderByDesc('sys_created_on')
    gr.query()
    while (gr.next()) {
        summary.eventsRead++
        const hb = readHeartbeat(String(gr.getValue('additional_info') || ''))
        if (!hb) continue
        const source = String(gr.getValue('source') || '')
        const key = `${source.toLowerCase()}|${hb.account}|${hb.region}`
        if (!out[key]) out[key] = { source, at: String(gr.getValue('sys_created_on') || ''), minutes: hb.minutes, account: hb.account, region: hb.region }
    }
    return out
}

function appAdminUserIds(): string {
    const role = readRow('sys_user_role', query`name=${ROLE.admin}`, ['name'])
    if (!role) return ''
    const ids = readRows('sys_user_has_role', query`role=${role.sys_id}`, ['user']).map((r) => r.user)
    return ids.filter((id, i) => ids.indexOf(id) === i).join(',')
}

/** The watch itself, without a role check: callers check who may run it (runHeartbeatWatch, the scheduled job). */
export function watchHeartbeats(): HeartbeatSummary {
    const summary: HeartbeatSummary = { eventsRead: 0, learned: 0, silent: 0, recovered: 0, pairs: 0, eventsUnreadable: false }
    const now = new GlideDateTime().getValue()
    const endpoints = readRows(TABLE.endpoint, query`status!=new`, ['name', 'source', 'event_sources', 'learned_event_source'])
    const sources: string[] = []
    for (const e of endpoints) for (const s of eventSourceCandidates(e)) if (sources.indexOf(s) < 0) sources.push(s)
    const seen = newestHeartbeats(sources, minutesBefore(now, LOOKBACK_MINUTES), summary)
    if (seen === null) {
        summary.eventsUnreadable = true
        return summary
    }
    const pairs: { [key: string]: Row } = {}
    for (const p of readRows(TABLE.heartbeat, query``, PAIR_FIELDS)) pairs[`${p.endpoint}|${p.account}|${p.region}`] = p
    // Record the newest heartbeat of every pair; a pair seen for the first time is learned.
    for (const endpoint of endpoints) {
        const candidates = eventSourceCandidates(endpoint).map((s) => s.toLowerCase())
        for (const key of Object.keys(seen)) {
            const hb = seen[key]
            if (candidates.indexOf(hb.source.toLowerCase()) < 0) continue
            const pairKey = `${endpoint.sys_id}|${hb.account}|${hb.region}`
            const pair = pairs[pairKey]
            if (!pair) {
                const sysId = insertRow(TABLE.heartbeat, {
                    name: `${endpoint.name} ${hb.account} ${hb.region}`.slice(0, 100), endpoint: endpoint.sys_id, account: hb.account, region: hb.region,
                    interval_minutes: String(hb.minutes), last_heartbeat_at: hb.at, status: 'flowing', silent_since: '',
                })
                pairs[pairKey] = { sys_id: sysId, endpoint: endpoint.sys_id, account: hb.account, region: hb.region, interval_minutes: String(hb.minutes), last_heartbeat_at: hb.at, status: 'flowing', silent_since: '' }
                summary.learned++
                recordAudit({ action: 'heartbeat', outcome: 'success', endpoint: endpoint.sys_id, detail: `Learned heartbeat from account ${hb.account}, region ${hb.region} (every ${hb.minutes} minutes).` })
            } else if (hb.at > pair.last_heartbeat_at || String(hb.minutes) !== pair.interval_minutes) {
                pair.last_heartbeat_at = hb.at > pair.last_heartbeat_at ? hb.at : pair.last_heartbeat_at
                pair.interval_minutes = String(hb.minutes)
                updateRow(TABLE.heartbeat, pair.sys_id, { last_heartbeat_at: pair.last_heartbeat_at, interval_minutes: pair.interval_minutes })
            }
        }
    }
    let recipients: string | null = null
    for (const key of Object.keys(pairs)) {
        const pair = pairs[key]
        summary.pairs++
        const verdict = judgePair({ now, status: pair.status as PairStatus, lastHeartbeatAt: pair.last_heartbeat_at, minutes: Number(pair.interval_minutes) || 15 })
        if (verdict.status === pair.status) continue
        updateRow(TABLE.heartbeat, pair.sys_id, { status: verdict.status, silent_since: verdict.status === 'silent' ? now : '' })
        if (verdict.notify === 'silent') summary.silent++
        if (verdict.notify === 'recovered') summary.recovered++
        if (verdict.notify) {
            if (recipients === null) recipients = appAdminUserIds()
            const gr = new GlideRecord(TABLE.heartbeat)
            if (gr.get(pair.sys_id)) gs.eventQueue(HEARTBEAT_EVENT, gr, recipients, verdict.notify)
        }
        recordAudit({ action: 'heartbeat', outcome: verdict.status === 'silent' ? 'failure' : 'success', endpoint: pair.endpoint, detail: `${pair.account} ${pair.region}: ${pair.status} -> ${verdict.status}. ${verdict.reason}` })
    }
    return summary
}

/** Interactive entry (a button, ATF): the app role is required. */
export function runHeartbeatWatch(): HeartbeatSummary {
    requireAppAdmin('run the heartbeat watch')
    return watchHeartbeats()
}
