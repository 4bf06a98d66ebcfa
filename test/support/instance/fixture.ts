// What a fresh instance holds: the platform records behind API-key authentication and Event Management. Each
// table, field and record cites its evidence id (../shared/reference/evidence.md); what the evidence leaves unknown
// follows instance.switches (platform-switches.ts). Every sys_id is generated at load time; code under test must
// find these records by query.
import { EM_INTEGRATION_ROLE, registerDefaultResources } from './inbound-resources.ts'
import type { Instance } from './instance.ts'
import type { ColumnInput } from './schema.ts'
import { type PlatformSwitches, resolveSwitches } from './platform-switches.ts'

/** E13 (S3): the name of the built-in Basic profile ("BasicAuth for none public processors"). */
export const BUILT_IN_BASIC_PROFILE = 'BasicAuth for none public processors'
/** E16 (S4): the tables the built-in Table GET/POST policies list. */
export const BUILT_IN_TABLE_POLICY_TABLES = [
    'incident', 'problem', 'change_request', 'task', 'sys_dictionary', 'sys_user', 'sys_user_group', 'cmdb', 'cmdb_ci', 'cmdb_rel_ci',
    'csdm_service_mapping',
]
/** assumption: names of what Event Management Connectors 2.12+ ships for API keys (emPolicyShipped other than 'absent'). */
export const SHIPPED_EM_POLICY = 'Event Management Connectors inbound API key policy'
export const SHIPPED_EM_PROFILES = { query: 'Event Management API key (query parameter)', header: 'Event Management API key (header)' }
/** E36 (S9, S16): the documented URL parameter value of the AWS push connector definition is lower-case `aws`. */
export const AWS_LISTENER_SOURCE = 'aws'
/** E33 (S5): listeners carry their own event_source_label. assumption: this is its value on the AWS definition. */
export const AWS_EVENT_SOURCE_LABEL = 'AWS CloudWatch'
export const EXPLICIT_ROLES_PLUGIN = 'com.glide.explicit_roles'

/** The app's own tables; their schema is the app's, so they are open (any field). */
export const APP_TABLES = ['x_em_aws_apikey_endpoint', 'x_em_aws_apikey_audit']

export const TOKEN_AUTH_PLUGIN = 'com.glide.tokenbased_auth'
/** Plugins com.glide.tokenbased_auth depends on (platform-model.md, "Plugin and release"). */
export const SUPPORT_PLUGINS = ['com.glide.rest.policy', 'com.glide.auth.scope', 'com.glide.rest.auth.scope']

export const FIXTURE_ROLES = [
    'admin', EM_INTEGRATION_ROLE, 'itil', 'api_service_admin', 'snc_internal', 'x_em_aws_apikey.admin', 'x_em_aws_apikey.auditor',
]

export interface FixtureUser {
    userName: string
    firstName: string
    lastName: string
    password: string
    roles: string[]
}

export const FIXTURE_USERS: readonly FixtureUser[] = [
    { userName: 'admin', firstName: 'System', lastName: 'Administrator', password: 'Admin-Fixture-Pw1', roles: ['admin'] },
    { userName: 'em.app.admin', firstName: 'EM App', lastName: 'Admin', password: 'EmAppAdmin-Fixture-Pw1', roles: ['x_em_aws_apikey.admin'] },
    // The admin who installs the app and runs Repair: the app role plus api_service_admin (E49).
    {
        userName: 'em.platform.admin', firstName: 'EM Platform', lastName: 'Admin', password: 'EmPlatformAdmin-Fixture-Pw1',
        roles: ['x_em_aws_apikey.admin', 'api_service_admin'],
    },
    { userName: 'em.auditor', firstName: 'EM', lastName: 'Auditor', password: 'EmAuditor-Fixture-Pw1', roles: ['x_em_aws_apikey.auditor'] },
    { userName: 'plain.user', firstName: 'Plain', lastName: 'User', password: 'PlainUser-Fixture-Pw1', roles: [] },
]

export const DEFAULT_SESSION_USER = 'em.app.admin'

