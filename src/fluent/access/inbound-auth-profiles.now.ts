import '@servicenow/sdk/global'
import { Record } from '@servicenow/sdk/core'
import { SHIPPED } from '../../server/core/app-names'

// API-key inbound authentication profiles (http_key_auth, platform-model.md). They ship inactive and without an
// auth parameter: the x-sn-apikey parameter records have instance-specific sys_ids, so Repair finds them by query,
// fills auth_parameter and activates the profile (see src/server/setup/).

// AWS SNS cannot send headers, so the EM endpoint needs the query-parameter variant.
export const queryParameterProfile = Record({
    $id: Now.ID['inbound-profile-query-parameter'],
    $meta: { installMethod: 'first install' },
    table: 'http_key_auth',
    data: {
        name: SHIPPED.queryProfile,
        active: false,
        description: 'Accepts x-sn-apikey as a URL query parameter (AWS SNS HTTPS subscriptions). Set up by Repair.',
    },
})

// For the Table API check (curl) and for the probe the app runs at key generation.
export const headerProfile = Record({
    $id: Now.ID['inbound-profile-header'],
    $meta: { installMethod: 'first install' },
    table: 'http_key_auth',
    data: {
        name: SHIPPED.headerProfile,
        active: false,
        description: 'Accepts x-sn-apikey as an HTTP header (Table API check, generation probe). Set up by Repair.',
    },
})
