import '@servicenow/sdk/global'
import { Record } from '@servicenow/sdk/core'
import { PLATFORM, SHIPPED } from '../../server/core/app-names'
import { headerProfile, queryParameterProfile } from './inbound-auth-profiles.now'

// REST API access policy for the Event Management inbound API. Never Global: token auth is not allowed in a
// Global policy (configure-api-key.md). The `api` reference (the sys_ws_definition behind sn_em_connector/em) is
// instance-specific, so the policy ships inactive and Repair fills `api` and activates it after confirmation,
// because an active mapped policy restricts the API to its mapped profiles (platform-model.md, rule 3).
// All access records load on first install only, so an app upgrade never resets what Repair set up.
export const emInboundPolicy = Record({
    $id: Now.ID['em-inbound-access-policy'],
    $meta: { installMethod: 'first install' },
    table: 'sys_api_access_policy',
    data: {
        name: SHIPPED.emPolicy,
        active: false,
        api_path: PLATFORM.emApiPath,
        apply_global: false,
        apply_all_methods: true,
        apply_all_resources: true,
        apply_all_versions: true,
        all_authn_scheme_authenticate_header: false,
    },
})

Record({
    $id: Now.ID['em-policy-maps-query-profile'],
    $meta: { installMethod: 'first install' },
    table: 'sys_auth_profile_mapping',
    data: { api_access_policy: emInboundPolicy, inbound_auth_profile: queryParameterProfile },
})

Record({
    $id: Now.ID['em-policy-maps-header-profile'],
    $meta: { installMethod: 'first install' },
    table: 'sys_auth_profile_mapping',
    data: { api_access_policy: emInboundPolicy, inbound_auth_profile: headerProfile },
})
