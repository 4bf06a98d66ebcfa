// Pure: what "Export instance facts" writes. It turns what the export read on an instance (ObservedInstance, which
// may hold user names, sys_ids and the host) into a JSON file a developer loads as an instance-double fixture:
// versions, plugin states, auth parameter types, policy shapes and their mappings, refused writes, probe outcomes,
// and the platform-switch settings the facts show (test/support/instance/platform-switches.ts). Nothing personal or
// secret is copied: fields are chosen one by one, names of records that are neither ours nor built in become
// neutral labels, and a last pass blanks any string that still looks like a sys_id, an email, a token, a URL or a
// value the caller names as forbidden (user names, the host).
import { APP_SCOPE_ID, PLATFORM, SHIPPED } from '../core/app-names.ts'
import { policyPointsAtApi } from './access-rules.ts'
import type { PolicyFact, SetupFacts } from './setup-facts.ts'

export const FACTS_FORMAT = 'x_em_aws_apikey.instance-facts/1'
export const REMOVED = '[removed]'

/** Plugins whose state the export reads (E27, the plugins it depends on, and Explicit Roles, issue 9). */
export const FACT_PLUGINS = [
    PLATFORM.tokenAuthPlugin, 'com.glide.rest.policy', 'com.glide.auth.scope', 'com.glide.rest.auth.scope', 'com.glide.explicit_roles',
] as const

/** What the export read on the instance; may hold personal data, never leaves the instance as it is. */
export interface ObservedInstance {
    exportedAt: string
    /** glide.buildtag ('' when not readable from the app's scope). */
    buildTag: string
    /** glide.servlet.uri (only its kind of host is exported). */
    servletUri: string
    plugins: { [id: string]: boolean }
    setup: SetupFacts
    /** Setup-check link ids and statuses (never their text, which names records and users). */
    links: { id: string; status: string }[]
    /** api_key's auth-scope column found in sys_dictionary (E24), '' when none. */
    authScopeColumn: string
    /** Whether a query for the role `admin` spelled in capitals found it (E51); null when not tried. */
    queryFoldsCase: boolean | null
    /** Details of the audit rows with action manual_step (the foreign-write door's refusals), newest first. */
    refusalDetails: string[]
    /** The newest audit rows that carry a probe: action and outcome, and the detail to find the verdict class in. */
    probeAudits: { action: string; outcome: string; detail: string }[]
    /** Endpoint records, newest first (state fields only). */
    endpoints: EndpointObservation[]
    /** sys_created_by of the newest test-alarm events (E53; classified, never exported). */
    probeEventCreators: string[]
    /** Strings that must not reach the file (session user, integration user, host, ...). */
    forbidden: string[]
}

export interface EndpointObservation {
    status: string
    source: string
    /** The URL source and the definition's event_source_label, one a line (generate-service.ts). */
    eventSources: string
    learnedEventSource: string
    tokenStrategy: string
    lastProbeResult: string
}

export interface PolicyShape {
    label: string
    origin: 'ours' | 'built_in' | 'sn_em_connector' | 'other'
    scope: 'ours' | 'global' | 'sn_em_connector' | 'other'
    active: boolean
    apiPath: string
    /** E2: how `api` is stored: empty, the EM API's sys_id, its name, or something else. */
    apiStored: 'empty' | 'api_sys_id' | 'api_name' | 'other'
    pointsAtEmApi: boolean
    applyGlobal: boolean
    httpMethod: string
    /** What each mapped profile reads: an x-sn-apikey variant, another parameter, or it is no API-key profile (Basic). */
    mappedProfiles: { label: string; reads: 'query_parameter' | 'header' | 'other' | 'not_api_key' | 'unknown' }[]
}

export interface UnobservedSwitch {
    switch: string
    why: string
}

