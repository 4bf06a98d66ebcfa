// Pure Repair planning: what to change so every link passes, touching only the app's own records plus additive
// mappings. A step that would narrow the auth schemes an API accepts carries `restricts`, one that opens an API to
// API keys carries `widens`; both are applied only after the admin confirms ("Repair and apply API restrictions"),
// and never while something blocks the chain. Ids refer to ../shared/reference/evidence.md.
import { APP_SCOPE_ID, PLATFORM, SHIPPED } from '../core/app-names.ts'
import { adoptableEmKeyPolicy, competingEmPolicies, existingEmKeyPolicy, extraRoles, policyPointsAtApi } from './access-rules.ts'
import type { PolicyFact, SetupFacts } from './setup-facts.ts'
import { mappedProfiles, pickRestApiStep } from './setup-verdict.ts'

/** A value that is either a sys_id or the record an earlier step of the same plan creates. */
export type RecordTarget = string | { ref: string }

export interface RepairStep {
    kind: 'create' | 'update'
    table: string
    /** For create: the name later steps use in { ref }. For update: the record changed. */
    ref?: string
    target?: RecordTarget
    fields: { [field: string]: RecordTarget }
    description: string
    /** Set when the step narrows the auth schemes an API accepts; says who is locked out. */
    restricts?: string
    /** Set when the step lets API keys into an API they could not call before; says what opens. */
    widens?: string
    /** Set on the step that writes the EM policy's `api`: Repair reads it back (E2). */
    writesPolicyApi?: boolean
}

export function needsConfirmation(step: RepairStep): boolean {
    return !!step.restricts || !!step.widens
}

export interface RepairPlan {
    steps: RepairStep[]
    /** Restricting steps left out because the admin did not confirm them. */
    pending: RepairStep[]
    /** Problems Repair cannot fix, with what the admin must do. */
    blocked: string[]
    warnings: string[]
}

export interface RepairOptions {
    confirmRestrictions: boolean
}

function profileSteps(plan: RepairPlan, kind: 'queryProfile' | 'headerProfile', facts: SetupFacts, parameter: string): RecordTarget | null {
    const profile = facts[kind]
    const name = kind === 'queryProfile' ? SHIPPED.queryProfile : SHIPPED.headerProfile
    if (!profile) {
        plan.steps.push({
            kind: 'create',
            table: 'http_key_auth',
            ref: kind,
            // sys_scope is explicit so the setup check finds the record as ours (it is the creating app's scope anyway).
            fields: { name, active: parameter ? 'true' : 'false', auth_parameter: parameter, sys_scope: APP_SCOPE_ID },
            description: `Re-create the missing profile "${name}".`,
        })
        return { ref: kind }
    }
    const fields: { [field: string]: string } = {}
    if (parameter && profile.authParameter !== parameter) fields.auth_parameter = parameter
    if (parameter && !profile.active) fields.active = 'true'
    if (Object.keys(fields).length) {
        plan.steps.push({
            kind: 'update',
            table: 'http_key_auth',
            target: profile.sysId,
            fields,
            description: `Profile "${profile.name}": ${Object.keys(fields).map((f) => `${f}=${fields[f]}`).join(', ')}.`,
        })
    }
    return profile.sysId
}

function isMapped(facts: SetupFacts, policy: PolicyFact | null, profile: RecordTarget | null): boolean {
    if (!policy || !profile || typeof profile !== 'string') return false
    return mappedProfiles(facts, policy).indexOf(profile) >= 0
}

function mapStep(policyTarget: RecordTarget, policyName: string, profile: RecordTarget, profileName: string, restricts?: string): RepairStep {
    return {
        kind: 'create',
        table: 'sys_auth_profile_mapping',
        fields: { api_access_policy: policyTarget, inbound_auth_profile: profile },
        description: `Map "${profileName}" to "${policyName}".`,
        restricts,
    }
}

