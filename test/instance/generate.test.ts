// Generate, rotate and revoke against the instance double: the reveal, both token strategies, the canary token on
// every path, bad input leaving nothing behind but its audit row, idempotency and the query budget.
import { PROPERTY, TABLE } from '../../src/server/core/app-names'
import { formatAwsEndpoint } from '../../src/server/endpoint/aws-endpoint'
import { type GenerateInput, type GenerateResult, generateEndpointKey } from '../../src/server/keys/generate-service'
import { retireGraceExpiredKeys, revokeEndpointKeys } from '../../src/server/keys/revoke-service'
import { CANARY, changedTables, emInboundStatus, instanceWithApp, repairLikeAnAdmin } from '../support/app-on-instance'
import { generateOperations } from '../support/query-budgets'
import { EM_INBOUND_PATH, type FreshInstanceOptions, type Instance, jsonResponse } from '../support/instance'

const CONNECTOR_TABLE = 'sn_em_connector_push_instance'

function readyInstance(options: FreshInstanceOptions = {}): { instance: Instance; connector: string } {
    const instance = instanceWithApp(options)
    if (options.emApp !== false) repairLikeAnAdmin(instance)
    const connector = options.emApp === false ? 'a'.repeat(32) : (instance.row(CONNECTOR_TABLE, 'active=true')?.sys_id as string)
    return { instance, connector }
}

const generate = (connector: string, extra: Partial<GenerateInput> = {}): GenerateResult =>
    generateEndpointKey({ table: CONNECTOR_TABLE, sysId: connector, mode: 'generate', ...extra })

/** The canary may exist only in the reveal object handed back to the admin: no record, log, message, event or URL. */
function expectNoLeak(instance: Instance, result: GenerateResult): void {
    expect(instance.findSecret(CANARY)).toEqual([])
    if (!result.ok) expect(result.message).not.toContain(CANARY)
}

