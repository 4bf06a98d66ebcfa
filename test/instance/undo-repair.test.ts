// Issue 18, item 2: "Undo Repair" reverses every change Repair made, newest first, through the door, by the same
// authority; a database diff proves the instance is as it was (apart from the app's own run, audit and change rows).
import { SHIPPED, TABLE } from '../../src/server/core/app-names'
import { checkSetup } from '../../src/server/setup/setup-service'
import { runUndoRepair } from '../../src/server/setup/undo-repair'
import { API_ACCESS_ADMIN, CANARY, changedTables, doManualStep, followManualSteps, instanceWithApp, manualKeyFor, repairAsApiAdmin, repairLikeAnAdmin } from '../support/app-on-instance'
import { currentInstance, type FreshInstanceOptions, type Instance } from '../support/instance'

const statuses = () => Object.fromEntries(checkSetup().results.map((r) => [r.id, r.status]))
const otherTables = (instance: Instance, before: ReturnType<Instance['snapshot']>) =>
    changedTables(instance.diff(before)).filter((t) => !t.startsWith('x_em_aws_apikey_'))

function undoAsApiAdmin() {
    const instance = currentInstance()
    const previous = instance.session.userName
    instance.setSessionUser(API_ACCESS_ADMIN)
    try {
        return runUndoRepair()
    } finally {
        instance.session.userName = previous
    }
}

/** Repair as an admin does it: first without, then with the API restrictions, doing each step it names by hand. */
function repairFully(): void {
    expect(repairLikeAnAdmin(currentInstance()).manualSteps).toEqual([])
}

/** Undo as an admin does it: each manual step Undo names is done on the form, then Undo is clicked again. */
function undoLikeAnAdmin(instance: Instance) {
    const runs: ReturnType<typeof undoAsApiAdmin>[] = []
    const click = () => {
        const run = undoAsApiAdmin()
        runs.push(run)
        return run
    }
    followManualSteps(instance, click, (run) => run.report.manualSteps, [])
    return {
        runs: runs.length,
        error: runs.map((r) => r.report.error).join(''),
        kept: runs.flatMap((r) => r.report.warnings),
        steps: runs.flatMap((r) => r.report.manualSteps),
        undone: runs.reduce((n, r) => n + r.report.changes.length, 0),
        lastRunSysId: runs[runs.length - 1].runSysId,
    }
}

/**
 * E2: where the instance ignored Repair's write of the shipped policy's REST API and the admin set it on the form,
 * Undo cannot clear it by script either: one form step.
 */
function apiFormSteps(instance: Instance, formStep: boolean) {
    if (!formStep) return []
    const policy = instance.row('sys_api_access_policy', `name=${SHIPPED.emPolicy}`)
    return [{
        operation: 'update', table: 'sys_api_access_policy', sysId: policy?.sys_id, fields: { api: '' },
        reason: 'it ignores a script\'s write of this field (E2), as when Repair wrote it', then: 'click "Undo Repair" again: it continues from this change.',
    }]
}

