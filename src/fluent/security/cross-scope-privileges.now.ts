import '@servicenow/sdk/global'
import { CrossScopePrivilege } from '@servicenow/sdk/core'

// Every table outside our scope that the server code reads or writes, declared so that the runtime access
// check passes without admin prompts. Each line says why the app needs it. The create/write/delete lines are exactly
// the writes the door (src/server/core/records.ts) makes: test/instance/cross-scope-privileges.test.ts derives them.
// E55: a table's Application Access can still refuse one; the flow then hands the admin one manual step.

// sys_user read: integration user: Repair finds and creates it; delete only to undo a half-done Repair
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_user-read'],
    operation: 'read',
    status: 'allowed',
    targetName: 'sys_user',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sys_user create: integration user: Repair finds and creates it; delete only to undo a half-done Repair
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_user-create'],
    operation: 'create',
    status: 'allowed',
    targetName: 'sys_user',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sys_user delete: integration user: Repair finds and creates it; delete only to undo a half-done Repair
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_user-delete'],
    operation: 'delete',
    status: 'allowed',
    targetName: 'sys_user',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sys_user_role read: role lookup by name
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_user_role-read'],
    operation: 'read',
    status: 'allowed',
    targetName: 'sys_user_role',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sys_user_role_contains read: the roles evt_mgmt_integration contains are not extra roles (least privilege)
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_user_role_contains-read'],
    operation: 'read',
    status: 'allowed',
    targetName: 'sys_user_role_contains',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sys_user_has_role read: Repair grants evt_mgmt_integration to the integration user; delete only to undo a half-done Repair
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_user_has_role-read'],
    operation: 'read',
    status: 'allowed',
    targetName: 'sys_user_has_role',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sys_user_has_role create: Repair grants evt_mgmt_integration to the integration user; delete only to undo a half-done Repair
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_user_has_role-create'],
    operation: 'create',
    status: 'allowed',
    targetName: 'sys_user_has_role',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sys_user_has_role delete: Repair grants evt_mgmt_integration to the integration user; delete only to undo a half-done Repair
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_user_has_role-delete'],
    operation: 'delete',
    status: 'allowed',
    targetName: 'sys_user_has_role',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sys_scope read: Event Management Connectors app presence and version
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_scope-read'],
    operation: 'read',
    status: 'allowed',
    targetName: 'sys_scope',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sys_properties read: glide.oauth.token.scope.useraccount
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_properties-read'],
    operation: 'read',
    status: 'allowed',
    targetName: 'sys_properties',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sys_token_auth_parameter read: x-sn-apikey header and query-parameter auth parameters
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_token_auth_parameter-read'],
    operation: 'read',
    status: 'allowed',
    targetName: 'sys_token_auth_parameter',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// inbound_auth_profile read: profiles mapped to a policy
