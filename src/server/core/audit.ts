// Appends a row to the audit trail: who (session user), when (sys_created_on), what, outcome. Never a token:
// callers pass sys_ids and messages, and the detail is cut to the column size.
import { gs } from '@servicenow/glide'
import { TABLE } from './app-names.ts'
import { insertRow } from './records.ts'

export interface AuditEntry {
    action: 'generate' | 'rotate' | 'revoke' | 'retire' | 'repair' | 'undo_repair' | 'setup_check' | 'probe' | 'expiry' | 'manual_step' | 'heartbeat' | 'export_facts'
    outcome: 'success' | 'failure' | 'denied'
    endpoint?: string
    connectorSysId?: string
    apiKeySysId?: string
    detail: string
}

export function recordAudit(entry: AuditEntry): string {
    return insertRow(TABLE.audit, {
        action: entry.action,
        outcome: entry.outcome,
        actor: gs.getUserID(),
        endpoint: entry.endpoint || '',
        connector_sys_id: entry.connectorSysId || '',
        api_key_sys_id: entry.apiKeySysId || '',
        detail: entry.detail.slice(0, 4000),
    })
}
