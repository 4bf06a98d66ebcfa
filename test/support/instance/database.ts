// The instance's database: schema + rows + the platform behaviours every write goes through (system fields,
// generated api_key tokens, armed refusals) and every read goes through (dropped invalid conditions, dot-walks,
// display values). GlideRecord, GlideAggregate, the platform APIs and the test-side accessors all use it; only
// the Glide doubles count operations in the stats.
// Evidence: E46 (invalid query conditions are dropped, GlideRecord API docs); assumption: booleans read as '1'/'0'
// when the instance is built with booleanValues 'numeric' (reported, unconfirmed).
import { type ApiKeyTokens, encryptedBlob, randomSysId } from './api-key-tokens.ts'
import type { InstanceClock } from './clock.ts'
import { type Clause, type OrderTerm, type ParsedQuery, rowMatches, sortRows } from './encoded-query.ts'
import type { FaultPlan, InvalidQuery } from './instrumentation.ts'
import { type ColumnType, Schema, type TableOptions } from './schema.ts'
import { type Row, RowStore, type StoredRow } from './store.ts'

/** Who writes: the code under test through Glide, a platform API acting on its behalf, or the test itself. */
export type WriteOrigin = 'glide' | 'platform' | 'test'

export type WriteResult = { ok: true; sysId: string } | { ok: false; error: string }

export interface WriteOptions {
    origin: WriteOrigin
    /** GlideRecord.autoSysFields(false): leave sys_updated_on/by and sys_mod_count alone. */
    autoSysFields?: boolean
}

export interface SelectQuery {
    clauses: Clause[]
    order: OrderTerm[]
    /** Rows to skip and the most to return (setLimit / chooseWindow). */
    offset?: number
    limit?: number
}

export interface DatabaseContext {
    clock: InstanceClock
    tokens: ApiKeyTokens
    faults: FaultPlan
    sessionUserName(): string
    warn(message: string): void
    invalidQueries: InvalidQuery[]
    /** E51: string comparisons in queries ignore case (switch stringMatch). */
    foldCase(): boolean
    /** Platform behaviour on a write, before it is stored: may drop or add values (see Instance). */
    beforeWrite(table: string, values: Row, origin: WriteOrigin, kind: 'insert' | 'update'): void
    /** Platform behaviour after a row was inserted (business rules such as Explicit Roles). */
    afterInsert(table: string, row: StoredRow, origin: WriteOrigin): void
    /** Whether the table belongs to the app under test (its schema comes from dist/app). */
    isAppTable(table: string): boolean
    /** E55: the platform's refusal of a script write to another scope's table, or null when it is allowed. */
    crossScopeRefusal(table: string, operation: 'create' | 'write' | 'delete', origin: WriteOrigin): string | null
    /** Display value of a choice field, when the platform shows a label other than the value. */
    choiceLabel(table: string, field: string, value: string): string | undefined
}

const SYS_ID = /^[0-9a-f]{32}$/
const AUTO_FIELDS = ['sys_created_on', 'sys_created_by', 'sys_updated_on', 'sys_updated_by', 'sys_mod_count']

export class Database {
    readonly schema = new Schema()
    readonly store = new RowStore()

    constructor(private readonly ctx: DatabaseContext) {}

    defineTable(name: string, options: TableOptions = {}): void {
        this.schema.define(name, options)
        this.catalog(name)
    }

    /** Removes the table, the tables extending it, their rows and their catalog rows. */
    dropTable(name: string): void {
        const dropped = this.schema.drop(name)
        this.store.dropTables(dropped)
        for (const table of dropped) {
            for (const catalogTable of ['sys_dictionary', 'sys_db_object']) {
                for (const row of this.rowsOf(catalogTable)) if (row.name === table) this.store.remove(row.sys_id)
            }
        }
    }

    /** sys_db_object and sys_dictionary rows for a table's own declared columns, when those catalog tables exist. */
    catalog(table: string): void {
        if (this.schema.has('sys_db_object') && !this.rowsOf('sys_db_object').some((r) => r.name === table)) {
            const parent = this.schema.parentOf(table)
            const parentRow = parent ? this.rowsOf('sys_db_object').find((r) => r.name === parent) : undefined
            this.insert('sys_db_object', { name: table, label: table, super_class: parentRow ? parentRow.sys_id : '' }, { origin: 'platform' })
        }
        if (!this.schema.has('sys_dictionary')) return
        const known = new Set(this.rowsOf('sys_dictionary').filter((r) => r.name === table).map((r) => r.element))
        for (const [element, spec] of this.schema.ownColumns(table)) {
            if (known.has(element)) continue
            this.insert('sys_dictionary', { name: table, element, internal_type: spec.type, reference: spec.reference || '' }, { origin: 'platform' })
        }
    }

    /** Live rows of a table and the tables extending it, insertion order. */
    rowsOf(table: string): StoredRow[] {
        return this.store.rowsOf(this.schema.descendants(table))
    }

