import '@servicenow/sdk/global'
import { BooleanColumn, ChoiceColumn, IntegerColumn, ReferenceColumn, StringColumn, Table } from '@servicenow/sdk/core'

// One row per change Repair really applied (a run that failed and was rolled back records none), so "Undo Repair"
// can reverse them newest first. Values are those of access-policy, profile, mapping, user and role records: never a
// token. Written only by the app's server code.
export const x_em_aws_apikey_repair_change = Table({
    name: 'x_em_aws_apikey_repair_change',
    label: 'Repair Change',
    display: 'target_table',
    accessibleFrom: 'package_private',
    schema: {
        run: ReferenceColumn({ label: 'Repair run', referenceTable: 'x_em_aws_apikey_setup_run' }),
        target_table: StringColumn({ label: 'Table', maxLength: 80 }),
        target_sys_id: StringColumn({ label: 'Record sys_id', maxLength: 32 }),
        operation: ChoiceColumn({
            label: 'Operation',
            maxLength: 40,
            dropdown: 'dropdown_without_none',
            choices: { create: 'Created', update: 'Updated' },
        }),
        // JSON: the values before Repair's write (update only), and the values the record held right after it.
        previous_values: StringColumn({ label: 'Previous values (JSON)', maxLength: 4000 }),
        written_values: StringColumn({ label: 'Values after Repair (JSON)', maxLength: 4000 }),
        // JSON: fields the instance ignored when Repair wrote them (E2), with the value Repair asked the admin to set.
        asked_values: StringColumn({ label: 'Values asked of the admin (JSON)', maxLength: 4000 }),
        description: StringColumn({ label: 'Change', maxLength: 1000 }),
        // Increases across runs: Undo reverses the highest first.
        order: IntegerColumn({ label: 'Order' }),
        undone: BooleanColumn({ label: 'Undone', default: false }),
        undo_result: ChoiceColumn({
            label: 'Undo result',
            maxLength: 40,
            choices: {
                reverted: 'Reverted',
                already_reverted: 'Already as before Repair',
                kept_changed: 'Kept: changed after Repair',
            },
        }),
    },
})