export interface InstanceFactsFile {
    format: string
    exportedAt: string
    versions: { emConnector: { version: string; active: boolean } | null; family: string; build: string }
    plugins: { [id: string]: boolean }
    host: { kind: 'service-now.com' | 'servicenowservices.com' | 'custom' | 'unknown' }
    authParameters: { parameterName: string; type: string }[]
    authScopeColumn: string
    basicProfile: { label: string; type: string; foundBy: string; active: boolean } | null
    policies: PolicyShape[]
    setupLinks: { id: string; status: string }[]
    refusedWrites: { operation: 'create' | 'update' | 'delete'; table: string; count: number }[]
    probes: { from: string; outcome: string; verdict: string }[]
    endpoints: { status: string; tokenStrategy: string; lastProbe: string; eventSourceSeen: 'url_source' | 'event_source_label' | 'other' | 'none' }[]
    /** Switch name -> setting (names and settings of test/support/instance/platform-switches.ts). */
    switches: { [name: string]: string }
    unobserved: UnobservedSwitch[]
    /** How many strings the last pass blanked (0 when the field-by-field copy was clean). */
    scrubbed: number
}

// ---- switch observers ---------------------------------------------------------------------------------------

type Observation = { setting: string } | { why: string }

interface SwitchObserver {
    name: string
    observe: (o: ObservedInstance, file: Omit<InstanceFactsFile, 'switches' | 'unobserved' | 'scrubbed'>) => Observation
}

const seen = (setting: string): Observation => ({ setting })
const notSeen = (why: string): Observation => ({ why })

/** The newest endpoint with a token strategy: tells how keys are made here (E23, E25). */
function keyStrategy(o: ObservedInstance): EndpointObservation | null {
    for (const e of o.endpoints) if (e.tokenStrategy) return e
    return null
}

const NO_KEY_YET = 'no key has been generated on this instance yet'

