import '@servicenow/sdk/global'
import { ChoiceColumn, ReferenceColumn, StringColumn, Table } from '@servicenow/sdk/core'

// Append-only audit trail: who did what, when (sys_created_on), to which endpoint, with which outcome. Never a token.
export const x_em_aws_apikey_audit = Table({
    name: 'x_em_aws_apikey_audit',
    label: 'AWS SNS Key Audit',
    display: 'action',
    accessibleFrom: 'package_private',
    schema: {
        action: ChoiceColumn({
            label: 'Action',
            maxLength: 40,
            dropdown: 'dropdown_without_none',
            choices: {
                generate: 'Generate',
                rotate: 'Rotate',
                revoke: 'Revoke',
                retire: 'Retire after grace',
                repair: 'Repair',
                undo_repair: 'Undo Repair',
                setup_check: 'Setup check',
                probe: 'Probe',
                expiry: 'Expiry watch',
                manual_step: 'Manual step (write refused)',
                heartbeat: 'Heartbeat watch',
                export_facts: 'Export instance facts',
            },
        }),
        outcome: ChoiceColumn({
            label: 'Outcome',
            maxLength: 40,
            dropdown: 'dropdown_without_none',
            choices: { success: 'Success', failure: 'Failure', denied: 'Denied' },
        }),
        actor: ReferenceColumn({ label: 'Actor', referenceTable: 'sys_user' }),
        endpoint: ReferenceColumn({ label: 'Endpoint', referenceTable: 'x_em_aws_apikey_endpoint' }),
        connector_sys_id: StringColumn({ label: 'Push connector instance sys_id', maxLength: 32 }),
        api_key_sys_id: StringColumn({ label: 'API key sys_id', maxLength: 32 }),
        detail: StringColumn({ label: 'Detail', maxLength: 4000 }),
    },
})
