import '@servicenow/sdk/global'
import { ChoiceColumn, DateTimeColumn, IntegerColumn, ReferenceColumn, StringColumn, Table } from '@servicenow/sdk/core'

// One row per endpoint, AWS account and region that sends heartbeats (src/aws/fleet-stackset.yaml, HeartbeatMinutes):
// learned from its first heartbeat, then watched by the heartbeat job. Written only by the app's server code.
export const x_em_aws_apikey_heartbeat = Table({
    name: 'x_em_aws_apikey_heartbeat',
    label: 'AWS Heartbeat',
    display: 'name',
    accessibleFrom: 'package_private',
    schema: {
        name: StringColumn({ label: 'Name', maxLength: 100, readOnly: true }),
        endpoint: ReferenceColumn({ label: 'Endpoint', referenceTable: 'x_em_aws_apikey_endpoint', readOnly: true }),
        account: StringColumn({ label: 'AWS account', maxLength: 12, readOnly: true }),
        region: StringColumn({ label: 'AWS region', maxLength: 30, readOnly: true }),
        interval_minutes: IntegerColumn({ label: 'Heartbeat every (minutes)', readOnly: true }),
        last_heartbeat_at: DateTimeColumn({ label: 'Last heartbeat', readOnly: true }),
        status: ChoiceColumn({
            label: 'Status',
            maxLength: 40,
            dropdown: 'dropdown_without_none',
            default: 'flowing',
            readOnly: true,
            choices: {
                flowing: { label: 'Flowing', sequence: 0 },
                silent: { label: 'Silent', sequence: 1 },
            },
        }),
        silent_since: DateTimeColumn({ label: 'Silent since', readOnly: true }),
    },
})
