// Pure verdicts: one result per link of the API-key chain, with what was found and what to do.
import { PLATFORM, SHIPPED } from '../core/app-names.ts'
import { adoptableEmKeyPolicy, competingEmPolicies, existingEmKeyPolicy, extraRoles, policyPointsAtApi, versionBelow } from './access-rules.ts'
import { judgeBasicAuth } from './basic-auth-restriction.ts'
import type { PolicyFact, ProfileFact, SetupFacts } from './setup-facts.ts'

export type LinkStatus = 'pass' | 'fail' | 'warn'

export interface LinkResult {
    id: string
    title: string
    status: LinkStatus
    found: string[]
    fix: string
}

const REPAIR = 'Run Repair (Setup Check list > Repair).'

function link(id: string, title: string, status: LinkStatus, found: string[], fix = ''): LinkResult {
    return { id, title, status, found, fix: status === 'pass' ? '' : fix }
}

export function mappedProfiles(facts: SetupFacts, policy: PolicyFact): string[] {
    return facts.mappings.filter((m) => m.policy === policy.sysId).map((m) => m.profile)
}

function profileLink(facts: SetupFacts, id: string, title: string, profile: ProfileFact | null, wanted: string): LinkResult {
    const existing = existingEmKeyPolicy(facts)
    if (existing) {
        const state = profile ? `${profile.name} (${profile.sysId}) active=${profile.active}, left as it is` : 'not found'
        return link(id, title, 'pass', [`not needed: using "${existing.name}" (${existing.sysId})`, state])
    }
    if (!profile) return link(id, title, 'fail', ['not found'], `The app's profile is missing. ${REPAIR}`)
    const found = [
        `${profile.name} (${profile.sysId})`, `active=${profile.active}`, `auth_parameter=${profile.authParameter || '(empty)'}`,
        `auth_processor=${profile.authProcessor || '(empty)'}`,
    ]
    if (!wanted) return link(id, title, 'fail', found, 'Its auth parameter is missing on the instance (see the auth parameter link).')
    if (profile.authParameter !== wanted || !profile.active) return link(id, title, 'fail', found, REPAIR)
    return link(id, title, 'pass', found)
}

export function evaluateSetup(facts: SetupFacts): LinkResult[] {
    const results: LinkResult[] = []

    results.push(
        facts.pluginActive
            ? link('plugin', `Plugin ${PLATFORM.tokenAuthPlugin}`, 'pass', ['active'])
            : link('plugin', `Plugin ${PLATFORM.tokenAuthPlugin}`, 'fail', ['not active'],
                'Activate "API Key and HMAC Authentication" (com.glide.tokenbased_auth) under System Definition > Plugins.'),
    )

    results.push(emAppLink(facts))

    const queryParameter = facts.queryParameters[0] || null
    const parameterFound = [
        facts.headerParameter ? `header: ${facts.headerParameter.sysId} type=${facts.headerParameter.type}` : 'header: not found',
        ...facts.queryParameters.map((p) => `query: ${p.sysId} type=${p.type}`),
    ]
    results.push(
        !queryParameter
            ? link('auth_parameter', 'x-sn-apikey query-parameter auth parameter', 'fail', [...parameterFound, 'query: not found'],
                'Create a REST API Auth Parameter named x-sn-apikey of type Query Parameter (System Web Services > API Access Policies), then run Repair.')
            : facts.queryParameters.length > 1
              ? link('auth_parameter', 'x-sn-apikey query-parameter auth parameter', 'warn', parameterFound,
                  `Several candidates; the app uses the first (${queryParameter.sysId}). Remove duplicates if that is wrong.`)
              : link('auth_parameter', 'x-sn-apikey query-parameter auth parameter', 'pass', parameterFound),
    )

    results.push(profileLink(facts, 'query_profile', 'API-key profile (query parameter)', facts.queryProfile, queryParameter ? queryParameter.sysId : ''))
    results.push(profileLink(facts, 'header_profile', 'API-key profile (header)', facts.headerProfile, facts.headerParameter ? facts.headerParameter.sysId : ''))

    results.push(emPolicyLink(facts))
    results.push(tablePoliciesLink(facts))

    const ua = facts.useraccount
    results.push(
        ua.scope
            ? link('useraccount_scope', 'Auth scope useraccount', 'pass', [`${ua.scope.name} (${ua.scope.sysId}), found by ${ua.foundBy}`])
            : link('useraccount_scope', 'Auth scope useraccount', 'fail',
                [`${PLATFORM.useraccountScopeProperty}=${ua.propertyValue || '(empty)'}`, 'no sys_auth_scope named useraccount'],
                'The useraccount auth scope is missing; check the REST API Auth Scope plugin (com.glide.rest.auth.scope).'),
    )

    results.push(integrationUserLink(facts))
    results.push(basicAuthLink(facts))
    return results
}

