// Applies Repair steps in order; a failure half-way undoes every change of the run.
import { UndoLog } from '../core/undo-log.ts'
import type { RecordTarget, RepairPlan, RepairStep } from './repair-plan.ts'

export interface RepairOutcome {
    ok: boolean
    changes: string[]
    error: string
}

/** Applies steps through the caller's undo log; returns the change lines and the sys_ids created per ref. Throws. */
export function applySteps(steps: RepairStep[], undo: UndoLog): { changes: string[]; created: { [ref: string]: string } } {
    const created: { [ref: string]: string } = {}
    const resolve = (value: RecordTarget): string => {
        if (typeof value === 'string') return value
        const sysId = created[value.ref]
        if (!sysId) throw new Error(`Repair plan refers to ${value.ref} before creating it.`)
        return sysId
    }
    const changes: string[] = []
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

export function applyRepair(plan: RepairPlan): RepairOutcome {
    const undo = new UndoLog()
    try {
        return { ok: true, changes: applySteps(plan.steps, undo).changes, error: '' }
    } catch (e) {
        const leftovers = undo.rollback()
        const tail = leftovers.length ? ` Could not undo: ${leftovers.join('; ')}.` : ' Every change of this run was undone.'
        return { ok: false, changes: [], error: `Repair stopped: ${(e as Error).message}${tail}` }
    }
}
