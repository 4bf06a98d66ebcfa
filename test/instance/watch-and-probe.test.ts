// The generation-time probe and the daily expiry and health watch, against the instance double.
import { TABLE } from '../../src/server/core/app-names'
import { generateEndpointKey } from '../../src/server/keys/generate-service'
import { runExpiryWatchJob } from '../../src/server/actions/expiry-watch-job'
import { EXPIRY_EVENT, runExpiryWatch } from '../../src/server/watch/expiry-watch'
import { sendTestAlarm } from '../../src/server/probe/test-alarm-service'
import { CANARY, changedTables, emInboundStatus, instanceWithApp, repairLikeAnAdmin } from '../support/app-on-instance'
import { TEST_ALARM_TRIGGER } from '../support/expected-test-alarm'
import { watchCost } from '../support/watch-cost'
import { EM_INBOUND_PATH, type Instance, jsonResponse } from '../support/instance'

const CONNECTOR_TABLE = 'sn_em_connector_push_instance'

/**
 * An endpoint with a proven key. `learnedSource: false` stands for an endpoint whose em_event source is not known
 * yet (issued before the probe learned sources): the learned value and the test event are removed.
 */
function generated(repair = true, learnedSource = true): { instance: Instance; endpointSysId: string } {
    const instance = instanceWithApp()
    if (repair) repairLikeAnAdmin(instance)
    const connector = instance.row(CONNECTOR_TABLE, 'active=true')?.sys_id ?? ''
    const result = generateEndpointKey({ table: CONNECTOR_TABLE, sysId: connector, mode: 'generate' })
    if (!result.ok) throw new Error(result.message)
    const endpointSysId = instance.row(TABLE.endpoint, `connector_sys_id=${connector}`)?.sys_id ?? ''
    if (!learnedSource) {
        instance.updateRows(TABLE.endpoint, `sys_id=${endpointSysId}`, { learned_event_source: '' })
        instance.deleteRows('em_event', '')
    }
    return { instance, endpointSysId }
}

const statusOf = (instance: Instance, sysId: string) => instance.row(TABLE.endpoint, `sys_id=${sysId}`)?.status