describe('generate', () => {
    it('issues the key for the integration user and reveals the exact endpoint once', () => {
        const { instance, connector } = readyInstance()
        const result = generate(connector)
        if (!result.ok) throw new Error(result.message)
        expect(result.endpoint).toBe(formatAwsEndpoint({ instance: instance.baseUrl, source: 'aws', connectorSysId: connector, apiKey: CANARY }))
        expect(result.tokenShown).toBe(true)
        expect(result.strategy).toBe('token_auth_client')
        // No Topic ARN on the endpoint: no snippets, never an example ARN (reveal-topic-and-buttons.test.ts has the rest).
        const { probe: _probe, ...reveal } = result
        expect(reveal).toEqual({
            ok: true,
            endpoint: result.endpoint,
            tokenShown: true,
            subscribeCommand: '',
            cloudFormation: '',
            terraform: '',
            topicArn: '',
            topicArnMissing: true,
            topicArnHelp:
                'No Topic ARN is set on this AWS endpoint, so there is no ready-made aws sns subscribe line or CloudFormation snippet. Subscribe the endpoint above to your SNS topic (protocol HTTPS), or set Topic ARN on the AWS endpoint form before the next key for the ready-made snippets.',
            rules: [
                'AWS cannot change the endpoint of an existing subscription: a new key always needs a new subscription.',
                'Keep "Raw message delivery" OFF: the ServiceNow AWS push connector needs the SNS envelope and its headers.',
                'Wait until the subscription status goes from "Pending confirmation" to "Confirmed" before relying on it.',
                'Anyone who can read the subscription attributes in AWS can read this endpoint, key included: restrict sns:GetSubscriptionAttributes and sns:ListSubscriptions*.',
            ],
            runbook: [],
            placeholderHelp: '',
            keyRecordPath: `api_key.do?sys_id=${instance.rows('api_key')[0]?.sys_id}`,
            endpointRecordPath: `${TABLE.endpoint}.do?sys_id=${instance.row(TABLE.endpoint, `connector_sys_id=${connector}`)?.sys_id}`,
            keyName: 'AWS SNS - AWS CloudWatch via SNS - 2026-06-01',
            expires: '2026-08-30 09:00:00',
            strategy: 'token_auth_client',
        })
        expect(result.probe?.outcome).toBe('accepted')

        const user = instance.row('sys_user', 'user_name=aws.sns.integration')
        const keys = instance.rows('api_key')
        expect(keys).toHaveLength(1)
        const { name, description, active, expires, auth_scope, sys_created_by } = keys[0]
        expect({ name, description, active, user: keys[0].user, expires, auth_scope, sys_created_by }).toEqual({
            name: 'AWS SNS - AWS CloudWatch via SNS - 2026-06-01',
            description: `Issued by em.app.admin on 2026-06-01 09:00:00 UTC for push connector instance AWS CloudWatch via SNS (${connector}) by the AWS SNS Event API Keys app.`,
            active: 'true',
            user: user?.sys_id,
            expires: '2026-08-30 09:00:00',
            auth_scope: instance.row('sys_auth_scope', 'name=useraccount')?.sys_id,
            sys_created_by: 'em.app.admin',
        })
        expect(expires).toBe(result.expires)
        expect(keys[0].description).toContain('em.app.admin')
        expect(instance.rows('api_key', 'auth_scopeLIKE' + instance.row('sys_auth_scope', 'name=useraccount')?.sys_id)).toHaveLength(1)
        const endpoint = instance.row(TABLE.endpoint, `connector_sys_id=${connector}`)
        expect(Object.fromEntries(Object.entries(endpoint ?? {}).filter(([field]) => !field.startsWith('sys_')))).toEqual({
            api_key_sys_id: keys[0].sys_id,
            connector_name: 'AWS CloudWatch via SNS',
            connector_sys_id: connector,
            event_sources: 'aws\nAWS CloudWatch',
            expires: result.expires,
            integration_user: user?.sys_id,
            key_name: 'AWS SNS - AWS CloudWatch via SNS - 2026-06-01',
            last_probe_at: '2026-06-01 09:00:00',
            last_probe_result: `accepted: ${result.probe?.summary}`,
            last_verified: '2026-06-01 09:00:00',
            learned_event_source: 'aws',
            name: 'AWS CloudWatch via SNS (aws)',
            source: 'aws',
            status: 'active',
            token_strategy: 'token_auth_client',
            topic_arn: '',
        })
        expect(endpoint?.last_probe_result).toMatch(/^accepted/)
        expect(instance.rows(TABLE.issuedKey, `api_key_sys_id=${keys[0].sys_id}^state=active`)).toHaveLength(1)
        expect(instance.rows(TABLE.audit, 'action=generate^outcome=success')).toHaveLength(1)
        // The key works where SNS will use it, and it is in the reveal but nowhere else.
        expect(emInboundStatus(instance, CANARY, connector)).toBe(200)
        expect(JSON.stringify(result)).toContain(CANARY)
        expectNoLeak(instance, result)
        // The probe carried the key in a header, never in its URL.
        expect(instance.outbound.map((o) => o.url).join(' ')).not.toContain(CANARY)
    })

    it('works the same when the instance reads booleans as 1 and 0', () => {
        const { instance, connector } = readyInstance({ booleanValues: 'numeric' })
        const result = generate(connector)
        if (!result.ok) throw new Error(result.message)
        expect(result.probe?.outcome).toBe('accepted')
        expect(generate(connector)).toEqual({ ok: false, message: expect.stringMatching(/already has an active key/) })
        expect(instance.rows('api_key')).toHaveLength(1)
    })

    it('expires the key after the configured lifetime', () => {
        const { instance, connector } = readyInstance()
        instance.updateRows('sys_properties', `name=${PROPERTY.keyLifetimeDays}`, { value: '30' })
        const result = generate(connector)
        if (!result.ok) throw new Error(result.message)
        const now = instance.clock.now()
        expect(result.expires.slice(0, 10) > now.slice(0, 10)).toBe(true)
        const days = (Date.parse(`${result.expires.replace(' ', 'T')}Z`) - Date.parse(`${now.replace(' ', 'T')}Z`)) / 86400000
        expect(days).toBeCloseTo(30, 3)
    })

    it('prefers the record insert, which sets the user on insert, when both ways work', () => {
        const { instance, connector } = readyInstance()
        instance.tokenAccess = { client: 'works', decrypt: 'allowed' }
        const result = generate(connector)
        if (!result.ok) throw new Error(result.message)
        expect(result.strategy).toBe('record_insert')
        expect(result.endpoint).toContain(`x-sn-apikey=${CANARY}`)
        // The real key only: the probe's throw-away key is deleted.
        expect(instance.rows('api_key')).toHaveLength(1)
        const detail = instance.rows(TABLE.audit, 'action=generate')[0].detail
        expect(detail).toMatch(/record_insert: token read/)
        expect(detail).not.toMatch(/token_auth_client/)
        expectNoLeak(instance, result)
    })

    it('falls back to the token API when the decrypting read is refused, deleting the unreadable key', () => {
        const { instance, connector } = readyInstance()
        instance.tokenAccess = { client: 'works', decrypt: 'refused' }
        const result = generate(connector)
        if (!result.ok) throw new Error(result.message)
        expect(result.strategy).toBe('token_auth_client')
        expect(result.endpoint).toContain(`x-sn-apikey=${CANARY}`)
        expect(instance.rows('api_key')).toHaveLength(1)
        expect(instance.rows(TABLE.audit, 'action=generate')[0].detail).toMatch(/record_insert: key created, token not readable.*token_auth_client: token read/)
        expectNoLeak(instance, result)
    })

    it('shows a placeholder and the lock-icon instruction when no strategy can read the token, keeping one key', () => {
        const { instance, connector } = readyInstance()
        instance.tokenAccess = { client: 'no-token', decrypt: 'refused' }
        const result = generate(connector)
        if (!result.ok) throw new Error(result.message)
        expect(result.tokenShown).toBe(false)
        expect(result.endpoint).toContain('x-sn-apikey=PASTE-API-KEY-HERE')
        expect(result.placeholderHelp).toMatch(/lock icon/)
        expect(result.keyRecordPath).toBe(`api_key.do?sys_id=${instance.rows('api_key')[0].sys_id}`)
        expect(result.probe).toEqual({
            outcome: 'not_probed',
            accepted: false,
            keyProblem: false,
            summary: "Not probed: this instance does not let the app read the new key's token.",
            eventSource: '',
            steps: [],
            advice: 'Paste the key from the key record, then run sn-aws-verify verify from outside before subscribing SNS.',
        })
        expect(instance.rows('api_key')).toHaveLength(1)
        expect(JSON.stringify(result)).not.toContain(CANARY)
        expectNoLeak(instance, result)
    })

    it('deletes the key the token API created when it cannot be given to the integration user, keeping one key', () => {
        const { instance, connector } = readyInstance()
        instance.tokenAccess = { client: 'works', decrypt: 'refused' }
        instance.failNthUpdate('api_key', 1)
        const result = generate(connector)
        if (!result.ok) throw new Error(result.message)
        // Only the unreadable key of the insert path is left: the placeholder path.
        expect([result.strategy, result.tokenShown, result.probe?.outcome, result.endpoint, result.keyRecordPath]).toEqual([
            'record_insert',
            false,
            'not_probed',
            formatAwsEndpoint({ instance: instance.baseUrl, source: 'aws', connectorSysId: connector, apiKey: 'PASTE-API-KEY-HERE' }),
            `api_key.do?sys_id=${instance.rows('api_key')[0]?.sys_id}`,
        ])
        expect(instance.rows('api_key')).toHaveLength(1)
        expect(instance.row(TABLE.audit, 'action=generate')?.detail).toMatch(/token_auth_client: failed \(The key created by GlideTokenAuthClient could not be assigned/)
        expectNoLeak(instance, result)
    })

    it('reports a token-API key whose delete is refused, naming it, instead of passing silently', () => {
        const { instance, connector } = readyInstance()
        instance.tokenAccess = { client: 'works', decrypt: 'refused' }
        instance.failNthUpdate('api_key', 1)
        instance.failNthDelete('api_key', 1)
        const result = generate(connector)
        if (!result.ok) throw new Error(result.message)
        const detail = instance.row(TABLE.audit, 'action=generate')?.detail
        expect(detail).toMatch(
            /could not be assigned to the integration user \(Could not update api_key record ([0-9a-f]{32}): [^)]*\)\. api_key \1 could not be deleted \(Could not delete api_key record \1: [^)]*\): deactivate and delete it from the api_key list\./,
        )
        expectNoLeak(instance, result)
    })

    it('keeps the readable key and deactivates, naming it, the unreadable one whose delete the instance refuses (E55)', () => {
        const { instance, connector } = readyInstance({ platform: { apiKeyWrites: 'delete_refused' } })
        const result = generate(connector)
        if (!result.ok) throw new Error(result.message)
        expect([result.strategy, result.tokenShown, result.probe?.outcome, result.probe?.accepted]).toEqual(['token_auth_client', true, 'accepted', true])
        // The probe's throw-away key is refused its delete too: the verdict names it with the one manual step.
        const cleanup = result.probe?.steps.find((s) => s.startsWith('cleanup:')) ?? ''
        const probeKey = /^cleanup: the throw-away key ([0-9a-f]{32}) /.exec(cleanup)?.[1]
        expect(cleanup).toBe(
            `cleanup: the throw-away key ${probeKey} could not be deleted; it is inactive: delete it from the api_key list (Manual step: the instance refused to let this app delete the api_key record ${probeKey} (Delete operation against 'api_key' from scope 'x_em_aws_apikey' has been refused due to the table's cross-scope access policy). Delete it by hand: open api_key.do?sys_id=${probeKey}, then click Delete.)`,
        )
        expect(instance.row('api_key', `sys_id=${probeKey}`)?.active).toBe('false')
        const handed = result.keyRecordPath.replace('api_key.do?sys_id=', '')
        const keys = instance.rows('api_key', 'nameSTARTSWITHAWS SNS - AWS').map((k) => ({ handed: k.sys_id === handed, active: k.active }))
        expect(keys).toEqual([{ handed: false, active: 'false' }, { handed: true, active: 'true' }])
        const unreadable = instance.rows('api_key', 'nameSTARTSWITHAWS SNS - AWS^active=false')[0]?.sys_id
        expect(instance.row(TABLE.audit, 'action=generate')?.detail).toContain(
            `record_insert: the unreadable key ${unreadable} is inactive; its delete was refused: delete it from the api_key list`,
        )
        expectNoLeak(instance, result)
    })

    it('deactivates, and names, a key whose undo delete the instance refuses (E55), so no key is left that authenticates', () => {
        const { instance, connector } = readyInstance({ platform: { keyBinding: 'creator', apiKeyWrites: 'delete_refused' } })
        instance.setSessionUser('admin')
        const result = generate(connector)
        expect(result).toEqual({
            ok: false,
            message: expect.stringMatching(
                /nothing was handed over\..* Some changes could not be undone: api_key [0-9a-f]{32} could not be deleted \(the instance refused it\), so it was set to active=false: delete it from the api_key list$/,
            ),
        })
        const named = /api_key ([0-9a-f]{32}) could not be deleted/.exec(result.ok ? '' : result.message)?.[1]
        expect(instance.row('api_key', `sys_id=${named}`)?.active).toBe('false')
        expect(instance.rows('api_key', 'active=true')).toEqual([])
        expectNoLeak(instance, result)
    })

    it('refuses, and undoes, a key that authenticates as the admin who clicked instead of the integration user', () => {
        const { instance, connector } = readyInstance({ platform: { keyBinding: 'creator' } })
        instance.setSessionUser('admin')
        const before = instance.snapshot()
        const result = generate(connector)
        expect(result).toEqual({ ok: false, message: expect.stringMatching(/authenticated as admin, not as the integration user aws.sns.integration.*nothing was handed over/) })
        expect(instance.rows('api_key')).toEqual([])
        expect(changedTables(instance.diff(before)).filter((t) => !t.startsWith('em_event'))).toEqual([`${TABLE.audit}:+1 ~0 -0`])
        expectNoLeak(instance, result)
    })

    it('does not hand over as proven a token-API key clicked by the real admin when the event names system (identity unproven)', () => {
        // keyBinding=creator: the key authenticates as admin, who passes every role check; the connector writes the
        // event as system, so nothing in the probe shows whom the key authenticated as.
        const { instance, connector } = readyInstance({ platform: { keyBinding: 'creator', eventCreatedBy: 'system' } })
        instance.setSessionUser('admin')
        const result = generate(connector)
        if (!result.ok) throw new Error(result.message)
        const { summary, advice, ...verdict } = result.probe ?? { summary: '', advice: '' }
        expect(verdict).toEqual({
            outcome: 'identity_unproven',
            accepted: false,
            keyProblem: true,
            eventSource: 'aws',
            steps: [
            'probe sent to dev00000.service-now.com only',
            'SNS request, throw-away key in the query parameter: HTTP 200',
            'negative control, wrong key: HTTP 401',
            'real key: not sent; its record matches the throw-away key (user, auth scope, way of making, active)',
                'event created: source "aws", by system',
            ],
        })
        expect(summary).toMatch(/^The connector accepted the test alarm but created its event as system, not as the integration user aws\.sns\.integration/)
        expect(advice).toMatch(/^Do not use this key: click "Revoke API key"\./)
        expect(result.probe?.advice).toMatch(/Revoke API key/)
        expect(instance.row(TABLE.endpoint, `connector_sys_id=${connector}`)?.status).toBe('failing')
        expectNoLeak(instance, result)
    })

    it.each([
        ['the instance cannot call itself (no answer, E65)', { selfCall: 'no_answer' }, 'self_call_blocked'],
        ['the instance cannot call itself (IP access control page, E65)', { selfCall: 'denied' }, 'self_call_blocked'],
        ['the connector checks SNS signatures (E64)', { snsSignature: 'checked' }, 'signature_checked'],
        ['the event names system and the key came from the token API (E53, E25)', { eventCreatedBy: 'system' }, 'identity_unproven'],
        ['the same, clicked by the real admin with a creator-bound key', { eventCreatedBy: 'system', keyBinding: 'creator' }, 'identity_unproven'],
    ] as const)('hands nothing over as proven and leaks no token when %s', (_name, platform, outcome) => {
        const { instance, connector } = readyInstance({ platform })
        instance.setSessionUser('admin')
        const result = generate(connector)
        if (!result.ok) throw new Error(result.message)
        const { outcome: got, accepted, keyProblem, eventSource } = result.probe ?? {}
        expect({ outcome: got, accepted, keyProblem, eventSource }).toEqual({
            outcome,
            accepted: false,
            keyProblem: outcome === 'identity_unproven',
            eventSource: outcome === 'identity_unproven' ? 'aws' : '',
        })
        // The key is kept (nothing here says it is bad), the endpoint is not verified, and the token is only in the reveal.
        expect(instance.rows('api_key', 'active=true')).toHaveLength(1)
        expect(instance.row(TABLE.endpoint, `connector_sys_id=${connector}`)?.status).toBe('failing')
        expect(JSON.stringify(result.probe)).not.toContain(CANARY)
        expectNoLeak(instance, result)
    })

    it.each([
        ['a connector error inside the 200 (E42)', { 'AWS Events Push Connector': '{"status":"error","message":"Cannot parse Message"}' }, 'connector_error'],
        ['a 200 that leaves no event (E53)', { 'AWS Events Push Connector': '{"status":"success"}' }, 'accepted_no_event'],
    ] as const)('reads %s as not accepted, leaking no token', (_name, reply, outcome) => {
        const { instance, connector } = readyInstance()
        instance.resources.set(EM_INBOUND_PATH, () => jsonResponse(200, { result: reply }))
        const result = generate(connector)
        if (!result.ok) throw new Error(result.message)
        const { outcome: got, accepted, keyProblem, eventSource, steps } = result.probe ?? {}
        expect({ outcome: got, accepted, keyProblem, eventSource, lastStep: steps?.at(-1) }).toEqual({
            outcome,
            accepted: false,
            keyProblem: outcome === 'connector_error',
            eventSource: '',
            lastStep: 'event: none found',
        })
        expectNoLeak(instance, result)
    })

    it('gives the throw-away probe key minutes, not an hour, and reports it when its delete is refused', () => {
        // The insert path reads its token directly, so delete 1 is the throw-away key's.
        const { instance, connector } = readyInstance({ platform: { tokenDecrypt: 'allowed' } })
        instance.failNthDelete('api_key', 1, 'Delete refused by a business rule')
        const result = generate(connector)
        if (!result.ok) throw new Error(result.message)
        const left = instance.rows('api_key', 'active=false')
        expect(left).toHaveLength(1)
        expect(left[0].expires).toBe('2026-06-01 09:10:00')
        expect(result.probe?.steps.join(' ')).toMatch(new RegExp(`cleanup: the throw-away key ${left[0].sys_id} could not be deleted; it is inactive`))
        expectNoLeak(instance, result)
    })

    it('reports a refused delete during the undo as a failure', () => {
        const { instance, connector } = readyInstance()
        instance.tokenAccess = { client: 'works', decrypt: 'allowed' }
        instance.failNthInsert(TABLE.issuedKey, 1)
        instance.failNthDelete('api_key', 1)
        const result = generate(connector)
        expect(result).toEqual({ ok: false, message: expect.stringMatching(/Some changes could not be undone: api_key [0-9a-f]{32} could not be deleted/) })
        expect(instance.row(TABLE.audit, 'action=generate^outcome=failure')?.detail).toMatch(/Could not undo: api_key/)
        expectNoLeak(instance, result)
    })

    it('ignores a double click: the second click is refused and only one key exists', () => {
        const { instance, connector } = readyInstance()
        expect(generate(connector).ok).toBe(true)
        const before = instance.snapshot()
        const second = generate(connector)
        expect(second).toEqual({ ok: false, message: expect.stringMatching(/already has an active key. Use "Rotate API key"/) })
        expect(instance.rows('api_key', 'active=true')).toHaveLength(1)
        expect(changedTables(instance.diff(before))).toEqual([`${TABLE.audit}:+1 ~0 -0`])
    })
})