export const SWITCH_OBSERVERS: SwitchObserver[] = [
    {
        name: 'policyApiWrite', // E2: what Repair read back after writing the policy's REST API field
        observe: (o) => (o.setup.policyApiWrite ? seen(o.setup.policyApiWrite) : notSeen('Repair has not written the EM policy\'s REST API field')),
    },
    {
        name: 'queryParamType', // E12: the stored type of the query-parameter variant
        observe: (o) => (o.setup.queryParameters.length === 1 ? seen(safeValue(o.setup.queryParameters[0].type))
            : notSeen(`${o.setup.queryParameters.length} x-sn-apikey parameters other than the header one`)),
    },
    {
        name: 'authScopeColumn', // E24
        observe: (o) => (o.authScopeColumn ? seen(safeValue(o.authScopeColumn)) : notSeen('sys_dictionary names no api_key column referencing sys_auth_scope')),
    },
    {
        name: 'stringMatch', // E51: observed on a query; the connector's own listener lookup may differ
        observe: (o) => (o.queryFoldsCase === null ? notSeen('the case test query did not run')
            : seen(o.queryFoldsCase ? 'case_insensitive' : 'case_sensitive')),
    },
    {
        name: 'eventSource', // E37: what the connector wrote to em_event.source for a probe
        observe: (_o, file) => {
            const kinds = file.endpoints.map((e) => e.eventSourceSeen).filter((k) => k !== 'none')
            if (!kinds.length) return notSeen('no probe has seen an event yet')
            return kinds[0] === 'other' ? notSeen('the event source matches neither the URL source nor the event_source_label') : seen(kinds[0])
        },
    },
    {
        name: 'eventCreatedBy', // E53: whose session the connector creates the event in
        observe: (o) => {
            const creators = o.probeEventCreators
            if (creators.indexOf('system') >= 0) return seen('system')
            if (o.setup.integrationUserName && creators.indexOf(o.setup.integrationUserName) >= 0) return seen('request_user')
            return notSeen(creators.length ? 'test-alarm events were created by neither system nor the integration user' : 'no test-alarm event found')
        },
    },
    {
        name: 'emPolicyShipped', // E44: an active API-key policy for sn_em_connector/em that is not ours
        observe: (o) => {
            if (!o.setup.emApp) return notSeen('Event Management Connectors is not installed')
            // What the other application shipped, not counting the mapping of our query profile Repair may have added.
            const ours = o.setup.queryProfile ? o.setup.queryProfile.sysId : ''
            const queryParameters = o.setup.queryParameters.map((p) => p.sysId)
            const shipped = o.setup.otherEmPolicies.filter((p) => p.active && !p.applyGlobal).map((policy) => {
                const mapped = o.setup.mappings.filter((m) => m.policy === policy.sysId && m.profile !== ours).map((m) => m.profile)
                return o.setup.emKeyProfiles.filter((k) => k.active && mapped.indexOf(k.sysId) >= 0)
            })
            if (shipped.some((keys) => keys.some((k) => queryParameters.indexOf(k.authParameter) >= 0))) return seen('query_and_header')
            if (shipped.some((keys) => keys.length > 0)) return seen('header_only')
            return shipped.length ? notSeen('an active policy for sn_em_connector/em carries no API-key profile') : seen('absent')
        },
    },
    {
        name: 'tablePolicies', // E16
        observe: (o) => {
            const states = o.setup.tablePolicies.map((p) => p.active)
            if (!states.length) return notSeen('the built-in Table policies were not found')
            if (states.every((a) => a)) return seen('active')
            return states.every((a) => !a) ? seen('inactive') : notSeen('one built-in Table policy is active, the other is not')
        },
    },
    {
        name: 'explicitRoles', // issue 9: the Explicit Roles plugin
        observe: (o) => seen(o.plugins['com.glide.explicit_roles'] ? 'installed' : 'not_installed'),
    },
    {
        name: 'tokenDecrypt', // E23, E57: the insert path reads the token only when the decrypt is allowed (issue-key.ts tries it first)
        observe: (o) => {
            const e = keyStrategy(o)
            if (!e) return notSeen(NO_KEY_YET)
            if (e.tokenStrategy === 'record_insert') return seen('allowed')
            if (e.tokenStrategy === 'token_auth_client' || /token not readable/.test(e.tokenStrategy)) return seen('refused')
            return notSeen('the key was made in a way this export does not know')
        },
    },
    {
        name: 'tokenClient', // E25: reached only after the decrypt was refused
        observe: (o) => {
            const e = keyStrategy(o)
            if (!e) return notSeen(NO_KEY_YET)
            if (e.tokenStrategy === 'token_auth_client') return seen('returns_token')
            if (/token not readable/.test(e.tokenStrategy)) return seen('no_token')
            return notSeen(e.tokenStrategy === 'record_insert' ? 'the insert path read the token, so GlideTokenAuthClient was not needed' : 'the key was made in a way this export does not know')
        },
    },
    {
        name: 'keyBinding', // E25: a GlideTokenAuthClient key whose probe was accepted authenticates as its user
        observe: (o) => {
            const e = keyStrategy(o)
            if (e && e.tokenStrategy === 'token_auth_client' && /^accepted\b/.test(e.lastProbeResult)) return seen('user_field')
            return notSeen('no GlideTokenAuthClient key has passed a probe (a refused one leaves no record to read)')
        },
    },
]

/** Switches no export can observe, and why. */
export const UNOBSERVABLE_SWITCHES: UnobservedSwitch[] = [
    { switch: 'unauthenticatedWording', why: 'the probe keeps the status of a 401, not its body (E41)' },
    { switch: 'snsSignature', why: 'shown only as the probe outcome class signature_checked under probeOutcomes (E64)' },
    { switch: 'selfCall', why: 'shown only as the probe outcome class self_call_blocked under probeOutcomes (E65)' },
    { switch: 'okEventAlert', why: 'the export reads no em_alert records' },
    { switch: 'scriptScope', why: 'the export does not compare the sys_scope of records Repair re-created (E66)' },
    ...['apiKeyWrites', 'userWrites', 'userRoleWrites', 'policyWrites', 'mappingWrites', 'keyProfileWrites', 'pushInstanceWrites'].map((name) => ({
        switch: name,
        why: 'the writes this instance refused are listed under refusedWrites by table and operation (E55); the Application Access setting itself is not read',
    })),
]

// ---- pure helpers ---------------------------------------------------------------------------------------------

