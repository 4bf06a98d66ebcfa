// The one place that turns GlideRecord calls into plain rows, so rules elsewhere work on plain data, and the one door
// for writes: a write to a table outside our scope that the platform refuses (E55) becomes an Error carrying the exact
// manual step (manual-step.ts), never a half-done change or a silent skip.
import { GlideRecord } from '@servicenow/glide'
import { type EncodedQuery, query } from './encoded-query.ts'
import { type ManualStep, type WriteOperation, describeManualStep } from './manual-step.ts'

export type Row = { sys_id: string } & { [field: string]: string }

/** Boolean fields read through getValue() may come back as 'true' or as '1' depending on the release. */
export function isTrue(value: string | undefined): boolean {
    return value === 'true' || value === '1'
}

export interface ReadOptions {
    limit?: number
    orderBy?: string
    orderByDesc?: string
    /** Reference fields whose display value is wanted too, as `<field>.display`. */
    display?: string[]
}

/** One query; returns every matching row with the listed fields as strings ('' when empty). */
export function readRows(table: string, encodedQuery: EncodedQuery | '', fields: string[], options: ReadOptions = {}): Row[] {
    const gr = new GlideRecord(table)
    if (!gr.isValid()) return []
    if (encodedQuery) gr.addEncodedQuery(encodedQuery)
    if (options.orderBy) gr.orderBy(options.orderBy)
    if (options.orderByDesc) gr.orderByDesc(options.orderByDesc)
    if (options.limit) gr.setLimit(options.limit)
    gr.query()
    const rows: Row[] = []
    while (gr.next()) {
        const row: Row = { sys_id: gr.getUniqueValue() }
        for (const field of fields) row[field] = gr.getValue(field) || ''
        for (const field of options.display || []) row[`${field}.display`] = gr.getDisplayValue(field) || ''
        rows.push(row)
    }
    return rows
}

export function readRow(table: string, encodedQuery: EncodedQuery | '', fields: string[], options: ReadOptions = {}): Row | null {
    return readRows(table, encodedQuery, fields, { ...options, limit: 1 })[0] || null
}

/** The values a record holds right after a write ('' for each field when it is gone): the platform may drop or rewrite one (E2, E66). */
export function readBack(table: string, sysId: string, fields: string[]): { [field: string]: string } {
    const row = readRow(table, query`sys_id=${sysId}`, fields)
    const out: { [field: string]: string } = {}
    for (const field of fields) out[field] = row ? row[field] : ''
    return out
}

/** True when the table exists on this instance (no query is run). */
export function tableExists(table: string): boolean {
    return new GlideRecord(table).isValid()
}

/** Tables of this app; every other table belongs to another scope and its writes may be refused (E55). */
export const APP_TABLE_PREFIX = 'x_em_aws_apikey_'

export function isForeignTable(table: string): boolean {
    return table.indexOf(APP_TABLE_PREFIX) !== 0
}

/** A refused write to another scope's table: the Error carries the manual step that does it by hand. */
export type RefusedWrite = Error & { manualStep: ManualStep }

export function manualStepOf(e: unknown): ManualStep | null {
    const step = e && typeof e === 'object' ? (e as RefusedWrite).manualStep : undefined
    return step && step.table ? step : null
}

// The platform's wording for a cross-scope refusal ("... has been refused due to the table's cross-scope access
// policy", S22) and for ACL-style denials. A foreign write that fails with no message is treated the same way: the
// manual step is the safe answer when the reason is unknown.
const REFUSAL = /cross-scope|refused|security restricted|not allowed|denied|insufficient/i

function refusedWrite(table: string, operation: WriteOperation, sysId: string, fields: Record<string, string>, message: string): RefusedWrite {
    const step: ManualStep = { operation, table, sysId, fields: { ...fields }, reason: message || 'no reason given', then: '' }
    const error = new Error(describeManualStep(step)) as RefusedWrite
    error.manualStep = step
    return error
}

function failedWrite(table: string, operation: WriteOperation, sysId: string, fields: Record<string, string>, message: string, what: string): Error {
    if (isForeignTable(table) && (!message || REFUSAL.test(message))) return refusedWrite(table, operation, sysId, fields, message)
    return new Error(`${what}${message ? `: ${message}` : ''}.`)
}

/** Inserts a row; throws a RefusedWrite (foreign table) or an Error that names the table when the platform refuses it. */
export function insertRow(table: string, fields: Record<string, string>): string {
    const gr = new GlideRecord(table)
    if (!gr.isValid()) throw new Error(`Table ${table} does not exist on this instance.`)
    gr.initialize()
    for (const field of Object.keys(fields)) gr.setValue(field, fields[field])
    const sysId = gr.insert()
    if (!sysId) throw failedWrite(table, 'create', '', fields, gr.getLastErrorMessage(), `Could not create a ${table} record`)
    return String(sysId)
}

/** Updates the listed fields of one row; returns the previous values, for undo. */
export function updateRow(table: string, sysId: string, fields: Record<string, string>): Record<string, string> {
    const gr = new GlideRecord(table)
    if (!gr.get(sysId)) throw new Error(`The ${table} record ${sysId} no longer exists.`)
    const before: Record<string, string> = {}
    for (const field of Object.keys(fields)) {
        before[field] = gr.getValue(field) || ''
        gr.setValue(field, fields[field])
    }
    if (!gr.update()) throw failedWrite(table, 'update', sysId, fields, gr.getLastErrorMessage(), `Could not update ${table} record ${sysId}`)
    return before
}

/** Deletes one row if it still exists; returns whether a row was deleted. Throws a RefusedWrite on a refusal. */
export function deleteRow(table: string, sysId: string): boolean {
    const gr = new GlideRecord(table)
    if (!gr.get(sysId)) return false
    if (gr.deleteRecord()) return true
    throw failedWrite(table, 'delete', sysId, {}, gr.getLastErrorMessage(), `Could not delete ${table} record ${sysId}`)
}

/**
 * Deletes one row and reads it back: '' when it is gone (or was already gone), else what went wrong, with the manual
 * step when the platform refused. A refused delete must not pass silently: the callers report it.
 */
export function deleteRowChecked(table: string, sysId: string): string {
    let refused = ''
    try {
        deleteRow(table, sysId)
    } catch (e) {
        refused = (e as Error).message
    }
    if (!readRows(table, ('sys_id=' + sysId) as EncodedQuery, ['sys_id'], { limit: 1 }).length) return ''
    return refused && manualStepFromMessage(refused) ? refused : `${table} ${sysId} could not be deleted${refused ? ` (${refused})` : ''}`
}

function manualStepFromMessage(message: string): boolean {
    return message.indexOf('Manual step:') === 0
}
