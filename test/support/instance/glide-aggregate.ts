// GlideAggregate double: COUNT / MIN / MAX / SUM / AVG over the rows matching the conditions, optionally grouped.
// Without groupBy there is exactly one result (COUNT 0 on no rows); with groupBy, one result per group, ordered by
// the group values.
import type { GlideAggregate as OfficialGlideAggregate, GlideQueryCondition as OfficialQueryCondition } from '@servicenow/glide'
import { currentInstance } from './current.ts'
import { type Clause, operatorFromArgument, type OrderTerm, parseEncodedQuery, valueToString } from './encoded-query.ts'
import type { Instance } from './instance.ts'
import { asOfficial } from './official.ts'
import type { Row } from './store.ts'

type AggregateMethods =
    | 'addQuery' | 'addEncodedQuery' | 'addNullQuery' | 'addNotNullQuery' | 'addAggregate' | 'groupBy' | 'orderBy'
    | 'orderByDesc' | 'query' | 'next' | 'hasNext' | 'getAggregate' | 'getValue' | 'getTableName' | 'getRowCount'
    | 'getEncodedQuery'

interface Group {
    values: Row
    aggregates: Map<string, string>
}

const key = (agg: string, field?: string) => `${String(agg).toUpperCase()}:${field || ''}`
const isNumber = (s: string) => s !== '' && Number.isFinite(Number(s))

function aggregate(kind: string, values: string[], rowCount: number): string {
    const present = values.filter((v) => v !== '')
    switch (kind) {
        case 'COUNT': return String(values.length ? present.length : rowCount)
        case 'MIN':
        case 'MAX': {
            if (!present.length) return ''
            const numeric = present.every(isNumber)
            const sorted = [...present].sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0))
            return kind === 'MIN' ? sorted[0] : sorted[sorted.length - 1]
        }
        case 'SUM': return String(present.reduce((sum, v) => sum + Number(v), 0))
        case 'AVG': return present.length ? String(present.reduce((sum, v) => sum + Number(v), 0) / present.length) : ''
        default: throw new Error(`GlideAggregate double: aggregate ${kind} is not supported`)
    }
}

export class GlideAggregateDouble implements Pick<OfficialGlideAggregate, AggregateMethods> {
    private readonly instance: Instance = currentInstance()
    private readonly clauses: Clause[] = []
    private readonly order: OrderTerm[] = []
    private readonly unreadable: string[] = []
    private readonly aggregates: { kind: string; field: string }[] = []
    private readonly groupFields: string[] = []
    private groups: Group[] = []
    private index = -1

    constructor(private readonly table: string) {}

    addQuery(...args: unknown[]): OfficialQueryCondition {
        if (args.length === 1) this.addEncodedQuery(String(args[0]))
        else if (args.length >= 3) this.clauses.push([{ field: String(args[0]), operator: operatorFromArgument(String(args[1])), value: valueToString(args[2]) }])
        else this.clauses.push([{ field: String(args[0]), operator: '=', value: valueToString(args[1]) }])
        return asOfficial<OfficialQueryCondition>({})
    }

    addEncodedQuery(query: string, _enforceFieldACLs?: unknown): void {
        const parsed = parseEncodedQuery(query)
        this.clauses.push(...parsed.clauses)
        this.order.push(...parsed.order)
        this.unreadable.push(...parsed.unreadable)
    }

    addNullQuery(fieldName: string): OfficialQueryCondition {
        return this.addQuery(fieldName, 'ISEMPTY', '')
    }

    addNotNullQuery(fieldName: string): OfficialQueryCondition {
        return this.addQuery(fieldName, 'ISNOTEMPTY', '')
    }

    addAggregate(agg: string, name?: string): void {
        this.aggregates.push({ kind: String(agg).toUpperCase(), field: name ? String(name) : '' })
    }

    groupBy(name: string): void {
        this.groupFields.push(String(name))
    }

    orderBy(name: string): void {
        this.order.push({ field: String(name), descending: false })
    }

    orderByDesc(name: string): void {
        this.order.push({ field: String(name), descending: true })
    }

    getEncodedQuery(): string {
        return this.clauses.map((clause) => clause.map((c, i) => `${i ? 'OR' : ''}${c.field}${c.operator}${c.value}`).join('^')).join('^')
    }

    getTableName(): string {
        return this.table
    }

    query(field?: string, value?: unknown): void {
        if (field !== undefined) this.addQuery(field, value)
        this.instance.stats.count('queries', this.table)
        this.instance.stats.count('aggregates', this.table)
        const db = this.instance.db
        const rows = db.select(this.table, { clauses: this.clauses, order: [], unreadable: this.unreadable })
        this.instance.stats.rowsMatched += rows.length
        this.instance.aggregateQueries.push({ table: this.table, query: this.getEncodedQuery(), rowsMatched: rows.length })
        const byGroup = new Map<string, Row[]>()
        for (const row of rows) {
            const k = JSON.stringify(this.groupFields.map((f) => db.read(this.table, row, f)))
            byGroup.set(k, [...(byGroup.get(k) || []), row])
        }
        if (!this.groupFields.length && !byGroup.size && db.schema.has(this.table)) byGroup.set('[]', [])
        this.groups = [...byGroup.values()].map((members) => {
            const values: Row = {}
            for (const f of this.groupFields) values[f] = members.length ? db.read(this.table, members[0], f) : ''
            const aggregates = new Map<string, string>()
            for (const a of this.aggregates) {
                aggregates.set(key(a.kind, a.field), aggregate(a.kind, a.field ? members.map((r) => db.read(this.table, r, a.field)) : [], members.length))
            }
            return { values, aggregates }
        })
        const descending = (f: string) => this.order.some((o) => o.field === f && o.descending)
        this.groups.sort((a, b) => {
            for (const f of this.groupFields) {
                const d = a.values[f] < b.values[f] ? -1 : a.values[f] > b.values[f] ? 1 : 0
                if (d) return descending(f) ? -d : d
            }
            return 0
        })
        this.index = -1
    }

    next(): boolean {
        if (this.index + 1 >= this.groups.length) return false
        this.index++
        return true
    }

    hasNext(): boolean {
        return this.index + 1 < this.groups.length
    }

    getRowCount(): number {
        return this.groups.length
    }

    getAggregate(agg: string, name?: string): string {
        const group = this.groups[this.index]
        return group ? group.aggregates.get(key(agg, name)) ?? '' : ''
    }

    /** The group-by value of the current result; null when empty, like GlideRecord.getValue(). */
    getValue(name: string): string {
        const group = this.groups[this.index]
        const value = group ? group.values[String(name)] : undefined
        return (value ? value : null) as string
    }
}
