// Records what a multi-step operation changed, so that a failure half-way can put everything back.
import { deleteRowChecked, insertRow, updateRow } from './records.ts'

type Undo =
    | { kind: 'delete'; table: string; sysId: string; fallback?: Record<string, string> }
    | { kind: 'restore'; table: string; sysId: string; fields: Record<string, string> }

export class UndoLog {
    private readonly steps: Undo[] = []

    insert(table: string, fields: Record<string, string>): string {
        const sysId = insertRow(table, fields)
        this.steps.push({ kind: 'delete', table, sysId })
        return sysId
    }

    /**
     * Registers a record created elsewhere (for example by the platform's token API) for deletion on rollback. When the
     * platform refuses the delete (E55), `fallback` is written instead (an api_key is deactivated, so it authenticates
     * nobody), and the record is still reported as left behind.
     */
    track(table: string, sysId: string, fallback?: Record<string, string>): void {
        this.steps.push({ kind: 'delete', table, sysId, fallback })
    }

    /** Returns the previous values of the fields written. */
    update(table: string, sysId: string, fields: Record<string, string>): Record<string, string> {
        const before = updateRow(table, sysId, fields)
        this.steps.push({ kind: 'restore', table, sysId, fields: before })
        return before
    }

    /** Undoes every recorded step, newest first. Returns the steps that could not be undone (a refused delete too). */
    rollback(): string[] {
        const failures: string[] = []
        while (this.steps.length) {
            const step = this.steps.pop() as Undo
            try {
                if (step.kind === 'delete') {
                    const problem = deleteRowChecked(step.table, step.sysId)
                    if (problem && step.fallback) failures.push(this.fallBack(step.table, step.sysId, step.fallback, problem))
                    else if (problem) failures.push(problem)
                } else updateRow(step.table, step.sysId, step.fields)
            } catch (e) {
                failures.push(`${step.table} ${step.sysId}: ${(e as Error).message}`)
            }
        }
        return failures
    }

    private fallBack(table: string, sysId: string, fields: Record<string, string>, problem: string): string {
        const values = Object.keys(fields).map((f) => `${f}=${fields[f]}`).join(', ')
        try {
            updateRow(table, sysId, fields)
        } catch (e) {
            return `${problem}; setting ${values} failed too (${(e as Error).message})`
        }
        return `${table} ${sysId} could not be deleted (the instance refused it), so it was set to ${values}: delete it from the ${table} list`
    }
}
