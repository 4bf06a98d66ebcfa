// Encoded queries and conditions: parsing ('^' = AND, '^OR' = OR with the previous term, ORDERBY/ORDERBYDESC),
// matching rows and ordering them. Comparisons are on strings; '<' '<=' '>' '>=' compare numbers numerically and
// everything else as text, which orders 'YYYY-MM-DD HH:mm:ss' dates correctly. E51: whether the platform compares
// strings case-sensitively is unknown, so `fold` (switch stringMatch) decides for the equality and text operators.
import type { ColumnType } from './schema.ts'
import type { Row } from './store.ts'

export const OPERATORS = [
    '=', '!=', '<', '<=', '>', '>=', 'IN', 'NOT IN', 'STARTSWITH', 'ENDSWITH', 'LIKE', 'NOT LIKE',
    'CONTAINS', 'DOES NOT CONTAIN', 'ISEMPTY', 'ISNOTEMPTY', 'ANYTHING',
] as const
export type Operator = (typeof OPERATORS)[number]

export interface Condition {
    field: string
    operator: Operator
    value: string
}
/** Conditions joined by OR. A query is a list of clauses joined by AND. */
export type Clause = Condition[]

export interface OrderTerm {
    field: string
    descending: boolean
}

export interface ParsedQuery {
    clauses: Clause[]
    order: OrderTerm[]
    /** Terms the parser could not read (the platform drops them, see GlideRecord.addEncodedQuery docs). */
    unreadable: string[]
}

// Longest first, so 'ISNOTEMPTY' wins over 'ISEMPTY' and '<=' over '<'.
const ENCODED_OPERATORS: Operator[] = [
    'ISNOTEMPTY', 'ISEMPTY', 'ANYTHING', 'NOT IN', 'NOT LIKE', 'STARTSWITH', 'ENDSWITH', 'LIKE', 'IN',
    '!=', '<=', '>=', '<', '>', '=',
]
const VALUELESS: Operator[] = ['ISEMPTY', 'ISNOTEMPTY', 'ANYTHING']
const FIELD = /^[a-z0-9_]+(?:\.[a-z0-9_]+)*/

export class UnsupportedQueryError extends Error {}

function unsupported(what: string): never {
    throw new UnsupportedQueryError(`The instance double does not support ${what}. Extend test/support/instance/encoded-query.ts if the app needs it.`)
}

/** Reads one term such as 'statusINactive,expired' or 'nameISEMPTY'; null when it has no operator. */
export function parseTerm(term: string): Condition | null {
    const fieldMatch = FIELD.exec(term)
    if (!fieldMatch) return null
    const field = fieldMatch[0]
    const rest = term.slice(field.length)
    const operator = ENCODED_OPERATORS.find((op) => rest.startsWith(op))
    if (!operator) return null
    const value = VALUELESS.includes(operator) ? '' : rest.slice(operator.length)
    if (/^javascript:/i.test(value)) unsupported(`javascript: values in queries ("${term}")`)
    return { field, operator, value }
}

export function parseEncodedQuery(query: string): ParsedQuery {
    const out: ParsedQuery = { clauses: [], order: [], unreadable: [] }
    if (/\^NQ/.test(query)) unsupported('^NQ (new query) in encoded queries')
    for (const term of String(query || '').split('^')) {
        if (!term || term === 'EQ') continue
        if (term.startsWith('ORDERBYDESC')) out.order.push({ field: term.slice(11), descending: true })
        else if (term.startsWith('ORDERBY')) out.order.push({ field: term.slice(7), descending: false })
        else if (term.startsWith('GROUPBY')) continue
        else if (term.startsWith('OR') && out.clauses.length) {
            const condition = parseTerm(term.slice(2))
            if (condition) out.clauses[out.clauses.length - 1].push(condition)
            else out.unreadable.push(term)
        } else if (/^[A-Z]/.test(term)) {
            unsupported(`the encoded query keyword in "${term}"`)
        } else {
            const condition = parseTerm(term)
            if (condition) out.clauses.push([condition])
            else out.unreadable.push(term)
        }
    }
    return out
}

/** The operator of addQuery(field, operator, value): case-insensitive, '==' and '<>' as the platform spells them. */
export function operatorFromArgument(operator: string): Operator {
    const op = String(operator).trim().toUpperCase()
    if (op === '==') return '='
    if (op === '<>') return '!='
    if ((OPERATORS as readonly string[]).includes(op)) return op as Operator
    return unsupported(`the addQuery operator "${operator}"`)
}

/** String form of a value handed to addQuery/setValue (booleans, numbers, GlideElements, arrays for IN). */
export function valueToString(value: unknown): string {
    if (value === null || value === undefined) return ''
    if (Array.isArray(value)) return value.map(valueToString).join(',')
    return String(value)
}

export type ValueReader = (row: Row, fieldPath: string) => string
export type TypeReader = (fieldPath: string) => ColumnType | undefined

const isNumber = (s: string) => s !== '' && Number.isFinite(Number(s))

function normalizeBoolean(value: string): string {
    if (value === '1' || value === 'true') return 'true'
    if (value === '0' || value === 'false' || value === '') return 'false'
    return value
}

function compare(a: string, b: string): number {
    if (isNumber(a) && isNumber(b)) return Number(a) - Number(b)
    return a < b ? -1 : a > b ? 1 : 0
}

export function conditionMatches(condition: Condition, rawActual: string, type: ColumnType | undefined, fold = false): boolean {
    const bool = type === 'boolean'
    const text = (v: string) => (fold && !bool ? v.toLowerCase() : v)
    const actual = text(rawActual)
    const value = text(condition.value)
    const have = bool ? normalizeBoolean(actual) : actual
    const want = bool ? normalizeBoolean(value) : value
    const list = () => value.split(',').map((v) => (bool ? normalizeBoolean(v.trim()) : v.trim()))
    switch (condition.operator) {
        case '=': return have === want
        case '!=': return have !== want
        case '<': return actual !== '' && compare(actual, condition.value) < 0
        case '<=': return actual !== '' && compare(actual, condition.value) <= 0
        case '>': return actual !== '' && compare(actual, condition.value) > 0
        case '>=': return actual !== '' && compare(actual, condition.value) >= 0
        case 'IN': return list().includes(have)
        case 'NOT IN': return !list().includes(have)
        case 'STARTSWITH': return actual.startsWith(value)
        case 'ENDSWITH': return actual.endsWith(value)
        case 'LIKE':
        case 'CONTAINS': return actual.includes(value)
        case 'NOT LIKE':
        case 'DOES NOT CONTAIN': return !actual.includes(value)
        case 'ISEMPTY': return actual === ''
        case 'ISNOTEMPTY': return actual !== ''
        case 'ANYTHING': return true
    }
}

export function rowMatches(row: Row, clauses: Clause[], read: ValueReader, typeOf: TypeReader, fold = false): boolean {
    return clauses.every((clause) => clause.some((c) => conditionMatches(c, read(row, c.field), typeOf(c.field), fold)))
}

export function sortRows<R extends Row>(rows: R[], order: OrderTerm[], read: ValueReader): R[] {
    if (!order.length) return rows
    return [...rows].sort((a, b) => {
        for (const term of order) {
            const d = compare(read(a, term.field), read(b, term.field))
            if (d) return term.descending ? -d : d
        }
        return 0
    })
}
