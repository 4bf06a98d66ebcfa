// Applies Repair steps in order through the caller's undo log; the caller undoes the whole run on a failure.
import { UndoLog } from '../core/undo-log.ts'
import type { RecordTarget, RepairStep } from './repair-plan.ts'

/**
 * Applies steps through the caller's undo log; returns the change lines and the sys_ids created per ref (pass the
 * `created` of an earlier call of the same run so later steps can refer to those records). Throws; `changes` (when
 * passed) holds the steps completed before the throw.
 */
export function applySteps(
    steps: RepairStep[],
    undo: UndoLog,
    created: { [ref: string]: string } = {},
    changes: string[] = [],
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
        } else {
            const target = resolve(step.target as RecordTarget)
            undo.update(step.table, target, fields)
            changes.push(`${step.description} (${step.table} ${target})`)
        }
    }
    return { changes, created }
}
