import type { BasicAuthRestrictionFacts } from './basic-auth-restriction.ts'

// What the setup check reads from the instance, as plain data. Produced by read-setup-facts.ts (Glide),
// judged by setup-verdict.ts and repair-plan.ts (pure).

export interface RecordRef {
    sysId: string
    name: string
}

export interface AuthParameterFact extends RecordRef {
    parameterName: string
    type: string
}

export interface ProfileFact extends RecordRef {
    active: boolean
    authParameter: string
    /** E9: auth_processor as stored (its effect is unknown; reported, never changed). */
    authProcessor: string
}

export interface PolicyFact extends RecordRef {
    active: boolean
    /** E2: `api` as stored, and its display value (the stored format is unpublished). */
    api: string
    apiDisplay: string
    apiPath: string
    /** sys_scope of the policy (its application). */
    scope: string
    applyGlobal: boolean
    httpMethod: string
    /** True for the policy this app ships; false for the built-in Table API policies. */
    ours: boolean
}

export interface MappingFact {
    sysId: string
    policy: string
    profile: string
    profileName: string
}

/** An API-key profile mapped to one of the EM policies (any scope). */
export interface MappedKeyProfile {
    sysId: string
    name: string
    active: boolean
    authParameter: string
}

export interface UserFact extends RecordRef {
    active: boolean
    lockedOut: boolean
    webServiceOnly: boolean
    roles: string[]
}

export interface SetupFacts {
    pluginActive: boolean
    emApp: (RecordRef & { version: string; active: boolean }) | null
    headerParameter: AuthParameterFact | null
    /** Every x-sn-apikey parameter whose type is not auth_header: the query-parameter variant (type value unknown). */
    queryParameters: AuthParameterFact[]
    queryProfile: ProfileFact | null
    headerProfile: ProfileFact | null
    /** E13: found by its built-in name first, then by type; `type` as stored. */
    basicProfile: (RecordRef & { active: boolean; type: string; foundBy: 'name' | 'type' }) | null
    emApi: (RecordRef & { baseUri: string }) | null
    /** The policy this app ships. */
    emPolicy: PolicyFact | null
    /** Every other policy whose api_path is sn_em_connector/em, whatever its name or scope (E44). */
    otherEmPolicies: PolicyFact[]
    /** API-key profiles mapped to any EM policy, with what they read. */
    emKeyProfiles: MappedKeyProfile[]
    tablePolicies: PolicyFact[]
    mappings: MappingFact[]
    /** What an earlier Repair read back after writing the policy's `api` ('' when it never wrote it). */
    policyApiWrite: '' | 'stored' | 'ignored'
    useraccount: { propertyValue: string; scope: RecordRef | null; foundBy: 'property' | 'name' | 'none' }
    integrationUserName: string
    integrationUser: UserFact | null
    /** The evt_mgmt_integration role record, needed to grant it. */
    integrationRole: RecordRef | null
    /** Roles evt_mgmt_integration contains (sys_user_role_contains): a holder inherits them. */
    integrationRoleContains: string[]
    keepBasicAuthMapped: boolean
    mapTableApiPolicies: boolean
    /** E58: the Basic Auth Restriction properties as read ('' when not set). */
    basicAuthRestriction: BasicAuthRestrictionFacts
}
