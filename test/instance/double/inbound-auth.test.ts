// The inbound REST model: access policies, profile mappings, API keys in header or query, Basic auth, and the
// Table and Event Management resources behind them.
import {
    EM_INBOUND_PATH, freshInstance, type InboundResponse, type Instance, jsonResponse, NO_RESOURCE_BODY, NOT_AUTHENTICATED_BODY,
} from '../../support/instance/index.ts'

const TOKEN = 'now_InboundCanary0123456789abcdefghijklmnopqrs'
let instance: Instance
let connector: string

function basic(userName: string, password: string): { Authorization: string } {
    return { Authorization: `Basic ${Buffer.from(`${userName}:${password}`).toString('base64')}` }
}

function emUrl(query: Record<string, string> = {}): string {
    const params = new URLSearchParams({ source: 'aws', sys_id: connector, ...query })
    return `${instance.baseUrl}${EM_INBOUND_PATH}?${params}`
}

/** An EM policy (all methods) mapped to the listed profiles, created as an admin would. */
function mapEmPolicy(profiles: ('query' | 'header' | 'basic')[], policyFields: Record<string, string> = {}): string {
    const emApi = instance.row('sys_ws_definition', 'base_uri=/api/sn_em_connector/em')
    const policy = instance.insertRow('sys_api_access_policy', {
        name: 'EM inbound policy', active: 'true', api: String(emApi?.sys_id), api_path: 'sn_em_connector/em',
        apply_all_methods: 'true', apply_all_resources: 'true', apply_all_versions: 'true', ...policyFields,
    })
    for (const kind of profiles) {
        let profile: string | undefined
        if (kind === 'basic') profile = instance.row('std_http_auth', 'type=basic_auth')?.sys_id
        else {
            const parameter = instance.row('sys_token_auth_parameter', `parameter_name=x-sn-apikey^type${kind === 'header' ? '=' : '!='}auth_header`)
            profile = instance.insertRow('http_key_auth', { name: `API key in ${kind}`, active: 'true', auth_parameter: String(parameter?.sys_id) })
        }
        instance.insertRow('sys_auth_profile_mapping', { api_access_policy: policy, inbound_auth_profile: String(profile) })
    }
    return policy
}

/** A key with the useraccount auth scope (E43), as an admin makes it by hand. */
function issueKey(fields: Record<string, string> = {}, userName = 'aws.integration'): string {
    const useraccount = String(instance.row('sys_auth_scope', 'name=useraccount')?.sys_id)
    return instance.insertRow('api_key', {
        name: 'AWS key', user: String(instance.user(userName)?.sys_id), active: 'true', token: TOKEN, auth_scope: useraccount, ...fields,
    })
}

const get = (url: string, headers: Record<string, string> = {}): InboundResponse => instance.inbound({ method: 'GET', url, headers })
const post = (url: string, headers: Record<string, string> = {}): InboundResponse =>
    instance.inbound({ method: 'POST', url, headers: { 'x-amz-sns-message-type': 'Notification', ...headers }, body: '{}' })

beforeEach(() => {
    instance = freshInstance({ clock: '2026-11-23 10:00:00' })
    instance.createUser('aws.integration', { roles: ['evt_mgmt_integration'], password: 'Integration-Pw1' })
    connector = String(instance.row('sn_em_connector_push_instance', 'name=AWS CloudWatch via SNS')?.sys_id)
})

