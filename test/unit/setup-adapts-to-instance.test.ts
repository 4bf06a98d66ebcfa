// Pure rules that make the setup check and Repair adapt to what the instance holds (issue "Fit the real instance").
import { adoptableEmKeyPolicy, existingEmKeyPolicy, extraRoles, policyPointsAtApi, versionBelow } from '../../src/server/setup/access-rules'
import { SHIPPED } from '../../src/server/core/app-names'
import { planRepair } from '../../src/server/setup/repair-plan'
import type { PolicyFact, SetupFacts } from '../../src/server/setup/setup-facts'
import { evaluateSetup } from '../../src/server/setup/setup-verdict'
import { IDS, freshInstallFacts } from '../support/setup-facts-builder'

const link = (facts: SetupFacts, id: string) => evaluateSetup(facts).find((r) => r.id === id)

/** An active policy for the EM API shipped by Event Management Connectors, mapped to a query-parameter key profile. */
function withShippedEmPolicy(facts: SetupFacts, overrides: Partial<PolicyFact> = {}): SetupFacts {
    const policy: PolicyFact = {
        sysId: 'e'.repeat(32), name: 'EM connectors key policy', active: true, api: IDS.emApi, apiDisplay: 'Event Management Inbound',
        apiPath: 'sn_em_connector/em', scope: 'f'.repeat(32), applyGlobal: false, httpMethod: '', ours: false, ...overrides,
    }
    facts.otherEmPolicies = [policy]
    facts.emKeyProfiles = [{ sysId: 'd'.repeat(32), name: 'EM key (query)', active: true, authParameter: IDS.queryParam }]
    facts.mappings = [...facts.mappings, { sysId: 'c'.repeat(32), policy: policy.sysId, profile: 'd'.repeat(32), profileName: 'EM key (query)' }]
    return facts
}

/** What the em_policy link lists first when withShippedEmPolicy added their policy to a fresh install. */
const FOUND_WITH_THEIR_POLICY = [
    `REST API: Event Management Inbound (${IDS.emApi}) /api/sn_em_connector/em`,
    `other policy for sn_em_connector/em: EM connectors key policy (${'e'.repeat(32)}) active=true scope=${'f'.repeat(32)}`,
    `Basic profile: BasicAuth for none public processors (${IDS.basic}) type=basic_auth, found by name`,
]