describe('probe at generation', () => {
    it('records an accepted probe on the endpoint and in the audit, and learns the event source from the test alarm', () => {
        const { instance, endpointSysId } = generated()
        const endpoint = instance.row(TABLE.endpoint, `sys_id=${endpointSysId}`)
        expect([endpoint?.status, endpoint?.last_verified, endpoint?.last_probe_at, endpoint?.learned_event_source, endpoint?.last_probe_result]).toEqual([
            'active',
            instance.clock.now(),
            instance.clock.now(),
            'aws',
            `accepted: SNS's request is accepted with this key's user and scope, a wrong key gets 401, and the connector turned the test alarm into an event (source "aws").`,
        ])
        expect(instance.row(TABLE.audit, 'action=generate')?.detail).toMatch(/Probe: accepted.*negative control, wrong key: HTTP 401/)
        // Only the SNS request (throw-away key) reaches the resource; the wrong key is stopped at 401; the real key is never sent.
        expect(instance.emInbound.map((r) => [r.method, r.messageType])).toEqual([['POST', 'Notification']])
        const events = instance.rows('em_event')
        expect(events).toHaveLength(1)
        for (const e of events) {
            const { AlarmName, AlarmArn, ...alarm } = JSON.parse(JSON.parse(e.additional_info).Message)
            expect(AlarmName).toMatch(/^ServiceNow AWS SNS Event API Keys TEST query [A-Za-z0-9]{12}$/)
            expect(AlarmArn).toBe(`arn:aws:cloudwatch:us-east-1:000000000000:alarm:${AlarmName}`)
            expect(alarm).toEqual({
                AlarmDescription: 'TEST sent by the AWS SNS Event API Keys app to prove this endpoint accepts alarms. Not a real alarm; safe to ignore.',
                AWSAccountId: '000000000000',
                AlarmConfigurationUpdatedTimestamp: '2026-06-01T09:00:00.000+0000',
                NewStateValue: 'OK',
                NewStateReason: 'TEST: no metric was evaluated.',
                StateChangeTime: '2026-06-01T09:00:00.000+0000',
                Region: 'us-east-1',
                OldStateValue: 'INSUFFICIENT_DATA',
                OKActions: ['arn:aws:sns:us-east-1:000000000000:servicenow-api-key-probe'],
                AlarmActions: [],
                InsufficientDataActions: [],
                Trigger: TEST_ALARM_TRIGGER,
            })
        }
        // The throw-away key went in a URL, so it is gone: only the real key is left, and the throw-away key's value
        // is in no stored field, log or message, only in the one outbound URL of the SNS-shaped request.
        expect(instance.rows('api_key')).toHaveLength(1)
        const probeTokens = instance.tokens.issued.filter((t) => t !== CANARY)
        expect(probeTokens).toHaveLength(1)
        expect(instance.tokens.keyFor(probeTokens[0])).toBeDefined()
        expect(instance.findSecret(probeTokens[0]).map((h) => h.place)).toEqual(['outbound URL'])
        expect(emInboundStatus(instance, probeTokens[0], instance.row(CONNECTOR_TABLE, 'active=true')?.sys_id ?? '')).toBe(401)
        expect(instance.findSecret(CANARY)).toEqual([])
    })

    it('classifies a 401 before Repair set up the access policy and names the failing setup links', () => {
        const instance = instanceWithApp()
        // The admin made the integration user by hand (Generate never creates it); the access chain is not set up yet.
        instance.createUser('aws.sns.integration', { roles: ['evt_mgmt_integration'], fields: { web_service_access_only: 'true' } })
        const connector = instance.row(CONNECTOR_TABLE, 'active=true')?.sys_id ?? ''
        const result = generateEndpointKey({ table: CONNECTOR_TABLE, sysId: connector, mode: 'generate' })
        if (!result.ok) throw new Error(result.message)
        expect(result.probe?.outcome).toBe('unauthenticated')
        expect(result.probe?.advice).toMatch(/REST API access policy for sn_em_connector\/em/)
        expect(result.probe?.advice).toMatch(/SNS drops this answer for good/)
        const endpoint = instance.row(TABLE.endpoint, `connector_sys_id=${connector}`)
        expect(endpoint?.status).toBe('failing')
        expect(endpoint?.last_probe_result).toMatch(/^unauthenticated/)
        expect(instance.findSecret(CANARY)).toEqual([])
    })

    it.each([
        [403, 'forbidden'],
        [404, 'not_found'],
        [500, 'server_error'],
    ])('classifies HTTP %i as %s (key made by the insert path)', (status, outcome) => {
        const instance = instanceWithApp({ platform: { tokenDecrypt: 'allowed' } })
        repairLikeAnAdmin(instance)
        instance.resources.set(EM_INBOUND_PATH, () => jsonResponse(status, { error: { message: 'stub' } }))
        const connector = instance.row(CONNECTOR_TABLE, 'active=true')?.sys_id ?? ''
        const result = generateEndpointKey({ table: CONNECTOR_TABLE, sysId: connector, mode: 'generate' })
        if (!result.ok) throw new Error(result.message)
        expect(result.probe?.outcome).toBe(outcome)
        expect(instance.row(TABLE.endpoint, `connector_sys_id=${connector}`)?.status).toBe('failing')
    })

    it('refuses a token-API key that gets 403 although the integration user holds evt_mgmt_integration (bound elsewhere)', () => {
        const instance = instanceWithApp({ platform: { keyBinding: 'creator' } })
        repairLikeAnAdmin(instance)
        const connector = instance.row(CONNECTOR_TABLE, 'active=true')?.sys_id ?? ''
        // em.app.admin lacks evt_mgmt_integration: a key still bound to that admin gets 403 from the EM API.
        const result = generateEndpointKey({ table: CONNECTOR_TABLE, sysId: connector, mode: 'generate' })
        expect(result).toEqual({ ok: false, message: expect.stringMatching(/does not authenticate as the integration user aws.sns.integration.*the key was taken back \(deleted, or deactivated where the instance refuses the delete\) and nothing was handed over/) })
        expect(instance.rows('api_key')).toEqual([])
        expect(instance.findSecret(CANARY)).toEqual([])
    })

    it('reads a timeout of the call to itself as "cannot call itself" (E65): the key is kept, not proven, not blamed', () => {
        const instance = instanceWithApp()
        repairLikeAnAdmin(instance)
        instance.network.fail = 'timeout'
        const connector = instance.row(CONNECTOR_TABLE, 'active=true')?.sys_id ?? ''
        const result = generateEndpointKey({ table: CONNECTOR_TABLE, sysId: connector, mode: 'generate' })
        if (!result.ok) throw new Error(result.message)
        expect(result.probe).toEqual({
            outcome: 'self_call_blocked',
            accepted: false,
            keyProblem: false,
            summary:
                'The instance could not call its own EM endpoint at dev00000.service-now.com (no answer: java.net.SocketTimeoutException: Read timed out). IP access control, a proxy, single sign-on or a custom domain stops the call before authentication, so this says nothing about the key.',
            advice: 'The key was kept but is not proven. Before you subscribe SNS, save the endpoint in a file and run npx sn-aws-verify verify --endpoint-file <file> from a machine that reaches the instance (it sends the same SNS request). Or let the instance call dev00000.service-now.com and click "Send test alarm".',
            eventSource: '',
            steps: [
                'probe sent to dev00000.service-now.com only',
                'SNS request, throw-away key in the query parameter: no answer (java.net.SocketTimeoutException: Read timed out)',
                'negative control, wrong key: no answer (java.net.SocketTimeoutException: Read timed out)',
                'real key: not sent; its record matches the throw-away key (user, auth scope, way of making, active)',
                'event: none found',
            ],
        })
        expect(instance.rows('api_key', 'active=true')).toHaveLength(1)
        expect(instance.findSecret(CANARY)).toEqual([])
    })

    it('does not take a 200 that left no event as proven: "accepted, but no event seen" (E53)', () => {
        const instance = instanceWithApp()
        repairLikeAnAdmin(instance)
        instance.resources.set(EM_INBOUND_PATH, () => jsonResponse(200, { result: { 'AWS Events Push Connector': '{"status":"success"}' } }))
        const connector = instance.row(CONNECTOR_TABLE, 'active=true')?.sys_id ?? ''
        const result = generateEndpointKey({ table: CONNECTOR_TABLE, sysId: connector, mode: 'generate' })
        if (!result.ok) throw new Error(result.message)
        const { advice, ...verdict } = result.probe ?? { advice: '' }
        expect(verdict).toEqual({
            outcome: 'accepted_no_event',
            accepted: false,
            keyProblem: false,
            summary: "HTTP 200 and the connector reported no error, but no event with the test alarm's name exists right after the answer (E53: the connector creates it before answering).",
            eventSource: '',
            steps: [
                'probe sent to dev00000.service-now.com only',
                'SNS request, throw-away key in the query parameter: HTTP 200',
                'negative control, wrong key: HTTP 401',
                'real key: not sent; its record matches the throw-away key (user, auth scope, way of making, active)',
                'event: none found',
            ],
        })
        // The test alarm's name carries a random query id.
        expect(advice).toMatch(/^Not proven yet\. Open Event Management > All Events and search the description for "ServiceNow AWS SNS Event API Keys TEST query [A-Za-z0-9]{12}"\./)
        const endpoint = instance.row(TABLE.endpoint, `connector_sys_id=${connector}`)
        expect([endpoint?.status, endpoint?.last_verified ?? '']).toEqual(['failing', ''])
        expect(instance.findSecret(CANARY)).toEqual([])
    })
})

