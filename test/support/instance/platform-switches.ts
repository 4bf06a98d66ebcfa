// Platform behaviours that ../shared/reference/evidence.md leaves unknown. Each one is a fixture switch, and the
// end-to-end matrix (test/instance/platform-matrix.test.ts) runs the app's flows under every setting.
// The first setting of each list is the default of freshInstance().

export interface PlatformSwitches {
    /** E2: a script's write to sys_api_access_policy.api is silently ignored (S7, the default), or stored as written. */
    policyApiWrite: 'stored' | 'ignored'
    /** E12: the stored `type` of the x-sn-apikey query-parameter auth parameter (only "not auth_header" is known). */
    queryParamType: 'query_param' | 'url_parameter'
    /** E24: the api_key column that lists auth scopes (the name is unknown; the app looks it up in sys_dictionary). */
    authScopeColumn: 'auth_scope' | 'scopes'
    /** E51: string comparison in queries, and the connector's lookup of the listener by the URL `source`. */
    stringMatch: 'case_sensitive' | 'case_insensitive'
    /** E37: what the connector writes to em_event.source: the URL source, the listener's label, or a literal its script sets. */
    eventSource: 'url_source' | 'event_source_label' | 'literal'
    /**
     * E53 (likely): the connector creates the em_event inside the request, in the session of the user the key
     * authenticated as (so sys_created_by names that user); assumption: or as another user such as system.
     */
    eventCreatedBy: 'request_user' | 'system'
    /**
     * E44: Event Management Connectors 2.12+ ships its own active API-key policy for sn_em_connector/em, mapping a
     * query-parameter and a header profile, or only a header profile; 'absent' goes with a version before 2.12.0.
     */
    emPolicyShipped: 'query_and_header' | 'header_only' | 'absent'
    /** E16: the built-in Table GET/POST policies ship active (S4) or inactive (S3). */
    tablePolicies: 'active' | 'inactive'
    /** assumption: the Explicit Roles plugin is installed, so a new user automatically gets snc_internal (issue 9). */
    explicitRoles: 'not_installed' | 'installed'
    /** E23: a scoped app's getElement('token').getDecryptedValue() on api_key is refused, or allowed. */
    tokenDecrypt: 'refused' | 'allowed'
    /** E25: GlideTokenAuthClient.createToken returns the plain token, or an empty one. */
    tokenClient: 'returns_token' | 'no_token'
    /** E25: a key made by createToken authenticates as its `user` field, or stays bound to the admin who made it. */
    keyBinding: 'user_field' | 'creator'
    /** E41: the wording of the 401 body (both are captured from real instances). */
    unauthenticatedWording: 'User Not Authenticated' | 'User is not authenticated'
    /**
     * E64: the AWS connector takes an SNS message without checking its signature, or checks it and refuses a message
     * AWS did not sign (assumption: a 200 whose listener result reports the error, E42 shape, and no event).
     */
    snsSignature: 'not_checked' | 'checked'
    /**
     * E65: a server script can call the instance's own URL, or cannot: no answer at all (firewall, proxy), or an HTML
     * page before authentication (IP access control; assumption: HTTP 403 text/html).
     */
    selfCall: 'allowed' | 'no_answer' | 'denied'
    /**
     * assumption: an OK event (the alarm's NewStateValue is OK) with no open alert creates no alert, or Event
     * Management creates one anyway: one em_alert per message key, which later events of that key update.
     */
    okEventAlert: 'none' | 'creates_alert'
    /**
     * E66: a record a script inserts into a metadata table keeps the sys_scope the script sets, or the platform gives it
     * the session's current application (assumption: global).
     */
    scriptScope: 'honoured' | 'session_scope'
    /** E55: Application Access of api_key: which script writes from our scope the platform refuses. */
    apiKeyWrites: TableWrites
    /** E55: the same for sys_user. */
    userWrites: TableWrites
    /** E55: the same for sys_user_has_role. */
    userRoleWrites: TableWrites
    /** E55: the same for sys_api_access_policy. */
    policyWrites: TableWrites
    /** E55: the same for sys_auth_profile_mapping. */
    mappingWrites: TableWrites
    /** E55: the same for http_key_auth. */
    keyProfileWrites: TableWrites
    /** E55: the same for sn_em_connector_push_instance. */
    pushInstanceWrites: TableWrites
}

/** E55: a table's Application Access may refuse creates, updates or deletes from another scope, or all three. */
export type TableWrites = 'allowed' | 'create_refused' | 'update_refused' | 'delete_refused' | 'read_only'

const TABLE_WRITES: readonly TableWrites[] = ['allowed', 'create_refused', 'update_refused', 'delete_refused', 'read_only']

/** The E55 switch of each table whose Application Access is unknown. */
export const TABLE_WRITE_SWITCHES = {
    api_key: 'apiKeyWrites',
    sys_user: 'userWrites',
    sys_user_has_role: 'userRoleWrites',
    sys_api_access_policy: 'policyWrites',
    sys_auth_profile_mapping: 'mappingWrites',
    http_key_auth: 'keyProfileWrites',
    sn_em_connector_push_instance: 'pushInstanceWrites',
} as const satisfies { [table: string]: keyof PlatformSwitches }