export function planRepair(facts: SetupFacts, options: RepairOptions): RepairPlan {
    const plan: RepairPlan = { steps: [], pending: [], blocked: [], warnings: [] }
    if (!facts.pluginActive) {
        plan.blocked.push(`Plugin ${PLATFORM.tokenAuthPlugin} is not active; activate it first. Nothing else can be repaired before.`)
        return plan
    }

    const queryParameter = facts.queryParameters[0] ? facts.queryParameters[0].sysId : ''
    const headerParameter = facts.headerParameter ? facts.headerParameter.sysId : ''
    if (!queryParameter) plan.blocked.push('No x-sn-apikey query-parameter auth parameter exists: create one (type Query Parameter), then run Repair again.')
    if (!headerParameter) plan.blocked.push('No x-sn-apikey auth-header parameter exists: create one (type Auth Header), then run Repair again.')
    const existing = existingEmKeyPolicy(facts)
    const adoptable = adoptableEmKeyPolicy(facts)
    let headerProfile: RecordTarget | null = null
    if (existing) {
        // E44: an active policy for the EM API already accepts API keys in the query parameter: use it, add nothing.
        plan.warnings.push(`Using "${existing.name}" for ${PLATFORM.emApiBaseUri}: it is active and accepts x-sn-apikey in the query parameter, so the app activates no policy of its own and adds no mapping to it.`)
        deactivateOursIfCompeting(plan, facts)
    } else if (adoptable) {
        // E44, E62: adopt the instance's API-key policy: one mapping of our query-parameter profile, their policy unedited.
        const queryProfile = profileSteps(plan, 'queryProfile', facts, queryParameter)
        if (queryProfile && !isMapped(facts, adoptable, queryProfile)) {
            plan.steps.push(mapStep(adoptable.sysId, adoptable.name, queryProfile, SHIPPED.queryProfile))
        }
        plan.warnings.push(`Using "${adoptable.name}" for ${PLATFORM.emApiBaseUri}: it is active and already carries API keys, so the app adds one mapping of "${SHIPPED.queryProfile}" to it (SNS sends the key in the query parameter), edits nothing of it and activates no policy of its own.`)
        deactivateOursIfCompeting(plan, facts)
    } else {
        const queryProfile = profileSteps(plan, 'queryProfile', facts, queryParameter)
        headerProfile = profileSteps(plan, 'headerProfile', facts, headerParameter)
        emPolicySteps(plan, facts, { target: queryProfile, active: !!queryParameter }, { target: headerProfile, active: !!headerParameter })
    }
    if (facts.mapTableApiPolicies) {
        tablePolicySteps(plan, facts, headerProfile || (facts.headerProfile && facts.headerProfile.active ? facts.headerProfile.sysId : null))
    }
    integrationUserSteps(plan, facts)

    // Blocked means blocked: nothing that restricts or widens API access is applied while the chain is broken.
    if (!options.confirmRestrictions || plan.blocked.length) {
        plan.pending = plan.steps.filter(needsConfirmation)
        plan.steps = plan.steps.filter((s) => !needsConfirmation(s))
        if (options.confirmRestrictions && plan.pending.length) {
            plan.warnings.push('The API restrictions were not applied because of the problems listed under "Repair cannot fix". Fix those first, then run "Repair and apply API restrictions" again.')
        }
    }
    return plan
}

/** E62: the app's own policy never stays active beside another active policy for the same API (no tie-break is documented). */
function deactivateOursIfCompeting(plan: RepairPlan, facts: SetupFacts): void {
    const ours = facts.emPolicy
    if (!ours || !ours.active || !competingEmPolicies(facts).length) return
    plan.steps.push({
        kind: 'update',
        table: 'sys_api_access_policy',
        target: ours.sysId,
        fields: { active: 'false' },
        description: `Deactivate the app's own policy "${ours.name}": the instance's policy for ${PLATFORM.emApiPath} is used instead, and two active policies for one API could tie.`,
    })
}

interface WantedProfile {
    target: RecordTarget | null
    /** Whether the profile is (or will be, after this plan) active: only those are named in warnings. */
    active: boolean
}