describe('API keys need a policy with a mapped API-key profile', () => {
    test('401 with the platform body and WWW-Authenticate when the EM API has no policy', () => {
        issueKey()
        const response = get(emUrl({ 'x-sn-apikey': TOKEN }))
        expect(response.status).toBe(401)
        expect(response.body).toBe(NOT_AUTHENTICATED_BODY)
        expect(JSON.parse(response.body)).toEqual({ error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' }, status: 'failure' })
        expect(response.headers['WWW-Authenticate']).toBeTruthy()
    })

    test('401 when the policy has no mapping', () => {
        issueKey()
        mapEmPolicy([])
        expect(get(emUrl({ 'x-sn-apikey': TOKEN })).status).toBe(401)
    })

    test('200 with the key in the query parameter once the query profile is mapped', () => {
        issueKey()
        mapEmPolicy(['query'])
        const response = post(emUrl({ 'x-sn-apikey': TOKEN }))
        expect(response.status).toBe(200)
        expect(instance.inboundRequests.at(-1)).toEqual({ method: 'POST', path: '/api/sn_em_connector/em/inbound_event', status: 200, userName: 'aws.integration', scheme: 'api_key' })
    })

    test('the header profile reads the header (any case), not the query parameter', () => {
        issueKey()
        mapEmPolicy(['header'])
        expect(post(emUrl(), { 'X-SN-APIKEY': TOKEN }).status).toBe(200)
        expect(post(emUrl({ 'x-sn-apikey': TOKEN })).status).toBe(401)
    })

    test('a mapped query profile does not accept the header', () => {
        issueKey()
        mapEmPolicy(['query'])
        expect(get(emUrl(), { 'x-sn-apikey': TOKEN }).status).toBe(401)
    })

    test('an inactive policy or an inactive profile does not count', () => {
        issueKey()
        const policy = mapEmPolicy(['query'])
        instance.updateRows('sys_api_access_policy', `sys_id=${policy}`, { active: 'false' })
        expect(get(emUrl({ 'x-sn-apikey': TOKEN })).status).toBe(401)
        instance.updateRows('sys_api_access_policy', `sys_id=${policy}`, { active: 'true' })
        instance.updateRows('http_key_auth', 'name=API key in query', { active: 'false' })
        expect(get(emUrl({ 'x-sn-apikey': TOKEN })).status).toBe(401)
    })

    test('a policy for another method does not apply', () => {
        issueKey()
        mapEmPolicy(['query'], { apply_all_methods: 'false', http_method: 'POST' })
        expect(get(emUrl({ 'x-sn-apikey': TOKEN })).status).toBe(401)
        expect(instance.inbound({ method: 'POST', url: emUrl({ 'x-sn-apikey': TOKEN }) }).status).toBe(200)
    })

    test('token auth is ignored in a global policy', () => {
        issueKey()
        mapEmPolicy(['query'], { apply_global: 'true', api: '' })
        expect(get(emUrl({ 'x-sn-apikey': TOKEN })).status).toBe(401)
    })
})

describe('the key and its user must be usable', () => {
    beforeEach(() => {
        mapEmPolicy(['query'])
    })

    test.each([
        ['expired key', { expires: '2026-11-23 09:59:59' }, undefined],
        ['inactive key', { active: 'false' }, undefined],
        ['unknown key', {}, 'now_not_a_key'],
    ])('401 for an %s', (_label, fields, presented) => {
        issueKey(fields)
        expect(get(emUrl({ 'x-sn-apikey': presented || TOKEN })).status).toBe(401)
    })

    test('a key expiring later works until the clock passes it', () => {
        issueKey({ expires: '2026-11-24 10:00:00' })
        expect(post(emUrl({ 'x-sn-apikey': TOKEN })).status).toBe(200)
        instance.clock.advanceDays(1)
        expect(post(emUrl({ 'x-sn-apikey': TOKEN })).status).toBe(401)
    })

    test('401 for an inactive or locked-out user', () => {
        issueKey()
        instance.updateRows('sys_user', 'user_name=aws.integration', { active: 'false' })
        expect(get(emUrl({ 'x-sn-apikey': TOKEN })).status).toBe(401)
        instance.updateRows('sys_user', 'user_name=aws.integration', { active: 'true', locked_out: 'true' })
        expect(get(emUrl({ 'x-sn-apikey': TOKEN })).status).toBe(401)
    })

    test('401 once the key record is deleted', () => {
        const key = issueKey()
        instance.deleteRows('api_key', `sys_id=${key}`)
        expect(get(emUrl({ 'x-sn-apikey': TOKEN })).status).toBe(401)
    })
})

describe('Basic auth', () => {
    test('works on an API without policy, refuses a wrong password', () => {
        expect(get(`${instance.baseUrl}/api/now/table/incident_not_defined`, basic('admin', 'Admin-Fixture-Pw1')).status).toBe(400)
        expect(get('/api/now/table/sys_user', basic('admin', 'Admin-Fixture-Pw1')).status).toBe(200)
        expect(get('/api/now/table/sys_user', basic('admin', 'wrong')).status).toBe(401)
    })

    test('keeps working on the EM API when the basic profile is mapped too', () => {
        issueKey()
        mapEmPolicy(['query', 'basic'])
        expect(post(emUrl(), basic('aws.integration', 'Integration-Pw1')).status).toBe(200)
        expect(post(emUrl({ 'x-sn-apikey': TOKEN })).status).toBe(200)
    })

    test('401 on the EM API once a policy maps only API-key profiles', () => {
        expect(post(emUrl(), basic('aws.integration', 'Integration-Pw1')).status).toBe(200)
        mapEmPolicy(['query'])
        expect(post(emUrl(), basic('aws.integration', 'Integration-Pw1')).status).toBe(401)
    })
})

describe('resources', () => {
    test('400 for a path no REST API serves', () => {
        const response = get('/api/x_unknown/thing', basic('admin', 'Admin-Fixture-Pw1'))
        expect(response.status).toBe(400)
        expect(response.body).toBe(NO_RESOURCE_BODY)
    })

    test('Table API: 200 {"result":[]} and 403 when the user lacks the role the fixture requires', () => {
        const ok = get('/api/now/table/api_key', basic('admin', 'Admin-Fixture-Pw1'))
        expect(ok.status).toBe(200)
        expect(JSON.parse(ok.body)).toEqual({ result: [] })
        expect(get('/api/now/table/api_key', basic('plain.user', 'PlainUser-Fixture-Pw1')).status).toBe(403)
        expect(get('/api/now/table/em_event', basic('plain.user', 'PlainUser-Fixture-Pw1')).status).toBe(403)
        instance.insertRow('sys_user_role', { name: 'evt_mgmt_operator' })
        instance.createUser('em.operator', { roles: ['evt_mgmt_operator'], password: 'Operator-Fixture-Pw1' })
        expect(get('/api/now/table/em_event', basic('em.operator', 'Operator-Fixture-Pw1')).status).toBe(200)
        expect(get('/api/now/table/sn_em_connector_listener', basic('plain.user', 'PlainUser-Fixture-Pw1')).status).toBe(200)
    })

    test('EM: 403 for a user without evt_mgmt_integration', () => {
        instance.createUser('other.user', { roles: ['itil'] })
        issueKey({}, 'other.user')
        mapEmPolicy(['query'])
        expect(post(emUrl({ 'x-sn-apikey': TOKEN })).status).toBe(403)
    })

    test('E43: 403 "Missing required api access scope" for a key without the useraccount auth scope', () => {
        issueKey({ auth_scope: '' })
        mapEmPolicy(['query'])
        const response = post(emUrl({ 'x-sn-apikey': TOKEN }))
        expect(response.status).toBe(403)
        expect(JSON.parse(response.body).error.message).toBe('Missing required api access scope')
    })

    test('EM: 404 for a sys_id that is not an active push connector instance', () => {
        issueKey()
        mapEmPolicy(['query'])
        expect(post(emUrl({ 'x-sn-apikey': TOKEN, sys_id: '0'.repeat(32) })).status).toBe(404)
        instance.updateRows('sn_em_connector_push_instance', `sys_id=${connector}`, { active: 'false' })
        expect(post(emUrl({ 'x-sn-apikey': TOKEN })).status).toBe(404)
    })

    test('EM: only an SNS Notification POST creates an em_event; an authenticated GET answers 405; every call is recorded', () => {
        issueKey()
        mapEmPolicy(['query'])
        const url = emUrl({ 'x-sn-apikey': TOKEN })
        expect(get(url).status).toBe(405)
        expect(instance.inbound({ method: 'POST', url, headers: { 'x-amz-sns-message-type': 'SubscriptionConfirmation' }, body: '{}' }).status).toBe(200)
        expect(instance.rows('em_event')).toEqual([])
        const body = '{"Type":"Notification","Message":"alarm"}'
        const created = instance.inbound({ method: 'POST', url, headers: { 'x-amz-sns-message-type': 'Notification' }, body })
        expect(created.status).toBe(200)
        // E42: {"result":{"<listener name>":"<json string>"}}
        const result = JSON.parse(created.body).result
        expect(Object.keys(result)).toEqual(['AWS Events Push Connector'])
        expect(typeof result['AWS Events Push Connector']).toBe('string')
        const events = instance.rows('em_event')
        expect(events).toHaveLength(1)
        // E37 (default eventSource url_source); the event is created in the key user's session.
        const { sys_id: eventId, ...event } = events[0]
        expect(eventId).toMatch(/^[0-9a-f]{32}$/)
        expect(event).toEqual({
            sys_class_name: 'em_event',
            sys_created_on: '2026-11-23 10:00:00',
            sys_created_by: 'aws.integration',
            sys_updated_on: '2026-11-23 10:00:00',
            sys_updated_by: 'aws.integration',
            sys_mod_count: '0',
            sys_scope: '',
            source: 'aws',
            node: '',
            type: '',
            resource: '',
            metric_name: '',
            description: body,
            severity: '',
            message_key: '',
            additional_info: body,
            time_of_event: '2026-11-23 10:00:00',
            state: 'Ready',
            event_class: '',
        })
        expect(instance.emInbound.map((e) => [e.method, e.messageType])).toEqual([['GET', ''], ['POST', 'SubscriptionConfirmation'], ['POST', 'Notification']])
        expect(instance.findSecret(TOKEN)).toEqual([])
    })

    test('tests can replace a resource handler', () => {
        issueKey()
        mapEmPolicy(['query'])
        instance.resources.set(EM_INBOUND_PATH, (request) => jsonResponse(202, { user: request.user.user_name }))
        const response = get(emUrl({ 'x-sn-apikey': TOKEN }))
        expect(response.status).toBe(202)
        expect(JSON.parse(response.body)).toEqual({ user: 'aws.integration' })
    })
})
