// Revoke: deactivate every key of an endpoint at once (current and any still in rotation grace).
// Retire: the scheduled job that deactivates keys whose rotation grace period is over.
import { query, requireSysId } from '../core/encoded-query.ts'
import { GlideDateTime } from '@servicenow/glide'
import { requireAppAdmin } from '../core/access.ts'
import { TABLE } from '../core/app-names.ts'
import { recordAudit } from '../core/audit.ts'
import { isTrue, readRow, readRows } from '../core/records.ts'
import { UndoLog } from '../core/undo-log.ts'

export type RevokeResult = { ok: true; message: string } | { ok: false; message: string }

/** Deactivates the api_key if it still exists; the platform's cleanup job may have deleted it (platform-model.md, rule 7). */
function deactivateKey(undo: UndoLog, apiKeySysId: string): 'deactivated' | 'already inactive' | 'missing' {
    const key = readRow('api_key', query`sys_id=${apiKeySysId}`, ['active'])
    if (!key) return 'missing'
    if (!isTrue(key.active)) return 'already inactive'
    undo.update('api_key', apiKeySysId, { active: 'false' })
    return 'deactivated'
}

export function revokeEndpointKeys(endpointSysId: string): RevokeResult {
    try {
        requireAppAdmin('revoke API keys')
    } catch (e) {
        recordAudit({ action: 'revoke', outcome: 'denied', detail: (e as Error).message })
        return { ok: false, message: (e as Error).message }
    }
    const undo = new UndoLog()
    try {
        requireSysId(endpointSysId, 'The AWS endpoint to revoke')
        const endpoint = readRow(TABLE.endpoint, query`sys_id=${endpointSysId}`, ['name', 'connector_sys_id', 'api_key_sys_id'])
        if (!endpoint) throw new Error('The AWS endpoint record no longer exists.')
        const keys = readRows(TABLE.issuedKey, query`endpoint=${endpointSysId}^stateINactive,retiring`, ['api_key_sys_id', 'key_name'])
        if (!keys.length) throw new Error(`Endpoint "${endpoint.name}" has no active key to revoke.`)
        const lines: string[] = []
        for (const k of keys) {
            const result = deactivateKey(undo, k.api_key_sys_id)
            undo.update(TABLE.issuedKey, k.sys_id, { state: result === 'missing' ? 'missing' : 'revoked' })
            lines.push(`${k.key_name}: ${result}`)
        }
        undo.update(TABLE.endpoint, endpointSysId, { status: 'revoked' })
        const message = `Revoked ${keys.length} key(s) of "${endpoint.name}": ${lines.join('; ')}. AWS SNS deliveries with these keys now get HTTP 401 and are not retried: delete the SNS subscription too.`
        recordAudit({ action: 'revoke', outcome: 'success', endpoint: endpointSysId, connectorSysId: endpoint.connector_sys_id, apiKeySysId: endpoint.api_key_sys_id, detail: message })
        return { ok: true, message }
    } catch (e) {
        undo.rollback()
        const message = (e as Error).message
        recordAudit({ action: 'revoke', outcome: 'failure', detail: message })
        return { ok: false, message }
    }
}

/** Scheduled: deactivates keys whose rotation grace period is over. Returns how many were retired. */
export function retireGraceExpiredKeys(): number {
    const now = new GlideDateTime().getValue()
    const due = readRows(TABLE.issuedKey, query`state=retiring^retire_at<=${now}`, ['api_key_sys_id', 'key_name', 'endpoint'])
    for (const k of due) {
        const undo = new UndoLog()
        try {
            const result = deactivateKey(undo, k.api_key_sys_id)
            undo.update(TABLE.issuedKey, k.sys_id, { state: result === 'missing' ? 'missing' : 'revoked' })
            recordAudit({ action: 'retire', outcome: 'success', endpoint: k.endpoint, apiKeySysId: k.api_key_sys_id, detail: `Rotation grace over: ${k.key_name} ${result}.` })
        } catch (e) {
            undo.rollback()
            recordAudit({ action: 'retire', outcome: 'failure', endpoint: k.endpoint, apiKeySysId: k.api_key_sys_id, detail: (e as Error).message })
        }
    }
    return due.length
}