const SAFE_TOKEN = /^[a-z][a-z0-9_]{0,39}$/

/**
 * A platform value (choice value, column name, version, path) copied only when it has the shape such a value has;
 * anything else is blanked: a free-text field must not carry a name or a secret into the file.
 */
export function safeValue(value: string, shape: RegExp = SAFE_TOKEN): string {
    const v = String(value || '').trim()
    if (!v) return ''
    return shape.test(v) ? v : REMOVED
}

const DATE_TIME_SHAPE = /^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$/
const VERSION_SHAPE = /^[0-9][0-9A-Za-z._-]{0,39}$/
const PATH_SHAPE = /^[a-z0-9_]+(\/[a-z0-9_]+)*$/
const PARAMETER_SHAPE = /^[A-Za-z0-9_-]{1,40}$/
const METHOD_SHAPE = /^[A-Z]{1,10}$/
const STRATEGY_SHAPE = /^[a-z_]+( \(token not readable\))?$/

/** E.g. glide-xanadu-07-02-2024__patch2-09-25-2024 -> family xanadu; anything else is not trusted. */
export function parseBuildTag(tag: string): { family: string; build: string } {
    const m = /^glide-([a-z]+)-[0-9][0-9-]*(__patch[0-9]+(-[0-9-]+)?)?$/.exec(String(tag || '').trim())
    return m ? { family: m[1], build: String(tag).trim() } : { family: '', build: '' }
}

export function hostKind(servletUri: string): InstanceFactsFile['host']['kind'] {
    const m = /^https?:\/\/([^/:]+)/i.exec(String(servletUri || ''))
    if (!m) return 'unknown'
    const host = m[1].toLowerCase()
    if (/\.service-now\.com$/.test(host)) return 'service-now.com'
    if (/\.servicenowservices\.com$/.test(host)) return 'servicenowservices.com'
    return 'custom'
}

/** `refused <operation> <table>` at the start of a manual_step audit detail (the foreign-write door's contract). */
export function parseRefusal(detail: string): { operation: 'create' | 'update' | 'delete'; table: string } | null {
    const m = /^refused (create|update|delete) ([a-z0-9_]+)\b/.exec(String(detail || ''))
    return m ? { operation: m[1] as 'create' | 'update' | 'delete', table: m[2] } : null
}

/**
 * The verdict class in a probe's text, read generically: `<class>: ...` (endpoint last_probe_result) or
 * `Probe: <class> - ...` (generate audit); '' when none is found. Only the class is kept, never the text.
 */
export function probeVerdictClass(text: string): string {
    const t = String(text || '')
    const m = /^([a-z][a-z_]{1,39}):/.exec(t) || /\bProbe: ([a-z][a-z_]{1,39})\b/.exec(t) || /\b(?:verdict|outcome|class|kind)[=:] ?([a-z][a-z_]{1,39})\b/.exec(t)
    return m ? m[1] : ''
}

function eventSourceSeen(e: EndpointObservation): InstanceFactsFile['endpoints'][number]['eventSourceSeen'] {
    const learned = e.learnedEventSource.trim().toLowerCase()
    if (!learned) return 'none'
    const [urlSource, label] = e.eventSources.split('\n').map((s) => s.trim().toLowerCase())
    const source = (e.source || urlSource || '').trim().toLowerCase()
    if (learned === source && learned !== label) return 'url_source'
    if (label && learned === label && learned !== source) return 'event_source_label'
    return 'other'
}

// ---- policies and profiles ----------------------------------------------------------------------------------

function scopeOf(policy: PolicyFact, setup: SetupFacts): PolicyShape['scope'] {
    if (policy.scope === APP_SCOPE_ID) return 'ours'
    if (!policy.scope || policy.scope === 'global') return 'global'
    return setup.emApp && policy.scope === setup.emApp.sysId ? 'sn_em_connector' : 'other'
}

function apiStored(policy: PolicyFact, setup: SetupFacts): PolicyShape['apiStored'] {
    if (!policy.api) return 'empty'
    const api = setup.emApi
    if (api && policy.api === api.sysId) return 'api_sys_id'
    if (api && policy.api === api.name) return 'api_name'
    return 'other'
}

