// One in-memory ServiceNow instance: its database, clock, session, plugins, API-key tokens, network and the
// instrumentation tests read (stats, captured side effects, fault plans, snapshots, secret search).
import { ApiKeyTokens, type TokenAccess } from './api-key-tokens.ts'
import { InstanceClock } from './clock.ts'
import { Database, type WriteOrigin, type WriteResult } from './database.ts'
import { parseEncodedQuery } from './encoded-query.ts'
import { handleInbound, type InboundRequest, type InboundResponse, type ResourceHandler } from './inbound-auth.ts'
import {
    type AggregateQuery, type EmInboundRecord, FaultPlan, type InboundRecord, type InvalidQuery, type LogEntry, type OutboundRequest,
    type QueuedEvent, type Redirect, type SessionMessage, Stats,
} from './instrumentation.ts'
import { defaultSwitches, type PlatformSwitches, TABLE_WRITE_SWITCHES, writeRefused } from './platform-switches.ts'
import type { TableOptions } from './schema.ts'
import { findSecret, type SecretHit } from './secret-scan.ts'
import type { Row, StoredRow, StoreDiff, StoreSnapshot } from './store.ts'

export const DEFAULT_BASE_URL = 'https://dev00000.service-now.com'

/** How GlideRecord.getValue() returns booleans. 'numeric' ('1'/'0') is what instances are reported to return; unconfirmed. */
export type BooleanValues = 'text' | 'numeric'

export type NetworkFailure = 'timeout' | 'dns' | null

export interface NetworkModel {
    /** Makes every outbound RESTMessageV2 call fail like the platform does without an answer. */
    fail: NetworkFailure
    /** Handlers for hosts other than the instance itself, by origin ('https://example.com'). */
    hosts: Map<string, (request: InboundRequest) => InboundResponse>
}

export interface CreateUserOptions {
    password?: string
    roles?: string[]
    fields?: Row
}

export class Instance {
    readonly clock: InstanceClock
    readonly tokens = new ApiKeyTokens()
    tokenAccess: TokenAccess = { decrypt: 'refused', client: 'works' }
    /** Plugin id -> active. */
    readonly plugins = new Map<string, boolean>()
    readonly network: NetworkModel = { fail: null, hosts: new Map() }
    /** Inbound REST resources by path ('/api/now/table' also serves '/api/now/table/<table>'). */
    readonly resources = new Map<string, ResourceHandler>()
    /** Roles the Table API requires to read a table (any one of them; admin always passes). */
    readonly tableRoles = new Map<string, string[]>()
    baseUrl: string
    /** Scope the app's scripts run in (named in cross-scope refusals). */
    appScope: string
    booleanValues: BooleanValues
    readonly session = { userName: '', interactive: true }
    /** Settings of the platform behaviours the evidence leaves unknown (set by the fixture). */
    switches: PlatformSwitches = defaultSwitches()
    /**
     * E55, S21: the app's declared cross-scope privileges ('<table>:<create|write|delete>'), loaded from dist/app by
     * instanceWithApp. A script write to another scope's table without one is refused; null (a bare double) checks none.
     */
    declaredPrivileges: Set<string> | null = null
    /** Every script write to another scope's table the platform let through, as '<table>:<operation>' (for the privilege test). */
    readonly crossScopeWrites = new Set<string>()

    readonly stats = new Stats()
    readonly logs: LogEntry[] = []
    readonly sessionMessages: SessionMessage[] = []
    readonly events: QueuedEvent[] = []
    readonly outbound: OutboundRequest[] = []
    readonly redirects: Redirect[] = []
    readonly invalidQueries: InvalidQuery[] = []
    readonly aggregateQueries: AggregateQuery[] = []
    readonly inboundRequests: InboundRecord[] = []
    readonly emInbound: EmInboundRecord[] = []
    readonly faults = new FaultPlan()
    readonly db: Database
    private readonly passwords = new Map<string, string>()

    constructor(options: { baseUrl?: string; clock?: string; appScope?: string; booleanValues?: BooleanValues } = {}) {
        this.baseUrl = (options.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '')
        this.clock = new InstanceClock(options.clock)
        this.appScope = options.appScope || 'x_em_aws_apikey'
        this.booleanValues = options.booleanValues || 'text'
        this.db = new Database({
            clock: this.clock,
            tokens: this.tokens,
            faults: this.faults,
            sessionUserName: () => this.session.userName,
            warn: (message) => this.logs.push({ level: 'warn', message }),
            invalidQueries: this.invalidQueries,
            foldCase: () => this.switches.stringMatch === 'case_insensitive',
            beforeWrite: (table, values, origin) => this.beforeWrite(table, values, origin),
            afterInsert: (table, row, origin) => this.afterInsert(table, row, origin),
            crossScopeRefusal: (table, operation, origin) => this.crossScopeRefusal(table, operation, origin),
            isAppTable: (table) => table.indexOf(`${this.appScope}_`) === 0,
            choiceLabel: (table, field, value) => this.choiceLabel(table, field, value),
        })
    }

