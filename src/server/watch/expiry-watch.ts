// The daily watch: moves endpoints to expiring / expired / no data, notifies app admins through an event, and
// retires keys whose rotation grace is over. Tolerates key records the platform's cleanup job deleted.
import { GlideAggregate, GlideDateTime, GlideRecord, gs } from '@servicenow/glide'
import { requireAppAdmin } from '../core/access.ts'
import { ROLE, TABLE } from '../core/app-names.ts'
import { recordAudit } from '../core/audit.ts'
import { readAppConfig } from '../core/read-app-config.ts'
import { isTrue, readRow, readRows, updateRow } from '../core/records.ts'
import { retireGraceExpiredKeys } from '../keys/revoke-service.ts'
import { type EndpointStatus, judgeEndpoint } from './endpoint-health.ts'

export const EXPIRY_EVENT = 'x_em_aws_apikey.key_expiry'

/** Newest em_event per source, in one aggregate query; null when the app may not read em_event. */
function lastEventBySource(): { [source: string]: string } | null {
    const probe = new GlideRecord('em_event')
    if (!probe.isValid() || !probe.canRead()) return null
    const agg = new GlideAggregate('em_event')
    agg.addAggregate('MAX', 'sys_created_on')
    agg.groupBy('source')
    agg.query()
    const out: { [source: string]: string } = {}
    while (agg.next()) out[String(agg.getValue('source'))] = String(agg.getAggregate('MAX', 'sys_created_on') || '')
    return out
}

/** sys_ids of the users holding the app admin role: the notification's recipients (event parm1). */
function appAdminUserIds(): string {
    const role = readRow('sys_user_role', `name=${ROLE.admin}`, ['name'])
    if (!role) return ''
    const ids = readRows('sys_user_has_role', `role=${role.sys_id}`, ['user']).map((r) => r.user)
    return ids.filter((id, i) => ids.indexOf(id) === i).join(',')
}

export interface WatchSummary {
    checked: number
    changed: number
    notified: number
    retired: number
}

export function runExpiryWatch(): WatchSummary {
    requireAppAdmin('run the expiry watch')
    const config = readAppConfig()
    const now = new GlideDateTime().getValue()
    const endpoints = readRows(TABLE.endpoint, 'statusINactive,expiring,expired,no_data,failing', ['name', 'status', 'source', 'api_key_sys_id', 'expires'])
    const keyIds = endpoints.map((e) => e.api_key_sys_id).filter((id) => !!id)
    const keys: { [sysId: string]: string } = {}
    for (const k of keyIds.length ? readRows('api_key', `sys_idIN${keyIds.join(',')}`, ['active']) : []) keys[k.sys_id] = k.active
    const issued: { [keySysId: string]: string } = {}
    for (const i of keyIds.length ? readRows(TABLE.issuedKey, `api_key_sys_idIN${keyIds.join(',')}`, ['api_key_sys_id', 'sys_created_on']) : []) {
        issued[i.api_key_sys_id] = i.sys_created_on
    }
    const lastEvents = lastEventBySource()
    const summary: WatchSummary = { checked: endpoints.length, changed: 0, notified: 0, retired: 0 }
    let recipients: string | null = null
    for (const endpoint of endpoints) {
        const verdict = judgeEndpoint({
            now,
            status: endpoint.status as EndpointStatus,
            keyExists: endpoint.api_key_sys_id in keys,
            keyActive: isTrue(keys[endpoint.api_key_sys_id]),
            expires: endpoint.expires,
            expiryWarningDays: config.expiryWarningDays,
            lastEventAt: lastEvents === null ? null : lastEvents[endpoint.source] || '',
            issuedAt: issued[endpoint.api_key_sys_id] || '',
            noDataHours: config.noDataHours,
        })
        if (verdict.status === endpoint.status) continue
        updateRow(TABLE.endpoint, endpoint.sys_id, { status: verdict.status })
        summary.changed++
        if (verdict.notify) {
            const gr = new GlideRecord(TABLE.endpoint)
            if (recipients === null) recipients = appAdminUserIds()
            if (gr.get(endpoint.sys_id)) gs.eventQueue(EXPIRY_EVENT, gr, recipients, verdict.notify)
            summary.notified++
        }
        recordAudit({ action: 'expiry', outcome: 'success', endpoint: endpoint.sys_id, apiKeySysId: endpoint.api_key_sys_id, detail: `${endpoint.status} -> ${verdict.status}: ${verdict.reason}` })
    }
    summary.retired = retireGraceExpiredKeys()
    return summary
}
