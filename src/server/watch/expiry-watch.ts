// The daily watch: retires keys whose rotation grace is over, then moves endpoints to expiring / expired / no data /
// active, notifies app admins through an event, and learns which em_event source each endpoint's alarms carry.
// A failure on one endpoint never stops the others: it is logged and written to the audit trail.
import { query, list } from '../core/encoded-query.ts'
import { GlideAggregate, GlideDateTime, GlideRecord, gs } from '@servicenow/glide'
import { requireAppAdmin } from '../core/access.ts'
import { ROLE, TABLE } from '../core/app-names.ts'
import { recordAudit } from '../core/audit.ts'
import { readAppConfig } from '../core/read-app-config.ts'
import { type Row, isTrue, readRow, readRows, updateRow } from '../core/records.ts'
import { addHours } from '../keys/key-rules.ts'
import { retireGraceExpiredKeys } from '../keys/revoke-service.ts'
import { type EndpointStatus, judgeEndpoint } from './endpoint-health.ts'
import { eventSourceCandidates, newestEventFor } from './event-sources.ts'

export const EXPIRY_EVENT = 'x_em_aws_apikey.key_expiry'

const ENDPOINT_FIELDS = [
    'name', 'status', 'source', 'event_sources', 'learned_event_source', 'api_key_sys_id', 'expires', 'last_probe_at',
]

/**
 * Newest em_event per source, for the given sources inside the window only: one aggregate whose cost follows the
 * window and the sources, never the size of em_event (E38). Keys are lower-case (E51). null when unreadable.
 */
function newestEventsBySource(sources: string[], since: string): { [lowerSource: string]: { source: string; at: string } } | null {
    const probe = new GlideRecord('em_event')
    if (!probe.isValid() || !probe.canRead()) return null
    const out: { [lowerSource: string]: { source: string; at: string } } = {}
    if (!sources.length) return out
    const agg = new GlideAggregate('em_event')
    agg.addEncodedQuery(query`sys_created_on>=${since}^sourceIN${list(sources)}`)
    agg.addAggregate('MAX', 'sys_created_on')
    agg.groupBy('source')
    agg.query()
    while (agg.next()) {
        const source = String(agg.getValue('source') || '')
        const at = String(agg.getAggregate('MAX', 'sys_created_on') || '')
        const key = source.toLowerCase()
        if (!out[key] || out[key].at < at) out[key] = { source, at }
    }
    return out
}

/** sys_ids of the users holding the app admin role: the notification's recipients (event parm1). */
function appAdminUserIds(): string {
    const role = readRow('sys_user_role', query`name=${ROLE.admin}`, ['name'])
    if (!role) return ''
    const ids = readRows('sys_user_has_role', query`role=${role.sys_id}`, ['user']).map((r) => r.user)
    return ids.filter((id, i) => ids.indexOf(id) === i).join(',')
}

export interface WatchSummary {
    checked: number
    changed: number
    notified: number
    retired: number
    /** Endpoints whose check failed (each logged and audited); the others were still checked. */
    failed: number
    /** Retiring grace-expired keys failed (logged and audited); endpoints were still checked. */
    retireFailed: boolean
}

interface WatchContext {
    now: string
    config: ReturnType<typeof readAppConfig>
    keys: { [sysId: string]: string }
    issued: { [keySysId: string]: Row }
    events: { [lowerSource: string]: { source: string; at: string } } | null
    recipients: string | null
}