// The last column: Undo ends with the form step for the policy's REST API (E2 ignored, and Repair updated the shipped
// policy rather than adopting the instance's or re-creating its own, which Undo deletes).
describe.each<[string, FreshInstanceOptions, boolean]>([
    ['a fresh install', {}, true],
    ['an instance whose API-key EM policy Repair adopts (header_only)', { platform: { emPolicyShipped: 'header_only' } }, false],
    ['a fresh install whose profile and policy Repair re-creates', {}, false],
    ['an instance that does not keep a script\'s sys_scope (E66), where Repair re-creates', { platform: { scriptScope: 'session_scope' } }, false],
    ['an instance that reads booleans as 1 and 0', { booleanValues: 'numeric' }, true],
    ['a fresh install that stores a script\'s write of the policy\'s REST API (E2)', { platform: { policyApiWrite: 'stored' } }, false],
])('Repair then Undo on %s', (name, options, formStep) => {
    it('leaves every table as it was but the app\'s own rows, and the check reports the pre-Repair statuses', () => {
        const instance = instanceWithApp(options)
        if (name.includes('re-creates')) {
            instance.deleteRows('http_key_auth', `name=${SHIPPED.queryProfile}`)
            instance.deleteRows('sys_api_access_policy', `name=${SHIPPED.emPolicy}`)
        }
        const statusesBefore = statuses()
        const before = instance.snapshot()
        repairFully()
        expect(checkSetup().results.filter((r) => r.status === 'fail')).toEqual([])
        const changeRows = instance.rows(TABLE.repairChange).length
        expect(changeRows).toBeGreaterThan(0)
        const repaired = instance.snapshot()
        const steps = apiFormSteps(instance, formStep)

        const undo = undoLikeAnAdmin(instance)
        expect({ error: undo.error, kept: undo.kept, steps: undo.steps, undone: undo.undone, runs: undo.runs }).toEqual({
            // A change whose field the admin cleared on the form is found as before Repair by the next Undo.
            error: '', kept: [], steps, undone: changeRows - steps.length, runs: steps.length + 1,
        })
        expect(otherTables(instance, before)).toEqual([])
        expect(statuses()).toEqual(statusesBefore)
        // The app's own rows: each Undo run and its audit row, and the change log, all marked undone.
        expect(changedTables(instance.diff(repaired)).filter((t) => t.startsWith('x_em_aws_apikey_'))).toEqual([
            `${TABLE.audit}:+${undo.runs + steps.length} ~0 -0`, `${TABLE.repairChange}:+0 ~${changeRows} -0`, `${TABLE.setupRun}:+${undo.runs} ~0 -0`,
        ])
        // Every change undone; the one whose REST API the admin cleared on the form was found as before Repair.
        expect(instance.rows(TABLE.repairChange, 'undone=false')).toEqual([])
        expect(instance.rows(TABLE.repairChange, 'undo_result!=reverted').map((r) => [r.target_sys_id, r.undo_result, r.asked_values])).toEqual(
            steps.map((step) => [step.sysId, 'already_reverted', `{"api":"${instance.row('sys_ws_definition', 'base_uri=/api/sn_em_connector/em')?.sys_id}"}`]),
        )
        expect(instance.row(TABLE.setupRun, `sys_id=${undo.lastRunSysId}`)?.kind).toBe('undo_repair')
        expect(instance.rows(TABLE.audit, 'action=undo_repair').map((r) => r.outcome).sort()).toEqual([...steps.map(() => 'failure'), 'success'].sort())

        // Idempotent: a second Undo changes nothing but its own run and audit rows.
        const again = instance.snapshot()
        expect(undoAsApiAdmin().report.changes).toEqual([])
        expect(changedTables(instance.diff(again))).toEqual([`${TABLE.audit}:+1 ~0 -0`, `${TABLE.setupRun}:+1 ~0 -0`])
        expect(instance.findSecret(CANARY)).toEqual([])
    })
})

describe('what Repair records', () => {
    it('one row per applied change, with the previous and the stored values, in the order applied (REST API write stored, E2)', () => {
        const instance = instanceWithApp({ platform: { policyApiWrite: 'stored' } })
        const policyBefore = instance.row('sys_api_access_policy', `name=${SHIPPED.emPolicy}`)
        const first = repairAsApiAdmin(false)
        const second = repairAsApiAdmin(true)
        const rows = instance.rows(TABLE.repairChange).sort((a, b) => Number(a.order) - Number(b.order))
        expect(rows.map((r) => [r.run, r.order])).toEqual([
            ...first.report.changes.map((_c, i) => [first.runSysId, String(i + 1)]),
            [second.runSysId, String(first.report.changes.length + 1)],
        ])
        // The activation: the previous value and the one stored.
        const activation = rows[rows.length - 1]
        expect({ table: activation.target_table, id: activation.target_sys_id, op: activation.operation, prev: activation.previous_values, written: activation.written_values }).toEqual({
            table: 'sys_api_access_policy', id: policyBefore?.sys_id, op: 'update', prev: '{"active":"false"}', written: '{"active":"true"}',
        })
    })

    it('what it asked the admin to set where the instance ignored its write of the policy\'s REST API (E2)', () => {
        const instance = instanceWithApp({ platform: { policyApiWrite: 'ignored' } })
        const policy = instance.row('sys_api_access_policy', `name=${SHIPPED.emPolicy}`)
        const emApi = instance.row('sys_ws_definition', 'base_uri=/api/sn_em_connector/em')
        repairAsApiAdmin(false)
        expect(instance.rows(TABLE.repairChange, `target_sys_id=${policy?.sys_id}`).map((r) => [r.operation, r.previous_values, r.written_values, r.asked_values])).toEqual([
            ['update', '{"api":""}', '{"api":""}', `{"api":"${emApi?.sys_id}"}`],
        ])
        // Every other change asked nothing of the admin.
        expect(instance.rows(TABLE.repairChange, `target_sys_id!=${policy?.sys_id}`).map((r) => r.asked_values)).toEqual(
            instance.rows(TABLE.repairChange, `target_sys_id!=${policy?.sys_id}`).map(() => '{}'),
        )
    })

    it('nothing for a Repair that failed half-way and was rolled back', () => {
        const instance = instanceWithApp()
        instance.failNthInsert('sys_user_has_role', 1)
        expect(repairAsApiAdmin(true).report.error).toMatch(/Every change of this run was undone/)
        expect(instance.rows(TABLE.repairChange)).toEqual([])
    })
})