/** E58: not a link of the API-key chain, but what the Basic Auth Restriction means for subscriptions still on Basic. */
function basicAuthLink(facts: SetupFacts): LinkResult {
    const verdict = judgeBasicAuth(facts.basicAuthRestriction, facts.integrationUser, facts.integrationUserName)
    return link('basic_auth_restriction', `Basic Auth Restriction for ${facts.integrationUserName}`, verdict.advice ? 'warn' : 'pass', verdict.found, verdict.advice)
}

function emAppLink(facts: SetupFacts): LinkResult {
    const title = 'Event Management Connectors app'
    const em = facts.emApp
    if (!em || !em.active) {
        return link('em_app', title, 'fail', [em ? `${em.name} ${em.version}, inactive` : 'not installed'],
            'Install or activate the Event Management Connectors app (sn_em_connector) from the ServiceNow Store.')
    }
    const found = [`${em.name} ${em.version} (${em.sysId})`]
    if (versionBelow(em.version, PLATFORM.emApiKeySupportVersion)) {
        return link('em_app', title, 'warn', found,
            `Version ${em.version} is older than ${PLATFORM.emApiKeySupportVersion}, which added API-key support for push connectors. Upgrade Event Management Connectors.`)
    }
    return link('em_app', title, 'pass', found)
}

/** Stored and display value of a policy's REST API field (E2). */
export function describePolicyApi(policy: PolicyFact): string {
    return `api stored=${policy.api || '(empty)'} display=${policy.apiDisplay || '(empty)'}`
}

/** The one manual step when the platform drops a script's write to the policy's REST API field (E2, S7). */
export function pickRestApiStep(policy: { name: string; sysId: string }, api: { name: string }): string {
    return `Open the API access policy "${policy.name}" (sys_api_access_policy.do?sys_id=${policy.sysId}) and pick REST API = "${api.name}", then save (the instance ignores this field when a script writes it).`
}

function emPolicyLink(facts: SetupFacts): LinkResult {
    const title = `REST API access policy for ${PLATFORM.emApiPath}`
    const api = facts.emApi
    const policy = facts.emPolicy
    const found = [api ? `REST API: ${api.name} (${api.sysId}) ${api.baseUri}` : `REST API with base URI ${PLATFORM.emApiBaseUri}: not found`]
    for (const other of facts.otherEmPolicies) {
        found.push(`other policy for ${PLATFORM.emApiPath}: ${other.name} (${other.sysId}) active=${other.active} scope=${other.scope || '(global)'}`)
    }
    const basic = facts.basicProfile
    found.push(basic ? `Basic profile: ${basic.name} (${basic.sysId}) type=${basic.type || '(empty)'}, found by ${basic.foundBy}` : 'Basic profile: not found')
    const existing = existingEmKeyPolicy(facts)
    const adoptable = adoptableEmKeyPolicy(facts)
    const competing = competingEmPolicies(facts)
    // E62: no tie-break between two active policies for one API is documented, so SNS may meet either: a failure.
    if (policy && policy.active && competing.length) {
        return link('em_policy', title, 'fail', found,
            `The app's policy "${policy.name}" is active beside ${competing.map((c) => `"${c.name}"`).join(', ')} for the same API; which one the platform applies is undocumented, so SNS may get 401. ${REPAIR} (it deactivates the app's policy and uses the instance's).`)
    }
    if (existing) {
        found.push(`using "${existing.name}" (${existing.sysId}): it is active and accepts x-sn-apikey in the query parameter`)
        return link('em_policy', title, 'pass', found)
    }
    if (adoptable) {
        found.push(`"${adoptable.name}" (${adoptable.sysId}) is active and carries API keys, but none in the query parameter (what SNS sends)`)
        return link('em_policy', title, 'fail', found, `${REPAIR} It adds one mapping of "${SHIPPED.queryProfile}" to "${adoptable.name}" and edits nothing else of it.`)
    }
    if (!policy) return link('em_policy', title, 'fail', [...found, `policy "${SHIPPED.emPolicy}": not found`], REPAIR)
    const profiles = mappedProfiles(facts, policy)
    found.push(
        `policy ${policy.name} (${policy.sysId}) active=${policy.active} ${describePolicyApi(policy)} global=${policy.applyGlobal}`,
        `mapped profiles: ${facts.mappings.filter((m) => m.policy === policy.sysId).map((m) => m.profileName).join(', ') || '(none)'}`,
    )
    if (!api) return link('em_policy', title, 'fail', found, 'The Event Management inbound API is missing: install Event Management Connectors.')
    if (policy.applyGlobal) return link('em_policy', title, 'fail', found, 'Token auth is not allowed in a Global policy: clear Global, then run Repair.')
    if (!policyPointsAtApi(policy, api)) {
        return link('em_policy', title, 'fail', found, facts.policyApiWrite === 'ignored' ? pickRestApiStep(policy, api) : REPAIR)
    }
    const wantedProfiles = [facts.queryProfile, facts.headerProfile].filter((p): p is ProfileFact => !!p).map((p) => p.sysId)
    const missing = wantedProfiles.filter((id) => profiles.indexOf(id) < 0)
    if (missing.length > 0) return link('em_policy', title, 'fail', found, REPAIR)
    if (!policy.active) {
        return link('em_policy', title, 'fail', found,
            'The policy is ready but inactive. Activating it restricts this API to the mapped profiles: run "Repair and apply API restrictions".')
    }
    if (facts.keepBasicAuthMapped && facts.basicProfile && profiles.indexOf(facts.basicProfile.sysId) < 0) {
        return link('em_policy', title, 'warn', found, `Basic auth is not mapped although the property asks for it. ${REPAIR}`)
    }
    return link('em_policy', title, 'pass', found)
}

