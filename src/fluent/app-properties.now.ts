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
    name: PROPERTY.sourceOverride,
    type: 'string',
    value: '',
    description:
        "Leave empty: the endpoint uses the push connector definition's own source (URL parameter value), byte for byte, and 'aws' if the definition has none. Set it only to force another source value (1-100 characters).",
    roles: access,
})

Property({
    $id: Now.ID['property-aws-connector-definitions'],
    name: PROPERTY.awsConnectorDefinitions,
    type: 'string',
    value: '',
    description:
        "Comma-separated sys_ids of custom push connector definitions that parse AWS SNS CloudWatch alarms. Definitions whose source is 'aws' are recognised without this.",
    roles: access,
})

Property({
    $id: Now.ID['property-map-table-api-policies'],
    name: PROPERTY.mapTableApiPolicies,
    type: 'boolean',
    value: false,
    description:
        'Opt-in. When true, Repair offers to map the API-key header profile (and Basic, if keep_basic_auth_mapped) to the built-in Table GET/POST API Access Policies, for the Table API check of sn-aws-verify. This widens API-key access to those tables and, on a policy with no mapping yet, locks other schemes out; it is applied only with "Repair and apply API restrictions".',
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
        'Map the Basic auth profile to the API policies the app restricts (the Event Management inbound policy, and the Table API policies when that opt-in is on), so existing Basic-auth senders keep working.',
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

Property({
    $id: Now.ID['property-atf-connector'],
    name: PROPERTY.atfConnector,
    type: 'string',
    value: '',
    description:
        'sys_id of the AWS push connector instance the ATF suite generates, probes and revokes a key on. Empty: the first active push connector instance whose definition has source aws. The suite never creates a connector instance (another application\'s table).',
    roles: access,
})