    // ---- platform behaviour on writes and display (each cites its evidence id or switch) ----------------------

    private beforeWrite(table: string, values: Row, origin: WriteOrigin): void {
        const lineage = this.db.schema.lineage(table)
        // E2 (S7), switch policyApiWrite: a script's write to sys_api_access_policy.api may be dropped silently.
        if (origin === 'glide' && lineage.includes('sys_api_access_policy') && this.switches.policyApiWrite === 'ignored') delete values.api
        // E30 (S13 sys_user.now.ts): `name` is calculated from first and last name when it is empty.
        if (lineage.includes('sys_user') && !values.name && (values.first_name || values.last_name)) {
            values.name = [values.first_name, values.last_name].filter(Boolean).join(' ')
        }
    }

    /**
     * E55 (S21, S22): a table's Application Access caps what any cross-scope privilege grants; the per-table switch
     * says what it refuses. Then the privilege itself must be declared. The wording follows S22.
     */
    private crossScopeRefusal(table: string, operation: 'create' | 'write' | 'delete', origin: WriteOrigin): string | null {
        if (origin !== 'glide' || table.indexOf(`${this.appScope}_`) === 0) return null
        const switchName = (TABLE_WRITE_SWITCHES as { [table: string]: keyof PlatformSwitches })[table]
        const byAccess = switchName && writeRefused(this.switches[switchName] as never, operation === 'write' ? 'update' : operation)
        const undeclared = this.declaredPrivileges !== null && !this.declaredPrivileges.has(`${table}:${operation}`)
        if (!byAccess && !undeclared) {
            this.crossScopeWrites.add(`${table}:${operation}`)
            return null
        }
        const verb = operation === 'create' ? 'Create' : operation === 'write' ? 'Write' : 'Delete'
        return `${verb} operation against '${table}' from scope '${this.appScope}' has been refused due to the table's cross-scope access policy`
    }

    private afterInsert(table: string, row: StoredRow, _origin: WriteOrigin): void {
        // Switch explicitRoles (issue 9): with the Explicit Roles plugin, every new user gets snc_internal.
        if (table !== 'sys_user' || !this.plugins.get('com.glide.explicit_roles')) return
        const role = this.db.rowsOf('sys_user_role').find((r) => r.name === 'snc_internal')
        if (role) this.db.insert('sys_user_has_role', { user: row.sys_id, role: role.sys_id, inherited: 'false', state: 'active' }, { origin: 'platform' })
    }

    private choiceLabel(table: string, field: string, value: string): string | undefined {
        // E2, assumption: the REST API choice of a policy shows the API's name.
        if (field !== 'api' || !this.db.schema.lineage(table).includes('sys_api_access_policy')) return undefined
        const api = value && this.hasTable('sys_ws_definition') ? this.db.findRow('sys_ws_definition', value) : undefined
        return api ? api.row.name : value
    }

    // ---- instrumentation -------------------------------------------------------------------------------------

    resetStats(): void {
        this.stats.reset()
    }

    /** The n-th insert into `table` from now is refused: insert() returns null and getLastErrorMessage() says why. */
    failNthInsert(table: string, n: number, message?: string): void {
        this.faults.arm('insert', table, n, message || abortMessage(table))
    }

    failNthUpdate(table: string, n: number, message?: string): void {
        this.faults.arm('update', table, n, message || abortMessage(table))
    }

    failNthDelete(table: string, n: number, message?: string): void {
        this.faults.arm('delete', table, n, message || abortMessage(table))
    }

    snapshot(): StoreSnapshot {
        return this.db.store.snapshot()
    }

    diff(snapshot: StoreSnapshot): StoreDiff {
        return this.db.store.diff(snapshot)
    }

    /** Where the string occurs: rows (except api_key.token), logs, session messages, events, outbound URLs, redirects. */
    findSecret(needle: string): SecretHit[] {
        return findSecret(this, needle)
    }

    // ---- test-side data access: never counted in stats, never refused by fault plans ---------------------------

    defineTable(name: string, options: TableOptions = {}): void {
        this.db.defineTable(name, options)
    }

    dropTable(name: string): void {
        this.db.dropTable(name)
    }

    hasTable(name: string): boolean {
        return this.db.schema.has(name)
    }

