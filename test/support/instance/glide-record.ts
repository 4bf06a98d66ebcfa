// GlideRecord double. State lives under a symbol so that table fields (name, state, active, ...) never collide with
// it, and the instance is returned through a Proxy that maps `gr.field` to a GlideElement and `gr.field = v` to
// setValue, like the platform's property access.
// Modelled from the GlideRecord API reference: getValue() returns null for an empty field; update() inserts a
// record that does not exist yet; a condition on an unknown field is dropped (see Database.select); a table that
// does not exist gives isValid() false, finds nothing and refuses inserts (insert() returns null, as for any
// refused insert).
// Private members start with '_' because ServiceNow field names never do, so they cannot hide a field.
// Evidence: E46 (the GlideRecord members the app uses, S12). Queries ignore ACLs, as scoped GlideRecord does; canRead()
// follows the table's read roles (instance.tableRoles; assumption: the role lists of the fixture), true for the
// system user and for admin.
import type {
    GlideElement as OfficialGlideElement, GlideQueryCondition as OfficialQueryCondition, GlideRecord as OfficialGlideRecord,
} from '@servicenow/glide'
import { randomSysId } from './api-key-tokens.ts'
import { currentInstance } from './current.ts'
import { type Clause, type Condition, operatorFromArgument, type OrderTerm, parseEncodedQuery, valueToString } from './encoded-query.ts'
import { GlideElementDouble, type RecordPort } from './glide-element.ts'
import type { Instance } from './instance.ts'
import { asOfficial } from './official.ts'
import type { Row } from './store.ts'

/** Official GlideRecord members the double implements (checked by `implements` below). */
export type RecordMethods =
    | 'addQuery' | 'addEncodedQuery' | 'addNullQuery' | 'addNotNullQuery' | 'addActiveQuery' | 'addInactiveQuery'
    | 'orderBy' | 'orderByDesc' | 'setLimit' | 'chooseWindow' | 'query' | 'next' | 'hasNext' | 'get' | 'getValue'
    | 'setValue' | 'getUniqueValue' | 'getDisplayValue' | 'getTableName' | 'getRecordClassName' | 'getEncodedQuery'
    | 'initialize' | 'newRecord' | 'insert' | 'update' | 'deleteRecord' | 'deleteMultiple' | 'updateMultiple'
    | 'isValid' | 'isValidRecord' | 'isValidField' | 'isNewRecord' | 'getRowCount' | 'getElement'
    | 'getLastErrorMessage' | 'setWorkflow' | 'isWorkflow' | 'autoSysFields' | 'canRead' | 'canWrite' | 'canCreate'
    | 'canDelete' | 'setNewGuidValue' | 'setNewGuid' | 'getLink' | 'operation' | 'setAbortAction' | 'isActionAborted'

const STATE = Symbol('GlideRecordDouble.state')

interface RecordState {
    instance: Instance
    table: string
    clauses: Clause[]
    order: OrderTerm[]
    unreadable: string[]
    limit?: number
    offset?: number
    results: Row[]
    index: number
    current: Row | null
    initial: Row
    isNew: boolean
    changed: Set<string>
    lastError: string
    workflow: boolean
    autoSys: boolean
    operation: string
}

function conditionOf(field: string, operatorOrValue: unknown, value: unknown, argCount: number): Condition {
    if (argCount >= 3) {
        const operator = operatorFromArgument(String(operatorOrValue))
        return { field, operator, value: valueToString(value) }
    }
    return { field, operator: '=', value: valueToString(operatorOrValue) }
}

/** GlideQueryCondition double: addOrCondition joins the clause created by addQuery; addCondition adds an AND clause. */
class QueryConditionDouble {
    constructor(
        private readonly clauses: Clause[],
        private readonly clause: Clause,
    ) {}

    addOrCondition(...args: unknown[]): OfficialQueryCondition {
        this.clause.push(conditionOf(String(args[0]), args[1], args[2], args.length))
        return asOfficial<OfficialQueryCondition>(this)
    }

    addCondition(...args: unknown[]): OfficialQueryCondition {
        const clause = [conditionOf(String(args[0]), args[1], args[2], args.length)]
        this.clauses.push(clause)
        return asOfficial<OfficialQueryCondition>(new QueryConditionDouble(this.clauses, clause))
    }
}

