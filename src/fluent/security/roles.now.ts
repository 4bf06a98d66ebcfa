import '@servicenow/sdk/global'
import { Role } from '@servicenow/sdk/core'
import { ROLE } from '../../server/core/app-names'

// The only role that may generate, rotate or revoke keys and run Repair. Server code re-checks it on every entry point.
export const appAdminRole = Role({
    name: ROLE.admin,
    description:
        'AWS SNS Event API Keys administrator: generates, rotates and revokes API keys for AWS SNS endpoints and runs setup Repair.',
    assignableBy: 'admin',
    canDelegate: false,
})

// Read-only access to endpoints, issued-key metadata and the audit trail. Never sees a token.
export const auditorRole = Role({
    name: ROLE.auditor,
    description: 'AWS SNS Event API Keys auditor: read-only access to endpoints, key metadata and the audit trail.',
    assignableBy: 'admin',
    canDelegate: false,
})