    /** The row, when it belongs to the table or a table extending it. */
    findRow(table: string, sysId: string): { table: string; row: StoredRow } | undefined {
        const found = sysId ? this.store.find(sysId) : undefined
        return found && this.schema.descendants(table).includes(found.table) ? found : undefined
    }

    /** Value of a field or dot-walked path ('user.user_name'); '' when empty or not reachable. */
    read(table: string, row: Row, path: string): string {
        const [field, ...rest] = path.split('.')
        const value = row[field] ?? ''
        if (!rest.length) return value
        const spec = this.schema.column(table, field)
        const target = spec && spec.reference ? this.findRow(spec.reference, value) : undefined
        return target ? this.read(target.table, target.row, rest.join('.')) : ''
    }

    typeOf(table: string, path: string): ColumnType | undefined {
        const [field, ...rest] = path.split('.')
        const spec = this.schema.column(table, field)
        if (!rest.length || !spec) return spec ? spec.type : undefined
        return spec.reference ? this.typeOf(spec.reference, rest.join('.')) : undefined
    }

    /** Display value of a record: its display field when the table has one (E30: sys_user shows `name`, never user_name), else name or number. */
    recordDisplay(table: string, row: Row): string {
        const field = this.schema.displayField(table)
        if (field) return row[field] || ''
        return row.name || row.number || ''
    }

    /** Display value of one field: references show the referenced record's display value, lists join them. */
    display(table: string, row: Row, field: string): string {
        const value = this.read(table, row, field)
        const spec = this.schema.column(table, field.split('.')[0])
        const type = this.typeOf(table, field)
        if (type === 'boolean') return value === '1' || value === 'true' ? 'true' : 'false'
        if (type === 'choice' && !field.includes('.')) {
            const label = this.ctx.choiceLabel(table, field, value)
            if (label !== undefined) return label
        }
        if (field.includes('.') || !spec || !spec.reference) return value
        const show = (id: string) => {
            const target = this.findRow(String(spec.reference), id)
            return target ? this.recordDisplay(target.table, target.row) : ''
        }
        if (spec.type === 'glide_list') return value ? value.split(',').map(show).join(', ') : ''
        return value ? show(value) : ''
    }

    /**
     * Rows matching the query. Conditions on fields the table does not have are dropped and reported, and the
     * query then runs on the valid part, unless glide.invalid_query.returns_no_rows is true (GlideRecord API docs,
     * addEncodedQuery: "the invalid part of the query condition is dropped").
     */
    select(table: string, query: SelectQuery & Partial<Pick<ParsedQuery, 'unreadable'>>): StoredRow[] {
        if (!this.schema.has(table)) return []
        const invalid: string[] = [...(query.unreadable || [])]
        const clauses: Clause[] = []
        for (const clause of query.clauses) {
            const valid = clause.filter((c) => this.schema.isQueryable(table, c.field))
            for (const c of clause) if (!valid.includes(c)) invalid.push(`${c.field}${c.operator}${c.value}`)
            if (valid.length === clause.length) clauses.push(valid)
        }
        if (invalid.length) {
            for (const term of invalid) {
                this.ctx.invalidQueries.push({ table, term })
                this.ctx.warn(`Invalid query detected, please check logs for details [Unknown field or condition "${term}" in table ${table}]`)
            }
            if (this.property('glide.invalid_query.returns_no_rows') === 'true') return []
        }
        const read = (row: Row, path: string) => this.read(table, row, path)
        const typeOf = (path: string) => this.typeOf(table, path)
        const order = query.order.filter((o) => this.schema.isQueryable(table, o.field))
        const fold = this.ctx.foldCase()
        const matched = sortRows(this.rowsOf(table).filter((row) => rowMatches(row, clauses, read, typeOf, fold)), order, read)
        const offset = query.offset || 0
        const end = query.limit !== undefined && query.limit >= 0 ? offset + query.limit : undefined
        return matched.slice(offset, end).map((row) => ({ ...row }))
    }

    property(name: string): string | null {
        const row = this.schema.has('sys_properties') ? this.rowsOf('sys_properties').find((r) => r.name === name) : undefined
        return row ? row.value : null
    }

    /**
     * The values a write may store. The platform ignores a field a table does not have; on the app's own tables
     * (strict, from dist/app) that is a lost value, so the double refuses the write instead, as it does a value
     * longer than the column's max_length: no kinder than the platform, louder.
     */
    private checkFields(table: string, fields: Row, origin: WriteOrigin): { values: Row; error?: string } {
        const out: Row = {}
        for (const [field, value] of Object.entries(fields)) {
            if (!this.schema.isValidField(table, field) && !this.schema.isOpen(table)) {
                // The platform ignores values for fields a table does not have; a test naming one has a typo.
                if (origin === 'test') throw new Error(`Table ${table} has no field ${field}`)
                if (this.ctx.isAppTable(table)) return { values: out, error: `Table ${table} has no field ${field} (dist/app)` }
                continue
            }
            const text = value === null || value === undefined ? '' : String(value)
            const max = this.schema.column(table, field)?.maxLength
            if (max && text.length > max && origin !== 'test') return { values: out, error: `${table}.${field} holds at most ${max} characters, got ${text.length}` }
            out[field] = text
        }
        return { values: out }
    }