export interface FixtureOptions {
    /** Event Management Connectors installed (default true). */
    emApp?: boolean
    /** com.glide.tokenbased_auth active (default true). When false, api_key, http_key_auth and sys_token_auth_parameter do not exist. */
    pluginActive?: boolean
    appTables?: string[]
    /** Settings of the platform behaviours the evidence leaves unknown (platform-switches.ts). */
    platform?: Partial<PlatformSwitches>
}

type ResolvedFixture = Required<Omit<FixtureOptions, 'platform'>> & { platform: PlatformSwitches }

const bool = (def?: boolean): ColumnInput => (def === undefined ? 'boolean' : { type: 'boolean', default: String(def) })
const ref = (table: string): ColumnInput => ({ type: 'reference', reference: table })

function defineTables(instance: Instance, options: ResolvedFixture): void {
    const define = instance.defineTable.bind(instance)
    define('sys_db_object', { columns: { name: 'string', label: 'string', super_class: ref('sys_db_object') } })
    define('sys_dictionary', { columns: { name: 'string', element: 'string', internal_type: 'string', reference: 'string' }, displayField: 'element' })
    instance.db.catalog('sys_db_object')
    define('sys_properties', { columns: { name: 'string', value: 'string', description: 'string', type: 'string' } })
    define('sys_scope', { columns: { name: 'string', scope: 'string', version: 'string', active: bool(true) } }) // E31
    // E30 (S13 sys_user.now.ts): the display value is `name`, calculated from first and last name.
    define('sys_user', {
        columns: {
            user_name: 'string', first_name: 'string', last_name: 'string', name: 'string', email: 'string',
            active: bool(true), locked_out: bool(false), web_service_access_only: bool(false), internal_integration_user: bool(false),
        },
        displayField: 'name',
    })
    define('sys_user_role', { columns: { name: 'string', description: 'string' } })
    define('sys_user_role_contains', { columns: { role: ref('sys_user_role'), contains: ref('sys_user_role') } }) // E29 (S13)
    define('sys_user_has_role', { columns: { user: ref('sys_user'), role: ref('sys_user_role'), inherited: bool(false), state: { type: 'choice', default: 'active' } } })
    define('sys_auth_scope', { columns: { name: 'string', description: 'string' } }) // E18
    // E8, E9: auth_processor exists as a boolean (S3 reads it back); its effect is unknown.
    define('inbound_auth_profile', { columns: { name: 'string', description: 'string', active: bool(true), auth_processor: bool(false) } })
    define('std_http_auth', { extends: 'inbound_auth_profile', columns: { type: 'choice' } }) // E13
    if (options.pluginActive) {
        define('sys_token_auth_parameter', { columns: { parameter_name: 'string', type: 'choice' }, displayField: 'parameter_name' }) // E11, E12
        define('http_key_auth', { extends: 'inbound_auth_profile', columns: { auth_parameter: ref('sys_token_auth_parameter') } }) // E8
        define('api_key', {
            columns: {
                name: 'string', description: 'string', active: 'boolean', user: ref('sys_user'), expires: 'glide_date_time', // E20, E21
                token: 'password2', // E22
                // E24: the Auth Scope column's name is unknown (switch authScopeColumn).
                [options.platform.authScopeColumn]: { type: 'glide_list', reference: 'sys_auth_scope' },
            },
        })
    }
    define('sys_ws_definition', { columns: { name: 'string', base_uri: 'string', namespace: 'string', service_id: 'string', active: bool(true) } }) // E14
    define('sys_api_access_policy', {
        columns: {
            name: 'string', active: bool(true),
            // E2 (S1): `api` is a choice field ("REST API") with no reference; its stored value is unpublished. The double
            // stores the sys_ws_definition sys_id and shows the API's name as its display value (assumption).
            api: 'choice', api_path: 'string', http_method: 'choice', version: 'string', api_resource: 'string', api_tablename: 'string',
            apply_global: bool(false), apply_all: bool(false), apply_all_methods: bool(false), apply_all_resources: bool(false),
            apply_all_versions: bool(false), apply_all_tables: bool(false), all_authn_scheme_authenticate_header: bool(false),
        },
    }) // E1
    define('sys_auth_profile_mapping', { columns: { api_access_policy: ref('sys_api_access_policy'), inbound_auth_profile: ref('inbound_auth_profile') } }) // E7
    if (options.emApp) {
        // E33 (S5): the listener (push connector definition) with its URL parameter value `source` and event_source_label.
        define('sn_em_connector_listener', {
            columns: {
                name: 'string', source: 'string', event_source_label: 'string', header_name: 'string', header_value: 'string', type: 'choice',
                active: bool(true), order: 'integer', script: 'string',
            },
        })
        define('sn_em_connector_push_instance', {
            columns: { name: 'string', description: 'string', push_connector_definition: ref('sn_em_connector_listener'), active: bool(true), url: 'string' },
        }) // E32
    }
    define('em_event', {
        columns: {
            source: 'string', node: 'string', type: 'string', resource: 'string', metric_name: 'string', description: 'string',
            severity: 'choice', message_key: 'string', additional_info: 'string', time_of_event: 'glide_date_time', state: 'choice', event_class: 'string',
        },
    }) // E38
    // S30 names em_alert; switch okEventAlert decides whether an OK event makes one (assumption). Columns modelled
    // are the ones that switch writes.
    define('em_alert', {
        columns: { message_key: 'string', source: 'string', severity: 'choice', state: 'choice', description: 'string', event_count: 'integer' },
    })
    for (const table of options.appTables) define(table)
}