function emPolicySteps(plan: RepairPlan, facts: SetupFacts, queryProfile: WantedProfile, headerProfile: WantedProfile): void {
    const api = facts.emApi
    if (!api) {
        plan.blocked.push(`The REST API behind ${PLATFORM.emApiBaseUri} was not found: install Event Management Connectors, then run Repair.`)
        return
    }
    let policy: RecordTarget
    const existing = facts.emPolicy
    const apiWriteIgnored = facts.policyApiWrite === 'ignored'
    if (!existing) {
        plan.steps.push({
            kind: 'create',
            table: 'sys_api_access_policy',
            ref: 'emPolicy',
            fields: {
                name: SHIPPED.emPolicy, active: 'false', api: api.sysId, api_path: PLATFORM.emApiPath, apply_global: 'false', sys_scope: APP_SCOPE_ID,
                apply_all_methods: 'true', apply_all_resources: 'true', apply_all_versions: 'true',
            },
            description: `Re-create the missing policy "${SHIPPED.emPolicy}" for ${api.name}.`,
            writesPolicyApi: true,
        })
        policy = { ref: 'emPolicy' }
    } else {
        policy = existing.sysId
        const fields: { [field: string]: string } = {}
        // E2: a script's write to `api` may be dropped; once a Repair has seen that, it asks the admin instead.
        if (!policyPointsAtApi(existing, api)) {
            if (apiWriteIgnored) plan.blocked.push(pickRestApiStep(existing, api))
            else fields.api = api.sysId
        }
        if (existing.applyGlobal) fields.apply_global = 'false'
        if (existing.apiPath !== PLATFORM.emApiPath) fields.api_path = PLATFORM.emApiPath
        if (Object.keys(fields).length) {
            plan.steps.push({
                kind: 'update',
                table: 'sys_api_access_policy',
                target: existing.sysId,
                fields,
                description: `Policy "${existing.name}": point it at ${api.name} (${api.sysId}), not Global.`,
                writesPolicyApi: !!fields.api,
            })
        }
    }

    const accepted: string[] = []
    const wanted: { target: RecordTarget | null; name: string; active: boolean }[] = [
        { ...queryProfile, name: SHIPPED.queryProfile },
        { ...headerProfile, name: SHIPPED.headerProfile },
    ]
    if (facts.keepBasicAuthMapped) {
        const basic = facts.basicProfile
        if (basic) wanted.push({ target: basic.sysId, name: basic.name, active: basic.active })
        else plan.warnings.push(`No Basic auth profile ("${PLATFORM.basicProfileName}" or type ${PLATFORM.basicAuthType}) was found, so Basic senders will get 401 on the EM API once the policy is active.`)
    }
    const alreadyMapped = existing ? mappedProfiles(facts, existing).length : 0
    for (const profile of wanted) {
        if (!profile.target) continue
        if (profile.active) accepted.push(profile.name)
        if (isMapped(facts, existing, profile.target)) continue
        // A first mapping on an already active policy narrows it from every scheme to the mapped ones.
        const restricts = existing && existing.active && alreadyMapped === 0
            ? `Policy "${existing.name}" is active with no mapping: mapping "${profile.name}" restricts ${PLATFORM.emApiBaseUri} to the mapped profiles.`
            : undefined
        plan.steps.push(mapStep(policy, SHIPPED.emPolicy, profile.target, profile.name, restricts))
    }
    for (const m of facts.mappings) {
        if (existing && m.policy === existing.sysId && accepted.indexOf(m.profileName) < 0 && activeProfile(facts, m.profile)) accepted.push(m.profileName)
    }

    if (!existing || !existing.active) {
        plan.steps.push({
            kind: 'update',
            table: 'sys_api_access_policy',
            target: policy,
            fields: { active: 'true' },
            description: `Activate "${SHIPPED.emPolicy}".`,
            restricts:
                `Activating "${SHIPPED.emPolicy}" restricts ${PLATFORM.emApiBaseUri} to: ${accepted.join('; ') || '(no active profile)'}. ` +
                'Callers using any other scheme (for example OAuth, or Basic when it is not mapped) will get HTTP 401.',
        })
    }
}

/** Whether a mapped profile is active, as far as the facts know (ours, the Basic profile, or a mapped key profile). */
function activeProfile(facts: SetupFacts, sysId: string): boolean {
    const known = [facts.queryProfile, facts.headerProfile, facts.basicProfile, ...facts.emKeyProfiles]
    for (const p of known) if (p && p.sysId === sysId) return p.active
    return false
}