function policyShapes(setup: SetupFacts): PolicyShape[] {
    const known = [SHIPPED.emPolicy as string, ...PLATFORM.tablePolicyNames]
    const knownProfiles = [SHIPPED.queryProfile as string, SHIPPED.headerProfile as string, PLATFORM.basicProfileName as string]
    const headerId = setup.headerParameter ? setup.headerParameter.sysId : ''
    const queryIds = setup.queryParameters.map((p) => p.sysId)
    const otherNames: { [kind: string]: string[] } = { policy: [], profile: [] }
    const otherLabel = (name: string, kind: 'policy' | 'profile') => {
        const names = otherNames[kind]
        if (names.indexOf(name) < 0) names.push(name)
        return `other ${kind} ${names.indexOf(name) + 1}`
    }
    const policies = [...(setup.emPolicy ? [setup.emPolicy] : []), ...setup.otherEmPolicies, ...setup.tablePolicies]
    return policies.map((p): PolicyShape => {
        const scope = scopeOf(p, setup)
        const origin: PolicyShape['origin'] = p.ours ? 'ours' : known.indexOf(p.name) >= 0 ? 'built_in' : scope === 'sn_em_connector' ? 'sn_em_connector' : 'other'
        const mappedProfiles = setup.mappings.filter((m) => m.policy === p.sysId).map((m) => {
            const keyProfile = setup.emKeyProfiles.find((k) => k.sysId === m.profile)
            const parameter = keyProfile ? keyProfile.authParameter : ''
            // emKeyProfiles holds the API-key profiles mapped to EM policies only, so elsewhere the kind is unknown.
            const reads = !keyProfile ? (p.apiPath === PLATFORM.emApiPath || p.ours ? 'not_api_key' : 'unknown') : parameter === headerId ? 'header' : queryIds.indexOf(parameter) >= 0 ? 'query_parameter' : 'other'
            // Names of profiles shipped by us or the platform are kept; one shipped with the connector's policy too.
            const keep = knownProfiles.indexOf(m.profileName) >= 0 || origin === 'sn_em_connector'
            return { label: keep ? m.profileName : otherLabel(m.profileName, 'profile'), reads } as PolicyShape['mappedProfiles'][number]
        })
        return {
            label: origin === 'other' ? otherLabel(p.name, 'policy') : p.name,
            origin, scope, active: p.active, apiPath: safeValue(p.apiPath, PATH_SHAPE), apiStored: apiStored(p, setup), pointsAtEmApi: policyPointsAtApi(p, setup.emApi),
            applyGlobal: p.applyGlobal, httpMethod: safeValue(p.httpMethod, METHOD_SHAPE), mappedProfiles,
        }
    })
}

// ---- the last pass --------------------------------------------------------------------------------------------

const LOOKS_SECRET = [
    /[0-9a-f]{32}/i, // a sys_id
    /[^\s@]+@[^\s@]+\.[^\s@]+/, // an email
    /\bnow_[A-Za-z0-9_-]{6,}/, // an API key token (E22)
    /[a-z][a-z0-9+.-]*:\/\//i, // a URL
]

/** Blanks every string that contains a forbidden value or looks like a sys_id, email, token or URL; counts them. */
export function scrubStrings<T>(value: T, forbidden: string[]): { value: T; scrubbed: number } {
    const needles = forbidden.map((f) => String(f || '').trim().toLowerCase()).filter((f) => f.length >= 3)
    let scrubbed = 0
    const visit = (v: unknown): unknown => {
        if (typeof v === 'string') {
            const lower = v.toLowerCase()
            if (needles.some((n) => lower.indexOf(n) >= 0) || LOOKS_SECRET.some((re) => re.test(v))) {
                scrubbed++
                return REMOVED
            }
            return v
        }
        if (Array.isArray(v)) return v.map(visit)
        if (v && typeof v === 'object') {
            const out: { [k: string]: unknown } = {}
            for (const k of Object.keys(v as object)) out[k] = visit((v as { [k: string]: unknown })[k])
            return out
        }
        return v
    }
    const out = visit(value) as T
    return { value: out, scrubbed }
}

