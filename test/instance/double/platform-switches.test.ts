// The double's platform switches: each setting behaves as its evidence id or assumption says.
import { GlideRecord } from '@servicenow/glide'
import { RESTMessageV2 } from '@servicenow/glide/sn_ws'
import {
    AWS_EVENT_SOURCE_LABEL, BUILT_IN_BASIC_PROFILE, BUILT_IN_TABLE_POLICY_TABLES, emConnectorVersion, freshInstance, type Instance, LITERAL_EVENT_SOURCE,
    pairwiseCombinations, resolveSwitches, SELF_CALL_DENIED, SHIPPED_EM_POLICY, SHIPPED_EM_PROFILES, SIGNATURE_REFUSAL, SNS_SIGNATURE_MADE_BY_AWS,
    SWITCH_SETTINGS, TABLE_WRITE_SWITCHES,
} from '../../support/instance/index.ts'

const TOKEN = 'now_SwitchCanary0123456789abcdefghijklmnopqr'

/** An EM policy mapped to an x-sn-apikey query profile, a key for an evt_mgmt_integration user, and a POST helper. */
function emReady(instance: Instance): { post: (source?: string, headers?: Record<string, string>, body?: string) => { status: number; body: string }; keySysId: string } {
    const api = instance.row('sys_ws_definition', 'base_uri=/api/sn_em_connector/em')
    const policy = instance.insertRow('sys_api_access_policy', { name: 'EM', active: 'true', api: String(api?.sys_id), api_path: 'sn_em_connector/em', apply_all_methods: 'true' })
    const parameter = instance.row('sys_token_auth_parameter', 'parameter_name=x-sn-apikey^type!=auth_header')
    const profile = instance.insertRow('http_key_auth', { name: 'q', active: 'true', auth_parameter: String(parameter?.sys_id) })
    instance.insertRow('sys_auth_profile_mapping', { api_access_policy: policy, inbound_auth_profile: profile })
    instance.createUser('int.user', { roles: ['evt_mgmt_integration'] })
    const scope = instance.row('sys_auth_scope', 'name=useraccount')?.sys_id ?? ''
    const keySysId = instance.insertRow('api_key', { name: 'k', user: String(instance.user('int.user')?.sys_id), active: 'true', token: TOKEN, [instance.switches.authScopeColumn]: scope })
    const connector = instance.row('sn_em_connector_push_instance')?.sys_id
    const post = (source = 'aws', headers: Record<string, string> = {}, body = '{}') =>
        instance.inbound({ method: 'POST', url: `/api/sn_em_connector/em/inbound_event?source=${source}&sys_id=${connector}&x-sn-apikey=${TOKEN}`, headers: { 'x-amz-sns-message-type': 'Notification', ...headers }, body })
    return { post, keySysId }
}

describe('fixture facts from the evidence', () => {
    it('E13: the built-in Basic profile has its real name; E16: Table policies list methods and tables', () => {
        const instance = freshInstance()
        expect(instance.row('std_http_auth')?.name).toBe(BUILT_IN_BASIC_PROFILE)
        for (const p of instance.rows('sys_api_access_policy', 'api_path=now/table')) {
            const { apply_all, apply_all_methods, apply_all_resources, apply_all_versions, apply_all_tables, apply_global, api_tablename, api_resource } = p
            expect({ apply_all, apply_all_methods, apply_all_resources, apply_all_versions, apply_all_tables, apply_global, api_tablename, api_resource }).toEqual({
                apply_all: 'false',
                apply_all_methods: 'false',
                apply_all_resources: 'true',
                apply_all_versions: 'true',
                apply_all_tables: 'false',
                apply_global: 'false',
                api_tablename: BUILT_IN_TABLE_POLICY_TABLES.join(','),
                api_resource: '',
            })
            expect(['GET', 'POST']).toContain(p.http_method)
        }
    })

    it('E30: a user shows its name, calculated from first and last name, never its user name', () => {
        const instance = freshInstance()
        const id = instance.createUser('svc.account', { fields: { first_name: 'Service', last_name: 'Account' } })
        const gr = new GlideRecord('sys_user_has_role')
        gr.initialize()
        gr.setValue('user', id)
        expect(gr.getDisplayValue('user')).toBe('Service Account')
    })
})