/** Opt-in (map_table_api_policies): the header profile, and Basic when it must stay mapped, on the built-in Table policies. */
function tablePolicySteps(plan: RepairPlan, facts: SetupFacts, headerProfile: RecordTarget | null): void {
    if (!headerProfile) return
    for (const name of PLATFORM.tablePolicyNames) {
        const policy = facts.tablePolicies.find((p) => p.name === name && !p.ours)
        if (!policy) {
            plan.warnings.push(`"${name}" was not found, so the Table API check cannot use API keys. The app does not create built-in policies.`)
            continue
        }
        const already = mappedProfiles(facts, policy)
        const wanted: { target: RecordTarget; name: string }[] = [{ target: headerProfile, name: SHIPPED.headerProfile }]
        if (facts.keepBasicAuthMapped && facts.basicProfile) wanted.push({ target: facts.basicProfile.sysId, name: facts.basicProfile.name })
        const widens = `Mapping the API-key header profile to "${name}" lets API keys call the Table API for ${policy.httpMethod || 'its'} requests on the tables that policy lists.`
        for (const profile of wanted) {
            if (typeof profile.target === 'string' && already.indexOf(profile.target) >= 0) continue
            // E5, E17: on a policy with no mapping yet, the first mapping locks every other scheme out of those tables.
            const restricts = already.length === 0
                ? `"${name}" has no profile mapped yet: once mapped it accepts only the mapped profiles for ${policy.httpMethod || 'these'} calls on the Table API, so OAuth callers${facts.keepBasicAuthMapped ? '' : ' and Basic callers'} would get HTTP 401.`
                : undefined
            plan.steps.push({ ...mapStep(policy.sysId, name, profile.target, profile.name, restricts), widens })
        }
        if (!policy.active) plan.warnings.push(`"${name}" is inactive; it is a built-in record, so the app leaves it as it is.`)
    }
}

function grantIntegrationRole(user: RecordTarget, roleSysId: string, userName: string): RepairStep {
    return {
        kind: 'create',
        table: 'sys_user_has_role',
        fields: { user, role: roleSysId },
        description: `Grant ${PLATFORM.integrationRole} to ${userName}.`,
    }
}

export type IntegrationUserFacts = Pick<SetupFacts, 'integrationUser' | 'integrationRole' | 'integrationUserName' | 'integrationRoleContains'>

/** The integration user: created when missing, granted the role when it holds none; never changed otherwise. */
export function integrationUserSteps(plan: RepairPlan, facts: IntegrationUserFacts): void {
    const user = facts.integrationUser
    const role = facts.integrationRole
    const noRole = `The role ${PLATFORM.integrationRole} does not exist: install or activate Event Management.`
    if (!user) {
        if (!role) {
            plan.blocked.push(noRole)
            return
        }
        plan.steps.push({
            kind: 'create',
            table: 'sys_user',
            ref: 'integrationUser',
            fields: {
                user_name: facts.integrationUserName, first_name: 'AWS SNS', last_name: 'Event integration',
                active: 'true', web_service_access_only: 'true',
            },
            description: `Create the web-service-only integration user ${facts.integrationUserName}.`,
        })
        plan.steps.push(grantIntegrationRole({ ref: 'integrationUser' }, role.sysId, facts.integrationUserName))
        return
    }
    const extra = extraRoles(user.roles, facts.integrationRoleContains)
    if (!user.active || user.lockedOut) {
        plan.blocked.push(`Integration user ${user.name} is inactive or locked out; the app does not re-enable users. Activate it, or name another user in the properties.`)
    } else if (extra.length) {
        plan.blocked.push(`Integration user ${user.name} has other roles (${extra.join(', ')}); the app does not remove roles. Remove them, or name another user in the properties.`)
    } else if (user.roles.indexOf(PLATFORM.integrationRole) < 0) {
        if (!role) {
            plan.blocked.push(noRole)
            return
        }
        plan.steps.push(grantIntegrationRole(user.sysId, role.sysId, user.name))
    }
    if (user.active && !user.webServiceOnly) {
        plan.blocked.push(`Integration user ${user.name} can log in interactively; tick "Web service access only" on it.`)
    }
}