function tablePoliciesLink(facts: SetupFacts): LinkResult {
    const title = 'Table API access policies (curl check)'
    const header = facts.headerProfile
    if (!facts.mapTableApiPolicies) {
        return link('table_policies', title, 'pass', [
            'not used: the opt-in property x_em_aws_apikey.map_table_api_policies is false (default), so the app leaves the built-in Table policies alone',
            'sn-aws-verify --key-file (Table API check) will answer 401 unless you map an API-key header profile there yourself',
        ])
    }
    const found: string[] = []
    let status: LinkStatus = 'pass'
    const fixes: string[] = []
    for (const name of PLATFORM.tablePolicyNames) {
        const policy = facts.tablePolicies.find((p) => p.name === name)
        if (!policy) {
            found.push(`${name}: not found`)
            status = 'fail'
            fixes.push(`"${name}" is missing on this instance; the Table API check cannot use API keys.`)
            continue
        }
        const mapped = !!header && mappedProfiles(facts, policy).indexOf(header.sysId) >= 0
        const basicMissing = facts.keepBasicAuthMapped && !!facts.basicProfile && mappedProfiles(facts, policy).indexOf(facts.basicProfile.sysId) < 0
        found.push(`${name} (${policy.sysId}) active=${policy.active} header profile mapped=${mapped} Basic mapped=${!basicMissing}`)
        if (!mapped || basicMissing) {
            status = 'fail'
            fixes.push(REPAIR)
        } else if (!policy.active) {
            if (status === 'pass') status = 'warn'
            fixes.push(`"${name}" is inactive. It is a built-in record, so the app does not change it; activate it yourself if you want the Table API check.`)
        }
    }
    return link('table_policies', title, status, found, fixes.filter((f, i) => fixes.indexOf(f) === i).join(' '))
}

function integrationUserLink(facts: SetupFacts): LinkResult {
    const title = `Integration user ${facts.integrationUserName}`
    const user = facts.integrationUser
    if (!user) return link('integration_user', title, 'fail', ['not found'], `Generate a key (the app creates the user), or ${REPAIR}`)
    const found = [`${user.name} (${user.sysId}) active=${user.active} web_service_access_only=${user.webServiceOnly}`, `roles: ${user.roles.join(', ') || '(none)'}`]
    const extra = extraRoles(user.roles, facts.integrationRoleContains)
    if (!user.active || user.lockedOut) return link('integration_user', title, 'fail', found, 'The user is inactive or locked out: its keys are rejected with 401. Activate it.')
    if (extra.length) {
        return link('integration_user', title, 'fail', found,
            `Least privilege: remove ${extra.join(', ')} from this user (it must hold only ${PLATFORM.integrationRole}), or set another user name in the app's properties.`)
    }
    if (user.roles.indexOf(PLATFORM.integrationRole) < 0) return link('integration_user', title, 'fail', found, `Grant ${PLATFORM.integrationRole}. ${REPAIR}`)
    if (!user.webServiceOnly) return link('integration_user', title, 'fail', found, 'Tick "Web service access only" on the user so nobody can log in interactively with it.')
    return link('integration_user', title, 'pass', found)
}