    insert(table: string, fields: Row, options: WriteOptions): WriteResult {
        if (!this.schema.has(table)) {
            if (options.origin === 'test') throw new Error(`Table ${table} is not defined on this instance`)
            return { ok: false, error: `Invalid table ${table}` }
        }
        const checked = this.checkFields(table, fields, options.origin)
        if (checked.error) return { ok: false, error: checked.error }
        const values = checked.values
        const crossScope = this.ctx.crossScopeRefusal(table, 'create', options.origin)
        if (crossScope !== null) return { ok: false, error: crossScope }
        this.ctx.beforeWrite(table, values, options.origin, 'insert')
        if (options.origin !== 'test') {
            const refusal = this.ctx.faults.check('insert', table)
            if (refusal !== null) return { ok: false, error: refusal }
        }
        const now = this.ctx.clock.now()
        const user = this.ctx.sessionUserName()
        const row = {} as StoredRow
        for (const [field, spec] of this.schema.columns(table)) row[field] = spec.default || ''
        Object.assign(row, values)
        const auto = options.autoSysFields !== false
        const keep = (field: string, value: string) => (options.origin === 'test' || !auto) && values[field] ? values[field] : value
        row.sys_id = SYS_ID.test(values.sys_id || '') ? values.sys_id : randomSysId()
        row.sys_class_name = table
        row.sys_created_on = keep('sys_created_on', now)
        row.sys_created_by = keep('sys_created_by', user)
        row.sys_updated_on = keep('sys_updated_on', now)
        row.sys_updated_by = keep('sys_updated_by', user)
        row.sys_mod_count = keep('sys_mod_count', '0')
        if (this.store.find(row.sys_id)) return { ok: false, error: `Duplicate sys_id ${row.sys_id}` }
        if (this.schema.lineage(table).includes('api_key')) this.issueToken(row, options.origin === 'test' ? values.token : '')
        for (const field of Object.keys(values)) this.schema.learn(table, field)
        this.store.add(table, row)
        this.ctx.afterInsert(table, row, options.origin)
        return { ok: true, sysId: row.sys_id }
    }

    // The platform generates the token on insert and stores it encrypted (configure-api-key.md, step 5: "The system
    // generates a token and saves it in the Token field").
    private issueToken(row: Row, plainFromTest: string): void {
        row.token = encryptedBlob()
        if (plainFromTest) this.ctx.tokens.remember(row.sys_id, plainFromTest)
        else this.ctx.tokens.register(row.sys_id)
    }

    update(table: string, sysId: string, fields: Row, options: WriteOptions): WriteResult {
        const found = this.findRow(table, sysId)
        if (!found) return { ok: false, error: `No ${table} record with sys_id ${sysId}` }
        const checked = this.checkFields(found.table, fields, options.origin)
        if (checked.error) return { ok: false, error: checked.error }
        const values = checked.values
        delete values.sys_id
        delete values.sys_class_name
        const crossScope = this.ctx.crossScopeRefusal(found.table, 'write', options.origin)
        if (crossScope !== null) return { ok: false, error: crossScope }
        this.ctx.beforeWrite(found.table, values, options.origin, 'update')
        if (options.origin !== 'test') {
            const refusal = this.ctx.faults.check('update', table)
            if (refusal !== null) return { ok: false, error: refusal }
        }
        const isKey = this.schema.lineage(found.table).includes('api_key')
        if (isKey && values.token !== undefined) {
            if (options.origin === 'test' && values.token) this.issueToken(found.row, values.token)
            delete values.token
        }
        const auto = options.autoSysFields !== false
        for (const field of AUTO_FIELDS) if (auto && options.origin !== 'test') delete values[field]
        Object.assign(found.row, values)
        if (auto && !(options.origin === 'test' && values.sys_updated_on)) {
            found.row.sys_updated_on = this.ctx.clock.now()
            found.row.sys_updated_by = this.ctx.sessionUserName()
            found.row.sys_mod_count = String(Number(found.row.sys_mod_count || '0') + 1)
        }
        for (const field of Object.keys(values)) this.schema.learn(found.table, field)
        return { ok: true, sysId }
    }

    remove(table: string, sysId: string, origin: WriteOrigin): WriteResult {
        const found = this.findRow(table, sysId)
        if (!found) return { ok: false, error: `No ${table} record with sys_id ${sysId}` }
        const crossScope = this.ctx.crossScopeRefusal(found.table, 'delete', origin)
        if (crossScope !== null) return { ok: false, error: crossScope }
        if (origin !== 'test') {
            const refusal = this.ctx.faults.check('delete', table)
            if (refusal !== null) return { ok: false, error: refusal }
        }
        this.store.remove(sysId)
        return { ok: true, sysId }
    }
}
