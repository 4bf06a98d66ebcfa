// The one way a value reaches an encoded query. `^` separates conditions, `,` separates IN-list items, `=` can start
// an operator and a line break can end the query: a value holding one of them could widen or rewrite the query, so it
// is refused with a message that names the value's purpose. Pure: no Glide import.

/** An encoded query built only through `query` (a branded string, so readers cannot take a raw one). */
export type EncodedQuery = string & { readonly __encodedQuery: true }

/** A list of values for an IN condition; each item is checked like any other value. */
export interface QueryList {
    readonly items: readonly string[]
}

const UNSAFE = /[\^,=\r\n]/
const SYS_ID = /^[0-9a-f]{32}$/

export function isSysId(value: unknown): boolean {
    return typeof value === 'string' && SYS_ID.test(value)
}

/** Throws unless `value` is a 32-character sys_id; `what` names the input in the message. */
export function requireSysId(value: unknown, what: string): string {
    if (!isSysId(value)) throw new Error(`${what}: expected a 32-character sys_id (0-9, a-f), got ${describe(value)}.`)
    return value as string
}

/** A value safe to place in an encoded query; throws with what to fix otherwise. */
export function queryValue(value: unknown): string {
    const text = value === null || value === undefined ? '' : String(value)
    if (UNSAFE.test(text)) {
        throw new Error(`A value (${describe(text)}) cannot be used in a query: remove any ^ , = or line break from it.`)
    }
    return text
}

export function list(values: readonly unknown[]): QueryList {
    return { items: values.map(queryValue) }
}

function isList(value: unknown): value is QueryList {
    return typeof value === 'object' && value !== null && Array.isArray((value as QueryList).items)
}

/** Tagged template: query`sys_id=${id}^stateIN${list(states)}`. Every interpolated value is checked. */
export function query(strings: TemplateStringsArray, ...values: unknown[]): EncodedQuery {
    let out = strings[0]
    for (let i = 0; i < values.length; i++) {
        const value = values[i]
        out += (isList(value) ? value.items.join(',') : queryValue(value)) + strings[i + 1]
    }
    return out as EncodedQuery
}

/** Joins checked queries with ^ (AND). */
export function and(...parts: EncodedQuery[]): EncodedQuery {
    return parts.filter((p) => !!p).join('^') as EncodedQuery
}

/** Says what is wrong with a value without repeating it: an input may hold something secret. */
function describe(value: unknown): string {
    if (value === null || value === undefined || value === '') return 'an empty value'
    const text = String(value)
    const bad = text.match(/[\^,=\r\n]/)
    const found = bad ? `, with ${JSON.stringify(bad[0])} at position ${(bad.index as number) + 1}` : ''
    return `a value of ${text.length} characters${found}`
}
