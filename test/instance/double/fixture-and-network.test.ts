// The fresh-instance fixture and its options, outbound REST (sn_ws) and the namespaces the double does not model.
import { GlideRecord } from '@servicenow/glide'
import { IdentificationEngine } from '@servicenow/glide/sn_cmdb'
import { RESTMessageV2 } from '@servicenow/glide/sn_ws'
import { APP_TABLES, EM_INBOUND_PATH, FIXTURE_USERS, freshInstance, type Instance, jsonResponse } from '../../support/instance/index.ts'
import { currentInstance } from '../../support/instance/index.ts'
import { ownFields } from '../../support/own-fields.ts'

let instance: Instance

beforeEach(() => {
    instance = freshInstance()
})

describe('fixture', () => {
    test('roles, users with their roles, and em.app.admin as the session user', () => {
        expect(instance.rows('sys_user_role').map((r) => r.name).sort()).toEqual(
            ['admin', 'api_service_admin', 'evt_mgmt_integration', 'itil', 'snc_internal', 'x_em_aws_apikey.admin', 'x_em_aws_apikey.auditor'],
        )
        for (const u of FIXTURE_USERS) {
            const user = instance.user(u.userName)
            // No password field: the double keeps passwords apart from the rows.
            expect(ownFields(user)).toEqual({
                user_name: u.userName,
                first_name: u.firstName,
                last_name: u.lastName,
                name: `${u.firstName} ${u.lastName}`,
                email: `${u.userName}@example.com`,
                active: 'true',
                locked_out: 'false',
                web_service_access_only: 'false',
                internal_integration_user: 'false',
            })
            expect(instance.rolesOf(String(user?.sys_id)).sort()).toEqual([...u.roles].sort())
            expect(user).not.toHaveProperty('password')
        }
        const grants = instance.rows('sys_user_has_role').map(ownFields)
        expect(grants).toEqual(
            FIXTURE_USERS.flatMap((u) => u.roles.map((r) => ({ user: instance.user(u.userName)?.sys_id, role: instance.row('sys_user_role', `name=${r}`)?.sys_id, inherited: 'false', state: 'active' }))),
        )
        expect(instance.session.userName).toBe('em.app.admin')
        expect(instance.findSecret(FIXTURE_USERS[0].password)).toEqual([])
    })

    test('auth records: useraccount property, both x-sn-apikey parameters, BasicAuth, REST APIs, Table policies', () => {
        const useraccount = instance.row('sys_auth_scope', 'name=useraccount')
        expect(instance.row('sys_properties', 'name=glide.oauth.token.scope.useraccount')?.value).toBe(useraccount?.sys_id)
        expect(instance.rows('sys_token_auth_parameter', 'parameter_name=x-sn-apikey').map((r) => r.type)).toEqual(['auth_header', 'query_param'])
        const basic = instance.row('std_http_auth', 'type=basic_auth')
        expect([basic?.sys_class_name, ownFields(basic)]).toEqual(['std_http_auth', { name: 'BasicAuth for none public processors', description: '', active: 'true', auth_processor: 'false', type: 'basic_auth' }])
        const tableApi = instance.row('sys_ws_definition', 'base_uri=/api/now/table')
        expect(ownFields(tableApi)).toEqual({ name: 'Table API', base_uri: '/api/now/table', namespace: 'now', service_id: 'table', active: 'true' })
        expect(ownFields(instance.row('sys_ws_definition', 'base_uri=/api/sn_em_connector/em'))).toEqual({
            name: 'Event Management Inbound',
            base_uri: '/api/sn_em_connector/em',
            namespace: 'sn_em_connector',
            service_id: 'em',
            active: 'true',
        })
        const policies = instance.rows('sys_api_access_policy', 'ORDERBYname')
        expect(policies.map((p) => [p.name, p.http_method, p.api, p.api_path, p.active])).toEqual([
            ['Table GET API Access Policy', 'GET', tableApi?.sys_id, 'now/table', 'true'],
            ['Table POST API Access Policy', 'POST', tableApi?.sys_id, 'now/table', 'true'],
        ])
        for (const empty of ['api_key', 'http_key_auth', 'sys_auth_profile_mapping', 'em_event']) expect(instance.rows(empty)).toEqual([])
    })

    test('Event Management: scope, AWS listener and push connector instance', () => {
        // The default emPolicyShipped setting is 'absent', which goes with a version before 2.12.0 (E44).
        expect(ownFields(instance.row('sys_scope', 'scope=sn_em_connector'))).toEqual({ name: 'Event Management Connectors', scope: 'sn_em_connector', version: '2.11.1', active: 'true' })
        const listener = instance.row('sn_em_connector_listener', 'name=AWS Events Push Connector')
        expect(ownFields(listener)).toEqual({
            name: 'AWS Events Push Connector',
            source: 'aws',
            event_source_label: 'AWS CloudWatch',
            header_name: 'x-amz-sns-message-type',
            header_value: 'Notification',
            type: '1',
            active: 'true',
            order: '100',
            script: '',
        })
        expect(ownFields(instance.row('sn_em_connector_push_instance', 'name=AWS CloudWatch via SNS'))).toEqual({
            name: 'AWS CloudWatch via SNS',
            description: 'AWS SNS alarms',
            push_connector_definition: listener?.sys_id,
            active: 'true',
            url: '',
        })
    })

    test('sys_ids are generated per instance, never constants', () => {
        const first = instance.row('sys_auth_scope', 'name=useraccount')?.sys_id
        const second = freshInstance().row('sys_auth_scope', 'name=useraccount')?.sys_id
        expect(first).toMatch(/^[0-9a-f]{32}$/)
        expect(second).not.toBe(first)
    })

    test('the auth-scope column of api_key is discoverable in sys_dictionary', () => {
        expect(instance.rows('sys_dictionary', 'name=api_key^reference=sys_auth_scope').map((r) => r.element)).toEqual(['auth_scope'])
        expect(instance.row('sys_db_object', 'name=http_key_auth')?.super_class).toBe(instance.row('sys_db_object', 'name=inbound_auth_profile')?.sys_id)
    })

    test('emApp: false leaves out the EM scope, API, connector tables and resource', () => {
        instance = freshInstance({ emApp: false })
        expect(instance.rows('sys_scope', 'scope=sn_em_connector')).toEqual([])
        expect(instance.rows('sys_ws_definition', 'base_uriSTARTSWITH/api/sn_em_connector')).toEqual([])
        expect(new GlideRecord('sn_em_connector_push_instance').isValid()).toBe(false)
        expect(new GlideRecord('sn_em_connector_listener').isValid()).toBe(false)
        expect(instance.resources.has(EM_INBOUND_PATH)).toBe(false)
        expect(instance.inbound({ method: 'GET', url: EM_INBOUND_PATH }).status).toBe(400)
    })

    test('pluginActive: false marks the plugin inactive and leaves out the api_key tables', () => {
        instance = freshInstance({ pluginActive: false })
        expect(instance.plugins.get('com.glide.tokenbased_auth')).toBe(false)
        for (const table of ['api_key', 'http_key_auth', 'sys_token_auth_parameter']) expect(instance.hasTable(table)).toBe(false)
        expect(instance.hasTable('std_http_auth')).toBe(true)
    })

    test('platform.tablePolicies: inactive; appTables default and override', () => {
        instance = freshInstance({ platform: { tablePolicies: 'inactive' } })
        expect(instance.rows('sys_api_access_policy', 'active=true')).toEqual([])
        expect(APP_TABLES.every((t) => instance.hasTable(t))).toBe(true)
        instance = freshInstance({ appTables: ['x_em_aws_apikey_issued_key'] })
        expect(instance.hasTable('x_em_aws_apikey_issued_key')).toBe(true)
        expect(instance.hasTable('x_em_aws_apikey_endpoint')).toBe(false)
    })

    test('freshInstance makes the new instance current; stats start at zero', () => {
        const next = freshInstance()
        expect(currentInstance()).toBe(next)
        expect(next.stats.total()).toBe(0)
    })
})