describe('rotate and revoke', () => {
    it('rotates with a grace period, then the job deactivates the old key', () => {
        const { instance, connector } = readyInstance()
        const first = generate(connector)
        instance.tokens.queue('now_SECONDtokenAFTERrotation0123456789')
        const endpoint = instance.row(TABLE.endpoint, `connector_sys_id=${connector}`) as { sys_id: string }
        const rotated = generateEndpointKey({ table: TABLE.endpoint, sysId: endpoint.sys_id, mode: 'rotate' })
        if (!first.ok || !rotated.ok) throw new Error('generate failed')
        expect(rotated.runbook.join(' ')).toMatch(/NEW SNS subscription.*Confirmed.*Delete the OLD/)
        expect(instance.rows('api_key', 'active=true')).toHaveLength(2)
        const old = instance.row(TABLE.issuedKey, 'state=retiring')
        expect(old).toBeDefined()
        expect(emInboundStatus(instance, CANARY, connector)).toBe(200)

        instance.clock.advanceDays(6)
        expect(retireGraceExpiredKeys()).toBe(0)
        instance.clock.advanceDays(2)
        expect(retireGraceExpiredKeys()).toBe(1)
        expect(emInboundStatus(instance, CANARY, connector)).toBe(401)
        expect(emInboundStatus(instance, 'now_SECONDtokenAFTERrotation0123456789', connector)).toBe(200)
        expect(instance.rows(TABLE.audit, 'action=retire^outcome=success')).toHaveLength(1)
        expectNoLeak(instance, rotated)
    })

    it('refuses to rotate an endpoint without an active key', () => {
        const { instance } = readyInstance()
        const endpoint = instance.insertRow(TABLE.endpoint, { name: 'x', connector_sys_id: instance.row(CONNECTOR_TABLE)?.sys_id ?? '', source: 'AWS', status: 'new' })
        const result = generateEndpointKey({ table: TABLE.endpoint, sysId: endpoint, mode: 'rotate' })
        expect(result).toEqual({ ok: false, message: expect.stringMatching(/no active key to rotate/) })
    })

    it('revokes at once: SNS calls with the key get 401', () => {
        const { instance, connector } = readyInstance()
        generate(connector)
        const endpoint = instance.row(TABLE.endpoint, `connector_sys_id=${connector}`) as { sys_id: string }
        const result = revokeEndpointKeys(endpoint.sys_id)
        expect(result.ok).toBe(true)
        expect(instance.rows('api_key', 'active=true')).toHaveLength(0)
        expect(instance.row(TABLE.endpoint, `sys_id=${endpoint.sys_id}`)?.status).toBe('revoked')
        expect(emInboundStatus(instance, CANARY, connector)).toBe(401)
        expect(instance.findSecret(CANARY)).toEqual([])
    })

    it('revokes a key the platform already deleted without failing', () => {
        const { instance, connector } = readyInstance()
        generate(connector)
        instance.deleteRows('api_key', '')
        const endpoint = instance.row(TABLE.endpoint, `connector_sys_id=${connector}`) as { sys_id: string }
        const result = revokeEndpointKeys(endpoint.sys_id)
        expect(result).toEqual({ ok: true, message: expect.stringMatching(/missing/) })
        expect(instance.row(TABLE.issuedKey, 'state=missing')).toBeDefined()
    })

    it('denies revoke to a user without the app role', () => {
        const { instance, connector } = readyInstance()
        generate(connector)
        instance.setSessionUser('em.auditor')
        const endpoint = instance.row(TABLE.endpoint, `connector_sys_id=${connector}`) as { sys_id: string }
        expect(revokeEndpointKeys(endpoint.sys_id)).toEqual({ ok: false, message: expect.stringMatching(/x_em_aws_apikey.admin/) })
        expect(instance.rows('api_key', 'active=true')).toHaveLength(1)
    })
})