describe('authority', () => {
    it('an app admin without admin or api_service_admin is refused: one denied audit row, nothing else changes', () => {
        const instance = instanceWithApp()
        repairFully()
        const before = instance.snapshot()
        expect(() => runUndoRepair()).toThrow(/^Only users with admin or api_service_admin \(on top of x_em_aws_apikey.admin\) can undo Repair: /)
        expect(changedTables(instance.diff(before))).toEqual([`${TABLE.audit}:+1 ~0 -0`])
        expect(instance.rows(TABLE.audit, 'action=undo_repair').map((r) => r.outcome)).toEqual(['denied'])
    })

    it('a user without the app role is refused before anything is read or written', () => {
        const instance = instanceWithApp()
        repairFully()
        instance.setSessionUser('plain.user')
        const before = instance.snapshot()
        expect(() => runUndoRepair()).toThrow(/^Only users with the x_em_aws_apikey.admin role can undo Repair\./)
        expect(changedTables(instance.diff(before))).toEqual([])
    })
})

describe('a change made after Repair', () => {
    it('is kept and reported, never overwritten; everything else is undone (REST API write stored, E2)', () => {
        const instance = instanceWithApp({ platform: { policyApiWrite: 'stored' } })
        const statusesBefore = statuses()
        repairFully()
        // The admin renames the integration user Repair created.
        instance.updateRows('sys_user', 'user_name=aws.sns.integration', { first_name: 'Renamed by admin' })
        const user = instance.user('aws.sns.integration')
        const undo = undoAsApiAdmin()
        expect(undo.report.warnings).toEqual([
            `Kept sys_user ${user?.sys_id} ("Create the web-service-only integration user aws.sns.integration."): changed after Repair (first_name); Undo does not overwrite a later change. Revert it by hand if it should go.`,
        ])
        expect(instance.user('aws.sns.integration')?.first_name).toBe('Renamed by admin')
        // Its role grant, created by Repair and unchanged, is gone.
        expect(instance.rows('sys_user_has_role', `user=${user?.sys_id}`)).toEqual([])
        expect(instance.rows(TABLE.repairChange, `target_sys_id=${user?.sys_id}`).map((r) => [r.undone, r.undo_result])).toEqual([['true', 'kept_changed']])
        const { integration_user: _user, ...others } = statuses()
        const { integration_user: _before, ...othersBefore } = statusesBefore
        expect(others).toEqual(othersBefore)
        // Reported once: the next Undo does not report it again.
        expect(undoAsApiAdmin().report.warnings).toEqual([])
    })

    it('an updated field the admin set to a third value is kept; one the admin already put back counts as reverted (REST API write stored, E2)', () => {
        const instance = instanceWithApp({ platform: { policyApiWrite: 'stored' } })
        repairFully()
        // The admin points our header profile at the other auth parameter, and deactivates our policy by hand.
        const other = instance.row('sys_token_auth_parameter', 'type!=auth_header')?.sys_id ?? ''
        instance.updateRows('http_key_auth', `name=${SHIPPED.headerProfile}`, { auth_parameter: other })
        instance.updateRows('sys_api_access_policy', `name=${SHIPPED.emPolicy}`, { active: 'false' })
        const undo = undoAsApiAdmin()
        expect(undo.report.warnings).toEqual([expect.stringMatching(/^Kept http_key_auth [0-9a-f]{32} \("Profile "AWS SNS Event API Keys - API key in header": auth_parameter=[0-9a-f]{32}, active=true\."\): changed after Repair \(auth_parameter\); /)])
        const header = instance.row('http_key_auth', `name=${SHIPPED.headerProfile}`)
        expect({ auth_parameter: header?.auth_parameter, active: header?.active }).toEqual({ auth_parameter: other, active: 'true' })
        const policy = instance.row('sys_api_access_policy', `name=${SHIPPED.emPolicy}`)
        const emApi = instance.row('sys_ws_definition', 'base_uri=/api/sn_em_connector/em')
        expect(policy?.api).toBe('')
        expect(instance.rows(TABLE.repairChange, `target_sys_id=${policy?.sys_id}^operation=update`).map((r) => [r.written_values, r.undo_result]).sort()).toEqual([
            ['{"active":"true"}', 'already_reverted'], [`{"api":"${emApi?.sys_id}"}`, 'reverted'],
        ].sort())
    })
})

