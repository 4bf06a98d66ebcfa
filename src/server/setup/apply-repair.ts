// Applies Repair steps in order through the caller's undo log; the caller undoes the whole run on a failure.
import { readBack } from '../core/records.ts'
import { UndoLog } from '../core/undo-log.ts'
import type { AppliedChange } from './repair-changes-rules.ts'
import type { RecordTarget, RepairStep } from './repair-plan.ts'

/** E2: the policy's REST API field Repair wrote but the instance ignored; the admin is asked to set it on the form. */
function askedOfAdmin(step: RepairStep, fields: { [field: string]: string }, written: { [field: string]: string }): { [field: string]: string } {
    return step.writesPolicyApi && written.api !== fields.api ? { api: fields.api } : {}
}

/**
 * Applies steps through the caller's undo log; returns the change lines and the sys_ids created per ref (pass the
 * `created` of an earlier call of the same run so later steps can refer to those records). Throws; `changes` (when
 * passed) holds the steps completed before the throw, and `applied` (when passed) what each of them wrote, for Undo.
 */
export function applySteps(
    steps: RepairStep[],
    undo: UndoLog,
    created: { [ref: string]: string } = {},
    changes: string[] = [],
    applied: AppliedChange[] = [],
): { changes: string[]; created: { [ref: string]: string } } {
    const resolve = (value: RecordTarget): string => {
        if (typeof value === 'string') return value
        const sysId = created[value.ref]
        if (!sysId) throw new Error(`Repair plan refers to ${value.ref} before creating it.`)
        return sysId
    }
    for (const step of steps) {
        const fields: { [field: string]: string } = {}
        for (const field of Object.keys(step.fields)) fields[field] = resolve(step.fields[field])
        if (step.kind === 'create') {
            const sysId = undo.insert(step.table, fields)
            if (step.ref) created[step.ref] = sysId
            changes.push(`${step.description} (${step.table} ${sysId})`)
            const written = readBack(step.table, sysId, Object.keys(fields))
            applied.push({ operation: 'create', table: step.table, sysId, previous: {}, written, asked: askedOfAdmin(step, fields, written), description: step.description })
        } else {
            const target = resolve(step.target as RecordTarget)
            const previous = undo.update(step.table, target, fields)
            changes.push(`${step.description} (${step.table} ${target})`)
            const written = readBack(step.table, target, Object.keys(fields))
            applied.push({ operation: 'update', table: step.table, sysId: target, previous, written, asked: askedOfAdmin(step, fields, written), description: step.description })
        }
    }
    return { changes, created }
}
