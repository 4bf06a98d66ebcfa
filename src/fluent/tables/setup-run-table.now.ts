import '@servicenow/sdk/global'
import { ChoiceColumn, IntegerColumn, StringColumn, Table } from '@servicenow/sdk/core'

// One row per setup check or Repair run, with the per-link report, so an admin can read and compare runs.
export const x_em_aws_apikey_setup_run = Table({
    name: 'x_em_aws_apikey_setup_run',
    label: 'Setup Check Run',
    display: 'summary',
    accessibleFrom: 'package_private',
    schema: {
        kind: ChoiceColumn({
            label: 'Kind',
            maxLength: 40,
            dropdown: 'dropdown_without_none',
            choices: {
                check: 'Setup check', repair: 'Repair', repair_confirmed: 'Repair with API restrictions', undo_repair: 'Undo Repair', facts_export: 'Instance facts export',
            },
        }),
        summary: StringColumn({ label: 'Summary', maxLength: 200 }),
        passed: IntegerColumn({ label: 'Links passed' }),
        failed: IntegerColumn({ label: 'Links failed' }),
        warnings: IntegerColumn({ label: 'Warnings' }),
        report: StringColumn({ label: 'Report', maxLength: 8000 }),
        changes: StringColumn({ label: 'Changes made', maxLength: 8000 }),
        // E2: what Repair read back after writing the EM policy's REST API field; later runs stop re-writing it.
        policy_api_write: ChoiceColumn({
            label: 'Policy REST API write',
            maxLength: 40,
            choices: { stored: 'Stored as written', ignored: 'Ignored by the instance' },
        }),
        // "Export instance facts": the scrubbed JSON an admin copies into a bug report (export-instance-facts.ts).
        instance_facts: StringColumn({ label: 'Instance facts (JSON)', maxLength: 65000, readOnly: true }),
    },
})