describe('the integration user Repair created, with API keys issued to it since', () => {
    it('is kept and reported, so no key is orphaned', () => {
        const instance = instanceWithApp()
        repairFully()
        manualKeyFor(instance, 'aws.sns.integration')
        const user = instance.user('aws.sns.integration')
        const keysBefore = instance.rows('api_key', `user=${user?.sys_id}`)
        const undo = undoAsApiAdmin()
        expect(undo.report.warnings).toEqual([
            `Kept sys_user ${user?.sys_id} ("Create the web-service-only integration user aws.sns.integration."): 1 API key(s) were issued to this user after Repair; Undo does not orphan them. Revoke them, then delete the user by hand if it should go.`,
        ])
        expect(instance.user('aws.sns.integration')).toEqual(user)
        expect(instance.rows('api_key', `user=${user?.sys_id}`)).toEqual(keysBefore)
    })
})

describe('a write the instance refuses (E55)', () => {
    it('ends with the one exact manual step; after the admin does it, the next Undo finishes', () => {
        const instance = instanceWithApp({ platform: { mappingWrites: 'delete_refused' } })
        const statusesBefore = statuses()
        const before = instance.snapshot()
        repairFully()
        const basicMapping = instance.rows(TABLE.repairChange, 'target_table=sys_auth_profile_mapping').map((r) => r.target_sys_id)
        expect(basicMapping).toHaveLength(1)

        const first = undoAsApiAdmin()
        expect(first.report.manualSteps).toEqual([{
            operation: 'delete', table: 'sys_auth_profile_mapping', sysId: basicMapping[0], fields: {},
            reason: expect.stringMatching(/cross-scope/), then: 'click "Undo Repair" again: it continues from this change.',
        }])
        expect(first.report.error).toBe('')
        // The refused change and the older ones stay recorded; the newer ones are undone.
        const orders = (rows: { [field: string]: string }[]) => rows.map((r) => Number(r.order)).sort((x, y) => x - y)
        const refusedAt = Number(instance.row(TABLE.repairChange, `target_sys_id=${basicMapping[0]}`)?.order)
        expect(orders(instance.rows(TABLE.repairChange, 'undone=false'))).toEqual(orders(instance.rows(TABLE.repairChange)).filter((o) => o <= refusedAt))
        expect(instance.rows(TABLE.audit, 'action=manual_step').map((r) => r.detail)).toEqual([expect.stringMatching(new RegExp(`^refused delete sys_auth_profile_mapping ${basicMapping[0]}: `))])
        expect(instance.rows(TABLE.audit, 'action=undo_repair').map((r) => r.outcome)).toEqual(['failure'])

        doManualStep(instance, first.report.manualSteps[0])
        // The next Undo continues; on this instance (E2 ignored) it also names the form step for the REST API.
        const rest = undoLikeAnAdmin(instance)
        expect({ steps: rest.steps, error: rest.error, kept: rest.kept }).toEqual({ steps: apiFormSteps(instance, true), error: '', kept: [] })
        expect(instance.rows(TABLE.repairChange, 'undone=false')).toEqual([])
        expect(otherTables(instance, before)).toEqual([])
        expect(statuses()).toEqual(statusesBefore)
    })
})
