// What a fresh instance holds: the platform records behind API-key authentication and Event Management, with
// the table and field names of platform-model.md. Every sys_id is generated at load time; code under test must
// find these records by query. Columns marked "unknown" in platform-model.md are named here as guesses.
import { EM_INTEGRATION_ROLE, registerDefaultResources } from './inbound-resources.ts'
import type { Instance } from './instance.ts'
import type { ColumnInput } from './schema.ts'

/** The app's own tables; their schema is the app's, so they are open (any field). */
export const APP_TABLES = ['x_em_aws_apikey_endpoint', 'x_em_aws_apikey_audit']

export const TOKEN_AUTH_PLUGIN = 'com.glide.tokenbased_auth'
/** Plugins com.glide.tokenbased_auth depends on (platform-model.md, "Plugin and release"). */
export const SUPPORT_PLUGINS = ['com.glide.rest.policy', 'com.glide.auth.scope', 'com.glide.rest.auth.scope']

export const FIXTURE_ROLES = ['admin', EM_INTEGRATION_ROLE, 'itil', 'api_service_admin', 'x_em_aws_apikey.admin', 'x_em_aws_apikey.auditor']

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
    { userName: 'em.auditor', firstName: 'EM', lastName: 'Auditor', password: 'EmAuditor-Fixture-Pw1', roles: ['x_em_aws_apikey.auditor'] },
    { userName: 'plain.user', firstName: 'Plain', lastName: 'User', password: 'PlainUser-Fixture-Pw1', roles: [] },
]

export const DEFAULT_SESSION_USER = 'em.app.admin'

export interface FixtureOptions {
    /** Event Management Connectors installed (default true). */
    emApp?: boolean
    /** com.glide.tokenbased_auth active (default true). When false, api_key, http_key_auth and sys_token_auth_parameter do not exist. */
    pluginActive?: boolean
    /** The built-in Table GET/POST API access policies are active (default true; sources disagree, platform-model.md rule 5). */
    tablePoliciesActive?: boolean
    appTables?: string[]
}

const bool = (def?: boolean): ColumnInput => (def === undefined ? 'boolean' : { type: 'boolean', default: String(def) })
const ref = (table: string): ColumnInput => ({ type: 'reference', reference: table })

function defineTables(instance: Instance, options: Required<FixtureOptions>): void {
    const define = instance.defineTable.bind(instance)
    define('sys_db_object', { columns: { name: 'string', label: 'string', super_class: ref('sys_db_object') } })
    define('sys_dictionary', { columns: { name: 'string', element: 'string', internal_type: 'string', reference: 'string' }, displayField: 'element' })
    instance.db.catalog('sys_db_object')
    define('sys_properties', { columns: { name: 'string', value: 'string', description: 'string', type: 'string' } })
    define('sys_scope', { columns: { name: 'string', scope: 'string', version: 'string', active: bool(true) } })
    define('sys_user', {
        columns: {
            user_name: 'string', first_name: 'string', last_name: 'string', name: 'string', email: 'string',
            active: bool(true), locked_out: bool(false), web_service_access_only: bool(false), internal_integration_user: bool(false),
        },
        displayField: 'name',
    })
    define('sys_user_role', { columns: { name: 'string', description: 'string' } })
    define('sys_user_has_role', { columns: { user: ref('sys_user'), role: ref('sys_user_role'), inherited: bool(false), state: { type: 'choice', default: 'active' } } })
    define('sys_auth_scope', { columns: { name: 'string', description: 'string' } })
    define('inbound_auth_profile', { columns: { name: 'string', description: 'string', active: bool(true), auth_processor: 'string' } })
    define('std_http_auth', { extends: 'inbound_auth_profile', columns: { type: 'choice' } })
    if (options.pluginActive) {
        define('sys_token_auth_parameter', { columns: { parameter_name: 'string', type: 'choice' }, displayField: 'parameter_name' })
        define('http_key_auth', { extends: 'inbound_auth_profile', columns: { auth_parameter: ref('sys_token_auth_parameter') } })
        define('api_key', {
            columns: {
                name: 'string', description: 'string', active: 'boolean', user: ref('sys_user'), expires: 'glide_date_time',
                token: 'password2',
                // The Auth Scope column name is unknown (platform-model.md); `auth_scope` is this double's guess.
                auth_scope: { type: 'glide_list', reference: 'sys_auth_scope' },
            },
        })
    }
    define('sys_ws_definition', { columns: { name: 'string', base_uri: 'string', namespace: 'string', service_id: 'string', active: bool(true) } })
    define('sys_api_access_policy', {
        columns: {
            name: 'string', active: bool(true),
            // The stored format of `api` is unknown (platform-model.md); the double stores the sys_ws_definition sys_id.
            api: 'string', api_path: 'string', http_method: 'choice', version: 'string', api_resource: 'string', api_tablename: 'string',
            apply_global: bool(false), apply_all: bool(false), apply_all_methods: bool(false), apply_all_resources: bool(false),
            apply_all_versions: bool(false), apply_all_tables: bool(false), all_authn_scheme_authenticate_header: bool(false),
        },
    })
    define('sys_auth_profile_mapping', { columns: { api_access_policy: ref('sys_api_access_policy'), inbound_auth_profile: ref('inbound_auth_profile') } })
    if (options.emApp) {
        define('sn_em_connector_listener', {
            columns: { name: 'string', source: 'string', header_name: 'string', header_value: 'string', type: 'choice', active: bool(true), order: 'integer', script: 'string' },
        })
        define('sn_em_connector_push_instance', {
            columns: { name: 'string', description: 'string', push_connector_definition: ref('sn_em_connector_listener'), active: bool(true), url: 'string' },
        })
    }
    define('em_event', {
        columns: {
            source: 'string', node: 'string', type: 'string', resource: 'string', metric_name: 'string', description: 'string',
            severity: 'choice', message_key: 'string', additional_info: 'string', time_of_event: 'glide_date_time', state: 'choice', event_class: 'string',
        },
    })
    for (const table of options.appTables) define(table)
}

