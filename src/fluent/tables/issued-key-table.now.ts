import '@servicenow/sdk/global'
import { ChoiceColumn, DateTimeColumn, ReferenceColumn, StringColumn, Table } from '@servicenow/sdk/core'

// Metadata of every key the app issued: never the token. api_key itself is a global table we do not own,
// and the platform's cleanup job deletes expired keys, so this row outlives the key record.
export const x_em_aws_apikey_issued_key = Table({
    name: 'x_em_aws_apikey_issued_key',
    label: 'Issued API Key',
    display: 'key_name',
    audit: true,
    accessibleFrom: 'package_private',
    schema: {
        endpoint: ReferenceColumn({ label: 'Endpoint', referenceTable: 'x_em_aws_apikey_endpoint', readOnly: true }),
        api_key_sys_id: StringColumn({ label: 'API key sys_id', maxLength: 32, readOnly: true }),
        key_name: StringColumn({ label: 'API key name', maxLength: 100, readOnly: true }),
        integration_user: ReferenceColumn({ label: 'Integration user', referenceTable: 'sys_user', readOnly: true }),
        expires: DateTimeColumn({ label: 'Expires', readOnly: true }),
        retire_at: DateTimeColumn({ label: 'Deactivate at (rotation grace)', readOnly: true }),
        state: ChoiceColumn({
            label: 'State',
            maxLength: 40,
            dropdown: 'dropdown_without_none',
            default: 'active',
            readOnly: true,
            choices: {
                active: { label: 'Active', sequence: 0 },
                retiring: { label: 'Retiring (rotation grace)', sequence: 1 },
                revoked: { label: 'Revoked', sequence: 2 },
                expired: { label: 'Expired', sequence: 3 },
                missing: { label: 'Key record gone', sequence: 4 },
            },
        }),
        token_strategy: StringColumn({ label: 'Token strategy', maxLength: 40, readOnly: true }),
    },
})
