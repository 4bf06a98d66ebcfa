import '@servicenow/sdk/global'
import { Acl } from '@servicenow/sdk/core'
import { appAdminRole, auditorRole } from './roles.now'

// Record ACLs on every app table. Both app roles read; only the app admin creates, edits or deletes endpoints.
// Issued keys, the audit trail and setup runs are written only by the app's server code (which checks the admin
// role itself), so no create/write/delete ACL is granted on them: the audit trail stays append-only in the UI.

Acl({
    $id: Now.ID['acl-endpoint-read'],
    type: 'record',
    table: 'x_em_aws_apikey_endpoint',
    operation: 'read',
    roles: [appAdminRole, auditorRole],
    adminOverrides: true,
    description: 'read x_em_aws_apikey_endpoint: app admin or auditor.',
})

Acl({
    $id: Now.ID['acl-endpoint-create'],
    type: 'record',
    table: 'x_em_aws_apikey_endpoint',
    operation: 'create',
    roles: [appAdminRole],
    adminOverrides: true,
    description: 'create x_em_aws_apikey_endpoint: app admin only.',
})

Acl({
    $id: Now.ID['acl-endpoint-write'],
    type: 'record',
    table: 'x_em_aws_apikey_endpoint',
    operation: 'write',
    roles: [appAdminRole],
    adminOverrides: true,
    description: 'write x_em_aws_apikey_endpoint: app admin only.',
})

Acl({
    $id: Now.ID['acl-endpoint-delete'],
    type: 'record',
    table: 'x_em_aws_apikey_endpoint',
    operation: 'delete',
    roles: [appAdminRole],
    adminOverrides: true,
    description: 'delete x_em_aws_apikey_endpoint: app admin only.',
})

Acl({
    $id: Now.ID['acl-issued-key-read'],
    type: 'record',
    table: 'x_em_aws_apikey_issued_key',
    operation: 'read',
    roles: [appAdminRole, auditorRole],
    adminOverrides: true,
    description: 'read x_em_aws_apikey_issued_key: app admin or auditor.',
})

Acl({
    $id: Now.ID['acl-audit-read'],
    type: 'record',
    table: 'x_em_aws_apikey_audit',
    operation: 'read',
    roles: [appAdminRole, auditorRole],
    adminOverrides: true,
    description: 'read x_em_aws_apikey_audit: app admin or auditor.',
})

Acl({
    $id: Now.ID['acl-setup-run-read'],
    type: 'record',
    table: 'x_em_aws_apikey_setup_run',
    operation: 'read',
    roles: [appAdminRole, auditorRole],
    adminOverrides: true,
    description: 'read x_em_aws_apikey_setup_run: app admin or auditor.',
})

Acl({
    $id: Now.ID['acl-repair-change-read'],
    type: 'record',
    table: 'x_em_aws_apikey_repair_change',
    operation: 'read',
    roles: [appAdminRole, auditorRole],
    adminOverrides: true,
    description: 'read x_em_aws_apikey_repair_change: app admin or auditor.',
})

// Heartbeats are learned and updated only by the heartbeat job (server code): read for both app roles, no writes.
Acl({
    $id: Now.ID['acl-heartbeat-read'],
    type: 'record',
    table: 'x_em_aws_apikey_heartbeat',
    operation: 'read',
    roles: [appAdminRole, auditorRole],
    adminOverrides: true,
    description: 'read x_em_aws_apikey_heartbeat: app admin or auditor.',
})