describe('an EM policy that another application already ships (E44)', () => {
    it('is used: no policy of ours is activated, nothing is mapped, and the check says "using <name>"', () => {
        const facts = withShippedEmPolicy(freshInstallFacts())
        expect(existingEmKeyPolicy(facts)?.name).toBe('EM connectors key policy')
        const plan = planRepair(facts, { confirmRestrictions: true })
        const touched = plan.steps.filter((s) => ['sys_api_access_policy', 'sys_auth_profile_mapping', 'http_key_auth'].includes(s.table))
        expect(touched).toEqual([])
        expect(plan.warnings.join(' ')).toMatch(/Using "EM connectors key policy"/)
        expect(link(facts, 'em_policy')).toStrictEqual({
            id: 'em_policy', title: 'REST API access policy for sn_em_connector/em', status: 'pass',
            found: [
                ...FOUND_WITH_THEIR_POLICY,
                `using "EM connectors key policy" (${'e'.repeat(32)}): it is active and accepts x-sn-apikey in the query parameter`,
            ],
            fix: '',
        })
        expect(link(facts, 'query_profile')?.status).toBe('pass')
    })

    it('is not used when it is inactive or global: the app activates its own policy', () => {
        for (const overrides of [{ active: false }, { applyGlobal: true }]) {
            const facts = withShippedEmPolicy(freshInstallFacts(), overrides)
            expect(existingEmKeyPolicy(facts)).toBeNull()
            expect(adoptableEmKeyPolicy(facts)).toBeNull()
            const activations = planRepair(facts, { confirmRestrictions: true }).steps
                .filter((s) => s.table === 'sys_api_access_policy' && s.fields.active === 'true').map((s) => s.target)
            expect(activations).toEqual([facts.emPolicy!.sysId])
        }
    })

    it('maps only a header profile: adopted with ONE mapping of our query profile, their policy unedited, ours never activated', () => {
        const facts = withShippedEmPolicy(freshInstallFacts())
        facts.emKeyProfiles[0].authParameter = IDS.headerParam
        expect(existingEmKeyPolicy(facts)).toBeNull()
        expect(adoptableEmKeyPolicy(facts)?.sysId).toBe('e'.repeat(32))
        const plan = planRepair(facts, { confirmRestrictions: true })
        const touched = plan.steps.filter((s) => ['sys_api_access_policy', 'sys_auth_profile_mapping'].includes(s.table))
        expect(touched.map((s) => [s.kind, s.table, s.target ?? null, s.fields])).toEqual([
            ['create', 'sys_auth_profile_mapping', null, { api_access_policy: 'e'.repeat(32), inbound_auth_profile: facts.queryProfile!.sysId }],
        ])
        expect(plan.warnings).toContain(
            `Using "EM connectors key policy" for /api/sn_em_connector/em: it is active and already carries API keys, so the app adds one mapping of "${SHIPPED.queryProfile}" to it (SNS sends the key in the query parameter), edits nothing of it and activates no policy of its own.`,
        )
        expect(link(facts, 'em_policy')).toStrictEqual({
            id: 'em_policy', title: 'REST API access policy for sn_em_connector/em', status: 'fail',
            found: [
                ...FOUND_WITH_THEIR_POLICY,
                `"EM connectors key policy" (${'e'.repeat(32)}) is active and carries API keys, but none in the query parameter (what SNS sends)`,
            ],
            fix: `Run Repair (Setup Check list > Repair). It adds one mapping of "${SHIPPED.queryProfile}" to "EM connectors key policy" and edits nothing else of it.`,
        })
    })

    it('fails when our own policy is active as well (E62: two active policies could tie), and Repair deactivates ours', () => {
        for (const headerOnly of [false, true]) {
            const facts = withShippedEmPolicy(freshInstallFacts())
            if (headerOnly) facts.emKeyProfiles[0].authParameter = IDS.headerParam
            facts.emPolicy = { ...facts.emPolicy!, active: true }
            expect(link(facts, 'em_policy')).toStrictEqual({
                id: 'em_policy', title: 'REST API access policy for sn_em_connector/em', status: 'fail',
                found: FOUND_WITH_THEIR_POLICY,
                fix: `The app's policy "${SHIPPED.emPolicy}" is active beside "EM connectors key policy" for the same API; which one the platform applies is undocumented, so SNS may get 401. Run Repair (Setup Check list > Repair). (it deactivates the app's policy and uses the instance's).`,
            })
            const policySteps = planRepair(facts, { confirmRestrictions: true }).steps.filter((s) => s.table === 'sys_api_access_policy')
            expect(policySteps.map((s) => [s.kind, s.target, s.fields])).toEqual([['update', facts.emPolicy.sysId, { active: 'false' }]])
        }
    })
})

