// Which key buttons a form shows: each one only where its server action can succeed, using the same checks as
// generate-service.ts (an active api_key blocks Generate and is needed by Rotate) and revoke-service.ts (Revoke needs
// an issued key that is active or retiring). Called from the UI-action conditions through AwsEndpointKeyButtons.
import { query, list } from '../core/encoded-query.ts'
import { PLATFORM, TABLE } from '../core/app-names.ts'
import { isTrue, readRow, readRows } from '../core/records.ts'

export type KeyButton = 'generate' | 'rotate' | 'revoke'

const SYS_ID = /^[0-9a-f]{32}$/

function keyIsActive(apiKeySysId: string): boolean {
    if (!SYS_ID.test(apiKeySysId)) return false
    const key = readRow('api_key', query`sys_id=${apiKeySysId}`, ['active'])
    return !!key && isTrue(key.active)
}

function hasRevocableKey(endpointSysIds: string[]): boolean {
    if (!endpointSysIds.length) return false
    return !!readRow(TABLE.issuedKey, query`endpointIN${list(endpointSysIds)}^stateINactive,retiring`, ['state'])
}

function onEndpoint(button: KeyButton, sysId: string): boolean {
    const endpoint = readRow(TABLE.endpoint, query`sys_id=${sysId}`, ['api_key_sys_id'])
    if (!endpoint) return false
    if (button === 'revoke') return hasRevocableKey([sysId])
    const active = keyIsActive(endpoint.api_key_sys_id)
    return button === 'rotate' ? active : !active
}

/**
 * Generate and Rotate on a push connector instance work on its endpoint for the definition's source (resolveTarget);
 * a connector has one such endpoint, so any endpoint of it with an active key counts. The server action still
 * checks the exact endpoint and refuses with a message if this differs.
 */
function onConnector(button: KeyButton, sysId: string): boolean {
    if (button === 'revoke') {
        return hasRevocableKey(readRows(TABLE.endpoint, query`connector_sys_id=${sysId}`, ['name']).map((e) => e.sys_id))
    }
    const connector = readRow(PLATFORM.pushConnectorInstanceTable, query`sys_id=${sysId}`, ['active'])
    if (!connector || !isTrue(connector.active)) return false
    const endpoints = readRows(TABLE.endpoint, query`connector_sys_id=${sysId}^api_key_sys_idISNOTEMPTY`, ['api_key_sys_id'], { limit: 20 })
    const active = endpoints.some((e) => keyIsActive(e.api_key_sys_id))
    return button === 'rotate' ? active : !active
}

export function keyButtonVisible(button: KeyButton, table: string, sysId: string): boolean {
    if (!SYS_ID.test(sysId || '')) return false
    if (table === TABLE.endpoint) return onEndpoint(button, sysId)
    if (table === PLATFORM.pushConnectorInstanceTable) return onConnector(button, sysId)
    return false
}
