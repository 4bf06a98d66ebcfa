// The setup check and Repair against the instance double, with the app installed as the build ships it.
import { PLATFORM, PROPERTY, SHIPPED, TABLE } from '../../src/server/core/app-names'
import { checkSetup, runRepair, runSetupCheck } from '../../src/server/setup/setup-service'
import { changedTables, emInboundStatus, instanceWithApp, manualKeyFor, repairAsApiAdmin, repairLikeAnAdmin } from '../support/app-on-instance'
import { loadArtifacts } from '../support/artifacts'
import { setupCheckReads } from '../support/query-budgets'
import { type Instance, SHIPPED_EM_POLICY } from '../support/instance'

const statuses = () => Object.fromEntries(checkSetup().results.map((r) => [r.id, r.status]))
const failing = () => checkSetup().results.filter((r) => r.status !== 'pass').map((r) => r.id)
/**
 * The fixture's default (emPolicyShipped 'absent') is Event Management Connectors 2.11.1, older than the version that
 * added API keys for push connectors (E44): its link warns on every fresh install here, and nothing else may.
 */
const VERSION_WARNING = 'em_app'

const connectorOf = (instance: Instance) => instance.row('sn_em_connector_push_instance', 'active=true')?.sys_id ?? ''

/** A Table API GET on a table the built-in policies list (E16); `incident` is defined here so the double can serve it. */
function tableCall(instance: Instance, token: string, headers: { [name: string]: string } = { 'x-sn-apikey': token }) {
    if (!instance.hasTable('incident')) instance.defineTable('incident', { columns: { number: 'string' } })
    return instance.inbound({ method: 'GET', url: `${instance.baseUrl}/api/now/table/incident?sysparm_limit=1`, headers, body: '' }).status
}

const keyFor = (instance: Instance) => manualKeyFor(instance, 'aws.sns.integration')
const optInTablePolicies = (instance: Instance) => instance.updateRows('sys_properties', `name=${PROPERTY.mapTableApiPolicies}`, { value: 'true' })