function loadTablePolicies(instance: Instance, options: ResolvedFixture, tableApi: string): void {
    // E15, E16 (S4): two built-in policies, each with an explicit method and table list; active per switch.
    for (const method of ['GET', 'POST']) {
        instance.insertRow('sys_api_access_policy', {
            name: `Table ${method} API Access Policy`, active: String(options.platform.tablePolicies === 'active'), api: tableApi, api_path: 'now/table',
            http_method: method, apply_all_resources: 'true', apply_all_versions: 'true', apply_all_tables: 'false',
            api_tablename: BUILT_IN_TABLE_POLICY_TABLES.join(','),
        })
    }
}

/**
 * E44: the API-key policy and profiles Event Management Connectors 2.12+ may ship: a query-parameter and a header
 * profile (emPolicyShipped: 'query_and_header'), or only a header profile ('header_only', which SNS cannot use).
 */
function loadShippedEmPolicy(instance: Instance, emApi: string, parameters: { query: string; header: string }, withQuery: boolean): void {
    const profiles: string[] = []
    if (withQuery) profiles.push(instance.insertRow('http_key_auth', { name: SHIPPED_EM_PROFILES.query, active: 'true', auth_parameter: parameters.query }))
    profiles.push(instance.insertRow('http_key_auth', { name: SHIPPED_EM_PROFILES.header, active: 'true', auth_parameter: parameters.header }))
    const policy = instance.insertRow('sys_api_access_policy', {
        name: SHIPPED_EM_POLICY, active: 'true', api: emApi, api_path: 'sn_em_connector/em', apply_all_methods: 'true',
        apply_all_resources: 'true', apply_all_versions: 'true',
    })
    for (const profile of profiles) instance.insertRow('sys_auth_profile_mapping', { api_access_policy: policy, inbound_auth_profile: profile })
}

/** E44: the version ships the policy from 2.12.0 on; 'absent' stands for an instance still on an older version. */
export function emConnectorVersion(setting: PlatformSwitches['emPolicyShipped']): string {
    return setting === 'absent' ? '2.11.1' : '2.19.4'
}

