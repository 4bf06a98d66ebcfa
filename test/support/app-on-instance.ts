// An instance double with this app installed the way the build ships it: the access records, properties and app
// tables come from dist/app, with their sys_ids, so instance tests exercise exactly what would be installed.
import { SHIPPED, TABLE } from '../../src/server/core/app-names'
import { runRepair, type SetupRun } from '../../src/server/setup/setup-service'
import { loadArtifacts } from './artifacts'
import {
    currentInstance, type FreshInstanceOptions, type Instance, freshInstance, type PlatformSwitches, TABLE_WRITE_SWITCHES, type TableWrites, writeRefused,
} from './instance'
import type { Row, StoreDiff } from './instance'
import type { ColumnType } from './instance'
import { type ManualStep, manualStepLink } from '../../src/server/core/manual-step'

export const CANARY = 'now_CANARYinstanceTOKEN0123456789abcdef'

/** The fixture user who may run Repair: the app role plus api_service_admin. */
export const API_ACCESS_ADMIN = 'em.platform.admin'

/** Runs Repair as API_ACCESS_ADMIN, then gives the session back to whoever had it. */
export function repairAsApiAdmin(confirmRestrictions: boolean): SetupRun {
    const instance = currentInstance()
    const previous = instance.session.userName
    instance.setSessionUser(API_ACCESS_ADMIN)
    try {
        return runRepair(confirmRestrictions)
    } finally {
        instance.session.userName = previous
    }
}

// Platform tables the app ships records into (everything else it ships is metadata the double does not model).
const SHIPPED_TABLES = ['http_key_auth', 'sys_api_access_policy', 'sys_auth_profile_mapping', 'sys_properties']

const COLUMN_TYPES = new Set(['string', 'boolean', 'integer', 'reference', 'glide_list', 'glide_date_time', 'choice'])

/** The app's own tables exactly as dist/app defines them (sys_dictionary): strict columns with their max_length. */
function defineAppTablesFromBuild(instance: Instance): void {
    const artifacts = loadArtifacts()
    for (const table of Object.values(TABLE)) {
        const columns: { [field: string]: { type: ColumnType; maxLength?: number; reference?: string } } = {}
        for (const record of artifacts.byTable('sys_dictionary').filter((r) => r.fields.name === table && r.fields.element)) {
            const f = record.fields
            const type = (COLUMN_TYPES.has(f.internal_type) ? f.internal_type : 'string') as ColumnType
            const maxLength = Number(f.max_length) || undefined
            columns[f.element] = { type, ...(maxLength && type === 'string' ? { maxLength } : {}), ...(f.reference ? { reference: f.reference } : {}) }
        }
        if (!Object.keys(columns).length) throw new Error(`dist/app has no columns for ${table}`)
        instance.defineTable(table, { columns })
    }
}

/** E55: the cross-scope privileges the build declares, as the double enforces them ('<table>:<operation>'). */
export function declaredPrivileges(): Set<string> {
    return new Set(
        loadArtifacts()
            .byTable('sys_scope_privilege')
            .filter((r) => r.fields.target_type === 'sys_db_object' && r.fields.status === 'allowed')
            .map((r) => `${r.fields.target_name}:${r.fields.operation}`),
    )
}

export function instanceWithApp(options: FreshInstanceOptions = {}): Instance {
    const instance = freshInstance({ appTables: Object.values(TABLE), ...options })
    defineAppTablesFromBuild(instance)
    instance.declaredPrivileges = declaredPrivileges()
    const previousUser = instance.session.userName
    instance.session.userName = 'system'
    for (const table of SHIPPED_TABLES) {
        if (!instance.hasTable(table)) continue // e.g. http_key_auth without the plugin: the install skips it
        for (const record of loadArtifacts().byTable(table)) {
            const fields: Row = {}
            // Columns the double does not model (sys_properties.read_roles, ...) are left out.
            for (const [k, v] of Object.entries(record.fields)) if (instance.db.schema.isValidField(table, k)) fields[k] = v
            instance.insertRow(table, fields)
        }
    }
    instance.session.userName = previousUser
    instance.tokens.queue(CANARY)
    instance.resetStats()
    return instance
}

// An undo writes the old values back, but no script can restore the audit stamps of that write.
const WRITE_STAMPS = new Set(['sys_updated_on', 'sys_updated_by', 'sys_mod_count'])

function changedFields(before: Row, after: Row): string[] {
    return Object.keys({ ...before, ...after }).filter((k) => !WRITE_STAMPS.has(k) && (before[k] ?? '') !== (after[k] ?? ''))
}

/**
 * A key for the user, made the way an admin makes one by hand (E20: name, user, active, expires; E43: the useraccount
 * auth scope in whatever column this instance names it, E24). Returns the plain token the platform generated.
 */
export function manualKeyFor(instance: Instance, userName: string, fields: Row = {}): string {
    const user = instance.user(userName)
    const useraccount = instance.row('sys_auth_scope', 'name=useraccount')
    const sysId = instance.insertRow('api_key', {
        name: 'manual', user: user?.sys_id ?? '', active: 'true', expires: '2030-01-01 00:00:00',
        [instance.switches.authScopeColumn]: useraccount?.sys_id ?? '', ...fields,
    })
    return instance.tokens.plainFor(sysId) as string
}