describe('expiry and health watch', () => {
    function watch(instance: Instance) {
        instance.setSessionUser('admin') // scheduled jobs run as the system user, which holds admin
        return runExpiryWatch()
    }

    it('moves a key inside the warning window to expiring and notifies the app admins once', () => {
        const { instance, endpointSysId } = generated()
        instance.insertRow('em_event', { source: 'AWS', description: 'alarm' })
        instance.clock.advanceDays(77)
        instance.insertRow('em_event', { source: 'AWS', description: 'alarm' })
        expect(watch(instance)).toEqual({ checked: 1, changed: 1, notified: 1, retired: 0, failed: 0, retireFailed: false })
        expect(statusOf(instance, endpointSysId)).toBe('expiring')
        const admins = ['em.app.admin', 'em.platform.admin'].map((u) => instance.row('sys_user', `user_name=${u}`)?.sys_id).join(',')
        expect(instance.events).toEqual([{ name: EXPIRY_EVENT, table: TABLE.endpoint, sys_id: endpointSysId, parm1: admins, parm2: 'expiring', queue: '' }])
        expect(watch(instance)).toEqual({ checked: 1, changed: 0, notified: 0, retired: 0, failed: 0, retireFailed: false })
        expect(instance.events).toHaveLength(1)
    })

    it('moves an expired key to expired and notifies', () => {
        const { instance, endpointSysId } = generated()
        instance.clock.advanceDays(91)
        watch(instance)
        expect(statusOf(instance, endpointSysId)).toBe('expired')
        expect(instance.events.map((e) => e.parm2)).toEqual(['expired'])
        expect(instance.row(TABLE.audit, 'action=expiry')?.detail).toMatch(/active -> expired/)
    })

    it('handles a key record deleted by the platform cleanup job', () => {
        const { instance, endpointSysId } = generated()
        instance.clock.advanceDays(100)
        instance.deleteRows('api_key', '')
        expect(() => watch(instance)).not.toThrow()
        expect(statusOf(instance, endpointSysId)).toBe('expired')
    })

    it('keeps "no data" unknown until an event is seen, learns its source, then marks no data, notifies and recovers', () => {
        const { instance, endpointSysId } = generated(true, false)
        expect(instance.row(TABLE.endpoint, `sys_id=${endpointSysId}`)?.learned_event_source || '').toBe('')
        instance.clock.advanceHours(25)
        watch(instance)
        // No event from this endpoint was ever seen: its em_event source is not known yet (E37).
        expect(statusOf(instance, endpointSysId)).toBe('active')
        expect(instance.events).toEqual([])
        // The connector wrote the listener's event_source_label, not the URL source (E37).
        instance.insertRow('em_event', { source: 'AWS CloudWatch', description: 'alarm' })
        watch(instance)
        expect(instance.row(TABLE.endpoint, `sys_id=${endpointSysId}`)?.learned_event_source).toBe('AWS CloudWatch')
        instance.clock.advanceHours(25)
        watch(instance)
        expect(statusOf(instance, endpointSysId)).toBe('no_data')
        expect(instance.events.map((e) => e.parm2)).toEqual(['no_data'])
        instance.insertRow('em_event', { source: 'AWS CloudWatch', description: 'alarm' })
        watch(instance)
        expect(statusOf(instance, endpointSysId)).toBe('active')
    })

    it('reads only the window and the endpoints\' sources of em_event, in one aggregate', () => {
        const { instance } = generated(true, false)
        for (let i = 0; i < 50; i++) instance.insertRow('em_event', { source: 'other-source', description: 'noise' })
        instance.resetStats()
        watch(instance)
        expect(instance.stats.table('em_event').aggregates).toBe(1)
        // Not learned yet: the URL source and the definition's event_source_label (E37).
        expect(instance.aggregateQueries.map((q) => q.query)).toEqual(['sys_created_on>=2026-05-31 09:00:00^sourceINaws,AWS CloudWatch'])
        expect(instance.aggregateQueries[0].rowsMatched).toBe(0)
    })

    it('watches only the learned source once the probe saw the test alarm\'s event', () => {
        const { instance } = generated()
        watch(instance)
        expect(instance.aggregateQueries.map((q) => q.query)).toEqual(['sys_created_on>=2026-05-31 09:00:00^sourceINaws'])
    })

    it('leaves a revoked endpoint alone and never puts a token in an event or record', () => {
        const { instance, endpointSysId } = generated()
        instance.updateRows(TABLE.endpoint, `sys_id=${endpointSysId}`, { status: 'revoked' })
        instance.clock.advanceDays(200)
        expect(watch(instance)).toEqual({ checked: 0, changed: 0, notified: 0, retired: 0, failed: 0, retireFailed: false })
        expect(instance.findSecret(CANARY)).toEqual([])
    })

    it('refuses to run for a user without the app role', () => {
        const { instance } = generated()
        instance.setSessionUser('plain.user')
        expect(() => runExpiryWatch()).toThrow(/x_em_aws_apikey.admin/)
    })
})