function loadRecords(instance: Instance, options: ResolvedFixture): void {
    const insert = instance.insertRow.bind(instance)
    for (const name of FIXTURE_ROLES) insert('sys_user_role', { name })
    for (const u of FIXTURE_USERS) {
        instance.createUser(u.userName, {
            password: u.password, roles: u.roles,
            fields: { first_name: u.firstName, last_name: u.lastName, email: `${u.userName}@example.com` },
        })
    }
    const useraccount = insert('sys_auth_scope', { name: 'useraccount', description: 'Full access to the user account' }) // E18
    const host = new URL(instance.baseUrl).hostname
    insert('sys_properties', { name: 'glide.oauth.token.scope.useraccount', value: useraccount, type: 'string' }) // E18
    insert('sys_properties', { name: 'glide.servlet.uri', value: `${instance.baseUrl}/`, type: 'string' }) // E47
    insert('sys_properties', { name: 'instance_name', value: host.split('.')[0], type: 'string' })

    const parameters = { query: '', header: '' }
    if (options.pluginActive) {
        parameters.header = insert('sys_token_auth_parameter', { parameter_name: 'x-sn-apikey', type: 'auth_header' }) // E11
        // E12: the query-parameter variant exists; its stored type value is unknown (switch queryParamType).
        parameters.query = insert('sys_token_auth_parameter', { parameter_name: 'x-sn-apikey', type: options.platform.queryParamType })
    }
    // E13 (S3): the built-in Basic profile's real name. Its type value `basic_auth` is not confirmed by a read (unknown).
    insert('std_http_auth', { name: BUILT_IN_BASIC_PROFILE, type: 'basic_auth', active: 'true' })

    const tableApi = insert('sys_ws_definition', { name: 'Table API', base_uri: '/api/now/table', namespace: 'now', service_id: 'table' })
    loadTablePolicies(instance, options, tableApi)
    if (options.emApp) {
        const shipped = options.platform.emPolicyShipped !== 'absent'
        // E44 (S10): API-key support for push connectors arrived in 2.12.0; whether a version ships a policy is unknown.
        insert('sys_scope', { name: 'Event Management Connectors', scope: 'sn_em_connector', version: emConnectorVersion(options.platform.emPolicyShipped), active: 'true' })
        const emApi = insert('sys_ws_definition', { name: 'Event Management Inbound', base_uri: '/api/sn_em_connector/em', namespace: 'sn_em_connector', service_id: 'em' })
        const aws = insert('sn_em_connector_listener', {
            name: 'AWS Events Push Connector', source: AWS_LISTENER_SOURCE, event_source_label: AWS_EVENT_SOURCE_LABEL, type: '1', active: 'true',
            order: '100', header_name: 'x-amz-sns-message-type', header_value: 'Notification',
        }) // E33, E34, E36
        insert('sn_em_connector_push_instance', { name: 'AWS CloudWatch via SNS', description: 'AWS SNS alarms', push_connector_definition: aws, active: 'true' }) // E32
        if (shipped && options.pluginActive) loadShippedEmPolicy(instance, emApi, parameters, options.platform.emPolicyShipped === 'query_and_header')
    }
}

export function loadFixture(instance: Instance, options: FixtureOptions = {}): void {
    const resolved: ResolvedFixture = {
        emApp: options.emApp !== false,
        pluginActive: options.pluginActive !== false,
        appTables: options.appTables || APP_TABLES,
        platform: resolveSwitches(options.platform),
    }
    instance.switches = resolved.platform
    instance.tokenAccess.client = resolved.platform.tokenClient === 'no_token' ? 'no-token' : 'works'
    instance.tokenAccess.decrypt = resolved.platform.tokenDecrypt
    // Records the platform ships are created by 'system'.
    instance.session.userName = 'system'
    instance.plugins.set(TOKEN_AUTH_PLUGIN, resolved.pluginActive)
    for (const plugin of SUPPORT_PLUGINS) instance.plugins.set(plugin, true)
    instance.plugins.set(EXPLICIT_ROLES_PLUGIN, resolved.platform.explicitRoles === 'installed')
    defineTables(instance, resolved)
    loadRecords(instance, resolved)
    instance.tableRoles.set('api_key', ['api_service_admin'])
    instance.tableRoles.set('sys_properties', ['admin'])
    instance.tableRoles.set('sys_user', ['itil'])
    // assumption: em_event is readable with an Event Management role (admin always passes); canRead() follows this.
    instance.tableRoles.set('em_event', ['evt_mgmt_admin', 'evt_mgmt_operator', 'evt_mgmt_user'])
    registerDefaultResources(instance, { emApp: resolved.emApp })
    instance.setSessionUser(DEFAULT_SESSION_USER)
}
