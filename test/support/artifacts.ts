// Build-artifact reader: every record in dist/app/**/*.xml, by table, with string fields.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { XMLParser } from 'fast-xml-parser'

export const ROOT = join(__dirname, '..', '..')
export const APP_DIR = join(ROOT, 'dist', 'app')

export interface ShippedRecord {
    table: string
    sysId: string
    action: string
    /** Path of the XML file, relative to dist/app. */
    file: string
    /** Field values as strings; an empty element is ''. */
    fields: Record<string, string>
    /** display_value attributes, where the build wrote one. */
    displayValues: Record<string, string>
}

// parseTagValue false keeps "true" and all-digit sys_ids as strings (sdk-facts.md, "Testing the build output").
const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    textNodeName: '#text',
    isArray: () => false,
})

function walk(dir: string): string[] {
    const out: string[] = []
    for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) out.push(...walk(path))
        else if (name.endsWith('.xml')) out.push(path)
    }
    return out
}

function fieldValue(raw: unknown): { value: string; display?: string } {
    if (raw === undefined || raw === null || raw === '') return { value: '' }
    if (typeof raw === 'string') return { value: raw }
    if (typeof raw === 'object') {
        const obj = raw as Record<string, unknown>
        const text = obj['#text']
        const display = obj['@_display_value']
        return { value: typeof text === 'string' ? text : '', display: typeof display === 'string' ? display : undefined }
    }
    return { value: String(raw) }
}

function toRecord(table: string, body: Record<string, unknown>, file: string): ShippedRecord {
    const fields: Record<string, string> = {}
    const displayValues: Record<string, string> = {}
    for (const [key, raw] of Object.entries(body)) {
        if (key.startsWith('@_') || key === '#text') continue
        const { value, display } = fieldValue(raw)
        fields[key] = value
        if (display !== undefined) displayValues[key] = display
    }
    const action = typeof body['@_action'] === 'string' ? (body['@_action'] as string) : ''
    return { table, sysId: fields.sys_id ?? '', action, file, fields, displayValues }
}

function collect(table: string, body: unknown, file: string, out: ShippedRecord[]): void {
    for (const b of Array.isArray(body) ? body : [body]) {
        if (!b || typeof b !== 'object') continue
        const obj = b as Record<string, unknown>
        if (typeof obj.sys_id === 'string' || (obj.sys_id && typeof obj.sys_id === 'object')) {
            out.push(toRecord(table, obj, file))
            continue
        }
        // A container such as <sys_choice_v2> holds records of other tables; a delete directive has no sys_id.
        for (const [key, child] of Object.entries(obj)) {
            if (!key.startsWith('@_') && key !== '#text') collect(key, child, file, out)
        }
    }
}

/** A table definition from dist/app/dictionary (the bootstrap format). */
export interface TableDefinition {
    name: string
    attributes: Record<string, string>
    columns: Record<string, Record<string, string>>
}

function attrs(obj: Record<string, unknown>): Record<string, string> {
    const out: Record<string, string> = {}
    for (const [k, v] of Object.entries(obj)) if (k.startsWith('@_')) out[k.slice(2)] = String(v)
    return out
}

function parseDictionary(database: Record<string, unknown>): TableDefinition[] {
    const tables = database.element
    return (Array.isArray(tables) ? tables : [tables]).map((t) => {
        const table = t as Record<string, unknown>
        const children = table.element === undefined ? [] : Array.isArray(table.element) ? table.element : [table.element]
        const columns: Record<string, Record<string, string>> = {}
        for (const c of children as Record<string, unknown>[]) {
            const a = attrs(c)
            columns[a.name] = a
        }
        const a = attrs(table)
        return { name: a.name, attributes: a, columns }
    })
}

export function parseArtifactFile(path: string, appDir = APP_DIR): { records: ShippedRecord[]; tables: TableDefinition[] } {
    const doc = parser.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
    const file = relative(appDir, path)
    if (doc.database) return { records: [], tables: parseDictionary(doc.database as Record<string, unknown>) }
    const update = doc.record_update as Record<string, unknown> | undefined
    if (!update) throw new Error(`${file}: neither <record_update> nor <database>`)
    const records: ShippedRecord[] = []
    for (const [key, body] of Object.entries(update)) {
        if (!key.startsWith('@_') && key !== '#text') collect(key, body, file, records)
    }
    return { records, tables: [] }
}

export class Artifacts {
    readonly all: ShippedRecord[]
    readonly dictionary: TableDefinition[]

    constructor(records: ShippedRecord[], dictionary: TableDefinition[]) {
        this.all = records
        this.dictionary = dictionary
    }

    tableDefinition(name: string): TableDefinition {
        const def = this.dictionary.find((t) => t.name === name)
        if (!def) throw new Error(`no table definition for ${name} in dist/app/dictionary`)
        return def
    }

    tables(): string[] {
        return [...new Set(this.all.map((r) => r.table))].sort()
    }

    byTable(table: string): ShippedRecord[] {
        return this.all.filter((r) => r.table === table)
    }

    bySysId(sysId: string): ShippedRecord | undefined {
        return this.all.find((r) => r.sysId === sysId)
    }

    /** The single record of a table matching the predicate; throws when there is not exactly one. */
    one(table: string, match: (r: ShippedRecord) => boolean): ShippedRecord {
        const found = this.byTable(table).filter(match)
        if (found.length !== 1) throw new Error(`expected one ${table} record, found ${found.length}`)
        return found[0]
    }

    byField(table: string, field: string, value: string): ShippedRecord {
        return this.one(table, (r) => r.fields[field] === value)
    }
}

let cached: Artifacts | undefined

/** Parses dist/app once per jest worker. The build itself runs once per test run, in global-setup. */
export function loadArtifacts(appDir = APP_DIR): Artifacts {
    if (appDir === APP_DIR && cached) return cached
    const parsed = walk(appDir).map((path) => parseArtifactFile(path, appDir))
    const artifacts = new Artifacts(
        parsed.flatMap((p) => p.records),
        parsed.flatMap((p) => p.tables),
    )
    if (appDir === APP_DIR) cached = artifacts
    return artifacts
}
