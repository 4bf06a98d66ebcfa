// The one place that turns GlideRecord calls into plain rows, so rules elsewhere work on plain data.
import { GlideRecord } from '@servicenow/glide'

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
export function readRows(table: string, encodedQuery: string, fields: string[], options: ReadOptions = {}): Row[] {
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

export function readRow(table: string, encodedQuery: string, fields: string[], options: ReadOptions = {}): Row | null {
    return readRows(table, encodedQuery, fields, { ...options, limit: 1 })[0] || null
}

/** True when the table exists on this instance (no query is run). */
export function tableExists(table: string): boolean {
    return new GlideRecord(table).isValid()
}

/** Inserts a row; throws an Error that names the table when the platform refuses it. */
export function insertRow(table: string, fields: Record<string, string>): string {
    const gr = new GlideRecord(table)
    if (!gr.isValid()) throw new Error(`Table ${table} does not exist on this instance.`)
    gr.initialize()
    for (const field of Object.keys(fields)) gr.setValue(field, fields[field])
    const sysId = gr.insert()
    if (!sysId) throw new Error(`Could not create a ${table} record${lastError(gr)}.`)
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
    if (!gr.update()) throw new Error(`Could not update ${table} record ${sysId}${lastError(gr)}.`)
    return before
}

/** Deletes one row if it still exists; returns whether a row was deleted. */
export function deleteRow(table: string, sysId: string): boolean {
    const gr = new GlideRecord(table)
    if (!gr.get(sysId)) return false
    return gr.deleteRecord()
}

/**
 * Deletes one row and reads it back: '' when it is gone (or was already gone), else what went wrong. A refused delete
 * must not pass silently: the callers report it.
 */
export function deleteRowChecked(table: string, sysId: string): string {
    let refused = ''
    try {
        deleteRow(table, sysId)
    } catch (e) {
        refused = (e as Error).message
    }
    if (!readRow(table, `sys_id=${sysId}`, ['sys_id'])) return ''
    return `${table} ${sysId} could not be deleted${refused ? ` (${refused})` : ''}`
}

function lastError(gr: GlideRecord): string {
    const message = gr.getLastErrorMessage()
    return message ? `: ${message}` : ''
}
