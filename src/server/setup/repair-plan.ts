// Pure Repair planning: what to change so every link passes, touching only the app's own records plus additive
// mappings. A step that would narrow the auth schemes an API accepts carries `restricts` and is applied only after
// the admin confirms ("Repair and apply API restrictions").
import { APP_SCOPE_ID, PLATFORM, SHIPPED } from '../core/app-names.ts'
import type { PolicyFact, SetupFacts } from './setup-facts.ts'
import { mappedProfiles } from './setup-verdict.ts'

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
    const queryProfile = profileSteps(plan, 'queryProfile', facts, queryParameter)
    const headerProfile = profileSteps(plan, 'headerProfile', facts, headerParameter)

    emPolicySteps(plan, facts, queryProfile, headerProfile)
    tablePolicySteps(plan, facts, headerProfile)
    integrationUserSteps(plan, facts)

    if (!options.confirmRestrictions) {
        plan.pending = plan.steps.filter((s) => !!s.restricts)
        plan.steps = plan.steps.filter((s) => !s.restricts)
    }
    return plan
}

function emPolicySteps(plan: RepairPlan, facts: SetupFacts, queryProfile: RecordTarget | null, headerProfile: RecordTarget | null): void {
    const api = facts.emApi
    if (!api) {
        plan.blocked.push(`The REST API behind ${PLATFORM.emApiBaseUri} was not found: install Event Management Connectors, then run Repair.`)
        return
    }
    let policy: RecordTarget
    const existing = facts.emPolicy
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
        })
        policy = { ref: 'emPolicy' }
    } else {
        policy = existing.sysId
        if (existing.api !== api.sysId || existing.applyGlobal || existing.apiPath !== PLATFORM.emApiPath) {
            plan.steps.push({
                kind: 'update',
                table: 'sys_api_access_policy',
                target: existing.sysId,
                fields: { api: api.sysId, api_path: PLATFORM.emApiPath, apply_global: 'false' },
                description: `Policy "${existing.name}": point it at ${api.name} (${api.sysId}), not Global.`,
            })
        }
    }

    const accepted: string[] = []
    const wanted: { target: RecordTarget | null; name: string }[] = [
        { target: queryProfile, name: SHIPPED.queryProfile },
        { target: headerProfile, name: SHIPPED.headerProfile },
    ]
    if (facts.keepBasicAuthMapped) {
        if (facts.basicProfile) wanted.push({ target: facts.basicProfile.sysId, name: facts.basicProfile.name })
        else plan.warnings.push('No active Basic auth profile (std_http_auth, type basic_auth) was found, so Basic senders will get 401 on the EM API once the policy is active.')
    }
    const alreadyMapped = existing ? mappedProfiles(facts, existing).length : 0
    for (const profile of wanted) {
        if (!profile.target) continue
        accepted.push(profile.name)
        if (isMapped(facts, existing, profile.target)) continue
        // A first mapping on an already active policy narrows it from every scheme to the mapped ones.
        const restricts = existing && existing.active && alreadyMapped === 0
            ? `Policy "${existing.name}" is active with no mapping: mapping "${profile.name}" restricts ${PLATFORM.emApiBaseUri} to the mapped profiles.`
            : undefined
        plan.steps.push(mapStep(policy, SHIPPED.emPolicy, profile.target, profile.name, restricts))
    }
    for (const m of facts.mappings) {
        if (existing && m.policy === existing.sysId && accepted.indexOf(m.profileName) < 0) accepted.push(m.profileName)
    }

    if (!existing || !existing.active) {
        plan.steps.push({
            kind: 'update',
            table: 'sys_api_access_policy',
            target: policy,
            fields: { active: 'true' },
            description: `Activate "${SHIPPED.emPolicy}".`,
            restricts:
                `Activating "${SHIPPED.emPolicy}" restricts ${PLATFORM.emApiBaseUri} to: ${accepted.join('; ')}. ` +
                'Callers using any other scheme (for example OAuth, or Basic when it is not mapped) will get HTTP 401.',
        })
    }
}

function tablePolicySteps(plan: RepairPlan, facts: SetupFacts, headerProfile: RecordTarget | null): void {
    if (!headerProfile) return
    for (const name of PLATFORM.tablePolicyNames) {
        const policy = facts.tablePolicies.find((p) => p.name === name && !p.ours)
        if (!policy) {
            plan.warnings.push(`"${name}" was not found, so the Table API check cannot use API keys. The app does not create built-in policies.`)
            continue
        }
        if (isMapped(facts, policy, headerProfile)) continue
        const others = mappedProfiles(facts, policy).length
        const restricts = others === 0
            ? `"${name}" has no profile mapped yet: mapping the API-key header profile makes it the only accepted profile for ${policy.httpMethod || 'these'} calls on the Table API, so Basic and OAuth callers would get HTTP 401.`
            : undefined
        plan.steps.push(mapStep(policy.sysId, name, headerProfile, SHIPPED.headerProfile, restricts))
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

export type IntegrationUserFacts = Pick<SetupFacts, 'integrationUser' | 'integrationRole' | 'integrationUserName'>

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
    const extra = user.roles.filter((r) => r !== PLATFORM.integrationRole)
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
