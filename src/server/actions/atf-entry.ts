// Server-side entry used by the ATF suite (through the AwsSnsEventKeysTestApi script include). Each call re-checks
// the role like every other entry point; ATF runs as the test runner's user.
import { query } from '../core/encoded-query.ts'
import { GlideRecord, gs } from '@servicenow/glide'
import { PLATFORM, TABLE } from '../core/app-names.ts'
import { isTrue, readRow, readRows } from '../core/records.ts'
import { type GenerateResult, generateEndpointKey } from '../keys/generate-service.ts'
import { revokeEndpointKeys } from '../keys/revoke-service.ts'
import { postTestAlarm } from '../probe/probe-em-endpoint.ts'
import { PROBE_ALARM_PREFIX, testAlarmRequest } from '../probe/test-alarm.ts'
import { repairSetup } from '../setup/setup-service.ts'
import { requireApiAccessAdmin, requireAppAdmin } from '../core/access.ts'

export function atfRepairAndCheck(): string {
    requireAppAdmin('run the ATF checks')
    requireApiAccessAdmin('run Repair from the ATF checks')
    const report = repairSetup(true)
    return JSON.stringify({ error: report.error, failing: report.results.filter((r) => r.status === 'fail').map((r) => `${r.title}: ${r.fix}`) })
}

/**
 * Generates a key for the connector, sends a test alarm with it (header, never a URL), revokes it, sends again;
 * returns statuses and sys_ids only.
 */
export function atfGenerateProbeRevoke(connectorSysId: string, baseUrl: string): string {
    requireAppAdmin('run the ATF checks')
    const result: GenerateResult = generateEndpointKey({ table: PLATFORM.pushConnectorInstanceTable, sysId: connectorSysId, mode: 'generate' })
    if (!result.ok) return JSON.stringify({ ok: false, message: result.message })
    const endpoint = readRow(TABLE.endpoint, query`connector_sys_id=${connectorSysId}`, ['api_key_sys_id'])
    const keySysId = endpoint ? endpoint.api_key_sys_id : ''
    const key = readRow('api_key', query`sys_id=${keySysId}`, ['active', 'user', 'expires'])
    const source = (/[?&]source=([^&]*)/.exec(result.endpoint) || ['', ''])[1]
    // The token stays inside this function: it is parsed out of the endpoint and never returned or stored.
    const token = decodeURIComponent((/[?&]x-sn-apikey=([^&]*)/.exec(result.endpoint) || ['', ''])[1])
    const target = { baseUrl, source: decodeURIComponent(source), connectorSysId }
    const call = () => {
        const alarm = testAlarmRequest({ alarmName: `${PROBE_ALARM_PREFIX} ATF ${gs.generateGUID()}`, messageId: gs.generateGUID(), isoTime: '2026-01-01T00:00:00.000Z', topicArn: '' })
        return postTestAlarm(target, alarm, { via: 'header', token }).status
    }
    const before = result.tokenShown ? call() : 0
    const revoked = endpoint ? revokeEndpointKeys(endpoint.sys_id) : { ok: false, message: 'no endpoint' }
    const after = result.tokenShown ? call() : 0
    const audits = readRows(TABLE.audit, query`connector_sys_id=${connectorSysId}`, ['detail', 'action'])
    return JSON.stringify({
        ok: true,
        tokenShown: result.tokenShown,
        strategy: result.strategy,
        keyActive: !!key && isTrue(key.active),
        // Users compare by sys_id: a user's display value is its name, not its user name (E30).
        keyUserSysId: key ? key.user : '',
        probe: result.probe ? { outcome: result.probe.outcome, accepted: result.probe.accepted } : null,
        keyExpires: key ? key.expires : '',
        statusBeforeRevoke: before,
        revoked: revoked.ok,
        statusAfterRevoke: after,
        auditRows: audits.length,
        auditHasToken: !!token && audits.some((a) => a.detail.indexOf(token) >= 0),
    })
}

export function atfKeyHasUseraccountScope(connectorSysId: string): boolean {
    const endpoint = readRow(TABLE.endpoint, query`connector_sys_id=${connectorSysId}`, ['api_key_sys_id'])
    if (!endpoint) return false
    const gr = new GlideRecord('api_key')
    if (!gr.get(endpoint.api_key_sys_id)) return false
    const column = readRow('sys_dictionary', query`name=api_key^reference=sys_auth_scope`, ['element'])
    const scopes = column ? String(gr.getValue(column.element) || '') : ''
    const useraccount = readRow('sys_auth_scope', query`name=${PLATFORM.useraccountScopeName}`, ['name'])
    return !!useraccount && scopes.indexOf(useraccount.sys_id) >= 0
}