describe('setup check on a fresh install', () => {
    it('reports our links failing with what to do, and the platform links passing', () => {
        instanceWithApp()
        expect(checkSetup().results.find((r) => r.id === 'em_app')?.fix).toBe(
            `Version 2.11.1 is older than ${PLATFORM.emApiKeySupportVersion}, which added API-key support for push connectors. Upgrade Event Management Connectors.`,
        )
        expect(statuses()).toEqual({
            plugin: 'pass', em_app: 'warn', auth_parameter: 'pass', query_profile: 'fail', header_profile: 'fail',
            em_policy: 'fail', table_policies: 'pass', useraccount_scope: 'pass', integration_user: 'fail', basic_auth_restriction: 'pass',
        })
        const report = checkSetup()
        expect(report.pending.join(' ')).toMatch(/restricts \/api\/sn_em_connector\/em/)
    })

    it('is repaired in two steps until only the version warning is left, and a third Repair changes nothing (REST API write stored, E2)', () => {
        const instance = instanceWithApp({ platform: { policyApiWrite: 'stored' } })
        const first = repairAsApiAdmin(false)
        expect(first.report.error).toBe('')
        // Profiles (2), the policy's REST API (1), the Basic mapping (query and header mappings ship), the user and its role.
        expect(first.report.changes).toHaveLength(6)
        // Only the activation restricts; the Table policies are opt-in and left alone.
        expect(first.report.pending).toEqual([expect.stringMatching(/^Activate .*restricts \/api\/sn_em_connector\/em to: /)])
        expect(failing()).toEqual([VERSION_WARNING, 'em_policy'])
        expect(instance.row('sys_api_access_policy', `name=${SHIPPED.emPolicy}`)?.active).toBe('false')

        const second = repairAsApiAdmin(true)
        expect(second.report.changes).toHaveLength(1)
        expect(failing()).toEqual([VERSION_WARNING])

        const before = instance.snapshot()
        const third = repairAsApiAdmin(true)
        expect(third.report.changes).toEqual([])
        // Only the run record and its audit row are new.
        expect(changedTables(instance.diff(before))).toEqual([`${TABLE.audit}:+1 ~0 -0`, `${TABLE.setupRun}:+1 ~0 -0`])
    })

    it('reaches the same state when the instance reads booleans as 1 and 0', () => {
        const instance = instanceWithApp({ booleanValues: 'numeric' })
        repairLikeAnAdmin(instance)
        expect(failing()).toEqual([VERSION_WARNING])
        expect(repairAsApiAdmin(true).report.changes).toEqual([])
    })

    it('never edits or deletes a built-in record: it only changes its own records and adds rows', () => {
        const instance = instanceWithApp()
        const shipped = new Set(loadArtifacts().all.map((r) => r.sysId))
        const before = instance.snapshot()
        repairAsApiAdmin(true)
        const diff = instance.diff(before)
        expect(diff.deleted).toEqual([])
        // Every updated row is a record this app shipped (our profiles and policy); nothing built in.
        expect(diff.updated.map((u) => u.after.sys_id).filter((id) => !shipped.has(id))).toEqual([])
        expect(new Set(diff.updated.map((u) => u.after.sys_class_name))).toEqual(new Set(['http_key_auth', 'sys_api_access_policy']))
        // New rows are additive mappings, the integration user and its role, and the run's own records.
        expect([...new Set(diff.inserted.map((r) => r.sys_class_name))].sort()).toEqual(
            ['sys_auth_profile_mapping', 'sys_user', 'sys_user_has_role', TABLE.audit, TABLE.setupRun, TABLE.repairChange].sort(),
        )
    })

    it('makes the double answer 401 before Repair and 200 after on the EM API (query and header); the Table API stays closed to keys', () => {
        const instance = instanceWithApp()
        repairAsApiAdmin(false) // creates the integration user; the policy stays inactive
        const token = keyFor(instance)
        expect(emInboundStatus(instance, token, connectorOf(instance), 'query')).toBe(401)
        expect(tableCall(instance, token)).toBe(401)
        repairLikeAnAdmin(instance)
        expect(emInboundStatus(instance, token, connectorOf(instance), 'query')).toBe(200)
        expect(emInboundStatus(instance, token, connectorOf(instance), 'header')).toBe(200)
        expect(tableCall(instance, token)).toBe(401)
    })

    it('maps the Table API policies only when opted in, as "widens access", with Basic kept mapped, after confirmation', () => {
        const instance = instanceWithApp()
        optInTablePolicies(instance)
        const preview = repairAsApiAdmin(false)
        const tablePending = preview.report.pending.filter((p) => /Table (GET|POST) API Access Policy/.test(p))
        // Header profile and Basic on each of the two policies.
        expect(tablePending).toHaveLength(4)
        for (const p of tablePending) expect(p).toMatch(/Widens access: /)
        const token = keyFor(instance)
        expect(tableCall(instance, token)).toBe(401)
        repairLikeAnAdmin(instance)
        expect(failing()).toEqual([VERSION_WARNING])
        expect(tableCall(instance, token)).toBe(200)
        // Basic still works on a listed table.
        expect(tableCall(instance, '', { authorization: `Basic ${Buffer.from('admin:Admin-Fixture-Pw1').toString('base64')}` })).toBe(200)
    })

    it('keeps Basic auth working on the EM API when the property asks for it', () => {
        const instance = instanceWithApp()
        repairAsApiAdmin(true)
        const connector = instance.row('sn_em_connector_push_instance', 'active=true')
        const basic = Buffer.from('em.app.admin:EmAppAdmin-Fixture-Pw1').toString('base64')
        instance.grantRole('em.app.admin', 'evt_mgmt_integration')
        const url = `${instance.baseUrl}${PLATFORM.emInboundPath}?source=aws&sys_id=${connector?.sys_id}`
        expect(instance.inbound({ method: 'POST', url, headers: { authorization: `Basic ${basic}` }, body: '{}' }).status).toBe(200)
    })

    it('records a run with the full report, and an audit row', () => {
        const instance = instanceWithApp()
        const run = runSetupCheck()
        const row = instance.row(TABLE.setupRun, `sys_id=${run.runSysId}`)
        expect(row?.kind).toBe('check')
        expect(row?.report).toContain('[FAIL] REST API access policy for sn_em_connector/em')
        expect(row?.failed).toBe('4')
        expect(instance.rows(TABLE.audit, 'action=setup_check')).toHaveLength(1)
    })
})