function countRemoved(value: unknown): number {
    if (value === REMOVED) return 1
    if (Array.isArray(value)) return value.reduce((n: number, v) => n + countRemoved(v), 0)
    if (value && typeof value === 'object') return Object.keys(value).reduce((n, k) => n + countRemoved((value as { [k: string]: unknown })[k]), 0)
    return 0
}

// ---- the file ---------------------------------------------------------------------------------------------------

export function buildFactsFile(o: ObservedInstance): InstanceFactsFile {
    const setup = o.setup
    const build = parseBuildTag(o.buildTag)
    const refusals: InstanceFactsFile['refusedWrites'] = []
    for (const detail of o.refusalDetails) {
        const r = parseRefusal(detail)
        if (!r) continue
        const same = refusals.find((x) => x.operation === r.operation && x.table === r.table)
        if (same) same.count++
        else refusals.push({ operation: r.operation, table: r.table, count: 1 })
    }
    const plugins: { [id: string]: boolean } = {}
    for (const id of FACT_PLUGINS) plugins[id] = !!o.plugins[id]
    const parameters = [...(setup.headerParameter ? [setup.headerParameter] : []), ...setup.queryParameters]
    const basic = setup.basicProfile
    const partial: Omit<InstanceFactsFile, 'switches' | 'unobserved' | 'scrubbed'> = {
        format: FACTS_FORMAT,
        exportedAt: safeValue(o.exportedAt, DATE_TIME_SHAPE),
        versions: {
            emConnector: setup.emApp ? { version: safeValue(setup.emApp.version, VERSION_SHAPE), active: setup.emApp.active } : null,
            family: build.family, build: build.build,
        },
        plugins,
        host: { kind: hostKind(o.servletUri) },
        authParameters: parameters.map((p) => ({ parameterName: safeValue(p.parameterName, PARAMETER_SHAPE), type: safeValue(p.type) })),
        authScopeColumn: safeValue(o.authScopeColumn),
        basicProfile: basic
            ? { label: basic.foundBy === 'name' ? PLATFORM.basicProfileName : 'other basic profile 1', type: safeValue(basic.type), foundBy: basic.foundBy, active: basic.active }
            : null,
        policies: policyShapes(setup),
        setupLinks: o.links.map((l) => ({ id: safeValue(l.id), status: safeValue(l.status) })),
        refusedWrites: refusals,
        probes: o.probeAudits.map((p) => ({ from: safeValue(p.action), outcome: safeValue(p.outcome), verdict: probeVerdictClass(p.detail) })),
        endpoints: o.endpoints.map((e) => ({
            status: safeValue(e.status), tokenStrategy: safeValue(e.tokenStrategy, STRATEGY_SHAPE),
            lastProbe: probeVerdictClass(e.lastProbeResult), eventSourceSeen: eventSourceSeen(e),
        })),
    }
    const switches: { [name: string]: string } = {}
    const unobserved: UnobservedSwitch[] = []
    for (const observer of SWITCH_OBSERVERS) {
        const result = observer.observe(o, partial)
        if ('setting' in result) switches[observer.name] = result.setting
        else unobserved.push({ switch: observer.name, why: result.why })
    }
    const clean = scrubStrings({ ...partial, switches, unobserved: unobserved.concat(UNOBSERVABLE_SWITCHES) }, o.forbidden)
    // A blanked switch setting would load as an unknown setting: drop it and say so.
    for (const name of Object.keys(clean.value.switches)) {
        if (clean.value.switches[name] === REMOVED) {
            delete clean.value.switches[name]
            clean.value.unobserved.push({ switch: name, why: 'the observed value looked personal or secret and was removed' })
        }
    }
    return { ...clean.value, scrubbed: countRemoved(clean.value) }
}

/** The file as an admin copies it: stable key order, two-space indent. */
export function formatFactsFile(file: InstanceFactsFile): string {
    return JSON.stringify(file, null, 2)
}
