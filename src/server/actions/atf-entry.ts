// Server-side entry used by the ATF suite (through the AwsSnsEventKeysTestApi script include). Each call re-checks
// the role like every other entry point; ATF runs as the test runner's user.
import { GlideRecord } from '@servicenow/glide'
import { PLATFORM, TABLE } from '../core/app-names.ts'
import { isTrue, readRow, readRows } from '../core/records.ts'
import { type GenerateResult, generateEndpointKey } from '../keys/generate-service.ts'
import { revokeEndpointKeys } from '../keys/revoke-service.ts'
import { probeEmEndpoint } from '../probe/probe-em-endpoint.ts'
import { repairSetup } from '../setup/setup-service.ts'
import { requireAppAdmin } from '../core/access.ts'

export function atfRepairAndCheck(): string {
    requireAppAdmin('run the ATF checks')
    const report = repairSetup(true)
    return JSON.stringify({ error: report.error, failing: report.results.filter((r) => r.status === 'fail').map((r) => `${r.title}: ${r.fix}`) })
}

/** Generates a key for the connector, calls the EM API with it, revokes it, calls again; returns statuses only. */
export function atfGenerateProbeRevoke(connectorSysId: string, baseUrl: string): string {
    requireAppAdmin('run the ATF checks')
    const result: GenerateResult = generateEndpointKey({ table: PLATFORM.pushConnectorInstanceTable, sysId: connectorSysId, mode: 'generate' })
    if (!result.ok) return JSON.stringify({ ok: false, message: result.message })
    const endpoint = readRow(TABLE.endpoint, `connector_sys_id=${connectorSysId}`, ['api_key_sys_id'])
    const keySysId = endpoint ? endpoint.api_key_sys_id : ''
    const key = readRow('api_key', `sys_id=${keySysId}`, ['active', 'user', 'expires'], { display: ['user'] })
    // The token stays inside this function: it is parsed out of the endpoint and never returned or stored.
    const token = decodeURIComponent((/[?&]x-sn-apikey=([^&]*)/.exec(result.endpoint) || ['', ''])[1])
    const call = () => probeEmEndpoint(baseUrl, 'ATF', connectorSysId, token).status
    const before = result.tokenShown ? call() : 0
    const revoked = endpoint ? revokeEndpointKeys(endpoint.sys_id) : { ok: false, message: 'no endpoint' }
    const after = result.tokenShown ? call() : 0
    const audits = readRows(TABLE.audit, `connector_sys_id=${connectorSysId}`, ['detail', 'action'])
    return JSON.stringify({
        ok: true,
        tokenShown: result.tokenShown,
        strategy: result.strategy,
        keyActive: !!key && isTrue(key.active),
        keyUser: key ? key['user.display'] : '',
        keyExpires: key ? key.expires : '',
        statusBeforeRevoke: before,
        revoked: revoked.ok,
        statusAfterRevoke: after,
        auditRows: audits.length,
        auditHasToken: !!token && audits.some((a) => a.detail.indexOf(token) >= 0),
    })
}

export function atfKeyHasUseraccountScope(connectorSysId: string): boolean {
    const endpoint = readRow(TABLE.endpoint, `connector_sys_id=${connectorSysId}`, ['api_key_sys_id'])
    if (!endpoint) return false
    const gr = new GlideRecord('api_key')
    if (!gr.get(endpoint.api_key_sys_id)) return false
    const column = readRow('sys_dictionary', 'name=api_key^reference=sys_auth_scope', ['element'])
    const scopes = column ? String(gr.getValue(column.element) || '') : ''
    const useraccount = readRow('sys_auth_scope', `name=${PLATFORM.useraccountScopeName}`, ['name'])
    return !!useraccount && scopes.indexOf(useraccount.sys_id) >= 0
}
