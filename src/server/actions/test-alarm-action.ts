// UI-action entry point for "Send test alarm" on the AWS endpoint form and the push connector instance form;
// fn(current, action) (sdk-facts.md). On a push connector instance it probes each of its endpoints with a key.
import { query } from '../core/encoded-query.ts'
import { type GlideAction, type GlideRecord, gs } from '@servicenow/glide'
import { TABLE } from '../core/app-names.ts'
import { readRows } from '../core/records.ts'
import { type TestAlarmResult, sendTestAlarm } from '../probe/test-alarm-service.ts'

function endpointsOf(current: GlideRecord): string[] {
    if (current.getTableName() === TABLE.endpoint) return [current.getUniqueValue()]
    return readRows(TABLE.endpoint, query`connector_sys_id=${current.getUniqueValue()}^api_key_sys_idISNOTEMPTY`, ['name'], { limit: 20 }).map((e) => e.sys_id)
}

export function sendTestAlarmAction(current: GlideRecord, action: GlideAction): void {
    const endpoints = endpointsOf(current)
    const results: TestAlarmResult[] = endpoints.length
        ? endpoints.map((id) => sendTestAlarm(id))
        : [{ ok: false, message: 'This push connector instance has no AWS endpoint with a key yet. Click "Generate API key & AWS endpoint" first.' }]
    for (const result of results) {
        if (result.ok && result.verdict.accepted) gs.addInfoMessage(result.message)
        else gs.addErrorMessage(result.message)
    }
    action.setRedirectURL(current)
}