describe('bad input: a clear message, nothing left behind but the audit row, and no token anywhere', () => {
    // Three elements per case: jest treats a callback with more parameters than the row has as taking `done`.
    type Case = [string, (i: Instance, connector: string) => Partial<GenerateInput> | void, RegExp]
    const cases: Case[] = [
        ['a connector that does not exist', () => ({ sysId: 'f'.repeat(32) }), /was not found/],
        ['an inactive connector', (i, c) => void i.updateRows(CONNECTOR_TABLE, `sys_id=${c}`, { active: 'false' }), /is inactive/],
        ['a connector of another kind', (i) => {
            const azure = i.insertRow('sn_em_connector_listener', { name: 'Azure Monitor', source: 'Azure', type: '1', active: 'true' })
            return { sysId: i.insertRow(CONNECTOR_TABLE, { name: 'Azure alerts', push_connector_definition: azure, active: 'true' }) }
        }, /uses the "Azure Monitor" definition \(source Azure\), not the AWS one/],
        ['a malformed sys_id', () => ({ sysId: 'abc' }), /sys_id: the record to generate a key for is missing/],
        ['a record of the wrong table', () => ({ table: 'incident' }), /not from incident/],
        ['the plugin inactive', (i) => void i.plugins.set('com.glide.tokenbased_auth', false), /com.glide.tokenbased_auth.*not active/],
        ['the EM app inactive', (i) => void i.updateRows('sys_scope', 'scope=sn_em_connector', { active: 'false' }), /Event Management Connectors.*not installed or not active/],
        ['the integration user with extra roles', (i) => void i.grantRole('aws.sns.integration', 'itil'), /has other roles \(itil\)/],
        ['the integration user inactive', (i) => void i.updateRows('sys_user', 'user_name=aws.sns.integration', { active: 'false' }), /inactive or locked out/],
        ['the integration user locked out', (i) => void i.updateRows('sys_user', 'user_name=aws.sns.integration', { locked_out: 'true' }), /inactive or locked out/],
        ['an expiry in the past', () => ({ expires: '2020-01-01 00:00:00' }), /^expires: 2020-01-01 00:00:00 is in the past/],
        ['an expiry beyond the lifetime', () => ({ expires: '2099-01-01 00:00:00' }), /beyond the allowed key lifetime/],
        ['a malformed expiry', () => ({ expires: '01/02/2027' }), /use the form YYYY-MM-DD HH:mm:ss/],
        ['a source with a control character', (i) => void i.updateRows('sys_properties', `name=${PROPERTY.sourceOverride}`, { value: 'AWS\u0007' }), /source/],
        ['a source longer than 100 characters', (i) => void i.updateRows('sys_properties', `name=${PROPERTY.sourceOverride}`, { value: 'A'.repeat(101) }), /source/],
        ['a non-https base URL override', (i) => void i.updateRows('sys_properties', `name=${PROPERTY.instanceBaseUrl}`, { value: 'http://dev00000.service-now.com' }), /https/],
        ['a base URL override with a path', (i) => void i.updateRows('sys_properties', `name=${PROPERTY.instanceBaseUrl}`, { value: 'https://dev00000.service-now.com/sn' }), /instance/],
        ['a base URL override on another host, not confirmed', (i) => void i.updateRows('sys_properties', `name=${PROPERTY.instanceBaseUrl}`, { value: 'https://alarms.example.com' }), /points AWS SNS at alarms\.example\.com.*instance_base_url_confirmed_host/],
        ['an invalid key lifetime property', (i) => void i.updateRows('sys_properties', `name=${PROPERTY.keyLifetimeDays}`, { value: 'ninety' }), /x_em_aws_apikey.key_lifetime_days must be a whole number/],
        ['an invalid topic ARN', () => ({ topicArn: 'arn:aws:sqs:us-east-1:123456789012:queue' }), /topic/i],
        ['no useraccount auth scope', (i) => {
            i.deleteRows('sys_auth_scope', 'name=useraccount')
            i.updateRows('sys_properties', 'name=glide.oauth.token.scope.useraccount', { value: '' })
        }, /useraccount auth scope was not found/],
        ['an endpoint record without a connector', (i) => ({ table: TABLE.endpoint, sysId: i.insertRow(TABLE.endpoint, { name: 'empty', source: 'AWS', status: 'new' }) }), /Push connector instance sys_id: set it/],
        ['an insert failing after the key was created', (i) => void i.failNthInsert(TABLE.issuedKey, 1), /Could not create a x_em_aws_apikey_issued_key record/],
        ['the endpoint update failing', (i) => void i.failNthUpdate(TABLE.endpoint, 1), /Could not update x_em_aws_apikey_endpoint/],
        ['the endpoint insert failing', (i) => void i.failNthInsert(TABLE.endpoint, 1), /Could not create a x_em_aws_apikey_endpoint record/],
        // Generate never grants roles or creates users (Repair's job): it names what Repair would do.
        ['the integration user without its role', (i) => {
            i.deleteRows('sys_user_has_role', `user=${i.row('sys_user', 'user_name=aws.sns.integration')?.sys_id}`)
        }, /^The integration user aws\.sns\.integration is not ready \(Grant evt_mgmt_integration to aws\.sns\.integration\.\)\. Run "Repair" from the setup check first: it creates the user and grants evt_mgmt_integration\.$/],
        ['the integration user missing', (i) => void i.deleteRows('sys_user', 'user_name=aws.sns.integration'),
            /^The integration user aws\.sns\.integration is not ready \(Create the web-service-only integration user aws\.sns\.integration\. Grant evt_mgmt_integration to aws\.sns\.integration\.\)\. Run "Repair" from the setup check first: it creates the user and grants evt_mgmt_integration\.$/],
    ]

    it.each(cases)('%s', (_name, arrange, message) => {
        const { instance, connector } = readyInstance()
        const extra = arrange(instance, connector) || {}
        const before = instance.snapshot()
        const result = generate(connector, extra)
        expect(result).toEqual({ ok: false, message: expect.stringMatching(message) })
        expect(changedTables(instance.diff(before))).toEqual([`${TABLE.audit}:+1 ~0 -0`])
        expect(instance.row(TABLE.audit, 'action=generate')?.outcome).toBe('failure')
        expectNoLeak(instance, result)
    })

    it('a caller without the app role is denied, and the refusal is audited', () => {
        const { instance, connector } = readyInstance()
        instance.setSessionUser('plain.user')
        const before = instance.snapshot()
        const result = generate(connector)
        expect(result).toEqual({ ok: false, message: expect.stringMatching(/Only users with the x_em_aws_apikey.admin role can generate/) })
        expect(changedTables(instance.diff(before))).toEqual([`${TABLE.audit}:+1 ~0 -0`])
        expect(instance.row(TABLE.audit, 'action=generate')?.outcome).toBe('denied')
        expectNoLeak(instance, result)
    })

    it('the EM app missing entirely', () => {
        const instance = instanceWithApp({ emApp: false })
        const before = instance.snapshot()
        const result = generate('a'.repeat(32))
        expect(result).toEqual({ ok: false, message: expect.stringMatching(/Event Management Connectors \(sn_em_connector\) is not installed/) })
        expect(changedTables(instance.diff(before))).toEqual([`${TABLE.audit}:+1 ~0 -0`])
    })
})