describe('the policy REST API field (E2)', () => {
    it('accepts the API by sys_id, by name or by display value, and reports stored and display values', () => {
        const api = { sysId: IDS.emApi, name: 'Event Management Inbound' }
        const base = freshInstallFacts().emPolicy!
        expect(policyPointsAtApi({ ...base, api: IDS.emApi }, api)).toBe(true)
        expect(policyPointsAtApi({ ...base, api: 'Event Management Inbound' }, api)).toBe(true)
        expect(policyPointsAtApi({ ...base, api: '7', apiDisplay: 'Event Management Inbound' }, api)).toBe(true)
        expect(policyPointsAtApi({ ...base, api: '', apiDisplay: '' }, api)).toBe(false)
        const facts = freshInstallFacts()
        facts.emPolicy = { ...facts.emPolicy!, api: 'x1', apiDisplay: 'Other API' }
        expect(link(facts, 'em_policy')?.found.join(' ')).toMatch(/api stored=x1 display=Other API/)
    })

    it('once a Repair saw the write ignored, stops planning it and names the one manual step; nothing restricting is applied', () => {
        const facts = { ...freshInstallFacts(), policyApiWrite: 'ignored' as const }
        const plan = planRepair(facts, { confirmRestrictions: true })
        expect(plan.steps.some((s) => s.table === 'sys_api_access_policy')).toBe(false)
        expect(plan.blocked).toEqual([
            `Open the API access policy "AWS SNS Event API Keys - Event Management inbound API" (sys_api_access_policy.do?sys_id=${facts.emPolicy?.sysId}) and pick REST API = "Event Management Inbound", then save (the instance ignores this field when a script writes it).`,
        ])
        // Blocked means blocked: the activation waits, even though the admin confirmed.
        expect(plan.pending.map((s) => s.description)).toEqual(['Activate "AWS SNS Event API Keys - Event Management inbound API".'])
        expect(link(facts, 'em_policy')?.fix).toMatch(/pick REST API = "Event Management Inbound"/)
    })
})

describe('Basic profile, auth_processor, versions and warnings', () => {
    it('reports the Basic profile with its stored type and how it was found', () => {
        const facts = freshInstallFacts()
        facts.basicProfile = { ...facts.basicProfile!, type: 'basic', foundBy: 'name' }
        expect(link(facts, 'em_policy')?.found).toContain(`Basic profile: BasicAuth for none public processors (${IDS.basic}) type=basic, found by name`)
    })

    it('reports auth_processor of our profiles (E9)', () => {
        const facts = freshInstallFacts()
        facts.queryProfile = { ...facts.queryProfile!, authProcessor: 'true' }
        expect(link(facts, 'query_profile')?.found).toContain('auth_processor=true')
    })

    it('warns when Event Management Connectors is older than 2.12.0 (E44)', () => {
        expect(versionBelow('2.5.0', '2.12.0')).toBe(true)
        expect(versionBelow('2.12.0', '2.12.0')).toBe(false)
        expect(versionBelow('10.0', '2.12.0')).toBe(false)
        const facts = freshInstallFacts()
        facts.emApp = { ...facts.emApp!, version: '2.11.9' }
        expect(link(facts, 'em_app')).toStrictEqual({
            id: 'em_app', title: 'Event Management Connectors app', status: 'warn',
            found: [`Event Management Connectors 2.11.9 (${IDS.emApp})`],
            fix: 'Version 2.11.9 is older than 2.12.0, which added API-key support for push connectors. Upgrade Event Management Connectors.',
        })
    })

    it('names only profiles that will be active in the activation warning', () => {
        const facts = { ...freshInstallFacts(), queryParameters: [] }
        const plan = planRepair(facts, { confirmRestrictions: false })
        const activation = plan.pending.find((s) => s.description.startsWith('Activate'))
        // Blocked (no query parameter): nothing restricting is applied, and the query profile stays inactive.
        expect(plan.blocked.join(' ')).toMatch(/query-parameter auth parameter/)
        expect(activation?.restricts).not.toMatch(/API key in query parameter/)
        expect(activation?.restricts).toMatch(/API key in header/)
    })
})

describe('least privilege', () => {
    it('ignores snc_internal and the roles evt_mgmt_integration contains', () => {
        expect(extraRoles(['evt_mgmt_integration', 'snc_internal', 'em_inbound'], ['em_inbound'])).toEqual([])
        expect(extraRoles(['evt_mgmt_integration', 'snc_internal', 'itil'], [])).toEqual(['itil'])
        const facts = freshInstallFacts()
        facts.integrationRoleContains = ['em_inbound']
        facts.integrationUser = {
            sysId: IDS.user, name: 'aws.sns.integration', active: true, lockedOut: false, webServiceOnly: true,
            roles: ['em_inbound', 'evt_mgmt_integration', 'snc_internal'],
        }
        expect(link(facts, 'integration_user')?.status).toBe('pass')
        expect(planRepair(facts, { confirmRestrictions: true }).blocked).toEqual([])
    })
})