/** The URL parameter value of the fixture's AWS push connector definition (E36). */
export function awsSourceOf(instance: Instance): string {
    return instance.row('sn_em_connector_listener', 'name=AWS Events Push Connector')?.source ?? 'aws'
}

/** Status of an SNS-style POST to the EM inbound API, with the key as a query parameter (as SNS sends it) or a header. */
export function emInboundStatus(instance: Instance, token: string, connectorSysId: string, via: 'query' | 'header' = 'query'): number {
    const key = via === 'query' ? `&x-sn-apikey=${encodeURIComponent(token)}` : ''
    const url = `${instance.baseUrl}/api/sn_em_connector/em/inbound_event?source=${awsSourceOf(instance)}&sys_id=${connectorSysId}${key}`
    const headers: { [name: string]: string } = { 'x-amz-sns-message-type': 'Notification' }
    if (via === 'header') headers['x-sn-apikey'] = token
    return instance.inbound({ method: 'POST', url, headers, body: '{}' }).status
}

/**
 * Tables with inserted, updated or deleted rows, as 'table:+n ~n -n'. An update that changed only the write stamps
 * (an undone change) does not count.
 */
export function changedTables(diff: StoreDiff): string[] {
    const counts = new Map<string, [number, number, number]>()
    const bump = (table: string, i: 0 | 1 | 2) => {
        const c = counts.get(table) || [0, 0, 0]
        c[i]++
        counts.set(table, c)
    }
    for (const r of diff.inserted) bump(r.sys_class_name, 0)
    for (const r of diff.updated) if (changedFields(r.before, r.after).length) bump(r.after.sys_class_name, 1)
    for (const r of diff.deleted) bump(r.sys_class_name, 2)
    return [...counts.entries()].map(([t, [a, u, d]]) => `${t}:+${a} ~${u} -${d}`).sort()
}

/**
 * Does a manual step the way an admin does on the form the step links to. A form write is the admin's own, which the
 * app's Application Access does not limit (E55), so it goes through the test-side data API.
 */
export function doManualStep(instance: Instance, step: ManualStep): void {
    if (step.operation === 'create') instance.insertRow(step.table, step.fields)
    else if (step.operation === 'update') instance.updateRows(step.table, `sys_id=${step.sysId}`, step.fields)
    else instance.deleteRows(step.table, `sys_id=${step.sysId}`)
}

/** E55: each manual step a flow named is a write this instance's Application Access (switch setting) really refuses. */
export function expectOnlyRealRefusals(platform: Partial<PlatformSwitches>, steps: ManualStep[]): void {
    const claimed = steps.map((s) => {
        const name = (TABLE_WRITE_SWITCHES as { [table: string]: keyof PlatformSwitches })[s.table]
        return { write: `${s.operation} ${s.table}`, refusedHere: !!name && writeRefused((platform[name] ?? 'allowed') as TableWrites, s.operation) }
    })
    expect(claimed).toEqual(claimed.map((c) => ({ write: c.write, refusedHere: true })))
}

/**
 * Clicks a button until it stops naming a manual step; each step is done as the admin would, on the form it links to
 * (collected in `done`). Returns the last click's result.
 */
export function followManualSteps<T>(instance: Instance, click: () => T, stepsOf: (result: T) => ManualStep[], done: ManualStep[]): T {
    let result = click()
    for (let round = 0; round < 8; round++) {
        const steps = stepsOf(result)
        if (!steps.length) return result
        for (const step of steps) {
            // The step names its form: a new record prefilled, or the record itself.
            expect(manualStepLink(step)).toMatch(new RegExp(`^${step.table}\\.do\\?sys_id=(-1|${step.sysId})`))
            expect(step.then).not.toBe('')
            doManualStep(instance, step)
            done.push(step)
        }
        result = click()
    }
    throw new Error('the flow still asks for manual steps after 8 rounds')
}

/**
 * Repair as an admin would: preview, confirm, do each manual step Repair names (a refused write, E55), pick the REST
 * API on the policy form when Repair asks (E2), and confirm again. Each run must end without an error.
 */
export function repairLikeAnAdmin(instance: Instance): { apiPicked: boolean; manualSteps: ManualStep[] } {
    const manualSteps: ManualStep[] = []
    const repair = (confirm: boolean) => followManualSteps(instance, () => repairAsApiAdmin(confirm), (r) => r.report.manualSteps, manualSteps)
    expect(repair(false).report.error).toBe('')
    const confirmed = repair(true)
    expect(confirmed.report.error).toBe('')
    const apiPicked = confirmed.report.blocked.some((b) => /pick REST API = /.test(b))
    if (apiPicked) {
        // The admin opens the policy form and picks the REST API: a form write, which the platform stores (E2).
        const api = instance.row('sys_ws_definition', 'base_uri=/api/sn_em_connector/em')
        instance.updateRows('sys_api_access_policy', `name=${SHIPPED.emPolicy}`, { api: api?.sys_id ?? '' })
        expect(repair(true).report.error).toBe('')
    }
    return { apiPicked, manualSteps }
}
