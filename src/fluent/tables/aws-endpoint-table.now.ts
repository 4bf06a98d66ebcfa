import '@servicenow/sdk/global'
import { ChoiceColumn, DateTimeColumn, ReferenceColumn, StringColumn, Table } from '@servicenow/sdk/core'

// One row per AWS SNS endpoint: which connector and source it feeds, which key it uses, and its health.
// The connector is kept as a sys_id string, not a reference: sn_em_connector_push_instance exists only when the
// Event Management Connectors app is installed, and a reference to a missing table would break this table.
export const x_em_aws_apikey_endpoint = Table({
    name: 'x_em_aws_apikey_endpoint',
    label: 'AWS SNS Endpoint',
    display: 'name',
    audit: true,
    accessibleFrom: 'package_private',
    schema: {
        name: StringColumn({ label: 'Name', mandatory: true, maxLength: 100 }),
        connector_sys_id: StringColumn({ label: 'Push connector instance sys_id', maxLength: 32 }),
        connector_name: StringColumn({ label: 'Push connector instance', maxLength: 100, readOnly: true }),
        // E36: the push connector definition's URL parameter value, written by Generate byte for byte.
        source: StringColumn({ label: 'Source', maxLength: 100, readOnly: true }),
        // E37: the em_event.source values the connector may write (URL source, event_source_label), one a line,
        // until the first event shows which one it is.
        event_sources: StringColumn({ label: 'Expected event sources', maxLength: 400, readOnly: true }),
        learned_event_source: StringColumn({ label: 'Event source seen', maxLength: 100, readOnly: true }),
        // Feeds the aws sns subscribe line and CloudFormation snippet of the reveal; checked by topic-arn.ts when used.
        topic_arn: StringColumn({
            label: 'Topic ARN',
            maxLength: 320,
            hint: 'ARN of the standard SNS topic that delivers the alarms, arn:aws:sns:<region>:<account>:<topic>',
        }),
        integration_user: ReferenceColumn({ label: 'Integration user', referenceTable: 'sys_user', readOnly: true }),
        api_key_sys_id: StringColumn({ label: 'Current API key sys_id', maxLength: 32, readOnly: true }),
        key_name: StringColumn({ label: 'Current API key name', maxLength: 100, readOnly: true }),
        expires: DateTimeColumn({ label: 'Key expires', readOnly: true }),
        status: ChoiceColumn({
            label: 'Status',
            maxLength: 40,
            dropdown: 'dropdown_without_none',
            default: 'new',
            readOnly: true,
            choices: {
                new: { label: 'New (no key yet)', sequence: 0 },
                active: { label: 'Active', sequence: 1 },
                expiring: { label: 'Expiring', sequence: 2 },
                expired: { label: 'Expired', sequence: 3 },
                revoked: { label: 'Revoked', sequence: 4 },
                no_data: { label: 'No data', sequence: 5 },
                failing: { label: 'Failing probe', sequence: 6 },
            },
        }),
        last_verified: DateTimeColumn({ label: 'Last verified', readOnly: true }),
        last_probe_at: DateTimeColumn({ label: 'Last probe', readOnly: true }),
        last_probe_result: StringColumn({ label: 'Last probe result', maxLength: 1000, readOnly: true }),
        token_strategy: StringColumn({ label: 'Token strategy that worked', maxLength: 40, readOnly: true }),
    },
})
