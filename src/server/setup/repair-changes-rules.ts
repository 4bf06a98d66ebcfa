// Pure rules of "Undo Repair": what Repair applied, and what Undo may do with each change given the record as it is
// now. Undo never overwrites a value someone changed after Repair: it leaves that record and reports it. No Glide import.

export interface AppliedChange {
    operation: 'create' | 'update'
    table: string
    sysId: string
    /** Update: the values before Repair's write. Create: empty. */
    previous: { [field: string]: string }
    /** The values the record held right after Repair's write (read back). */
    written: { [field: string]: string }
    /**
     * Fields the instance ignored when Repair wrote them (E2), with the value Repair asked the admin to set on the
     * form: that value, once set, counts as Repair's.
     */
    asked: { [field: string]: string }
    description: string
}

export type UndoDecision =
    | { kind: 'delete' }
    | { kind: 'restore'; fields: { [field: string]: string } }
    /** The record already is as before Repair (deleted, or its values restored by hand). */
    | { kind: 'already_reverted' }
    /** Someone changed these fields after Repair: the record is left as it is. */
    | { kind: 'kept_changed'; fields: string[] }

/**
 * `current` is the record now (null when it no longer exists), with at least the fields Repair wrote.
 * A created record is deleted only while it still holds what Repair wrote; an updated one gets back its previous
 * values only for the fields that still hold Repair's value, and is left whole when any field holds a third value.
 */
export function decideUndo(change: AppliedChange, current: { [field: string]: string } | null): UndoDecision {
    const fields = Object.keys(change.written)
    if (!current) return change.operation === 'create' ? { kind: 'already_reverted' } : { kind: 'kept_changed', fields: ['(record deleted)'] }
    const value = (f: string) => current[f] || ''
    // Repair's value of a field: what it read back, or what it asked the admin to set where the instance ignored it (E2).
    const isRepairs = (f: string) => value(f) === change.written[f] || (f in change.asked && value(f) === change.asked[f])
    if (change.operation === 'create') {
        const changed = fields.filter((f) => !isRepairs(f))
        return changed.length ? { kind: 'kept_changed', fields: changed } : { kind: 'delete' }
    }
    const previous = (f: string) => change.previous[f] || ''
    const changed = fields.filter((f) => !isRepairs(f) && value(f) !== previous(f))
    if (changed.length) return { kind: 'kept_changed', fields: changed }
    const restore: { [field: string]: string } = {}
    for (const f of fields) if (isRepairs(f) && value(f) !== previous(f)) restore[f] = storedForm(previous(f), value(f))
    return Object.keys(restore).length ? { kind: 'restore', fields: restore } : { kind: 'already_reverted' }
}

const BOOLEAN_READS = ['0', '1', 'true', 'false']

/**
 * Some releases read booleans as '1'/'0' (records.ts isTrue); written back as such they would not be the value the
 * field held. A pair of boolean reads is restored as 'true'/'false'.
 */
function storedForm(previous: string, written: string): string {
    if (BOOLEAN_READS.indexOf(previous) < 0 || BOOLEAN_READS.indexOf(written) < 0) return previous
    return previous === '1' || previous === 'true' ? 'true' : 'false'
}

/** JSON of string fields as stored on a change row; anything else reads as no fields. */
export function parseValues(json: string): { [field: string]: string } {
    let parsed: unknown
    try {
        parsed = JSON.parse(json || '{}')
    } catch (_e) {
        return {}
    }
    const out: { [field: string]: string } = {}
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return out
    for (const key of Object.keys(parsed as object)) out[key] = String((parsed as { [k: string]: unknown })[key])
    return out
}

/** What Undo tells the admin about a record it left as it is. */
export function keptLine(change: AppliedChange, fields: string[]): string {
    return `Kept ${change.table} ${change.sysId} ("${change.description}"): changed after Repair (${fields.join(', ')}); Undo does not overwrite a later change. Revert it by hand if it should go.`
}