export class GlideRecordDouble implements Pick<OfficialGlideRecord, RecordMethods> {
    private readonly [STATE]: RecordState

    constructor(tableName: string) {
        this[STATE] = {
            instance: currentInstance(), table: String(tableName), clauses: [], order: [], unreadable: [], results: [], index: -1,
            current: null, initial: {}, isNew: false, changed: new Set(), lastError: '', workflow: true, autoSys: true, operation: '',
        }
        return new Proxy(this, FIELD_ACCESS)
    }

    private get _s(): RecordState {
        return this[STATE]
    }

    private get _db() {
        return this._s.instance.db
    }

    // ---- table ------------------------------------------------------------------------------------------------

    isValid(): boolean {
        return this._db.schema.has(this._s.table)
    }

    getTableName(): string {
        return this._s.table
    }

    getRecordClassName(): string {
        return (this._s.current && this._s.current.sys_class_name) || this._s.table
    }

    isValidField(columnName: string): boolean {
        return this._db.schema.isValidField(this._s.table, String(columnName))
    }

    canRead(): boolean {
        const instance = this._s.instance
        const roles = instance.tableRoles.get(this._s.table)
        if (!roles || instance.session.userName === 'system') return true
        const user = instance.sessionUser()
        return !!user && instance.userHasRole(user.sys_id, roles.join(','))
    }

    canWrite(): boolean {
        return true
    }

    canCreate(): boolean {
        return true
    }

    canDelete(): boolean {
        return true
    }

    // ---- building a query ---------------------------------------------------------------------------------------

    addQuery(...args: unknown[]): OfficialQueryCondition {
        if (args.length === 1) {
            this.addEncodedQuery(String(args[0]))
            return asOfficial<OfficialQueryCondition>(new QueryConditionDouble(this._s.clauses, []))
        }
        const clause = [conditionOf(String(args[0]), args[1], args[2], args.length)]
        this._s.clauses.push(clause)
        return asOfficial<OfficialQueryCondition>(new QueryConditionDouble(this._s.clauses, clause))
    }

    addEncodedQuery(query: string, _enforceFieldACLs?: unknown): void {
        const parsed = parseEncodedQuery(String(query || ''))
        this._s.clauses.push(...parsed.clauses)
        this._s.order.push(...parsed.order)
        this._s.unreadable.push(...parsed.unreadable)
    }

    addNullQuery(fieldName: string): OfficialQueryCondition {
        return this.addQuery(fieldName, 'ISEMPTY', '')
    }

    addNotNullQuery(fieldName: string): OfficialQueryCondition {
        return this.addQuery(fieldName, 'ISNOTEMPTY', '')
    }

    addActiveQuery(): OfficialQueryCondition {
        return this.addQuery('active', 'true')
    }

    addInactiveQuery(): OfficialQueryCondition {
        return this.addQuery('active', 'false')
    }

    orderBy(name: string): void {
        this._s.order.push({ field: String(name), descending: false })
    }

    orderByDesc(name: string): void {
        this._s.order.push({ field: String(name), descending: true })
    }

    setLimit(limit: number): void {
        this._s.limit = limit
    }

    /** Rows first..last-1 of the result, as the platform's window. */
    chooseWindow(first: number, last: number, _forceCount?: boolean): void {
        this._s.offset = first
        this._s.limit = Math.max(0, last - first)
    }

    getEncodedQuery(): string {
        const terms = this._s.clauses.map((clause) => clause.map((c, i) => `${i ? 'OR' : ''}${c.field}${c.operator}${c.value}`).join('^'))
        const order = this._s.order.map((o) => `${o.descending ? 'ORDERBYDESC' : 'ORDERBY'}${o.field}`)
        return [...terms, ...order].join('^')
    }

    // ---- running it ---------------------------------------------------------------------------------------------

    query(field?: string, value?: unknown): void {
        if (field !== undefined) this.addQuery(field, value)
        this._s.instance.stats.count('queries', this._s.table)
        this._s.results = this._select(true)
        this._s.instance.stats.rowsMatched += this._s.results.length
        this._s.index = -1
        this._s.current = null
        this._s.operation = ''
    }

    private _select(withLimit: boolean): Row[] {
        const { clauses, order, unreadable, offset, limit } = this._s
        return this._db.select(this._s.table, withLimit ? { clauses, order, unreadable, offset, limit } : { clauses, order, unreadable })
    }