/** Whether a table's Application Access (switch setting) refuses this operation. */
export function writeRefused(setting: TableWrites, operation: 'create' | 'update' | 'delete'): boolean {
    return setting === 'read_only' || setting === `${operation}_refused`
}

export const SWITCH_SETTINGS: { [K in keyof PlatformSwitches]: readonly PlatformSwitches[K][] } = {
    policyApiWrite: ['ignored', 'stored'],
    queryParamType: ['query_param', 'url_parameter'],
    authScopeColumn: ['auth_scope', 'scopes'],
    stringMatch: ['case_sensitive', 'case_insensitive'],
    eventSource: ['url_source', 'event_source_label', 'literal'],
    eventCreatedBy: ['request_user', 'system'],
    emPolicyShipped: ['absent', 'query_and_header', 'header_only'],
    tablePolicies: ['active', 'inactive'],
    explicitRoles: ['not_installed', 'installed'],
    tokenDecrypt: ['refused', 'allowed'],
    tokenClient: ['returns_token', 'no_token'],
    keyBinding: ['user_field', 'creator'],
    unauthenticatedWording: ['User Not Authenticated', 'User is not authenticated'],
    snsSignature: ['not_checked', 'checked'],
    selfCall: ['allowed', 'no_answer', 'denied'],
    okEventAlert: ['none', 'creates_alert'],
    scriptScope: ['honoured', 'session_scope'],
    apiKeyWrites: TABLE_WRITES,
    userWrites: TABLE_WRITES,
    userRoleWrites: TABLE_WRITES,
    policyWrites: TABLE_WRITES,
    mappingWrites: TABLE_WRITES,
    keyProfileWrites: TABLE_WRITES,
    pushInstanceWrites: TABLE_WRITES,
}

export const SWITCH_NAMES = Object.keys(SWITCH_SETTINGS) as (keyof PlatformSwitches)[]

const TABLE_WRITE_NAMES: string[] = Object.values(TABLE_WRITE_SWITCHES)

/**
 * The switches the pairwise platform matrix combines. The E55 table-write switches are run one table and one
 * setting at a time by test/instance/foreign-write-refusals.test.ts, where each refusal's manual step is followed.
 */
export const MATRIX_SWITCH_SETTINGS = Object.fromEntries(
    Object.entries(SWITCH_SETTINGS).filter(([name]) => TABLE_WRITE_NAMES.indexOf(name) < 0),
) as { [name: string]: readonly string[] }

export function defaultSwitches(): PlatformSwitches {
    const out = {} as { [name: string]: string }
    for (const name of SWITCH_NAMES) out[name] = SWITCH_SETTINGS[name][0]
    return out as unknown as PlatformSwitches
}

export function resolveSwitches(partial: Partial<PlatformSwitches> = {}): PlatformSwitches {
    const out = { ...defaultSwitches(), ...partial }
    for (const name of SWITCH_NAMES) {
        if (!(SWITCH_SETTINGS[name] as readonly string[]).includes(out[name] as string)) {
            throw new Error(`Unknown setting ${String(out[name])} for platform switch ${name}`)
        }
    }
    return out
}

/**
 * A pairwise covering array: every pair of settings of every two switches appears in at least one combination.
 * Greedy (AETG-style), deterministic.
 */
export function pairwiseCombinations(settings: { [name: string]: readonly string[] } = SWITCH_SETTINGS): { [name: string]: string }[] {
    const names = Object.keys(settings)
    const uncovered = new Set<string>()
    const key = (a: string, va: string, b: string, vb: string) => `${a}=${va}|${b}=${vb}`
    for (let i = 0; i < names.length; i++) {
        for (let j = i + 1; j < names.length; j++) {
            for (const va of settings[names[i]]) for (const vb of settings[names[j]]) uncovered.add(key(names[i], va, names[j], vb))
        }
    }
    const rows: { [name: string]: string }[] = []
    while (uncovered.size) {
        // Seed with the first uncovered pair, then fill every other switch with the value covering most pairs.
        const [first] = uncovered
        const [left, right] = first.split('|').map((p) => p.split('='))
        const row: { [name: string]: string } = { [left[0]]: left[1], [right[0]]: right[1] }
        for (const name of names) {
            if (row[name] !== undefined) continue
            let best = settings[name][0]
            let bestGain = -1
            for (const value of settings[name]) {
                let gain = 0
                for (const other of Object.keys(row)) {
                    const [a, b] = names.indexOf(name) < names.indexOf(other) ? [name, other] : [other, name]
                    const [va, vb] = a === name ? [value, row[other]] : [row[other], value]
                    if (uncovered.has(key(a, va, b, vb))) gain++
                }
                if (gain > bestGain) {
                    best = value
                    bestGain = gain
                }
            }
            row[name] = best
        }
        for (let i = 0; i < names.length; i++) {
            for (let j = i + 1; j < names.length; j++) uncovered.delete(key(names[i], row[names[i]], names[j], row[names[j]]))
        }
        rows.push(row)
    }
    return rows
}