describe('RESTMessageV2', () => {
    test('calls to the instance go through the inbound model and are captured with the full URL', () => {
        const request = new RESTMessageV2()
        request.setEndpoint(`${instance.baseUrl}/api/now/table/sys_user`)
        request.setHttpMethod('get')
        request.setQueryParameter('sysparm_limit', '1')
        request.setQueryParameter('sysparm_query', 'active=true^name=a b')
        request.setBasicAuth('admin', 'Admin-Fixture-Pw1')
        request.setRequestHeader('Accept', 'application/json')
        request.setHttpTimeout(5000)
        request.setLogLevel('basic')
        const response = request.execute()
        expect(response.getStatusCode()).toBe(200)
        expect(response.haveError()).toBe(false)
        expect(JSON.parse(response.getBody())).toEqual({ result: [] })
        expect(response.getHeader('content-type')).toBe('application/json')
        expect(instance.outbound).toEqual([{
            method: 'GET',
            url: `${instance.baseUrl}/api/now/table/sys_user?sysparm_limit=1&sysparm_query=active%3Dtrue%5Ename%3Da%20b`,
            headers: { Authorization: expect.stringMatching(/^Basic /), Accept: 'application/json' },
            body: '',
            timeoutMs: 5000,
            logLevel: 'basic',
        }])
    })

    test('HTTP errors: status and haveError', () => {
        const request = new RESTMessageV2()
        request.setEndpoint(`${instance.baseUrl}${EM_INBOUND_PATH}`)
        const response = request.execute()
        expect(response.getStatusCode()).toBe(401)
        expect(response.haveError()).toBe(true)
        expect(response.getErrorMessage()).toBe(`Method failed: (${EM_INBOUND_PATH}) with code: 401`)
    })

    test.each([
        ['timeout', /SocketTimeoutException/],
        ['dns', /UnknownHostException: dev00000.service-now.com/],
    ] as const)('network.fail = %s: no status, haveError, an error message', (failure, message) => {
        instance.network.fail = failure
        const request = new RESTMessageV2()
        request.setEndpoint(`${instance.baseUrl}/api/now/table/sys_user`)
        const response = request.execute()
        expect(response.getStatusCode()).toBe(0)
        expect(response.haveError()).toBe(true)
        expect(response.getErrorMessage()).toMatch(message)
        expect(response.getErrorCode()).not.toBe(0)
        expect(instance.outbound).toHaveLength(1)
    })

    test('other hosts are unreachable unless a test registers them', () => {
        const request = new RESTMessageV2()
        request.setEndpoint('https://sns.us-east-1.amazonaws.com/')
        expect(request.execute().getStatusCode()).toBe(0)
        instance.network.hosts.set('https://sns.us-east-1.amazonaws.com', () => jsonResponse(200, { ok: true }))
        const again = request.execute()
        expect(again.getStatusCode()).toBe(200)
        expect(again.getBody()).toBe('{"ok":true}')
    })
})

describe('namespaces the double does not model', () => {
    test('importing works; using an export throws a clear error', () => {
        expect(() => IdentificationEngine.createOrUpdateCI('x', 'y')).toThrow(/does not model "IdentificationEngine"/)
    })
})