describe('query budget', () => {
    // About 15 for the key and its records, and about 20 for the probe (throw-away key made, used, deactivated,
    // deleted and checked; the event lookup); none of it grows with the number of keys or endpoints.
    // 42 since issue 15: Generate also looks for a key the admin made by hand after a refused insert (E55).
    it('uses the same number of GlideRecord operations with 10 or 10,000 existing keys and endpoints, at most 44', () => {
        const few = generateOperations(10)
        expect(generateOperations(10000)).toBe(few)
        expect(few).toBeLessThanOrEqual(44)
    })
})

describe('the source and the AWS connector come from the connector definition', () => {
    const listener = (instance: Instance) => instance.row('sn_em_connector_listener', 'name=AWS Events Push Connector')

    it('uses the definition\'s URL parameter value byte for byte', () => {
        const { instance, connector } = readyInstance({ platform: { stringMatch: 'case_sensitive' } })
        instance.updateRows('sn_em_connector_listener', `sys_id=${listener(instance)?.sys_id}`, { source: 'AWS' })
        const result = generate(connector)
        if (!result.ok) throw new Error(result.message)
        expect(result.endpoint).toContain('?source=AWS&')
        expect([result.probe?.outcome, result.probe?.accepted, result.probe?.eventSource]).toEqual(['accepted', true, 'AWS'])
        expect(instance.row(TABLE.endpoint, `connector_sys_id=${connector}`)?.source).toBe('AWS')
    })

    it('uses the override property when set, and the documented aws when the definition has no source', () => {
        const { instance, connector } = readyInstance({ platform: { stringMatch: 'case_insensitive' } })
        instance.updateRows('sys_properties', `name=${PROPERTY.sourceOverride}`, { value: 'AwS' })
        const result = generate(connector)
        if (!result.ok) throw new Error(result.message)
        expect(result.endpoint).toContain('?source=AwS&')
    })

    it('finds an existing endpoint of the connector whatever the case of its stored source', () => {
        const { instance, connector } = readyInstance()
        const endpoint = instance.insertRow(TABLE.endpoint, { name: 'old', connector_sys_id: connector, source: 'AWS', status: 'new' })
        const result = generate(connector)
        if (!result.ok) throw new Error(result.message)
        expect(result.endpointRecordPath).toBe(`x_em_aws_apikey_endpoint.do?sys_id=${endpoint}`)
        expect(instance.rows(TABLE.endpoint)).toHaveLength(1)
    })

    it('recognises the AWS definition by its record, not by "AWS" in a display name', () => {
        const { instance, connector } = readyInstance()
        // Named like AWS, but its source says it parses something else.
        instance.updateRows('sn_em_connector_listener', `sys_id=${listener(instance)?.sys_id}`, { source: 'azure' })
        const before = instance.snapshot()
        expect(generate(connector)).toEqual({ ok: false, message: expect.stringMatching(/uses the "AWS Events Push Connector" definition \(source azure\), not the AWS one \(source aws\)/) })
        expect(changedTables(instance.diff(before))).toEqual([`${TABLE.audit}:+1 ~0 -0`])
        // A custom AWS definition the admin lists by sys_id is accepted, with its own source.
        instance.updateRows('sys_properties', `name=${PROPERTY.awsConnectorDefinitions}`, { value: listener(instance)?.sys_id ?? '' })
        const result = generate(connector)
        expect(result.ok && result.endpoint).toContain('?source=azure&')
    })
})
