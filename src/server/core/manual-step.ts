// When the platform refuses one of our writes to another scope's table (E55: the table's Application Access caps
// what any cross-scope privilege grants), the flow stops and hands the admin exactly one manual step: which record,
// which fields, a prefilled form link and what to click afterwards. Pure: no Glide import.
import { isSysId } from './encoded-query.ts'

export type WriteOperation = 'create' | 'update' | 'delete'

export interface ManualStep {
    operation: WriteOperation
    table: string
    /** The record to open ('' for a create). */
    sysId: string
    /** Values to set (create, update); empty for a delete. */
    fields: { [field: string]: string }
    /** What the platform said. */
    reason: string
    /** What to click in the app afterwards, so the same flow continues from where the admin left off. */
    then: string
}

// A value can be prefilled in a form link only when the encoded query cannot misread it.
const PREFILLABLE = /^[^,=\r\n&#%^]*$/

/** Relative link to the form that does the step: a new record prefilled with the fields, or the record to change. */
export function manualStepLink(step: ManualStep): string {
    if (step.operation !== 'create' && isSysId(step.sysId)) return `${step.table}.do?sys_id=${step.sysId}`
    const prefill = Object.keys(step.fields)
        .filter((f) => PREFILLABLE.test(step.fields[f]))
        .map((f) => `${f}=${step.fields[f]}`)
        .join('^')
    return `${step.table}.do?sys_id=-1${prefill ? `&sysparm_query=${encodeURIComponent(prefill)}` : ''}`
}

/** Fields the link cannot prefill: the admin types them. */
export function fieldsToType(step: ManualStep): string[] {
    return Object.keys(step.fields).filter((f) => step.operation !== 'create' || !PREFILLABLE.test(step.fields[f]))
}

const VERB: { [op in WriteOperation]: string } = { create: 'Create', update: 'Update', delete: 'Delete' }

/** One paragraph an admin can follow. Values are shown as they are; the caller escapes for HTML. */
export function describeManualStep(step: ManualStep): string {
    const record = step.operation === 'create' ? `a ${step.table} record` : `the ${step.table} record ${step.sysId}`
    const values = Object.keys(step.fields).map((f) => `${f} = ${step.fields[f] === '' ? '(empty)' : step.fields[f]}`)
    const what =
        step.operation === 'delete'
            ? 'then click Delete'
            : `${step.operation === 'create' ? 'check the prefilled values' : 'set'} ${values.join(', ')}, then click ${step.operation === 'create' ? 'Submit' : 'Update'}`
    return (
        `Manual step: the instance refused to let this app ${step.operation} ${record} (${step.reason}). ` +
        `${VERB[step.operation]} it by hand: open ${manualStepLink(step)}, ${what}.${step.then ? ` Afterwards: ${step.then}` : ''}`
    )
}

/** The audit detail for a refusal; starts with `refused <operation> <table>` (read by the instance-facts export). */
export function refusalAuditDetail(step: ManualStep): string {
    return `refused ${step.operation} ${step.table}${step.sysId ? ` ${step.sysId}` : ''}: ${step.reason}`
}
