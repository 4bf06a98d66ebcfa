// What tests read back from the instance: operation counts (query budgets), captured side effects, and fault plans.

export type Operation = 'queries' | 'gets' | 'inserts' | 'updates' | 'deletes'

export interface OperationCounts {
    /** GlideRecord.query() and GlideAggregate.query() calls (aggregates are also counted in `aggregates`). */
    queries: number
    aggregates: number
    /** GlideRecord.get() calls. */
    gets: number
    /** insert() calls, refused ones included. */
    inserts: number
    /** update() and updateMultiple() calls. */
    updates: number
    /** deleteRecord() and deleteMultiple() calls. */
    deletes: number
}

const zero = (): OperationCounts => ({ queries: 0, aggregates: 0, gets: 0, inserts: 0, updates: 0, deletes: 0 })

/** Counts of Glide API calls made by code under test; test-side data access and platform-internal writes are not counted. */
export class Stats implements OperationCounts {
    queries = 0
    aggregates = 0
    gets = 0
    inserts = 0
    updates = 0
    deletes = 0
    byTable: { [table: string]: OperationCounts } = {}
    /**
     * Rows the queries and aggregates matched: what an indexed database reads to answer them (the bench reports it
     * as "rows examined"; the double's own full scan is not counted).
     */
    rowsMatched = 0

    count(operation: Operation | 'aggregates', table: string): void {
        this[operation]++
        const counts = this.byTable[table] || (this.byTable[table] = zero())
        counts[operation]++
    }

    /** Counts for one table (zeros when it was never touched). */
    table(name: string): OperationCounts {
        return { ...zero(), ...this.byTable[name] }
    }

    /** Reads plus writes, every table. */
    total(): number {
        return this.queries + this.gets + this.inserts + this.updates + this.deletes
    }

    reset(): void {
        Object.assign(this, zero())
        this.byTable = {}
        this.rowsMatched = 0
    }
}

export type WriteKind = 'insert' | 'update' | 'delete'

interface FaultPlanEntry {
    kind: WriteKind
    table: string
    remaining: number
    message: string
}

/** Write refusals armed by tests, like a business rule that aborts the action (current.setAbortAction(true)). */
export class FaultPlan {
    private entries: FaultPlanEntry[] = []

    arm(kind: WriteKind, table: string, nth: number, message: string): void {
        if (!Number.isInteger(nth) || nth < 1) throw new Error(`fail${kind}: n must be 1 or more, not ${nth}`)
        this.entries.push({ kind, table, remaining: nth, message })
    }

    /** Counts this write; returns the refusal message when an armed plan says it fails. */
    check(kind: WriteKind, table: string): string | null {
        let refusal: string | null = null
        for (const entry of this.entries) {
            if (entry.kind !== kind || entry.table !== table) continue
            entry.remaining--
            if (entry.remaining === 0 && refusal === null) refusal = entry.message
        }
        this.entries = this.entries.filter((e) => e.remaining > 0)
        return refusal
    }
}

export type LogLevel = 'info' | 'warn' | 'error' | 'debug' | 'log'

export interface LogEntry {
    level: LogLevel
    message: string
    /** The source argument of gs.log/logError/logWarning. */
    source?: string
}

export interface SessionMessage {
    type: 'info' | 'error'
    message: string
}

export interface QueuedEvent {
    name: string
    table: string
    sys_id: string
    parm1: string
    parm2: string
    queue: string
}

export interface OutboundRequest {
    method: string
    /** Full URL with the query parameters set through setQueryParameter. */
    url: string
    headers: { [name: string]: string }
    body: string
    timeoutMs: number | null
    logLevel: string
}

export interface Redirect {
    kind: 'redirect' | 'return'
    url: string
}

export interface InvalidQuery {
    table: string
    term: string
}

export interface InboundRecord {
    method: string
    path: string
    status: number
    userName: string
    /** 'api_key', 'basic' or '' when the request was not authenticated. */
    scheme: string
}

export interface EmInboundRecord {
    method: string
    source: string
    connectorSysId: string
    messageType: string
    body: string
    userName: string
}

/** One GlideAggregate.query(): its table, encoded query and how many rows it matched. */
export interface AggregateQuery {
    table: string
    query: string
    rowsMatched: number
}
