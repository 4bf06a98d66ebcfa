// Row storage: every row lives in its own (most specific) table, every value is a string ('' when empty), and rows
// keep their insertion order, which is the order a query without ORDERBY returns.

/** Field values by name, every one a string ('' when empty). */
export type Row = { [field: string]: string }

/** A row as stored: sys_id and sys_class_name are always set. */
export type StoredRow = Row & { sys_id: string; sys_class_name: string }

export interface StoreSnapshot {
    readonly rows: ReadonlyMap<string, Readonly<StoredRow>>
}

export interface StoreDiff {
    inserted: StoredRow[]
    updated: { before: StoredRow; after: StoredRow }[]
    deleted: StoredRow[]
}

export class RowStore {
    private readonly tables = new Map<string, Map<string, StoredRow>>()
    private readonly location = new Map<string, string>()
    private readonly order = new Map<string, number>()
    private nextOrder = 1

    add(table: string, row: StoredRow): void {
        const sysId = row.sys_id
        if (this.location.has(sysId)) throw new Error(`A row with sys_id ${sysId} already exists`)
        let rows = this.tables.get(table)
        if (!rows) this.tables.set(table, (rows = new Map()))
        rows.set(sysId, row)
        this.location.set(sysId, table)
        this.order.set(sysId, this.nextOrder++)
    }

    /** The live row (callers copy before handing it out). */
    find(sysId: string): { table: string; row: StoredRow } | undefined {
        const table = this.location.get(sysId)
        const row = table ? this.tables.get(table)?.get(sysId) : undefined
        return table && row ? { table, row } : undefined
    }

    /** Live rows of the given physical tables, in insertion order. */
    rowsOf(tables: string[]): StoredRow[] {
        const out: StoredRow[] = []
        for (const t of tables) for (const row of this.tables.get(t)?.values() || []) out.push(row)
        return out.sort((a, b) => (this.order.get(a.sys_id) || 0) - (this.order.get(b.sys_id) || 0))
    }

    remove(sysId: string): StoredRow | undefined {
        const found = this.find(sysId)
        if (!found) return undefined
        this.tables.get(found.table)?.delete(sysId)
        this.location.delete(sysId)
        this.order.delete(sysId)
        return found.row
    }

    dropTables(names: string[]): void {
        for (const name of names) {
            for (const sysId of this.tables.get(name)?.keys() || []) {
                this.location.delete(sysId)
                this.order.delete(sysId)
            }
            this.tables.delete(name)
        }
    }

    /** Every row of every table, in insertion order. */
    all(): { table: string; row: StoredRow }[] {
        return this.rowsOf([...this.tables.keys()]).map((row) => ({ table: this.location.get(row.sys_id) || '', row }))
    }

    snapshot(): StoreSnapshot {
        const rows = new Map<string, StoredRow>()
        for (const { row } of this.all()) rows.set(row.sys_id, { ...row })
        return { rows }
    }

    /** Every change since the snapshot, sys_updated_on-only changes included. */
    diff(snapshot: StoreSnapshot): StoreDiff {
        const out: StoreDiff = { inserted: [], updated: [], deleted: [] }
        const seen = new Set<string>()
        for (const { row } of this.all()) {
            seen.add(row.sys_id)
            const before = snapshot.rows.get(row.sys_id)
            if (!before) out.inserted.push({ ...row })
            else if (!sameRow(before, row)) out.updated.push({ before: { ...before }, after: { ...row } })
        }
        for (const [sysId, row] of snapshot.rows) if (!seen.has(sysId)) out.deleted.push({ ...row })
        return out
    }
}

function sameRow(a: Readonly<Row>, b: Readonly<Row>): boolean {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    for (const k of keys) if ((a[k] || '') !== (b[k] || '')) return false
    return true
}
