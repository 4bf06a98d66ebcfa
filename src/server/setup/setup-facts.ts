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
}

export interface PolicyFact extends RecordRef {
    active: boolean
    api: string
    apiPath: string
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
    basicProfile: (RecordRef & { active: boolean }) | null
    emApi: (RecordRef & { baseUri: string }) | null
    emPolicy: PolicyFact | null
    tablePolicies: PolicyFact[]
    mappings: MappingFact[]
    useraccount: { propertyValue: string; scope: RecordRef | null; foundBy: 'property' | 'name' | 'none' }
    integrationUserName: string
    integrationUser: UserFact | null
    /** The evt_mgmt_integration role record, needed to grant it. */
    integrationRole: RecordRef | null
    keepBasicAuthMapped: boolean
}
