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
    repairChange: 'x_em_aws_apikey_repair_change',
    heartbeat: 'x_em_aws_apikey_heartbeat',
} as const

export const PROPERTY = {
    keyLifetimeDays: 'x_em_aws_apikey.key_lifetime_days',
    expiryWarningDays: 'x_em_aws_apikey.expiry_warning_days',
    sourceOverride: 'x_em_aws_apikey.source_override',
    awsConnectorDefinitions: 'x_em_aws_apikey.aws_connector_definitions',
    mapTableApiPolicies: 'x_em_aws_apikey.map_table_api_policies',
    instanceBaseUrl: 'x_em_aws_apikey.instance_base_url',
    instanceBaseUrlConfirmedHost: 'x_em_aws_apikey.instance_base_url_confirmed_host',
    integrationUser: 'x_em_aws_apikey.integration_user',
    keepBasicAuthMapped: 'x_em_aws_apikey.keep_basic_auth_mapped',
    rotationGraceDays: 'x_em_aws_apikey.rotation_grace_days',
    noDataHours: 'x_em_aws_apikey.no_data_hours',
    atfConnector: 'x_em_aws_apikey.atf_connector',
} as const

// Records this app ships into platform tables (sys_scope = APP_SCOPE_ID).
export const SHIPPED = {
    queryProfile: 'AWS SNS Event API Keys - API key in query parameter',
    headerProfile: 'AWS SNS Event API Keys - API key in header',
    emPolicy: 'AWS SNS Event API Keys - Event Management inbound API',
} as const

// Platform facts; ids refer to ../shared/reference/evidence.md.
export const PLATFORM = {
    tokenAuthPlugin: 'com.glide.tokenbased_auth',
    emAppScope: 'sn_em_connector',
    emApiBaseUri: '/api/sn_em_connector/em',
    emApiPath: 'sn_em_connector/em',
    emInboundPath: '/api/sn_em_connector/em/inbound_event',
    apiKeyParameterName: 'x-sn-apikey',
    headerParameterType: 'auth_header',
    /** E13 (S3): the built-in Basic profile; S3 matched it with nameLIKE (it may carry a trailing space). */
    basicProfileName: 'BasicAuth for none public processors',
    /** E13: not confirmed by a read; used only when no profile has the built-in name. */
    basicAuthType: 'basic_auth',
    tablePolicyNames: ['Table GET API Access Policy', 'Table POST API Access Policy'], // E15
    useraccountScopeName: 'useraccount',
    useraccountScopeProperty: 'glide.oauth.token.scope.useraccount',
    integrationRole: 'evt_mgmt_integration',
    /** Given to every new user by the Explicit Roles plugin; it grants nothing beyond being an internal user. */
    internalRole: 'snc_internal',
    /** Roles that may change instance-wide API access (E49); gs.hasRole is true for admin as well. */
    apiAccessAdminRoles: ['admin', 'api_service_admin'],
    pushConnectorInstanceTable: 'sn_em_connector_push_instance',
    connectorDefinitionTable: 'sn_em_connector_listener', // E33
    /** E36 (S9, S16): the documented URL parameter value of the AWS push connector definition. */
    awsSource: 'aws',
    /** E44 (S10): Event Management Connectors added API-key support for push connectors in 2.12.0. */
    emApiKeySupportVersion: '2.12.0',
} as const
