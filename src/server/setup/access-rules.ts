// Pure rules the setup check and Repair share: which EM policy carries the API keys, whether a policy points at the
// EM API, and which of a user's roles break least privilege. Ids refer to ../shared/reference/evidence.md.
import { PLATFORM } from '../core/app-names.ts'
import type { MappedKeyProfile, PolicyFact, SetupFacts } from './setup-facts.ts'

/** E2: the stored format of `api` is unpublished, so a policy points at the API by sys_id, by name, or by display value. */
export function policyPointsAtApi(policy: PolicyFact, api: { sysId: string; name: string } | null): boolean {
    if (!api || !policy.api) return false
    return policy.api === api.sysId || policy.api === api.name || policy.apiDisplay === api.name
}

/** Active API-key profiles mapped to the policy that read the x-sn-apikey query parameter (what SNS sends). */
export function queryKeyProfilesOf(facts: SetupFacts, policy: PolicyFact): MappedKeyProfile[] {
    const queryParameters = facts.queryParameters.map((p) => p.sysId)
    const mapped = facts.mappings.filter((m) => m.policy === policy.sysId).map((m) => m.profile)
    return facts.emKeyProfiles.filter((p) => p.active && mapped.indexOf(p.sysId) >= 0 && queryParameters.indexOf(p.authParameter) >= 0)
}

/**
 * E44: an active, non-global policy for sn_em_connector/em that another application ships (Event Management
 * Connectors 2.12+) and that already accepts an x-sn-apikey query-parameter profile. When there is one, the app
 * uses it and adds nothing that competes.
 */
export function existingEmKeyPolicy(facts: SetupFacts): PolicyFact | null {
    for (const policy of facts.otherEmPolicies) {
        if (policy.active && !policy.applyGlobal && queryKeyProfilesOf(facts, policy).length > 0) return policy
    }
    return null
}

/**
 * E44, E62: an active, non-global policy for sn_em_connector/em that another application ships and that already
 * carries API keys (an active API-key profile is mapped to it), but not in the query parameter. The app adopts it:
 * one mapping of its query-parameter profile is added, and no second policy that could tie with it is activated.
 */
export function adoptableEmKeyPolicy(facts: SetupFacts): PolicyFact | null {
    if (existingEmKeyPolicy(facts)) return null
    for (const policy of facts.otherEmPolicies) {
        if (!policy.active || policy.applyGlobal) continue
        const mapped = facts.mappings.filter((m) => m.policy === policy.sysId).map((m) => m.profile)
        if (facts.emKeyProfiles.some((p) => p.active && mapped.indexOf(p.sysId) >= 0)) return policy
    }
    return null
}

/** E62: every other active, non-global policy for the EM API: any of them could tie with ours when ours is active. */
export function competingEmPolicies(facts: SetupFacts): PolicyFact[] {
    return facts.otherEmPolicies.filter((p) => p.active && !p.applyGlobal)
}

/** Compares dotted versions numerically: true when `version` is older than `minimum`. Unreadable parts count as 0. */
export function versionBelow(version: string, minimum: string): boolean {
    const parts = (v: string) => String(v || '').split('.').map((n) => parseInt(n, 10) || 0)
    const a = parts(version)
    const b = parts(minimum)
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const d = (a[i] || 0) - (b[i] || 0)
        if (d !== 0) return d < 0
    }
    return false
}

/**
 * Roles that break least privilege for the integration user: everything but evt_mgmt_integration, snc_internal
 * (the Explicit Roles plugin gives it to every new user) and the roles evt_mgmt_integration itself contains.
 */
export function extraRoles(roles: string[], integrationRoleContains: string[]): string[] {
    const allowed = [PLATFORM.integrationRole as string, PLATFORM.internalRole as string, ...integrationRoleContains]
    return roles.filter((r) => allowed.indexOf(r) < 0)
}