describe('switches', () => {
    it('policyApiWrite: a script write to the policy REST API field is stored, or silently dropped', () => {
        for (const setting of ['stored', 'ignored'] as const) {
            const instance = freshInstance({ platform: { policyApiWrite: setting } })
            const gr = new GlideRecord('sys_api_access_policy')
            gr.initialize()
            gr.setValue('name', 'p')
            gr.setValue('api', 'x'.repeat(32))
            const id = String(gr.insert())
            expect(instance.row('sys_api_access_policy', `sys_id=${id}`)?.api).toBe(setting === 'stored' ? 'x'.repeat(32) : '')
            // A form (test-side) write always stores it.
            instance.updateRows('sys_api_access_policy', `sys_id=${id}`, { api: 'y'.repeat(32) })
            expect(instance.row('sys_api_access_policy', `sys_id=${id}`)?.api).toBe('y'.repeat(32))
        }
    })

    it('queryParamType and authScopeColumn: the stored type and the column name follow the setting', () => {
        const instance = freshInstance({ platform: { queryParamType: 'url_parameter', authScopeColumn: 'scopes' } })
        expect(instance.rows('sys_token_auth_parameter').map((r) => r.type)).toEqual(['auth_header', 'url_parameter'])
        expect(instance.row('sys_dictionary', 'name=api_key^reference=sys_auth_scope')?.element).toBe('scopes')
        // The key still authenticates through the query parameter under the unknown type value.
        expect(emReady(instance).post().status).toBe(200)
    })

    it('stringMatch: queries and the listener lookup by source compare with or without case', () => {
        const sensitive = freshInstance({ platform: { stringMatch: 'case_sensitive' } })
        expect(sensitive.rows('sn_em_connector_listener', 'source=AWS')).toEqual([])
        expect(emReady(sensitive).post('AWS').status).toBe(400)
        const insensitive = freshInstance({ platform: { stringMatch: 'case_insensitive' } })
        expect(insensitive.rows('sn_em_connector_listener', 'source=AWS')).toHaveLength(1)
        expect(emReady(insensitive).post('AWS').status).toBe(200)
    })

    it('eventSource: the connector writes the URL source, the listener\'s event_source_label, or a literal of its script', () => {
        const url = freshInstance({ platform: { eventSource: 'url_source' } })
        emReady(url).post()
        expect(url.row('em_event')?.source).toBe('aws')
        const label = freshInstance({ platform: { eventSource: 'event_source_label' } })
        emReady(label).post()
        expect(label.row('em_event')?.source).toBe(AWS_EVENT_SOURCE_LABEL)
        const literal = freshInstance({ platform: { eventSource: 'literal' } })
        emReady(literal).post()
        expect(literal.row('em_event')?.source).toBe(LITERAL_EVENT_SOURCE)
    })

    it('eventCreatedBy: the connector creates the event in the key user\'s session, or as system', () => {
        const byUser = freshInstance({ platform: { eventCreatedBy: 'request_user' } })
        emReady(byUser).post()
        expect(byUser.row('em_event')?.sys_created_by).toBe('int.user')
        const bySystem = freshInstance({ platform: { eventCreatedBy: 'system' } })
        emReady(bySystem).post()
        expect(bySystem.row('em_event')?.sys_created_by).toBe('system')
    })

    it('emPolicyShipped: Event Management Connectors ships an active API-key policy mapping query and header profiles, only a header profile, or none', () => {
        const absent = freshInstance({ platform: { emPolicyShipped: 'absent' } })
        expect(absent.rows('sys_api_access_policy', 'api_path=sn_em_connector/em')).toEqual([])
        expect(absent.row('sys_scope', 'scope=sn_em_connector')?.version).toBe(emConnectorVersion('absent'))
        expect(emConnectorVersion('absent')).toBe('2.11.1')
        const profilesBySetting = {
            query_and_header: [SHIPPED_EM_PROFILES.query, SHIPPED_EM_PROFILES.header],
            header_only: [SHIPPED_EM_PROFILES.header],
        } as const
        for (const setting of ['query_and_header', 'header_only'] as const) {
            const shipped = freshInstance({ platform: { emPolicyShipped: setting } })
            expect(shipped.row('sys_scope', 'scope=sn_em_connector')?.version).toBe(emConnectorVersion(setting))
            expect(emConnectorVersion(setting)).toBe('2.19.4')
            const policy = shipped.row('sys_api_access_policy', 'api_path=sn_em_connector/em')
            const { name, active, api_path, http_method, apply_all_methods, apply_global } = policy ?? { name: '', active: '', api_path: '', http_method: '', apply_all_methods: '', apply_global: '' }
            expect({ name, active, api_path, http_method, apply_all_methods, apply_global }).toEqual({
                name: SHIPPED_EM_POLICY,
                active: 'true',
                api_path: 'sn_em_connector/em',
                http_method: '',
                apply_all_methods: 'true',
                apply_global: 'false',
            })
            const mapped = shipped.rows('sys_auth_profile_mapping', `api_access_policy=${policy?.sys_id}`)
                .map((m) => shipped.row('http_key_auth', `sys_id=${m.inbound_auth_profile}`)?.name)
            expect(mapped).toEqual(profilesBySetting[setting])
        }
    })

    it('tablePolicies: the built-in Table policies ship active or inactive', () => {
        expect(freshInstance({ platform: { tablePolicies: 'inactive' } }).rows('sys_api_access_policy', 'active=true')).toEqual([])
        expect(freshInstance({ platform: { tablePolicies: 'active' } }).rows('sys_api_access_policy', 'active=true')).toHaveLength(2)
    })

    it('explicitRoles: with the plugin, every new user gets snc_internal', () => {
        const withPlugin = freshInstance({ platform: { explicitRoles: 'installed' } })
        expect(withPlugin.rolesOf(withPlugin.createUser('new.user'))).toEqual(['snc_internal'])
        const without = freshInstance({ platform: { explicitRoles: 'not_installed' } })
        expect(without.rolesOf(without.createUser('new.user'))).toEqual([])
    })

    it('tokenDecrypt and tokenClient: the app reads a new key or not', () => {
        expect(freshInstance({ platform: { tokenDecrypt: 'allowed', tokenClient: 'no_token' } }).tokenAccess).toEqual({ decrypt: 'allowed', client: 'no-token' })
        expect(freshInstance().tokenAccess).toEqual({ decrypt: 'refused', client: 'works' })
    })

    it('keyBinding: a createToken key authenticates as its user field, or stays bound to whoever made it', () => {
        for (const setting of ['user_field', 'creator'] as const) {
            const instance = freshInstance({ platform: { keyBinding: setting } })
            const { post, keySysId } = emReady(instance)
            // Made by the session user (em.app.admin, no evt_mgmt_integration), then given to int.user.
            instance.tokens.bindToUser(keySysId, String(instance.user('em.app.admin')?.sys_id))
            expect(post().status).toBe(setting === 'creator' ? 403 : 200)
        }
    })

    it('unauthenticatedWording: the 401 body carries one of the two captured wordings (E41)', () => {
        for (const wording of ['User Not Authenticated', 'User is not authenticated'] as const) {
            const instance = freshInstance({ platform: { unauthenticatedWording: wording } })
            const response = instance.inbound({ method: 'POST', url: '/api/sn_em_connector/em/inbound_event?source=aws&x-sn-apikey=now_wrong' })
            expect(response.status).toBe(401)
            expect(JSON.parse(response.body).error.message).toBe(wording)
        }
    })

    it('okEventAlert: an OK alarm event makes no alert, or one alert per message key that later events update (assumption)', () => {
        const alarm = (state: string, name: string) =>
            JSON.stringify({ Type: 'Notification', Message: JSON.stringify({ AlarmName: name, AlarmArn: `arn:aws:cloudwatch:eu-west-1:111111111111:alarm:${name}`, NewStateValue: state }) })
        for (const setting of ['none', 'creates_alert'] as const) {
            const instance = freshInstance({ platform: { okEventAlert: setting } })
            const { post } = emReady(instance)
            const postBody = (body: string) => {
                const connector = instance.row('sn_em_connector_push_instance')?.sys_id
                return instance.inbound({ method: 'POST', url: `/api/sn_em_connector/em/inbound_event?source=aws&sys_id=${connector}&x-sn-apikey=${TOKEN}`, headers: { 'x-amz-sns-message-type': 'Notification' }, body })
            }
            expect(post().status).toBe(200)
            for (const body of [alarm('OK', 'hb-a'), alarm('OK', 'hb-a'), alarm('OK', 'hb-b'), alarm('ALARM', 'cpu')]) expect(postBody(body).status).toBe(200)
            expect(instance.rows('em_event')).toHaveLength(5)
            const alerts = instance.rows('em_alert').map((a) => [a.message_key, a.event_count, a.severity])
            if (setting === 'none') expect(alerts).toEqual([])
            else {
                expect(alerts).toEqual([
                    ['arn:aws:cloudwatch:eu-west-1:111111111111:alarm:hb-a', '2', '0'],
                    ['arn:aws:cloudwatch:eu-west-1:111111111111:alarm:hb-b', '1', '0'],
                ])
            }
        }
    })

    it('snsSignature (E64): a checking connector answers 200 with the refusal inside (E42) and makes no event, unless AWS signed', () => {
        const unsigned = JSON.stringify({ Type: 'Notification', Signature: 'TEST-not-signed-by-AWS', Message: '{}' })
        const signed = JSON.stringify({ Type: 'Notification', Signature: SNS_SIGNATURE_MADE_BY_AWS, Message: '{}' })
        const lax = freshInstance({ platform: { snsSignature: 'not_checked' } })
        expect(emReady(lax).post('aws', {}, unsigned).status).toBe(200)
        expect(lax.rows('em_event')).toHaveLength(1)
        const strict = freshInstance({ platform: { snsSignature: 'checked' } })
        const { post } = emReady(strict)
        const refused = post('aws', {}, unsigned)
        expect(refused.status).toBe(200)
        expect(JSON.parse(JSON.parse(refused.body).result['AWS Events Push Connector'])).toEqual({ status: 'error', error: SIGNATURE_REFUSAL })
        expect(strict.rows('em_event')).toEqual([])
        expect(post('aws', {}, signed).status).toBe(200)
        expect(strict.rows('em_event')).toHaveLength(1)
    })

    it.each([
        ['allowed', 401, true],
        ['no_answer', 0, true],
        ['denied', 403, true],
    ] as const)('selfCall %s (E65): a script call to the own URL answers %i', (setting, status, haveError) => {
        const instance = freshInstance({ platform: { selfCall: setting } })
        const message = new RESTMessageV2()
        message.setEndpoint(`${instance.baseUrl}/api/sn_em_connector/em/inbound_event?source=aws&x-sn-apikey=now_wrong`)
        message.setHttpMethod('post')
        const response = message.execute()
        expect([response.getStatusCode(), response.haveError()]).toEqual([status, haveError])
        if (setting === 'denied') expect(response.getBody()).toBe(SELF_CALL_DENIED.body)
        if (setting === 'no_answer') expect(response.getErrorMessage()).toMatch(/SocketTimeoutException/)
        // Only the instance's own origin is affected; and the inbound request never reached the instance when blocked.
        expect(instance.inboundRequests).toHaveLength(setting === 'allowed' ? 1 : 0)
    })

    it.each(Object.entries(TABLE_WRITE_SWITCHES))('E55 %s (%s): a script write from the app scope is refused exactly as the setting says; a test-side write never', (table, name) => {
        const refusedBy: { [setting: string]: string[] } = {
            allowed: [], create_refused: ['Create'], update_refused: ['Write'], delete_refused: ['Delete'], read_only: ['Create', 'Write', 'Delete'],
        }
        for (const setting of SWITCH_SETTINGS[name]) {
            const instance = freshInstance({ platform: { [name]: setting } })
            const existing = instance.insertRow(table, {})
            const refusals: string[] = []
            const created = new GlideRecord(table)
            created.initialize()
            if (created.insert() === null) refusals.push(created.getLastErrorMessage())
            const updated = new GlideRecord(table)
            updated.get(existing)
            updated.setValue('sys_updated_by', 'someone')
            if (updated.update() === null) refusals.push(updated.getLastErrorMessage())
            const deleted = new GlideRecord(table)
            deleted.get(existing)
            if (!deleted.deleteRecord()) refusals.push(deleted.getLastErrorMessage())
            expect(refusals).toEqual(refusedBy[setting].map((verb) =>
                `${verb} operation against '${table}' from scope 'x_em_aws_apikey' has been refused due to the table's cross-scope access policy`))
            expect(instance.rows(table, `sys_id=${existing}`)).toHaveLength(refusedBy[setting].includes('Delete') ? 1 : 0)
        }
    })

    it('refuses a setting that does not exist', () => {
        expect(() => resolveSwitches({ eventSource: 'teapot' as never })).toThrow(/^Unknown setting teapot for platform switch eventSource$/)
    })
})

describe('pairwise combinations', () => {
    it('cover every pair for a small set, and only the settings given', () => {
        const rows = pairwiseCombinations({ a: ['1', '2'], b: ['x', 'y'], c: ['p', 'q', 'r'] })
        for (const [va, vb, vc] of [['1', 'x', 'p'], ['2', 'y', 'r']]) {
            expect(rows.some((r) => r.a === va && r.b === vb)).toBe(true)
            expect(rows.some((r) => r.b === vb && r.c === vc)).toBe(true)
        }
        expect(rows.length).toBeGreaterThanOrEqual(6)
        expect(rows.length).toBeLessThan(12)
    })
})