    next(): boolean {
        if (this._s.index + 1 >= this._s.results.length) return false
        this._s.index++
        this._load(this._s.results[this._s.index])
        return true
    }

    hasNext(): boolean {
        return this._s.index + 1 < this._s.results.length
    }

    getRowCount(): number {
        return this._s.results.length
    }

    /** get(sys_id) or get(field, value): the first matching record. */
    get(name: string, value?: unknown): boolean {
        this._s.instance.stats.count('gets', this._s.table)
        const oneArg = value === undefined
        if (oneArg && !name) return false
        const condition: Condition = oneArg ? { field: 'sys_id', operator: '=', value: String(name) } : { field: String(name), operator: '=', value: valueToString(value) }
        const rows = this._db.select(this._s.table, { clauses: [[condition]], order: [], limit: 1 })
        this._s.results = rows
        this._s.index = rows.length ? 0 : -1
        if (!rows.length) {
            this._s.current = null
            return false
        }
        this._load(rows[0])
        return true
    }

    private _load(row: Row): void {
        this._s.current = { ...row }
        this._s.initial = { ...row }
        this._s.isNew = false
        this._s.changed = new Set()
    }

    isValidRecord(): boolean {
        return !!this._s.current && !this._s.isNew
    }

    isNewRecord(): boolean {
        return !this._s.current || this._s.isNew
    }

    // ---- fields -------------------------------------------------------------------------------------------------

    /** null for an empty field or a field the table does not have (GlideRecord API reference). */
    getValue(name: string): string {
        const field = String(name)
        const current = this._s.current
        if (!current || !this._db.schema.isQueryable(this._s.table, field)) return null as unknown as string
        const value = this._db.read(this._s.table, current, field)
        if (value === '') return null as unknown as string
        if (this._s.instance.booleanValues === 'numeric' && this._db.typeOf(this._s.table, field) === 'boolean') {
            return value === 'true' || value === '1' ? '1' : '0'
        }
        return value
    }

    setValue(name: string, value: unknown): void {
        const field = String(name)
        if (!this.isValid() || field.includes('.')) return
        if (!this._db.schema.isValidField(this._s.table, field) && !this._db.schema.isOpen(this._s.table)) return
        if (!this._s.current) this.initialize()
        const current = this._s.current as Row
        current[field] = valueToString(value)
        this._s.changed.add(field)
    }

    getUniqueValue(): string {
        return (this._s.current && this._s.current.sys_id) || ''
    }

    getDisplayValue(name?: string): string {
        const current = this._s.current
        if (!current) return ''
        if (name === undefined) return this._db.recordDisplay(current.sys_class_name || this._s.table, current)
        return this._db.schema.isQueryable(this._s.table, String(name)) ? this._db.display(this._s.table, current, String(name)) : ''
    }

    getElement(columnName: string): OfficialGlideElement {
        const field = String(columnName)
        if (!this._db.schema.isValidField(this._s.table, field) && !this._db.schema.isOpen(this._s.table)) return null as unknown as OfficialGlideElement
        return asOfficial<OfficialGlideElement>(new GlideElementDouble(this._port(), field))
    }

    private _port(): RecordPort {
        const row = () => this._s.current || {}
        return {
            table: () => this._s.table,
            raw: (field) => this._db.read(this._s.table, row(), field),
            display: (field) => this._db.display(this._s.table, row(), field),
            set: (field, value) => this.setValue(field, value),
            initial: (field) => this._s.initial[field] || '',
            referenceTable: (field) => this._db.schema.column(this._s.table, field)?.reference || '',
            holdsToken: (field) => field === 'token' && this._db.schema.lineage(row().sys_class_name || this._s.table).includes('api_key'),
            sysId: () => this.getUniqueValue(),
            openRecord: (table, sysId) => {
                const gr = new GlideRecordDouble(table)
                gr.get(sysId)
                return gr as unknown as OfficialGlideRecord
            },
        }
    }

    // ---- writing ------------------------------------------------------------------------------------------------

    initialize(): void {
        this._s.current = {}
        this._s.initial = {}
        this._s.isNew = true
        this._s.changed = new Set()
    }

    /** Like initialize(), plus column defaults and a sys_id. */
    newRecord(): void {
        this.initialize()
        if (!this.isValid()) return
        const current = this._s.current as Row
        for (const [field, spec] of this._db.schema.columns(this._s.table)) if (spec.default) current[field] = spec.default
        current.sys_id = this.setNewGuid()
    }