describe('one scenario per broken link', () => {
    type Scenario = [string, (i: Instance) => void, string, RegExp]
    const scenarios: Scenario[] = [
        ['plugin inactive', (i) => i.plugins.set('com.glide.tokenbased_auth', false), 'plugin', /Activate "API Key and HMAC Authentication"/],
        ['EM app inactive', (i) => i.updateRows('sys_scope', 'scope=sn_em_connector', { active: 'false' }), 'em_app', /Install or activate/],
        ['query parameter missing', (i) => i.deleteRows('sys_token_auth_parameter', 'type!=auth_header'), 'auth_parameter', /type Query Parameter/],
        ['EM policy deactivated', (i) => i.updateRows('sys_api_access_policy', `name=${SHIPPED.emPolicy}`, { active: 'false' }), 'em_policy', /Repair and apply API restrictions/],
        ['EM policy made Global', (i) => i.updateRows('sys_api_access_policy', `name=${SHIPPED.emPolicy}`, { apply_global: 'true' }), 'em_policy', /not allowed in a Global policy/],
        ['our profile deactivated', (i) => i.updateRows('http_key_auth', `name=${SHIPPED.queryProfile}`, { active: 'false' }), 'query_profile', /Run Repair/],
        ['Table GET mapping removed (opt-in on)', (i) => {
            optInTablePolicies(i)
            repairLikeAnAdmin(i)
            const policy = i.row('sys_api_access_policy', 'name=Table GET API Access Policy')
            const profile = i.row('http_key_auth', `name=${SHIPPED.headerProfile}`)
            expect(i.deleteRows('sys_auth_profile_mapping', `api_access_policy=${policy?.sys_id}^inbound_auth_profile=${profile?.sys_id}`)).toBe(1)
        }, 'table_policies', /Run Repair/],
        ['user with extra roles', (i) => i.grantRole('aws.sns.integration', 'itil'), 'integration_user', /remove itil/],
        ['user inactive', (i) => i.updateRows('sys_user', 'user_name=aws.sns.integration', { active: 'false' }), 'integration_user', /inactive or locked out/],
        ['user locked out', (i) => i.updateRows('sys_user', 'user_name=aws.sns.integration', { locked_out: 'true' }), 'integration_user', /inactive or locked out/],
        ['user not web-service-only', (i) => i.updateRows('sys_user', 'user_name=aws.sns.integration', { web_service_access_only: 'false' }), 'integration_user', /Web service access only/],
        ['useraccount scope missing', (i) => {
            i.deleteRows('sys_auth_scope', 'name=useraccount')
        }, 'useraccount_scope', /com.glide.rest.auth.scope/],
    ]

    it.each(scenarios)('%s: the link fails with a clear fix, and the check leaves no stray records', (_name, breakIt, link, fix) => {
        const instance = instanceWithApp()
        repairLikeAnAdmin(instance)
        breakIt(instance)
        const before = instance.snapshot()
        const report = checkSetup()
        const result = report.results.find((r) => r.id === link)
        expect(result?.status).toBe('fail')
        expect(result?.fix).toMatch(fix)
        expect(report.results.filter((r) => r.status === 'fail').map((r) => r.id)).toContain(link)
        expect(changedTables(instance.diff(before))).toEqual([])
    })

    it('a missing EM app blocks Repair with a message and changes nothing it cannot finish', () => {
        const instance = instanceWithApp({ emApp: false })
        const before = instance.snapshot()
        const run = repairAsApiAdmin(true)
        expect(run.report.blocked.join(' ')).toMatch(/install Event Management Connectors/)
        expect(run.report.results.find((r) => r.id === 'em_app')?.status).toBe('fail')
        const tables = changedTables(instance.diff(before)).map((t) => t.split(':')[0])
        expect(tables).not.toContain('sys_api_access_policy')
    })
})