describe('daily watch job entry point', () => {
    it('logs a one-line summary and records no failure when the watch runs', () => {
        const { instance, endpointSysId } = generated()
        instance.setSessionUser('admin')
        instance.clock.advanceDays(200)
        runExpiryWatchJob()
        expect(statusOf(instance, endpointSysId)).toBe('expired')
        expect(instance.logs.filter((l) => l.level === 'info').map((l) => l.message)).toContainEqual(
            'AWS SNS Event API Keys watch: 1 endpoints checked, 1 changed, 1 notified, 0 rotated keys retired, 0 failed.',
        )
        expect(instance.rows(TABLE.audit, 'action=expiry^outcome=failure')).toHaveLength(0)
    })

    it('does not throw when the run-as session lacks the app role: logs the error and records one failure audit row', () => {
        const { instance, endpointSysId } = generated()
        instance.setSessionUser('plain.user')
        instance.clock.advanceDays(200)
        const before = instance.snapshot()
        expect(() => runExpiryWatchJob()).not.toThrow()
        expect(changedTables(instance.diff(before))).toEqual([`${TABLE.audit}:+1 ~0 -0`])
        expect(statusOf(instance, endpointSysId)).toBe('active')
        const failure = instance.row(TABLE.audit, 'action=expiry^outcome=failure')
        expect(failure?.detail).toMatch(/^AWS SNS Event API Keys watch failed: Only users with the x_em_aws_apikey.admin role/)
        expect(instance.logs.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([failure?.detail])
        expect(instance.findSecret(CANARY)).toEqual([])
    })

    it('still does not throw when the failure cannot be written to the audit trail, and logs both errors', () => {
        const { instance } = generated()
        instance.setSessionUser('plain.user')
        instance.failNthInsert(TABLE.audit, 1, 'audit table unavailable')
        expect(() => runExpiryWatchJob()).not.toThrow()
        const errors = instance.logs.filter((l) => l.level === 'error').map((l) => l.message)
        expect(errors).toHaveLength(2)
        expect(errors[0]).toMatch(/^AWS SNS Event API Keys watch failed: /)
        expect(errors[1]).toMatch(/could not record its failure in the audit trail: .*audit table unavailable/)
        expect(instance.rows(TABLE.audit, 'action=expiry^outcome=failure')).toHaveLength(0)
    })
})

describe('Send test alarm', () => {
    it('runs the same probe at any time without the token, and records the verdict', () => {
        const { instance, endpointSysId } = generated()
        const before = instance.rows('api_key').map((k) => k.sys_id)
        instance.clock.advanceHours(2)
        const result = sendTestAlarm(endpointSysId)
        if (!result.ok) throw new Error(result.message)
        expect(result.verdict).toEqual({
            outcome: 'accepted',
            accepted: true,
            keyProblem: false,
            summary: `SNS's request is accepted with this key's user and scope, a wrong key gets 401, and the connector turned the test alarm into an event (source "aws").`,
            advice: '',
            eventSource: 'aws',
            steps: [
                'probe sent to dev00000.service-now.com only',
                'SNS request, throw-away key in the query parameter: HTTP 200',
                'negative control, wrong key: HTTP 401',
                'real key: not sent; its record matches the throw-away key (user, auth scope, way of making, active)',
                'event created: source "aws", by aws.sns.integration',
                'identity: the event names the integration user aws.sns.integration',
            ],
        })
        // No real key in the header this time: the real key is checked through its record.
        expect(result.verdict.steps).toContain('real key: not sent; its record matches the throw-away key (user, auth scope, way of making, active)')
        const row = instance.row(TABLE.endpoint, `sys_id=${endpointSysId}`)
        expect([row?.status, row?.last_probe_at, row?.last_verified, row?.last_probe_result]).toEqual(['active', instance.clock.now(), instance.clock.now(), `accepted: ${result.verdict.summary}`])
        expect(instance.rows('api_key').map((k) => k.sys_id)).toEqual(before)
        expect(instance.row(TABLE.audit, 'action=probe^outcome=success')?.detail).toMatch(/^Test alarm accepted/)
        expect(instance.findSecret(CANARY)).toEqual([])
        // Both throw-away keys (generation and this test) are only ever in the URL of their one request.
        const probeTokens = instance.tokens.issued.filter((t) => t !== CANARY)
        expect(probeTokens).toHaveLength(2)
        for (const token of probeTokens) expect(instance.findSecret(token).map((h) => h.place)).toEqual(['outbound URL'])
    })

    it('turns a failing endpoint active once the cause is fixed, and keeps it failing before', () => {
        const { instance, endpointSysId } = generated()
        const policy = instance.row('sys_api_access_policy', 'name=AWS SNS Event API Keys - Event Management inbound API')
        instance.updateRows('sys_api_access_policy', `sys_id=${policy?.sys_id}`, { active: 'false' })
        const refused = sendTestAlarm(endpointSysId)
        if (!refused.ok) throw new Error(refused.message)
        expect([refused.verdict.outcome, refused.verdict.accepted, refused.verdict.keyProblem, refused.message]).toEqual([
            'unauthenticated',
            false,
            true,
            `Test alarm NOT accepted: ${refused.verdict.summary} ${refused.verdict.advice}`,
        ])
        expect(refused.verdict.summary).toBe('HTTP 401 "User is not authenticated": the EM inbound API rejected the key.')
        expect(refused.verdict.advice).toBe(
            'Run the setup check and Repair (is an API-key policy for sn_em_connector/em active and mapped to an x-sn-apikey query-parameter profile?). Failing setup links: REST API access policy for sn_em_connector/em: The policy is ready but inactive. Activating it restricts this API to the mapped profiles: run "Repair and apply API restrictions". SNS drops this answer for good: alarms would be lost. Do not subscribe SNS yet.',
        )
        expect(statusOf(instance, endpointSysId)).toBe('failing')
        instance.setSessionUser('admin')
        runExpiryWatch()
        expect(statusOf(instance, endpointSysId)).toBe('failing')
        instance.setSessionUser('em.app.admin')
        instance.updateRows('sys_api_access_policy', `sys_id=${policy?.sys_id}`, { active: 'true' })
        const accepted = sendTestAlarm(endpointSysId)
        expect([accepted.ok, accepted.ok && accepted.verdict.outcome, accepted.ok && accepted.verdict.accepted]).toEqual([true, 'accepted', true])
        expect(statusOf(instance, endpointSysId)).toBe('active')
    })

    it('a refused delete of the throw-away key is reported in the verdict, and the key is left inactive, never active', () => {
        const { instance, endpointSysId } = generated()
        const keysBefore = instance.rows('api_key').map((k) => k.sys_id)
        instance.tokenAccess = { client: 'works', decrypt: 'allowed' } // the probe key is made and read; only its delete is refused
        instance.failNthDelete('api_key', 1)
        const result = sendTestAlarm(endpointSysId)
        if (!result.ok) throw new Error(result.message)
        const leftOver = instance.rows('api_key').filter((k) => keysBefore.indexOf(k.sys_id) < 0)
        expect(leftOver.map((k) => k.active)).toEqual(['false'])
        expect(result.verdict.steps).toContain(
            `cleanup: the throw-away key ${leftOver[0].sys_id} could not be deleted; it is inactive: delete it from the api_key list`,
        )
        expect(instance.findSecret(CANARY)).toEqual([])
    })

    it('a failed probe records when it ran but keeps last_verified at the last accepted probe', () => {
        const { instance, endpointSysId } = generated()
        const verifiedAt = instance.clock.now()
        expect(instance.row(TABLE.endpoint, `sys_id=${endpointSysId}`)?.last_verified).toBe(verifiedAt)
        instance.clock.advanceHours(3)
        const policy = instance.row('sys_api_access_policy', 'name=AWS SNS Event API Keys - Event Management inbound API')
        instance.updateRows('sys_api_access_policy', `sys_id=${policy?.sys_id}`, { active: 'false' })
        const refused = sendTestAlarm(endpointSysId)
        expect([refused.ok, refused.ok && refused.verdict.outcome, refused.ok && refused.verdict.accepted]).toEqual([true, 'unauthenticated', false])
        const row = instance.row(TABLE.endpoint, `sys_id=${endpointSysId}`)
        expect([row?.status, row?.last_probe_at, row?.last_verified]).toEqual(['failing', instance.clock.now(), verifiedAt])
        expect(instance.clock.now()).not.toBe(verifiedAt)
    })

    it('the daily watch re-checks failing endpoints: an event after the failed probe turns one active, an expired key another expired', () => {
        const failing = (): { instance: Instance; endpointSysId: string } => {
            const g = generated()
            const policy = g.instance.row('sys_api_access_policy', 'name=AWS SNS Event API Keys - Event Management inbound API')
            g.instance.updateRows('sys_api_access_policy', `sys_id=${policy?.sys_id}`, { active: 'false' })
            const refused = sendTestAlarm(g.endpointSysId)
            expect([refused.ok, refused.ok && refused.verdict.outcome, refused.ok && refused.verdict.accepted]).toEqual([true, 'unauthenticated', false])
            expect(statusOf(g.instance, g.endpointSysId)).toBe('failing')
            g.instance.updateRows('sys_api_access_policy', `sys_id=${policy?.sys_id}`, { active: 'true' })
            return g
        }
        const recovered = failing()
        recovered.instance.clock.advanceHours(1)
        const source = recovered.instance.row(TABLE.endpoint, `sys_id=${recovered.endpointSysId}`)?.learned_event_source ?? ''
        expect(source).not.toBe('')
        recovered.instance.insertRow('em_event', { source, description: 'a real alarm, after the fix' })
        recovered.instance.setSessionUser('admin')
        expect(runExpiryWatch()).toEqual({ checked: 1, changed: 1, notified: 0, retired: 0, failed: 0, retireFailed: false })
        expect(statusOf(recovered.instance, recovered.endpointSysId)).toBe('active')

        const expired = failing()
        expired.instance.clock.advanceDays(91)
        expired.instance.setSessionUser('admin')
        expect(runExpiryWatch()).toEqual({ checked: 1, changed: 1, notified: 1, retired: 0, failed: 0, retireFailed: false })
        expect(statusOf(expired.instance, expired.endpointSysId)).toBe('expired')
    })

    it('refuses an endpoint without an active key, and a caller without the app role, leaving only the audit row', () => {
        const { instance, endpointSysId } = generated()
        instance.updateRows('api_key', '', { active: 'false' })
        let before = instance.snapshot()
        expect(sendTestAlarm(endpointSysId)).toEqual({ ok: false, message: expect.stringMatching(/no active, unexpired key.*"Rotate API key"/) })
        expect(changedTables(instance.diff(before))).toEqual([`${TABLE.audit}:+1 ~0 -0`])
        instance.setSessionUser('plain.user')
        before = instance.snapshot()
        expect(sendTestAlarm(endpointSysId)).toEqual({ ok: false, message: expect.stringMatching(/x_em_aws_apikey.admin/) })
        expect(changedTables(instance.diff(before))).toEqual([`${TABLE.audit}:+1 ~0 -0`])
        // Only the generation's probe called out: the throw-away key's request and the negative control.
        expect(instance.outbound).toHaveLength(2)
    })
})

describe('the daily watch cannot silently stop', () => {
    it('runs from the scheduler without the app role on the session (non-interactive), but not interactively', () => {
        const { instance, endpointSysId } = generated()
        instance.setSessionUser('plain.user')
        instance.session.interactive = false
        instance.clock.advanceDays(200)
        runExpiryWatchJob()
        expect(statusOf(instance, endpointSysId)).toBe('expired')
        expect(instance.rows(TABLE.audit, 'action=expiry^outcome=failure')).toHaveLength(0)
    })

    it('marks the issued key expired with its endpoint', () => {
        const { instance } = generated()
        instance.clock.advanceDays(91)
        instance.setSessionUser('admin')
        runExpiryWatch()
        expect(instance.rows(TABLE.issuedKey).map((k) => k.state)).toEqual(['expired'])
    })

    it('retires grace-expired keys even when checking the endpoints fails, and one failing endpoint does not stop the others', () => {
        const { instance, endpointSysId } = generated()
        // A second endpoint on its own connector, with an expired key.
        const other = instance.insertRow(TABLE.endpoint, { name: 'second', connector_sys_id: 'c'.repeat(32), source: 'aws', status: 'active', api_key_sys_id: 'd'.repeat(32), expires: '2020-01-01 00:00:00' })
        instance.insertRow(TABLE.issuedKey, { endpoint: endpointSysId, api_key_sys_id: 'e'.repeat(32), key_name: 'old', state: 'retiring', retire_at: '2026-01-01 00:00:00' })
        instance.clock.advanceDays(100)
        // The first endpoint update fails; the second endpoint is still judged.
        instance.failNthUpdate(TABLE.endpoint, 1)
        instance.setSessionUser('admin')
        const summary = runExpiryWatch()
        expect(summary).toEqual({ checked: 2, changed: 1, notified: 1, retired: 1, failed: 1, retireFailed: false })
        expect(statusOf(instance, other)).toBe('expired')
        expect(instance.rows(TABLE.audit, 'action=retire')).toHaveLength(1)
        const failure = instance.row(TABLE.audit, 'action=expiry^outcome=failure')
        expect(failure?.detail).toMatch(/endpoint "AWS CloudWatch via SNS \(aws\)" failed: Could not update x_em_aws_apikey_endpoint record .*was aborted/)
        expect(instance.logs.filter((l) => l.level === 'error')).toHaveLength(1)
    })
})

describe('watch cost', () => {
    it('issues the same queries and examines the same em_event rows whatever the size of em_event', () => {
        const small = watchCost(10, 500)
        const large = watchCost(10, 20000)
        expect(large.queries).toBe(small.queries)
        expect(large.eventRowsExamined).toBe(small.eventRowsExamined)
        expect(large.eventRowsExamined).toBe(50)
    })
})
