// Which key buttons a form shows: each one only where its server action can succeed, using the same checks as
// generate-service.ts (an active api_key blocks Generate and is needed by Rotate) and revoke-service.ts (Revoke needs
// an issued key that is active or retiring). Called from the UI-action conditions through AwsEndpointKeyButtons.
import { gs } from '@servicenow/glide'
import { PLATFORM, PROPERTY, TABLE } from '../core/app-names.ts'
import { isTrue, readRow, readRows } from '../core/records.ts'

export type KeyButton = 'generate' | 'rotate' | 'revoke'

const SYS_ID = /^[0-9a-f]{32}$/

function keyIsActive(apiKeySysId: string): boolean {
    if (!SYS_ID.test(apiKeySysId)) return false
    const key = readRow('api_key', `sys_id=${apiKeySysId}`, ['active'])
    return !!key && isTrue(key.active)
}

function hasRevocableKey(endpointSysIds: string[]): boolean {
    if (!endpointSysIds.length) return false
    return !!readRow(TABLE.issuedKey, `endpointIN${endpointSysIds.join(',')}^stateINactive,retiring`, ['state'])
}

function onEndpoint(button: KeyButton, sysId: string): boolean {
    const endpoint = readRow(TABLE.endpoint, `sys_id=${sysId}`, ['api_key_sys_id'])
    if (!endpoint) return false
    if (button === 'revoke') return hasRevocableKey([sysId])
    const active = keyIsActive(endpoint.api_key_sys_id)
    return button === 'rotate' ? active : !active
}

/** Generate and Rotate on a push connector instance work on its endpoint for the default source (resolveTarget). */
function onConnector(button: KeyButton, sysId: string): boolean {
    if (button === 'revoke') {
        return hasRevocableKey(readRows(TABLE.endpoint, `connector_sys_id=${sysId}`, ['name']).map((e) => e.sys_id))
    }
    const connector = readRow(PLATFORM.pushConnectorInstanceTable, `sys_id=${sysId}`, ['active'])
    if (!connector || !isTrue(connector.active)) return false
    const source = String(gs.getProperty(PROPERTY.defaultSource, 'AWS') || 'AWS')
    const endpoint = readRow(TABLE.endpoint, `connector_sys_id=${sysId}^source=${source}`, ['api_key_sys_id'])
    const active = !!endpoint && keyIsActive(endpoint.api_key_sys_id)
    return button === 'rotate' ? active : !active
}

export function keyButtonVisible(button: KeyButton, table: string, sysId: string): boolean {
    if (!SYS_ID.test(sysId || '')) return false
    if (table === TABLE.endpoint) return onEndpoint(button, sysId)
    if (table === PLATFORM.pushConnectorInstanceTable) return onConnector(button, sysId)
    return false
}