CrossScopePrivilege({
    $id: Now.ID['xsp-inbound_auth_profile-read'],
    operation: 'read',
    status: 'allowed',
    targetName: 'inbound_auth_profile',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// http_key_auth read: our API-key profiles: fill auth_parameter, activate, re-create if deleted
CrossScopePrivilege({
    $id: Now.ID['xsp-http_key_auth-read'],
    operation: 'read',
    status: 'allowed',
    targetName: 'http_key_auth',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// http_key_auth create: our API-key profiles: fill auth_parameter, activate, re-create if deleted
CrossScopePrivilege({
    $id: Now.ID['xsp-http_key_auth-create'],
    operation: 'create',
    status: 'allowed',
    targetName: 'http_key_auth',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// http_key_auth write: our API-key profiles: fill auth_parameter, activate, re-create if deleted
CrossScopePrivilege({
    $id: Now.ID['xsp-http_key_auth-write'],
    operation: 'write',
    status: 'allowed',
    targetName: 'http_key_auth',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// http_key_auth delete: only a profile Repair re-created, when the admin runs Undo Repair
CrossScopePrivilege({
    $id: Now.ID['xsp-http_key_auth-delete'],
    operation: 'delete',
    status: 'allowed',
    targetName: 'http_key_auth',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// std_http_auth read: the Basic auth profile to keep mapped
CrossScopePrivilege({
    $id: Now.ID['xsp-std_http_auth-read'],
    operation: 'read',
    status: 'allowed',
    targetName: 'std_http_auth',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sys_ws_definition read: the REST API behind /api/sn_em_connector/em
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_ws_definition-read'],
    operation: 'read',
    status: 'allowed',
    targetName: 'sys_ws_definition',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sys_api_access_policy read: our EM policy: fill api, activate; read the built-in Table policies
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_api_access_policy-read'],
    operation: 'read',
    status: 'allowed',
    targetName: 'sys_api_access_policy',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sys_api_access_policy create: our EM policy: fill api, activate; read the built-in Table policies
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_api_access_policy-create'],
    operation: 'create',
    status: 'allowed',
    targetName: 'sys_api_access_policy',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sys_api_access_policy write: our EM policy: fill api, activate; read the built-in Table policies
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_api_access_policy-write'],
    operation: 'write',
    status: 'allowed',
    targetName: 'sys_api_access_policy',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sys_api_access_policy delete: only a policy Repair re-created, when the admin runs Undo Repair
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_api_access_policy-delete'],
    operation: 'delete',
    status: 'allowed',
    targetName: 'sys_api_access_policy',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sys_auth_profile_mapping read: additive mappings; delete only our own, to undo a half-done Repair
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_auth_profile_mapping-read'],
    operation: 'read',
    status: 'allowed',
    targetName: 'sys_auth_profile_mapping',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sys_auth_profile_mapping create: additive mappings; delete only our own, to undo a half-done Repair
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_auth_profile_mapping-create'],
    operation: 'create',
    status: 'allowed',
    targetName: 'sys_auth_profile_mapping',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sys_auth_profile_mapping delete: additive mappings; delete only our own, to undo a half-done Repair
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_auth_profile_mapping-delete'],
    operation: 'delete',
    status: 'allowed',
    targetName: 'sys_auth_profile_mapping',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sys_auth_scope read: the useraccount auth scope
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_auth_scope-read'],
    operation: 'read',
    status: 'allowed',
    targetName: 'sys_auth_scope',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// api_key read: issue, revoke and retire REST API keys; delete only to undo a half-done generate
CrossScopePrivilege({
    $id: Now.ID['xsp-api_key-read'],
    operation: 'read',
    status: 'allowed',
    targetName: 'api_key',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// api_key create: issue, revoke and retire REST API keys; delete only to undo a half-done generate
CrossScopePrivilege({
    $id: Now.ID['xsp-api_key-create'],
    operation: 'create',
    status: 'allowed',
    targetName: 'api_key',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// api_key write: issue, revoke and retire REST API keys; delete only to undo a half-done generate
CrossScopePrivilege({
    $id: Now.ID['xsp-api_key-write'],
    operation: 'write',
    status: 'allowed',
    targetName: 'api_key',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// api_key delete: issue, revoke and retire REST API keys; delete only to undo a half-done generate
CrossScopePrivilege({
    $id: Now.ID['xsp-api_key-delete'],
    operation: 'delete',
    status: 'allowed',
    targetName: 'api_key',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sn_em_connector_push_instance read: the push connector instance that receives the SNS messages
CrossScopePrivilege({
    $id: Now.ID['xsp-sn_em_connector_push_instance-read'],
    operation: 'read',
    status: 'allowed',
    targetName: 'sn_em_connector_push_instance',
    targetScope: 'sn_em_connector',
    targetType: 'sys_db_object',
})

// em_event read: last event per source, for the no-data watch
CrossScopePrivilege({
    $id: Now.ID['xsp-em_event-read'],
    operation: 'read',
    status: 'allowed',
    targetName: 'em_event',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sys_dictionary read: the api_key auth-scope column, whose name is unknown, is looked up at run time
CrossScopePrivilege({
    $id: Now.ID['xsp-sys_dictionary-read'],
    operation: 'read',
    status: 'allowed',
    targetName: 'sys_dictionary',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// sn_em_connector_listener read: the push connector definition's name, to refuse a connector that is not AWS
CrossScopePrivilege({
    $id: Now.ID['xsp-sn_em_connector_listener-read'],
    operation: 'read',
    status: 'allowed',
    targetName: 'sn_em_connector_listener',
    targetScope: 'sn_em_connector',
    targetType: 'sys_db_object',
})

// GlidePluginManager: plugin check for com.glide.tokenbased_auth
CrossScopePrivilege({
    $id: Now.ID['xsp-GlidePluginManager-execute'],
    operation: 'execute',
    status: 'allowed',
    targetName: 'GlidePluginManager',
    targetScope: 'global',
    targetType: 'scriptable',
})

// GlideTokenAuthClient: issue a REST API key and read its token once
CrossScopePrivilege({
    $id: Now.ID['xsp-GlideTokenAuthClient-execute'],
    operation: 'execute',
    status: 'allowed',
    targetName: 'GlideTokenAuthClient',
    targetScope: 'global',
    targetType: 'scriptable',
})

// RESTMessageV2: probe the EM inbound API with the new key
CrossScopePrivilege({
    $id: Now.ID['xsp-RESTMessageV2-execute'],
    operation: 'execute',
    status: 'allowed',
    targetName: 'RESTMessageV2',
    targetScope: 'global',
    targetType: 'scriptable',
})