    setNewGuid(): string {
        const id = randomSysId()
        this.setNewGuidValue(id)
        return id
    }

    setNewGuidValue(guid: string): void {
        if (!this._s.current) this.initialize()
        ;(this._s.current as Row).sys_id = String(guid)
    }

    insert(): string | null {
        this._s.instance.stats.count('inserts', this._s.table)
        this._s.operation = 'insert'
        if (!this._s.current) this.initialize()
        const values = { ...(this._s.current as Row) }
        // insert() on a loaded record creates a copy with a new sys_id.
        if (!this._s.isNew) delete values.sys_id
        const result = this._db.insert(this._s.table, values, { origin: 'glide', autoSysFields: this._s.autoSys })
        if (!result.ok) return this._refuse(result.error)
        this._reload(result.sysId)
        return result.sysId
    }

    update(_reason?: unknown): string | null {
        if (!this._s.current || this._s.isNew) return this.insert()
        this._s.instance.stats.count('updates', this._s.table)
        this._s.operation = 'update'
        const current = this._s.current
        const changes: Row = {}
        for (const field of this._s.changed) if (current[field] !== (this._s.initial[field] || '')) changes[field] = current[field]
        // An update that changes nothing writes nothing.
        if (!Object.keys(changes).length) return current.sys_id
        const result = this._db.update(this._s.table, current.sys_id, changes, { origin: 'glide', autoSysFields: this._s.autoSys })
        if (!result.ok) return this._refuse(result.error)
        this._reload(result.sysId)
        return result.sysId
    }

    deleteRecord(): boolean {
        this._s.instance.stats.count('deletes', this._s.table)
        this._s.operation = 'delete'
        if (!this._s.current || this._s.isNew) return false
        const result = this._db.remove(this._s.table, this._s.current.sys_id, 'glide')
        if (!result.ok) {
            this._refuse(result.error)
            return false
        }
        return true
    }

    /** Deletes every record matching the conditions (no query() needed). */
    deleteMultiple(): void {
        this._s.instance.stats.count('deletes', this._s.table)
        for (const row of this._select(false)) {
            const result = this._db.remove(this._s.table, row.sys_id, 'glide')
            if (!result.ok) this._s.lastError = result.error
        }
    }

    /** Applies the values set with setValue to every record matching the conditions. */
    updateMultiple(): void {
        this._s.instance.stats.count('updates', this._s.table)
        const changes: Row = {}
        const current = this._s.current || {}
        for (const field of this._s.changed) changes[field] = current[field]
        for (const row of this._select(false)) {
            const result = this._db.update(this._s.table, row.sys_id, changes, { origin: 'glide', autoSysFields: this._s.autoSys })
            if (!result.ok) this._s.lastError = result.error
        }
    }

    private _reload(sysId: string): void {
        const found = this._db.findRow(this._s.table, sysId)
        if (found) this._load(found.row)
        this._s.lastError = ''
    }

    private _refuse(error: string): null {
        this._s.lastError = error
        return null
    }

    getLastErrorMessage(): string {
        return this._s.lastError
    }

    operation(): string {
        return this._s.operation
    }

    setWorkflow(b: boolean): void {
        this._s.workflow = !!b
    }

    isWorkflow(): boolean {
        return this._s.workflow
    }

    autoSysFields(b: boolean): void {
        this._s.autoSys = !!b
    }

    setAbortAction(b: boolean): void {
        if (b) this._s.lastError = 'Operation aborted by setAbortAction'
    }

    isActionAborted(): boolean {
        return false
    }

    getLink(_noStack?: boolean): string {
        return `${this._s.table}.do?sys_id=${this.getUniqueValue()}`
    }
}

const FIELD_ACCESS: ProxyHandler<GlideRecordDouble> = {
    get(target, prop, receiver) {
        if (typeof prop === 'symbol' || prop in target) return Reflect.get(target, prop, receiver)
        const gr = receiver as GlideRecordDouble
        return gr.isValid() && gr.isValidField(prop) ? gr.getElement(prop) : undefined
    },
    set(target, prop, value, receiver) {
        if (typeof prop === 'symbol' || prop in target) return Reflect.set(target, prop, value, receiver)
        ;(receiver as GlideRecordDouble).setValue(prop, value)
        return true
    },
}
