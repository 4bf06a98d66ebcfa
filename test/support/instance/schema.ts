// Table definitions: columns, display field and single inheritance (a child table holds its parent's columns, and
// a query on the parent returns the child's rows with sys_class_name naming the child, as on the platform).
// A table defined without columns is "open": any field written to it becomes a column (the app's own tables,
// whose schema this double does not know). A table with columns is strict: unknown fields are invalid.

export type ColumnType =
    | 'string'
    | 'boolean'
    | 'integer'
    | 'reference'
    | 'glide_list'
    | 'glide_date_time'
    | 'password2'
    | 'choice'

export interface ColumnSpec {
    type: ColumnType
    /** Referenced table, for reference and glide_list columns. */
    reference?: string
    /** Value an initialized record starts with. */
    default?: string
    /** sys_dictionary max_length: a longer value is refused (the app's own tables, from dist/app). */
    maxLength?: number
}

export type ColumnInput = ColumnType | Partial<ColumnSpec>

export interface TableOptions {
    extends?: string
    columns?: Record<string, ColumnInput>
    /** Field shown by getDisplayValue() for a row of this table; default: name, then user_name. */
    displayField?: string
}

interface TableDefinition {
    name: string
    parent: string | null
    columns: Map<string, ColumnSpec>
    open: boolean
    displayField: string
}

/** Columns every table has (system fields). */
export const SYSTEM_COLUMNS: Record<string, ColumnSpec> = {
    sys_id: { type: 'string' },
    sys_class_name: { type: 'string' },
    sys_created_on: { type: 'glide_date_time' },
    sys_created_by: { type: 'string' },
    sys_updated_on: { type: 'glide_date_time' },
    sys_updated_by: { type: 'string' },
    sys_mod_count: { type: 'integer' },
    sys_scope: { type: 'reference', reference: 'sys_scope' },
}

function toSpec(input: ColumnInput): ColumnSpec {
    if (typeof input === 'string') return { type: input }
    const type = input.type || (input.reference ? 'reference' : 'string')
    return { ...input, type }
}

export class Schema {
    private readonly tables = new Map<string, TableDefinition>()

    define(name: string, options: TableOptions = {}): void {
        const parent = options.extends || null
        if (parent && !this.tables.has(parent)) throw new Error(`defineTable ${name}: parent table ${parent} is not defined`)
        const existing = this.tables.get(name)
        const columns = existing ? existing.columns : new Map<string, ColumnSpec>()
        for (const [field, input] of Object.entries(options.columns || {})) columns.set(field, toSpec(input))
        this.tables.set(name, {
            name,
            parent: parent || (existing ? existing.parent : null),
            columns,
            open: existing ? existing.open && !options.columns : !options.columns,
            displayField: options.displayField || (existing ? existing.displayField : ''),
        })
    }

    /** Removes a table and the tables that extend it; returns the removed names. */
    drop(name: string): string[] {
        const removed = this.descendants(name)
        for (const table of removed) this.tables.delete(table)
        return removed
    }

    has(name: string): boolean {
        return this.tables.has(name)
    }

    names(): string[] {
        return [...this.tables.keys()]
    }

    parentOf(name: string): string | null {
        const def = this.tables.get(name)
        return def ? def.parent : null
    }

    /** The table and its ancestors, nearest first. */
    lineage(name: string): string[] {
        const out: string[] = []
        for (let t: string | null = name; t && this.tables.has(t); t = this.parentOf(t)) out.push(t)
        return out
    }

    /** The table and every table that extends it, directly or not. */
    descendants(name: string): string[] {
        if (!this.tables.has(name)) return []
        const out = [name]
        for (let i = 0; i < out.length; i++) {
            for (const def of this.tables.values()) if (def.parent === out[i]) out.push(def.name)
        }
        return out
    }

    /** True when the table or one of its ancestors accepts any field. */
    isOpen(name: string): boolean {
        return this.lineage(name).some((t) => this.tables.get(t)?.open)
    }

    column(table: string, field: string): ColumnSpec | undefined {
        if (SYSTEM_COLUMNS[field]) return SYSTEM_COLUMNS[field]
        for (const t of this.lineage(table)) {
            const spec = this.tables.get(t)?.columns.get(field)
            if (spec) return spec
        }
        return undefined
    }

    /** Declared columns of the table, its ancestors and the system fields. */
    columns(table: string): Map<string, ColumnSpec> {
        const out = new Map<string, ColumnSpec>(Object.entries(SYSTEM_COLUMNS))
        for (const t of this.lineage(table).reverse()) {
            for (const [field, spec] of this.tables.get(t)?.columns || []) out.set(field, spec)
        }
        return out
    }

    /** Columns declared on this table itself (not inherited, no system fields). */
    ownColumns(table: string): Map<string, ColumnSpec> {
        return new Map(this.tables.get(table)?.columns || [])
    }

    /** Open tables learn the columns written to them. */
    learn(table: string, field: string): void {
        const def = this.tables.get(table)
        if (def && def.open && !this.column(table, field)) def.columns.set(field, { type: 'string' })
    }

    isValidField(table: string, field: string): boolean {
        return this.has(table) && !!this.column(table, field)
    }

    /** Whether a query may name this field path (dot-walks through reference columns); open tables accept any field. */
    isQueryable(table: string, path: string): boolean {
        const [field, ...rest] = path.split('.')
        if (!this.has(table) || !/^[a-z0-9_]+$/.test(field)) return false
        const spec = this.column(table, field)
        if (!rest.length) return !!spec || this.isOpen(table)
        return !!spec && spec.type === 'reference' && !!spec.reference && this.isQueryable(spec.reference, rest.join('.'))
    }

    displayField(table: string): string {
        for (const t of this.lineage(table)) {
            const field = this.tables.get(t)?.displayField
            if (field) return field
        }
        return ''
    }
}