describe('safety', () => {
    it('denies a user without the app role, and writes nothing', () => {
        const instance = instanceWithApp()
        instance.setSessionUser('plain.user')
        const before = instance.snapshot()
        expect(() => runSetupCheck()).toThrow(/Only users with the x_em_aws_apikey.admin role/)
        expect(() => runRepair(true)).toThrow(/x_em_aws_apikey.admin/)
        expect(changedTables(instance.diff(before))).toEqual([])
    })

    it('lets the auditor role read but not run Repair', () => {
        const instance = instanceWithApp()
        instance.setSessionUser('em.auditor')
        expect(() => runRepair(false)).toThrow(/x_em_aws_apikey.admin/)
    })

    it('undoes every change of a Repair that fails half-way', () => {
        const instance = instanceWithApp()
        const before = instance.snapshot()
        instance.failNthInsert('sys_user_has_role', 1)
        const run = repairAsApiAdmin(true)
        expect(run.report.error).toMatch(/Repair stopped: .*Every change of this run was undone/)
        expect(changedTables(instance.diff(before))).toEqual([`${TABLE.audit}:+1 ~0 -0`, `${TABLE.setupRun}:+1 ~0 -0`])
    })

    it('holds back a first mapping on a built-in Table policy that has no mapping yet', () => {
        const instance = instanceWithApp()
        optInTablePolicies(instance)
        const run = repairAsApiAdmin(false)
        expect(instance.rows('sys_auth_profile_mapping', `api_access_policy=${instance.row('sys_api_access_policy', 'name=Table GET API Access Policy')?.sys_id}`)).toHaveLength(0)
        expect(run.report.pending.join(' ')).toMatch(/Table GET API Access Policy" has no profile mapped yet/)
    })
})

describe('query budget', () => {
    it('reads the same number of records with 5 or 500 other policies on the instance', () => {
        const few = setupCheckReads(5)
        expect(setupCheckReads(500)).toBe(few)
        expect(few).toBeLessThanOrEqual(15)
    })
})

describe('Repair adapts to what it finds (issue "Fit the real instance")', () => {
    it('uses an active EM policy that Event Management Connectors ships with a query profile, and adds nothing that competes', () => {
        const instance = instanceWithApp({ platform: { emPolicyShipped: 'query_and_header' } })
        const shipped = instance.row('sys_api_access_policy', `name=${SHIPPED_EM_POLICY}`)
        const mappingsBefore = instance.rows('sys_auth_profile_mapping').length
        const run = repairAsApiAdmin(true)
        expect(run.report.warnings.join(' ')).toMatch(/Using "Event Management Connectors inbound API key policy"/)
        expect(instance.rows('sys_auth_profile_mapping')).toHaveLength(mappingsBefore)
        expect(instance.row('sys_api_access_policy', `name=${SHIPPED.emPolicy}`)?.active).toBe('false')
        expect(instance.row('sys_api_access_policy', `sys_id=${shipped?.sys_id}`)?.sys_mod_count).toBe('0')
        const emLink = checkSetup().results.find((r) => r.id === 'em_policy')
        expect(emLink).toEqual({
            id: 'em_policy',
            title: 'REST API access policy for sn_em_connector/em',
            status: 'pass',
            found: [
                `REST API: Event Management Inbound (${instance.row('sys_ws_definition', 'base_uri=/api/sn_em_connector/em')?.sys_id}) /api/sn_em_connector/em`,
                `other policy for sn_em_connector/em: ${SHIPPED_EM_POLICY} (${shipped?.sys_id}) active=true scope=(global)`,
                `Basic profile: BasicAuth for none public processors (${instance.row('std_http_auth', 'type=basic_auth')?.sys_id}) type=basic_auth, found by name`,
                `using "${SHIPPED_EM_POLICY}" (${shipped?.sys_id}): it is active and accepts x-sn-apikey in the query parameter`,
            ],
            fix: '',
        })
        expect(emLink?.found.join(' ')).toMatch(/using "Event Management Connectors inbound API key policy"/)
        expect(failing()).toEqual([])
        // A key made by hand for the integration user works through that policy.
        expect(emInboundStatus(instance, keyFor(instance), connectorOf(instance), 'query')).toBe(200)
    })

    it('adopts a shipped policy that maps only a header profile: ONE mapping of our query profile, their policy unedited, ours never activated', () => {
        const instance = instanceWithApp({ platform: { emPolicyShipped: 'header_only' } })
        const shipped = instance.row('sys_api_access_policy', `name=${SHIPPED_EM_POLICY}`)
        const ourQueryProfile = instance.row('http_key_auth', `name=${SHIPPED.queryProfile}`)
        const before = instance.snapshot()
        repairAsApiAdmin(true)
        const diff = instance.diff(before)
        const newMappings = diff.inserted.filter((r) => r.sys_class_name === 'sys_auth_profile_mapping')
        expect(newMappings.map((m) => [m.api_access_policy, m.inbound_auth_profile])).toEqual([[shipped?.sys_id, ourQueryProfile?.sys_id]])
        expect(instance.row('sys_api_access_policy', `sys_id=${shipped?.sys_id}`)).toEqual(shipped)
        expect(instance.row('sys_api_access_policy', `name=${SHIPPED.emPolicy}`)?.active).toBe('false')
        expect(checkSetup().results.filter((r) => r.status !== 'pass')).toEqual([])
        // SNS sends the key in the query parameter: it now works through their policy.
        expect(emInboundStatus(instance, keyFor(instance), connectorOf(instance), 'query')).toBe(200)
        expect(repairAsApiAdmin(true).report.changes).toEqual([])
    })

    it.each(['query_and_header', 'header_only'] as const)(
        'fails the check when our policy is active beside the one shipped (%s; E62 tie), and Repair deactivates ours',
        (setting) => {
            const instance = instanceWithApp({ platform: { emPolicyShipped: setting } })
            instance.updateRows('sys_api_access_policy', `name=${SHIPPED.emPolicy}`, { active: 'true' })
            expect(checkSetup().results.find((r) => r.id === 'em_policy')).toEqual({
                id: 'em_policy',
                title: 'REST API access policy for sn_em_connector/em',
                status: 'fail',
                found: [
                    `REST API: Event Management Inbound (${instance.row('sys_ws_definition', 'base_uri=/api/sn_em_connector/em')?.sys_id}) /api/sn_em_connector/em`,
                    `other policy for sn_em_connector/em: ${SHIPPED_EM_POLICY} (${instance.row('sys_api_access_policy', `name=${SHIPPED_EM_POLICY}`)?.sys_id}) active=true scope=(global)`,
                    `Basic profile: BasicAuth for none public processors (${instance.row('std_http_auth', 'type=basic_auth')?.sys_id}) type=basic_auth, found by name`,
                ],
                fix: `The app's policy "${SHIPPED.emPolicy}" is active beside "${SHIPPED_EM_POLICY}" for the same API; which one the platform applies is undocumented, so SNS may get 401. Run Repair (Setup Check list > Repair). (it deactivates the app's policy and uses the instance's).`,
            })
            repairAsApiAdmin(true)
            expect(instance.row('sys_api_access_policy', `name=${SHIPPED.emPolicy}`)?.active).toBe('false')
            expect(instance.row('sys_api_access_policy', `name=${SHIPPED_EM_POLICY}`)?.active).toBe('true')
            expect(checkSetup().results.filter((r) => r.status !== 'pass')).toEqual([])
        },
    )

    it('reads the policy REST API field back; when the instance drops the write it says so once and names the manual step', () => {
        const instance = instanceWithApp({ platform: { policyApiWrite: 'ignored' } })
        const first = repairAsApiAdmin(true)
        expect(first.report.warnings.join(' ')).toMatch(/Read back "AWS SNS Event API Keys - Event Management inbound API": api stored=\(empty\) display=\(empty\)/)
        const policy = instance.row('sys_api_access_policy', `name=${SHIPPED.emPolicy}`)
        expect(first.report.blocked).toEqual([
            `Open the API access policy "${SHIPPED.emPolicy}" (sys_api_access_policy.do?sys_id=${policy?.sys_id}) and pick REST API = "Event Management Inbound", then save (the instance ignores this field when a script writes it).`,
        ])
        // Blocked means blocked: the policy was not activated.
        expect(instance.row('sys_api_access_policy', `name=${SHIPPED.emPolicy}`)?.active).toBe('false')
        const runRow = instance.row(TABLE.setupRun, `sys_id=${first.runSysId}`)
        expect(runRow?.policy_api_write).toBe('ignored')
        // The next Repair does not write the field again: no update of the policy at all.
        const before = instance.snapshot()
        const second = repairAsApiAdmin(true)
        expect(second.report.changes).toEqual([])
        expect(changedTables(instance.diff(before))).toEqual([`${TABLE.audit}:+1 ~0 -0`, `${TABLE.setupRun}:+1 ~0 -0`])
        // The admin picks the REST API on the form; then Repair activates the policy and every link passes.
        const api = instance.row('sys_ws_definition', 'base_uri=/api/sn_em_connector/em')
        instance.updateRows('sys_api_access_policy', `name=${SHIPPED.emPolicy}`, { api: api?.sys_id ?? '' })
        repairAsApiAdmin(true)
        expect(failing()).toEqual([VERSION_WARNING])
        expect(checkSetup().results.find((r) => r.id === 'em_policy')?.found.join(' ')).toMatch(/api stored=[0-9a-f]{32} display=Event Management Inbound/)
    })

    it('finds the built-in Basic profile by its name even when a customer profile sorts first, and reports its type', () => {
        const instance = instanceWithApp()
        instance.insertRow('std_http_auth', { name: 'Basic Auth', type: 'basic_auth', active: 'true' })
        repairAsApiAdmin(true)
        const basic = instance.row('std_http_auth', 'name=BasicAuth for none public processors')
        const policy = instance.row('sys_api_access_policy', `name=${SHIPPED.emPolicy}`)
        expect(instance.rows('sys_auth_profile_mapping', `api_access_policy=${policy?.sys_id}^inbound_auth_profile=${basic?.sys_id}`)).toHaveLength(1)
        expect(checkSetup().results.find((r) => r.id === 'em_policy')?.found).toContain(`Basic profile: BasicAuth for none public processors (${basic?.sys_id}) type=basic_auth, found by name`)
    })

    it('applies no restricting step while a prerequisite blocks the chain, even when confirmed', () => {
        const instance = instanceWithApp()
        instance.deleteRows('sys_token_auth_parameter', 'type!=auth_header')
        const run = repairAsApiAdmin(true)
        expect(run.report.blocked.join(' ')).toMatch(/No x-sn-apikey query-parameter auth parameter exists/)
        expect(run.report.warnings.join(' ')).toMatch(/API restrictions were not applied/)
        expect(instance.row('sys_api_access_policy', `name=${SHIPPED.emPolicy}`)?.active).toBe('false')
        // The warning names only profiles that will be active: not the query profile, whose parameter is missing.
        expect(run.report.pending.join(' ')).not.toMatch(/restricts .* to: AWS SNS Event API Keys - API key in query parameter/)
    })

    it('ignores snc_internal (Explicit Roles) and the roles evt_mgmt_integration contains', () => {
        const instance = instanceWithApp({ platform: { explicitRoles: 'installed' } })
        instance.insertRow('sys_user_role', { name: 'em_inbound_helper' })
        const evt = instance.row('sys_user_role', 'name=evt_mgmt_integration')
        const helper = instance.row('sys_user_role', 'name=em_inbound_helper')
        instance.insertRow('sys_user_role_contains', { role: evt?.sys_id ?? '', contains: helper?.sys_id ?? '' })
        repairAsApiAdmin(true)
        instance.grantRole('aws.sns.integration', 'em_inbound_helper')
        expect(instance.rolesOf(instance.user('aws.sns.integration')?.sys_id ?? '').sort()).toEqual(['em_inbound_helper', 'evt_mgmt_integration', 'snc_internal'])
        expect(checkSetup().results.find((r) => r.id === 'integration_user')?.status).toBe('pass')
    })

    it('refuses Repair to an app admin without admin or api_service_admin: a clear message and only the audit row', () => {
        const instance = instanceWithApp()
        const before = instance.snapshot()
        expect(() => runRepair(true)).toThrow(/Only users with admin or api_service_admin .* can run Repair: it changes API access policies/)
        expect(changedTables(instance.diff(before))).toEqual([`${TABLE.audit}:+1 ~0 -0`])
        expect(instance.row(TABLE.audit, 'action=repair')?.outcome).toBe('denied')
        // The read-only setup check needs only the app role.
        expect(() => runSetupCheck()).not.toThrow()
    })
})