function loadRecords(instance: Instance, options: Required<FixtureOptions>): void {
    const insert = instance.insertRow.bind(instance)
    for (const name of FIXTURE_ROLES) insert('sys_user_role', { name })
    for (const u of FIXTURE_USERS) {
        instance.createUser(u.userName, {
            password: u.password, roles: u.roles,
            fields: { first_name: u.firstName, last_name: u.lastName, name: `${u.firstName} ${u.lastName}`, email: `${u.userName}@example.com` },
        })
    }
    const useraccount = insert('sys_auth_scope', { name: 'useraccount', description: 'Full access to the user account' })
    const host = new URL(instance.baseUrl).hostname
    insert('sys_properties', { name: 'glide.oauth.token.scope.useraccount', value: useraccount, type: 'string' })
    insert('sys_properties', { name: 'glide.servlet.uri', value: `${instance.baseUrl}/`, type: 'string' })
    insert('sys_properties', { name: 'instance_name', value: host.split('.')[0], type: 'string' })

    if (options.pluginActive) {
        insert('sys_token_auth_parameter', { parameter_name: 'x-sn-apikey', type: 'auth_header' })
        // The query-parameter variant's type value is unknown (platform-model.md); apps must find it as type!=auth_header.
        insert('sys_token_auth_parameter', { parameter_name: 'x-sn-apikey', type: 'query_param' })
    }
    insert('std_http_auth', { name: 'BasicAuth', type: 'basic_auth', active: 'true' })

    const tableApi = insert('sys_ws_definition', { name: 'Table API', base_uri: '/api/now/table', namespace: 'now', service_id: 'table' })
    for (const method of ['GET', 'POST']) {
        insert('sys_api_access_policy', {
            name: `Table ${method} API Access Policy`, active: String(options.tablePoliciesActive), api: tableApi, api_path: 'now/table',
            http_method: method, apply_all_resources: 'true', apply_all_versions: 'true', apply_all_tables: 'true',
        })
    }
    if (options.emApp) {
        insert('sys_scope', { name: 'Event Management Connectors', scope: 'sn_em_connector', version: '2.5.0', active: 'true' })
        insert('sys_ws_definition', { name: 'Event Management Inbound', base_uri: '/api/sn_em_connector/em', namespace: 'sn_em_connector', service_id: 'em' })
        const aws = insert('sn_em_connector_listener', {
            name: 'AWS', source: 'AWS', type: '1', active: 'true', order: '100', header_name: 'x-amz-sns-message-type', header_value: 'Notification',
        })
        insert('sn_em_connector_push_instance', { name: 'AWS CloudWatch via SNS', description: 'AWS SNS alarms', push_connector_definition: aws, active: 'true' })
    }
}

export function loadFixture(instance: Instance, options: FixtureOptions = {}): void {
    const resolved: Required<FixtureOptions> = {
        emApp: options.emApp !== false,
        pluginActive: options.pluginActive !== false,
        tablePoliciesActive: options.tablePoliciesActive !== false,
        appTables: options.appTables || APP_TABLES,
    }
    // Records the platform ships are created by 'system'.
    instance.session.userName = 'system'
    instance.plugins.set(TOKEN_AUTH_PLUGIN, resolved.pluginActive)
    for (const plugin of SUPPORT_PLUGINS) instance.plugins.set(plugin, true)
    defineTables(instance, resolved)
    loadRecords(instance, resolved)
    instance.tableRoles.set('api_key', ['api_service_admin'])
    instance.tableRoles.set('sys_properties', ['admin'])
    instance.tableRoles.set('sys_user', ['itil'])
    registerDefaultResources(instance, { emApp: resolved.emApp })
    instance.setSessionUser(DEFAULT_SESSION_USER)
}
