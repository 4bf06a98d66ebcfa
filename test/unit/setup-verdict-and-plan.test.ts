import { APP_SCOPE_ID, SHIPPED } from '../../src/server/core/app-names'
import { planRepair } from '../../src/server/setup/repair-plan'
import { evaluateSetup } from '../../src/server/setup/setup-verdict'
import { IDS, freshInstallFacts } from '../support/setup-facts-builder'

const statusOf = (facts: ReturnType<typeof freshInstallFacts>) =>
    Object.fromEntries(evaluateSetup(facts).map((r) => [r.id, r.status]))

describe('setup verdicts', () => {
    it('fails our links on a fresh install and passes the platform ones', () => {
        expect(statusOf(freshInstallFacts())).toEqual({
            plugin: 'pass', em_app: 'pass', auth_parameter: 'pass', query_profile: 'fail', header_profile: 'fail',
            em_policy: 'fail', table_policies: 'pass', useraccount_scope: 'pass', integration_user: 'fail', basic_auth_restriction: 'pass',
        })
    })

    it('says what to do for an inactive plugin and a missing EM app', () => {
        const facts = { ...freshInstallFacts(), pluginActive: false, emApp: null }
        const results = evaluateSetup(facts)
        expect(results.find((r) => r.id === 'plugin')?.fix).toMatch(/Activate "API Key and HMAC Authentication"/)
        expect(results.find((r) => r.id === 'em_app')?.fix).toMatch(/Install or activate the Event Management Connectors/)
    })

    it('flags extra roles on the integration user as a least-privilege failure', () => {
        const facts = freshInstallFacts()
        facts.integrationUser = { sysId: IDS.user, name: 'aws.sns.integration', active: true, lockedOut: false, webServiceOnly: true, roles: ['evt_mgmt_integration', 'itil'] }
        const link = evaluateSetup(facts).find((r) => r.id === 'integration_user')
        expect(link?.status).toBe('fail')
        expect(link?.fix).toMatch(/remove itil/)
    })

    // The integration user's two account flags, each alone on an otherwise healthy user with the one role.
    const healthyUser = { sysId: IDS.user, name: 'aws.sns.integration', active: true, lockedOut: false, webServiceOnly: true, roles: ['evt_mgmt_integration'] }

    it('fails the integration user that is locked out (active, right role): its keys get 401', () => {
        const facts = freshInstallFacts()
        facts.integrationUser = { ...healthyUser, lockedOut: true }
        const link = evaluateSetup(facts).find((r) => r.id === 'integration_user')
        expect([link?.status, link?.fix]).toEqual(['fail', 'The user is inactive or locked out: its keys are rejected with 401. Activate it.'])
        facts.integrationUser = healthyUser
        expect(evaluateSetup(facts).find((r) => r.id === 'integration_user')?.status).toBe('pass')
    })

    it('fails the integration user that can log in interactively (not web-service-only)', () => {
        const facts = freshInstallFacts()
        facts.integrationUser = { ...healthyUser, webServiceOnly: false }
        const link = evaluateSetup(facts).find((r) => r.id === 'integration_user')
        expect([link?.status, link?.fix]).toEqual(['fail', 'Tick "Web service access only" on the user so nobody can log in interactively with it.'])
    })
})

