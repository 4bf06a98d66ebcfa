import '@servicenow/sdk/global'
import { Property } from '@servicenow/sdk/core'
import { PROPERTY, ROLE } from '../server/core/app-names'

// Admin-tunable settings. Server code reads and validates them (src/server/core/app-config.ts); a bad value
// stops the action with a message that names the property.
const access = { read: [ROLE.admin, ROLE.auditor], write: [ROLE.admin] }

Property({
    $id: Now.ID['property-key-lifetime-days'],
    name: PROPERTY.keyLifetimeDays,
    type: 'integer',
    value: 90,
    description: 'Lifetime of a newly issued API key, in days (1-3650). The key expires after this many days.',
    roles: access,
})

Property({
    $id: Now.ID['property-expiry-warning-days'],
    name: PROPERTY.expiryWarningDays,
    type: 'integer',
    value: 14,
    description: 'Days before expiry at which an endpoint moves to "Expiring" and app admins are notified.',
    roles: access,
})

Property({
    $id: Now.ID['property-default-source'],
    name: PROPERTY.defaultSource,
    type: 'string',
    value: 'AWS',
    description: 'Default value of the source query parameter of a new AWS SNS endpoint (1-100 characters).',
    roles: access,
})

Property({
    $id: Now.ID['property-instance-base-url'],
    name: PROPERTY.instanceBaseUrl,
    type: 'string',
    value: '',
    description:
        'Base URL that AWS SNS must call, for custom domains (https://host, no path). Empty: the instance URL (glide.servlet.uri).',
    roles: access,
})

Property({
    $id: Now.ID['property-integration-user'],
    name: PROPERTY.integrationUser,
    type: 'string',
    value: 'aws.sns.integration',
    description:
        'User name of the web-service-only integration user that owns the API keys. It must hold evt_mgmt_integration and no other role.',
    roles: access,
})

Property({
    $id: Now.ID['property-keep-basic-auth-mapped'],
    name: PROPERTY.keepBasicAuthMapped,
    type: 'boolean',
    value: true,
    description:
        'Map the Basic auth profile to the Event Management inbound policy too, so existing Basic-auth senders keep working once the policy restricts the API.',
    roles: access,
})

Property({
    $id: Now.ID['property-rotation-grace-days'],
    name: PROPERTY.rotationGraceDays,
    type: 'integer',
    value: 7,
    description: 'Days the previous key stays active after a rotation, so the new SNS subscription can be confirmed first.',
    roles: access,
})

Property({
    $id: Now.ID['property-no-data-hours'],
    name: PROPERTY.noDataHours,
    type: 'integer',
    value: 24,
    description: 'An active endpoint whose source sent no event for this many hours is marked "No data".',
    roles: access,
})