function checkEndpoint(endpoint: Row, ctx: WatchContext, summary: WatchSummary): void {
    const candidates = eventSourceCandidates(endpoint)
    const newest = ctx.events === null ? null : newestEventFor(candidates, ctx.events)
    const issuedRow = ctx.issued[endpoint.api_key_sys_id]
    const verdict = judgeEndpoint({
        now: ctx.now,
        status: endpoint.status as EndpointStatus,
        keyExists: endpoint.api_key_sys_id in ctx.keys,
        keyActive: isTrue(ctx.keys[endpoint.api_key_sys_id]),
        expires: endpoint.expires,
        expiryWarningDays: ctx.config.expiryWarningDays,
        lastEventAt: newest === null ? null : newest ? newest.at : '',
        eventSeen: !!endpoint.learned_event_source || !!newest,
        issuedAt: issuedRow ? issuedRow.sys_created_on : '',
        lastProbeAt: endpoint.last_probe_at,
        noDataHours: ctx.config.noDataHours,
    })
    const fields: { [field: string]: string } = {}
    if (newest && newest.source !== endpoint.learned_event_source) fields.learned_event_source = newest.source
    if (verdict.status !== endpoint.status) fields.status = verdict.status
    if (!Object.keys(fields).length) return
    updateRow(TABLE.endpoint, endpoint.sys_id, fields)
    if (verdict.status === endpoint.status) return
    summary.changed++
    if (verdict.status === 'expired' && issuedRow && issuedRow.state === 'active') updateRow(TABLE.issuedKey, issuedRow.sys_id, { state: 'expired' })
    if (verdict.notify) {
        const gr = new GlideRecord(TABLE.endpoint)
        if (ctx.recipients === null) ctx.recipients = appAdminUserIds()
        if (gr.get(endpoint.sys_id)) gs.eventQueue(EXPIRY_EVENT, gr, ctx.recipients, verdict.notify)
        summary.notified++
    }
    recordAudit({ action: 'expiry', outcome: 'success', endpoint: endpoint.sys_id, apiKeySysId: endpoint.api_key_sys_id, detail: `${endpoint.status} -> ${verdict.status}: ${verdict.reason}` })
}

function recordFailure(what: string, error: unknown, endpoint = '', apiKeySysId = ''): void {
    const message = `AWS SNS Event API Keys watch: ${what} failed: ${(error as Error).message || String(error)}`
    gs.error(message)
    try {
        recordAudit({ action: 'expiry', outcome: 'failure', endpoint, apiKeySysId, detail: message })
    } catch (auditError) {
        gs.error(`AWS SNS Event API Keys watch could not record a failure in the audit trail: ${(auditError as Error).message}`)
    }
}

/** The watch itself, without a role check: callers check who may run it (runExpiryWatch, the scheduled job). */
export function watchEndpoints(): WatchSummary {
    const summary: WatchSummary = { checked: 0, changed: 0, notified: 0, retired: 0, failed: 0, retireFailed: false }
    // Retiring grace-expired keys comes first and on its own: an endpoint problem must not keep old keys alive.
    try {
        summary.retired = retireGraceExpiredKeys()
    } catch (e) {
        summary.retireFailed = true
        recordFailure('retiring grace-expired keys', e)
    }
    const config = readAppConfig()
    const now = new GlideDateTime().getValue()
    const endpoints = readRows(TABLE.endpoint, query`statusINactive,expiring,expired,no_data,failing`, ENDPOINT_FIELDS)
    const keyIds = endpoints.map((e) => e.api_key_sys_id).filter((id) => !!id)
    const keys: { [sysId: string]: string } = {}
    for (const k of keyIds.length ? readRows('api_key', query`sys_idIN${list(keyIds)}`, ['active']) : []) keys[k.sys_id] = k.active
    const issued: { [keySysId: string]: Row } = {}
    for (const i of keyIds.length ? readRows(TABLE.issuedKey, query`api_key_sys_idIN${list(keyIds)}`, ['api_key_sys_id', 'sys_created_on', 'state']) : []) {
        issued[i.api_key_sys_id] = i
    }
    const sources: string[] = []
    for (const e of endpoints) for (const s of eventSourceCandidates(e)) if (sources.indexOf(s) < 0) sources.push(s)
    const ctx: WatchContext = { now, config, keys, issued, events: newestEventsBySource(sources, addHours(now, -config.noDataHours)), recipients: null }
    for (const endpoint of endpoints) {
        summary.checked++
        try {
            checkEndpoint(endpoint, ctx, summary)
        } catch (e) {
            summary.failed++
            recordFailure(`endpoint "${endpoint.name}"`, e, endpoint.sys_id, endpoint.api_key_sys_id)
        }
    }
    return summary
}

/** Interactive entry (a button, ATF): the app role is required. */
export function runExpiryWatch(): WatchSummary {
    requireAppAdmin('run the expiry watch')
    return watchEndpoints()
}
