// Names shared by the shipped Fluent records and the server code that finds them on the instance.
// Our own records are found by name within our scope; platform records are found by query, never by sys_id.

export const APP_SCOPE = 'x_em_aws_apikey'
// Must equal now.config.json scopeId (asserted by a build-artifact test).
export const APP_SCOPE_ID = '25e5ec9505a24169a9a01838b30bf8e4'

export const ROLE = {
    admin: 'x_em_aws_apikey.admin',
    auditor: 'x_em_aws_apikey.auditor',
} as const

export const TABLE = {
    endpoint: 'x_em_aws_apikey_endpoint',
    issuedKey: 'x_em_aws_apikey_issued_key',
    audit: 'x_em_aws_apikey_audit',
    setupRun: 'x_em_aws_apikey_setup_run',
} as const

export const PROPERTY = {
    keyLifetimeDays: 'x_em_aws_apikey.key_lifetime_days',
    expiryWarningDays: 'x_em_aws_apikey.expiry_warning_days',
    defaultSource: 'x_em_aws_apikey.default_source',
    instanceBaseUrl: 'x_em_aws_apikey.instance_base_url',
    integrationUser: 'x_em_aws_apikey.integration_user',
    keepBasicAuthMapped: 'x_em_aws_apikey.keep_basic_auth_mapped',
    rotationGraceDays: 'x_em_aws_apikey.rotation_grace_days',
    noDataHours: 'x_em_aws_apikey.no_data_hours',
} as const

// Records this app ships into platform tables (sys_scope = APP_SCOPE_ID).
export const SHIPPED = {
    queryProfile: 'AWS SNS Event API Keys - API key in query parameter',
    headerProfile: 'AWS SNS Event API Keys - API key in header',
    emPolicy: 'AWS SNS Event API Keys - Event Management inbound API',
} as const

// Platform facts (platform-model.md).
export const PLATFORM = {
    tokenAuthPlugin: 'com.glide.tokenbased_auth',
    emAppScope: 'sn_em_connector',
    emApiBaseUri: '/api/sn_em_connector/em',
    emApiPath: 'sn_em_connector/em',
    emInboundPath: '/api/sn_em_connector/em/inbound_event',
    apiKeyParameterName: 'x-sn-apikey',
    headerParameterType: 'auth_header',
    basicAuthType: 'basic_auth',
    tablePolicyNames: ['Table GET API Access Policy', 'Table POST API Access Policy'],
    useraccountScopeName: 'useraccount',
    useraccountScopeProperty: 'glide.oauth.token.scope.useraccount',
    integrationRole: 'evt_mgmt_integration',
    pushConnectorInstanceTable: 'sn_em_connector_push_instance',
} as const
