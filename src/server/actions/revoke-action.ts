// UI-action entry point for "Revoke API key" on the AWS endpoint form and the push connector instance form;
// fn(current, action) (sdk-facts.md). The button's client half asks for confirmation first (revoke-key.client.js).
import { query, list } from '../core/encoded-query.ts'
import { type GlideAction, type GlideRecord, gs } from '@servicenow/glide'
import { TABLE } from '../core/app-names.ts'
import { readRows } from '../core/records.ts'
import { type RevokeResult, revokeEndpointKeys } from '../keys/revoke-service.ts'

/** On a push connector instance: every AWS endpoint of that connector (all sources) that has a key to revoke. */
function revokeConnectorKeys(connectorSysId: string): RevokeResult[] {
    const endpoints = readRows(TABLE.endpoint, query`connector_sys_id=${connectorSysId}`, ['name']).map((e) => e.sys_id)
    const keys = endpoints.length ? readRows(TABLE.issuedKey, query`endpointIN${list(endpoints)}^stateINactive,retiring`, ['endpoint']) : []
    const withKeys = endpoints.filter((id) => keys.some((k) => k.endpoint === id))
    if (!withKeys.length) return [{ ok: false, message: 'This push connector instance has no AWS endpoint with an active key to revoke.' }]
    return withKeys.map((id) => revokeEndpointKeys(id))
}

export function revokeKeyAction(current: GlideRecord, action: GlideAction): void {
    const results = current.getTableName() === TABLE.endpoint ? [revokeEndpointKeys(current.getUniqueValue())] : revokeConnectorKeys(current.getUniqueValue())
    for (const result of results) {
        if (result.ok) gs.addInfoMessage(result.message)
        else gs.addErrorMessage(result.message)
    }
    action.setRedirectURL(current)
}
