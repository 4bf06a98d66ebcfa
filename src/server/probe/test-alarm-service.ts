// "Send test alarm" on the AWS endpoint form: the same probe as at generation, at any time. The real key's token is
// not kept anywhere, so the probe proves the SNS path with a throw-away key of the same user and auth scope, and
// the real key is checked through its record (active, not expired, owned by the integration user).
import { query } from '../core/encoded-query.ts'
import { GlideDateTime } from '@servicenow/glide'
import { requireAppAdmin } from '../core/access.ts'
import { TABLE } from '../core/app-names.ts'
import { recordAudit } from '../core/audit.ts'
import { readAppConfig } from '../core/read-app-config.ts'
import { isTrue, readRow, updateRow } from '../core/records.ts'
import { instanceBase, useraccountScope } from '../keys/generate-service.ts'
import { readSetupFacts } from '../setup/read-setup-facts.ts'
import { evaluateSetup } from '../setup/setup-verdict.ts'
import { type ProbeVerdict, endpointFieldsAfterProbe } from './probe-rules.ts'
import { runProbe } from './probe-service.ts'

export type TestAlarmResult = { ok: true; verdict: ProbeVerdict; message: string } | { ok: false; message: string }

function refuse(endpointSysId: string, message: string): TestAlarmResult {
    recordAudit({ action: 'probe', outcome: 'failure', endpoint: endpointSysId, detail: message })
    return { ok: false, message }
}

export function sendTestAlarm(endpointSysId: string): TestAlarmResult {
    try {
        requireAppAdmin('send a test alarm')
    } catch (e) {
        recordAudit({ action: 'probe', outcome: 'denied', detail: (e as Error).message })
        return { ok: false, message: (e as Error).message }
    }
    try {
        const endpoint = readRow(TABLE.endpoint, query`sys_id=${endpointSysId}`, ['name', 'status', 'source', 'connector_sys_id', 'api_key_sys_id', 'topic_arn', 'integration_user'])
        if (!endpoint) return refuse('', 'The AWS endpoint record no longer exists.')
        const now = new GlideDateTime().getValue()
        const key = endpoint.api_key_sys_id ? readRow('api_key', query`sys_id=${endpoint.api_key_sys_id}`, ['active', 'expires', 'user']) : null
        if (!key || !isTrue(key.active) || (key.expires && key.expires <= now)) {
            return refuse(endpointSysId, `Endpoint "${endpoint.name}" has no active, unexpired key, so SNS deliveries get HTTP 401. Click "Generate API key & AWS endpoint" or "Rotate API key" first.`)
        }
        const config = readAppConfig()
        const user = readRow('sys_user', query`sys_id=${key.user}`, ['user_name'])
        if (!user || user.user_name !== config.integrationUserName) {
            return refuse(endpointSysId, `The key of "${endpoint.name}" belongs to ${user ? user.user_name : 'a deleted user'}, not to the integration user ${config.integrationUserName}. Click "Rotate API key".`)
        }
        const verdict = runProbe({
            target: { baseUrl: instanceBase(config), source: endpoint.source, connectorSysId: endpoint.connector_sys_id },
            topicArn: endpoint.topic_arn,
            integrationUser: { sysId: user.sys_id, userName: user.user_name },
            authScopeSysId: useraccountScope(),
            realToken: '',
            likelyCauses: () => evaluateSetup(readSetupFacts(config)).filter((r) => r.status === 'fail').map((r) => `${r.title}: ${r.fix}`),
        })
        updateRow(TABLE.endpoint, endpointSysId, endpointFieldsAfterProbe(verdict, now))
        const message = verdict.accepted ? `Test alarm accepted. ${verdict.summary}` : `Test alarm NOT accepted: ${verdict.summary} ${verdict.advice}`
        recordAudit({ action: 'probe', outcome: verdict.accepted ? 'success' : 'failure', endpoint: endpointSysId, apiKeySysId: endpoint.api_key_sys_id, detail: `${message} Steps: ${verdict.steps.join('; ')}` })
        return { ok: true, verdict, message }
    } catch (e) {
        return refuse(endpointSysId, `The test alarm could not be sent: ${(e as Error).message}`)
    }
}