    /** Copies of the rows of the table (and the tables extending it) matching the encoded query. */
    rows(table: string, encodedQuery = ''): StoredRow[] {
        if (!this.db.schema.has(table)) throw new Error(`rows(): table ${table} is not defined`)
        const query = parseEncodedQuery(encodedQuery)
        const bad = [...query.unreadable, ...query.clauses.flat().filter((c) => !this.db.schema.isQueryable(table, c.field)).map((c) => c.field)]
        if (bad.length) throw new Error(`rows(${table}): invalid query term(s) ${bad.join(', ')}`)
        return this.db.select(table, query)
    }

    row(table: string, encodedQuery = ''): StoredRow | undefined {
        return this.rows(table, encodedQuery)[0]
    }

    /** Inserts like the platform (system fields, api_key token); an api_key `token` given here becomes its plain token. */
    insertRow(table: string, fields: Row = {}): string {
        return this.expectOk(this.db.insert(table, fields, { origin: 'test' }))
    }

    updateRows(table: string, encodedQuery: string, fields: Row): number {
        const rows = this.rows(table, encodedQuery)
        for (const row of rows) this.expectOk(this.db.update(table, row.sys_id, fields, { origin: 'test' }))
        return rows.length
    }

    deleteRows(table: string, encodedQuery: string): number {
        const rows = this.rows(table, encodedQuery)
        for (const row of rows) this.expectOk(this.db.remove(table, row.sys_id, 'test'))
        return rows.length
    }

    private expectOk(result: WriteResult): string {
        if (!result.ok) throw new Error(result.error)
        return result.sysId
    }

    // ---- users, roles, session ---------------------------------------------------------------------------------

    user(userName: string): StoredRow | undefined {
        return this.row('sys_user', `user_name=${userName}`)
    }

    private requireUser(userName: string): StoredRow {
        const user = this.user(userName)
        if (!user) throw new Error(`No sys_user with user_name ${userName}`)
        return user
    }

    createUser(userName: string, options: CreateUserOptions = {}): string {
        const sysId = this.insertRow('sys_user', {
            user_name: userName, first_name: userName, last_name: '', active: 'true', locked_out: 'false',
            web_service_access_only: 'false', internal_integration_user: 'false', ...options.fields,
        })
        if (options.password !== undefined) this.setPassword(userName, options.password)
        for (const role of options.roles || []) this.grantRole(userName, role)
        return sysId
    }

    /** Passwords live only here, never in a row. */
    setPassword(userName: string, password: string): void {
        this.requireUser(userName)
        this.passwords.set(userName, password)
    }

    passwordMatches(userName: string, password: string): boolean {
        return this.passwords.has(userName) && this.passwords.get(userName) === password
    }

    setSessionUser(userName: string): void {
        this.requireUser(userName)
        this.session.userName = userName
    }

    /** The session user's row; undefined when it was deleted. */
    sessionUser(): StoredRow | undefined {
        return this.session.userName ? this.user(this.session.userName) : undefined
    }

    grantRole(userName: string, roleName: string): string {
        const user = this.requireUser(userName)
        const role = this.row('sys_user_role', `name=${roleName}`)
        if (!role) throw new Error(`No sys_user_role named ${roleName}`)
        return this.insertRow('sys_user_has_role', { user: user.sys_id, role: role.sys_id, inherited: 'false', state: 'active' })
    }

    /** Names of the roles granted to the user (active grants). */
    rolesOf(userSysId: string): string[] {
        const roleIds = this.db.rowsOf('sys_user_has_role')
            .filter((r) => r.user === userSysId && (r.state || 'active') === 'active')
            .map((r) => r.role)
        return this.db.rowsOf('sys_user_role').filter((r) => roleIds.includes(r.sys_id)).map((r) => r.name)
    }

    /**
     * gs.hasRole semantics: true when the user has at least one of the comma-separated roles, and always for a
     * user with the admin role (API reference, GlideSystem hasRole(): "Also returns true if the user has the
     * administrator role").
     */
    userHasRole(userSysId: string, roleNames: string): boolean {
        const roles = this.rolesOf(userSysId)
        if (roles.includes('admin')) return true
        return String(roleNames).split(',').map((r) => r.trim()).filter(Boolean).some((r) => roles.includes(r))
    }

    // ---- inbound REST ------------------------------------------------------------------------------------------

    /** A REST request arriving at this instance: API access policies, auth profiles, then the resource. */
    inbound(request: InboundRequest): InboundResponse {
        return handleInbound(this, request)
    }
}

function abortMessage(table: string): string {
    return `Operation against file '${table}' was aborted by Business Rule 'instance double fault plan'`
}