describe('repair plan', () => {
    const healthyUser = { sysId: IDS.user, name: 'aws.sns.integration', active: true, lockedOut: false, webServiceOnly: true, roles: ['evt_mgmt_integration'] }
    const userSteps = (plan: ReturnType<typeof planRepair>) => plan.steps.filter((s) => s.table === 'sys_user' || s.table === 'sys_user_has_role')

    it('a locked-out integration user blocks with the exact step, and gets no role grant', () => {
        const facts = freshInstallFacts()
        facts.integrationUser = { ...healthyUser, lockedOut: true, roles: [] }
        const plan = planRepair(facts, { confirmRestrictions: true })
        expect(plan.blocked).toEqual([
            'Integration user aws.sns.integration is inactive or locked out; the app does not re-enable users. Activate it, or name another user in the properties.',
        ])
        expect(userSteps(plan)).toEqual([])
    })

    it('an integration user that is not web-service-only blocks with the exact step; the app does not change the user', () => {
        const facts = freshInstallFacts()
        facts.integrationUser = { ...healthyUser, webServiceOnly: false }
        const plan = planRepair(facts, { confirmRestrictions: true })
        expect(plan.blocked).toEqual(['Integration user aws.sns.integration can log in interactively; tick "Web service access only" on it.'])
        expect(userSteps(plan)).toEqual([])
    })

    it('fills references, adds mappings and creates the user, but holds back restricting changes', () => {
        const plan = planRepair(freshInstallFacts(), { confirmRestrictions: false })
        const described = plan.steps.map((s) => s.description)
        expect(described).toEqual([
            `Profile "AWS SNS Event API Keys - API key in query parameter": auth_parameter=${IDS.queryParam}, active=true.`,
            `Profile "AWS SNS Event API Keys - API key in header": auth_parameter=${IDS.headerParam}, active=true.`,
            `Policy "AWS SNS Event API Keys - Event Management inbound API": point it at Event Management Inbound (${IDS.emApi}), not Global.`,
            'Map "BasicAuth for none public processors" to "AWS SNS Event API Keys - Event Management inbound API".',
            'Create the web-service-only integration user aws.sns.integration.',
            'Grant evt_mgmt_integration to aws.sns.integration.',
        ])
        expect(plan.pending.map((s) => s.description)).toEqual(['Activate "AWS SNS Event API Keys - Event Management inbound API".'])
        expect(plan.pending[0].restricts).toMatch(/restricts \/api\/sn_em_connector\/em to: .*BasicAuth/)
        expect(plan.blocked).toEqual([])
    })

    it('grants the role to the new user by reference, and to an existing role-less user by sys_id', () => {
        const created = planRepair(freshInstallFacts(), { confirmRestrictions: false }).steps.filter((s) => s.table === 'sys_user_has_role')
        expect(created.map((s) => s.fields)).toEqual([{ user: { ref: 'integrationUser' }, role: IDS.role }])
        const facts = freshInstallFacts()
        facts.integrationUser = { sysId: IDS.user, name: 'aws.sns.integration', active: true, lockedOut: false, webServiceOnly: true, roles: [] }
        const plan = planRepair(facts, { confirmRestrictions: false })
        expect(plan.steps.filter((s) => s.table === 'sys_user').length).toBe(0)
        expect(plan.steps.filter((s) => s.table === 'sys_user_has_role').map((s) => [s.fields, s.description])).toEqual([
            [{ user: IDS.user, role: IDS.role }, 'Grant evt_mgmt_integration to aws.sns.integration.'],
        ])
        expect(plan.blocked).toEqual([])
    })

    it('applies the activation only when confirmed', () => {
        const plan = planRepair(freshInstallFacts(), { confirmRestrictions: true })
        expect(plan.pending).toEqual([])
        expect(plan.steps.some((s) => s.fields.active === 'true' && s.table === 'sys_api_access_policy')).toBe(true)
    })

    it('leaves the built-in Table policies alone unless the opt-in property is on', () => {
        const plan = planRepair(freshInstallFacts(), { confirmRestrictions: true })
        expect([...plan.steps, ...plan.pending].some((s) => /Table (GET|POST)/.test(s.description))).toBe(false)
    })

    it('opted in: maps the header profile and Basic to the Table policies, all "widens access", only when confirmed', () => {
        const facts = { ...freshInstallFacts(), mapTableApiPolicies: true }
        facts.mappings = facts.mappings.filter((m) => m.policy !== IDS.tableGet)
        const preview = planRepair(facts, { confirmRestrictions: false })
        const table = preview.pending.filter((s) => /Table (GET|POST)/.test(s.description))
        expect(table.map((s) => s.description)).toEqual([
            'Map "AWS SNS Event API Keys - API key in header" to "Table GET API Access Policy".',
            'Map "BasicAuth for none public processors" to "Table GET API Access Policy".',
            'Map "AWS SNS Event API Keys - API key in header" to "Table POST API Access Policy".',
        ])
        for (const step of table) expect(step.widens).toMatch(/lets API keys call the Table API/)
        // A first mapping on the GET policy also locks OAuth out; Basic is kept because it is mapped too.
        expect(table[0].restricts).toMatch(/OAuth callers would get HTTP 401/)
        expect(table[0].restricts).not.toMatch(/Basic callers/)
        expect(preview.steps.some((s) => /Table (GET|POST)/.test(s.description))).toBe(false)
        const confirmed = planRepair(facts, { confirmRestrictions: true })
        expect(confirmed.steps.filter((s) => /Table (GET|POST)/.test(s.description))).toHaveLength(3)
    })

    it('does not map Basic when the property says not to', () => {
        const plan = planRepair({ ...freshInstallFacts(), keepBasicAuthMapped: false, mapTableApiPolicies: true }, { confirmRestrictions: true })
        expect(plan.steps.some((s) => s.description.startsWith('Map "BasicAuth'))).toBe(false)
    })

    it('re-creates a deleted policy and maps to it by reference', () => {
        const facts = freshInstallFacts()
        facts.emPolicy = null
        facts.mappings = facts.mappings.filter((m) => m.policy !== IDS.emPolicy)
        const plan = planRepair(facts, { confirmRestrictions: true })
        const create = plan.steps.find((s) => s.table === 'sys_api_access_policy' && s.kind === 'create')
        expect(create).toStrictEqual({
            kind: 'create', table: 'sys_api_access_policy', ref: 'emPolicy',
            fields: {
                name: SHIPPED.emPolicy, active: 'false', api: IDS.emApi, api_path: 'sn_em_connector/em', apply_global: 'false', sys_scope: APP_SCOPE_ID,
                apply_all_methods: 'true', apply_all_resources: 'true', apply_all_versions: 'true',
            },
            description: `Re-create the missing policy "${SHIPPED.emPolicy}" for Event Management Inbound.`,
            writesPolicyApi: true,
        })
        const mappings = plan.steps.filter((s) => s.table === 'sys_auth_profile_mapping' && typeof s.fields.api_access_policy !== 'string')
        expect(mappings).toHaveLength(3)
    })

    it('refuses to touch a user with extra roles, and blocks everything without the plugin', () => {
        const facts = freshInstallFacts()
        facts.integrationUser = { sysId: IDS.user, name: 'aws.sns.integration', active: true, lockedOut: false, webServiceOnly: true, roles: ['admin'] }
        expect(planRepair(facts, { confirmRestrictions: true }).blocked.join(' ')).toMatch(/does not remove roles/)
        const none = planRepair({ ...freshInstallFacts(), pluginActive: false }, { confirmRestrictions: true })
        expect(none.steps).toEqual([])
        expect(none.blocked[0]).toMatch(/com.glide.tokenbased_auth/)
    })

    it('needs the evt_mgmt_integration role record only when it must grant the role', () => {
        const missingRole = { ...freshInstallFacts(), integrationRole: null }
        expect(planRepair(missingRole, { confirmRestrictions: true }).blocked).toEqual(['The role evt_mgmt_integration does not exist: install or activate Event Management.'])
        missingRole.integrationUser = { sysId: IDS.user, name: 'aws.sns.integration', active: true, lockedOut: false, webServiceOnly: true, roles: ['evt_mgmt_integration'] }
        expect(planRepair(missingRole, { confirmRestrictions: true }).blocked).toEqual([])
    })

    it('plans nothing once everything is in place', () => {
        const facts = freshInstallFacts()
        facts.queryProfile = { ...facts.queryProfile!, active: true, authParameter: IDS.queryParam }
        facts.headerProfile = { ...facts.headerProfile!, active: true, authParameter: IDS.headerParam }
        facts.emPolicy = { ...facts.emPolicy!, active: true, api: IDS.emApi }
        facts.mapTableApiPolicies = true
        facts.mappings.push(
            { sysId: 'm1', policy: IDS.emPolicy, profile: IDS.basic, profileName: 'BasicAuth' },
            { sysId: 'm2', policy: IDS.tableGet, profile: IDS.headerProfile, profileName: 'h' },
            { sysId: 'm3', policy: IDS.tablePost, profile: IDS.headerProfile, profileName: 'h' },
        )
        facts.integrationUser = { sysId: IDS.user, name: 'aws.sns.integration', active: true, lockedOut: false, webServiceOnly: true, roles: ['evt_mgmt_integration'] }
        const plan = planRepair(facts, { confirmRestrictions: true })
        expect(plan.steps).toEqual([])
        expect(evaluateSetup(facts).every((r) => r.status === 'pass')).toBe(true)
    })
})
