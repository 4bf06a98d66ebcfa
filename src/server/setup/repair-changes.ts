// The change log of Repair (x_em_aws_apikey_repair_change) and "Undo Repair" over it. Every write goes through the
// door (records.ts); a refused one (E55) ends Undo with the one manual step and leaves the rest recorded, so the next
// Undo continues. Each change is reverted whole and marked at once: Undo stops between changes, never inside one,
// except where the instance ignores a restored field (E2): that change stays recorded and Undo names the form step.
import { TABLE } from '../core/app-names.ts'
import { query } from '../core/encoded-query.ts'
import type { ManualStep } from '../core/manual-step.ts'
import { deleteRow, insertRow, manualStepOf, readBack, readRow, readRows, updateRow } from '../core/records.ts'
import { type AppliedChange, decideUndo, keptLine, parseValues } from './repair-changes-rules.ts'

const FIELDS = ['target_table', 'target_sys_id', 'operation', 'previous_values', 'written_values', 'asked_values', 'description', 'order']

/** Records the changes one Repair run applied, in the order applied, after every earlier run's changes. */
export function recordRepairChanges(runSysId: string, applied: AppliedChange[]): void {
    if (!applied.length) return
    const last = readRow(TABLE.repairChange, '', ['order'], { orderByDesc: 'order' })
    let order = last ? Number(last.order) || 0 : 0
    for (const change of applied) {
        order++
        insertRow(TABLE.repairChange, {
            run: runSysId,
            target_table: change.table,
            target_sys_id: change.sysId,
            operation: change.operation,
            previous_values: JSON.stringify(change.previous),
            written_values: JSON.stringify(change.written),
            asked_values: JSON.stringify(change.asked),
            description: change.description.slice(0, 1000),
            order: String(order),
            undone: 'false',
        })
    }
}

export interface UndoOutcome {
    reverted: string[]
    kept: string[]
    manualSteps: ManualStep[]
    error: string
}

/** What the admin clicks after doing a refused step by hand. */
export const UNDO_CONTINUES = 'click "Undo Repair" again: it continues from this change.'

function describeRevert(change: AppliedChange, what: string): string {
    return `${what} (${change.table} ${change.sysId}): undid "${change.description}"`
}

/** API keys issued to a user Repair created: deleting the user would orphan them, so Undo keeps it. */
function keysOfUser(change: AppliedChange): number {
    if (change.table !== 'sys_user' || change.operation !== 'create') return 0
    return readRows('api_key', query`user=${change.sysId}`, ['sys_id'], { limit: 20 }).length
}

function keptUserLine(change: AppliedChange, keys: number): string {
    return `Kept sys_user ${change.sysId} ("${change.description}"): ${keys} API key(s) were issued to this user after Repair; Undo does not orphan them. Revoke them, then delete the user by hand if it should go.`
}

const IGNORED_WRITE = 'it ignores a script\'s write of this field (E2), as when Repair wrote it'

/** The restored fields Repair had asked of the admin that the instance did not take either (E2); null when all took. */
function fieldsNotTaken(change: AppliedChange, restored: { [field: string]: string }): { [field: string]: string } | null {
    const asked = Object.keys(restored).filter((f) => f in change.asked)
    if (!asked.length) return null
    const now = readBack(change.table, change.sysId, asked)
    const out: { [field: string]: string } = {}
    for (const f of asked) if (now[f] !== restored[f]) out[f] = restored[f]
    return Object.keys(out).length ? out : null
}

/** Reverses every recorded change not undone yet, newest first. */
export function undoRepairChanges(): UndoOutcome {
    const outcome: UndoOutcome = { reverted: [], kept: [], manualSteps: [], error: '' }
    const rows = readRows(TABLE.repairChange, query`undone=false`, FIELDS, { orderByDesc: 'order' })
    for (const row of rows) {
        const change: AppliedChange = {
            operation: row.operation === 'create' ? 'create' : 'update',
            table: row.target_table,
            sysId: row.target_sys_id,
            previous: parseValues(row.previous_values),
            written: parseValues(row.written_values),
            asked: parseValues(row.asked_values),
            description: row.description,
        }
        let result: 'reverted' | 'already_reverted' | 'kept_changed'
        try {
            const current = readRow(change.table, query`sys_id=${change.sysId}`, Object.keys(change.written))
            const decision = decideUndo(change, current)
            const keys = decision.kind === 'delete' ? keysOfUser(change) : 0
            if (keys) {
                outcome.kept.push(keptUserLine(change, keys))
                result = 'kept_changed'
            } else if (decision.kind === 'delete') {
                deleteRow(change.table, change.sysId)
                outcome.reverted.push(describeRevert(change, 'Deleted'))
                result = 'reverted'
            } else if (decision.kind === 'restore') {
                updateRow(change.table, change.sysId, decision.fields)
                const ignored = fieldsNotTaken(change, decision.fields)
                if (ignored) {
                    outcome.manualSteps.push({ operation: 'update', table: change.table, sysId: change.sysId, fields: ignored, reason: IGNORED_WRITE, then: UNDO_CONTINUES })
                    return outcome
                }
                const values = Object.keys(decision.fields).map((f) => `${f}=${decision.fields[f] === '' ? '(empty)' : decision.fields[f]}`)
                outcome.reverted.push(describeRevert(change, `Restored ${values.join(', ')}`))
                result = 'reverted'
            } else if (decision.kind === 'kept_changed') {
                outcome.kept.push(keptLine(change, decision.fields))
                result = 'kept_changed'
            } else result = 'already_reverted'
        } catch (e) {
            const step = manualStepOf(e)
            if (step) {
                step.then = UNDO_CONTINUES
                outcome.manualSteps.push(step)
            } else outcome.error = `Undo stopped at ${change.table} ${change.sysId}: ${(e as Error).message} The changes not undone yet stay recorded; run Undo Repair again.`
            return outcome
        }
        updateRow(TABLE.repairChange, row.sys_id, { undone: 'true', undo_result: result })
    }
    return outcome
}
