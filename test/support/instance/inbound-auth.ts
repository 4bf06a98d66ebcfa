// Inbound REST authentication, as the evidence describes it (ids from ../shared/reference/evidence.md):
// - the REST API is the sys_ws_definition whose base_uri is the longest prefix of the path;
// - an active REST API access policy for that API and method applies; a non-global policy overrides a global one
//   (api-access-policy-prioritization.md); assumption (E2): a policy governs the API its `api` field names;
// - E5: a policy with profile mappings accepts only the mapped, active inbound auth profiles; E6: without a policy or
//   mapping an API key authenticates nothing and only Basic auth is accepted;
// - E4: API-key profiles are ignored in a global policy;
// - E11, E12: an http_key_auth profile reads its sys_token_auth_parameter: type auth_header = that request header,
//   any other type = the query parameter of that name;
// - E20: the key must be active, not expired ("Empty value means no expiration"), and its user active and not locked
//   out; E25, switch keyBinding: a key made by createToken may stay bound to the admin who made it;
// - E43 (S9): a key without the useraccount auth scope gets 403 "Missing required api access scope";
// - E41: the 401 body, in the wording of switch unauthenticatedWording. E50: WWW-Authenticate is not documented for
//   API keys (the app does not read it).
import type { Instance } from './instance.ts'
import type { Row } from './store.ts'

export interface InboundRequest {
    method: string
    /** Absolute URL or a path such as '/api/now/table/incident?sysparm_limit=1'. */
    url: string
    headers?: { [name: string]: string }
    body?: string
}

export interface InboundResponse {
    status: number
    headers: { [name: string]: string }
    body: string
}

export interface ResourceRequest {
    method: string
    path: string
    query: { [name: string]: string }
    /** Lower-cased header names. */
    headers: { [name: string]: string }
    body: string
    user: Row
    scheme: 'api_key' | 'basic'
}

export type ResourceHandler = (request: ResourceRequest, instance: Instance) => InboundResponse

export const NOT_AUTHENTICATED_BODY = '{"error":{"message":"User Not Authenticated","detail":"Required to provide Auth information"},"status":"failure"}'
export const MISSING_SCOPE_BODY = '{"error":{"message":"Missing required api access scope","detail":null},"status":"failure"}'

function notAuthenticatedBody(instance: Instance): string {
    return JSON.stringify({ error: { message: instance.switches.unauthenticatedWording, detail: 'Required to provide Auth information' }, status: 'failure' })
}
export const NO_RESOURCE_BODY = '{"error":{"message":"Requested URI does not represent any resource","detail":null},"status":"failure"}'

export function jsonResponse(status: number, body: unknown, headers: { [name: string]: string } = {}): InboundResponse {
    return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }
}

type Scheme = { kind: 'api_key'; profile: string; parameter: string; inHeader: boolean } | { kind: 'basic'; profile: string }

const isTrue = (v: string | undefined) => v === 'true' || v === '1'

function findApi(instance: Instance, path: string): Row | undefined {
    if (!instance.hasTable('sys_ws_definition')) return undefined
    return instance.db.rowsOf('sys_ws_definition')
        .filter((api) => api.active !== 'false' && api.base_uri && (path === api.base_uri || path.startsWith(`${api.base_uri.replace(/\/+$/, '')}/`)))
        .sort((a, b) => b.base_uri.length - a.base_uri.length)[0]
}

function policyMatches(policy: Row, method: string, tableName: string): boolean {
    if (!isTrue(policy.active)) return false
    if (!isTrue(policy.apply_all_methods) && String(policy.http_method || '').toUpperCase() !== method) return false
    const tables = String(policy.api_tablename || '').split(',').filter(Boolean)
    return !tableName || isTrue(policy.apply_all_tables) || !tables.length || tables.includes(tableName)
}

/** The policy that governs the request: method-specific over all-methods, non-global over global. */
function findPolicy(instance: Instance, api: Row, method: string, tableName: string): Row | undefined {
    if (!instance.hasTable('sys_api_access_policy')) return undefined
    const candidates = instance.db.rowsOf('sys_api_access_policy').filter((p) => policyMatches(p, method, tableName))
    const rank = (p: Row) => (isTrue(p.apply_global) ? 2 : 0) + (isTrue(p.apply_all_methods) ? 1 : 0)
    const specific = candidates.filter((p) => !isTrue(p.apply_global) && p.api === api.sys_id)
    const global = candidates.filter((p) => isTrue(p.apply_global))
    return [...specific, ...global].sort((a, b) => rank(a) - rank(b))[0]
}

function schemesFor(instance: Instance, policy: Row | undefined): Scheme[] {
    const basicOnly: Scheme[] = [{ kind: 'basic', profile: '' }]
    if (!policy || !instance.hasTable('sys_auth_profile_mapping')) return basicOnly
    const mappings = instance.db.rowsOf('sys_auth_profile_mapping').filter((m) => m.api_access_policy === policy.sys_id)
    if (!mappings.length) return basicOnly
    const schemes: Scheme[] = []
    for (const mapping of mappings) {
        const found = instance.db.findRow('inbound_auth_profile', mapping.inbound_auth_profile)
        if (!found || !isTrue(found.row.active)) continue
        const profile = found.row
        if (found.table === 'http_key_auth' && !isTrue(policy.apply_global)) {
            const parameter = instance.hasTable('sys_token_auth_parameter') ? instance.db.findRow('sys_token_auth_parameter', profile.auth_parameter) : undefined
            if (parameter) schemes.push({ kind: 'api_key', profile: profile.name, parameter: parameter.row.parameter_name, inHeader: parameter.row.type === 'auth_header' })
        } else if (found.table === 'std_http_auth' && profile.type === 'basic_auth') {
            schemes.push({ kind: 'basic', profile: profile.name })
        }
    }
    return schemes
}

function usableUser(instance: Instance, userSysId: string): Row | undefined {
    const found = instance.db.findRow('sys_user', userSysId)
    return found && isTrue(found.row.active) && !isTrue(found.row.locked_out) ? { ...found.row } : undefined
}

interface KeyMatch {
    user: Row | undefined
    /** E43: the key does not carry the useraccount auth scope. */
    missingScope: boolean
}

function keyUser(instance: Instance, token: string): KeyMatch {
    const keySysId = instance.tokens.keyFor(token)
    const key = keySysId && instance.hasTable('api_key') ? instance.db.findRow('api_key', keySysId) : undefined
    if (!key || !isTrue(key.row.active)) return { user: undefined, missingScope: false }
    if (key.row.expires && key.row.expires <= instance.clock.now()) return { user: undefined, missingScope: false }
    const bound = instance.switches.keyBinding === 'creator' ? instance.tokens.boundUserOf(key.row.sys_id) : undefined
    const user = usableUser(instance, bound || key.row.user)
    const scopes = String(key.row[instance.switches.authScopeColumn] || '').split(',').filter(Boolean)
    const useraccount = instance.db.rowsOf('sys_auth_scope').find((r) => r.name === 'useraccount')
    return { user, missingScope: !!user && (!useraccount || !scopes.includes(useraccount.sys_id)) }
}

function basicUser(instance: Instance, authorization: string): Row | undefined {
    const m = /^Basic\s+(\S+)$/i.exec(authorization || '')
    if (!m) return undefined
    const decoded = Buffer.from(m[1], 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon < 0) return undefined
    const userName = decoded.slice(0, colon)
    const user = instance.user(userName)
    return user && instance.passwordMatches(userName, decoded.slice(colon + 1)) ? usableUser(instance, user.sys_id) : undefined
}

function challenge(schemes: Scheme[], policy: Row | undefined): string {
    const names = schemes.map((s) => (s.kind === 'basic' ? 'Basic realm="Service-now"' : `APIKey realm="Service-now" parameter="${s.parameter}"`))
    if (!names.length) return 'Basic realm="Service-now"'
    // "Advertise all auth schemes" off: only the most recently configured profile is advertised (create-api-access-policy.md).
    return policy && !isTrue(policy.all_authn_scheme_authenticate_header) ? names[names.length - 1] : names.join(', ')
}

function findResource(instance: Instance, path: string): ResourceHandler | undefined {
    const exact = instance.resources.get(path)
    if (exact) return exact
    const prefix = [...instance.resources.keys()]
        .filter((p) => path.startsWith(`${p.replace(/\/+$/, '')}/`))
        .sort((a, b) => b.length - a.length)[0]
    return prefix ? instance.resources.get(prefix) : undefined
}

export function handleInbound(instance: Instance, request: InboundRequest): InboundResponse {
    const url = new URL(request.url, `${instance.baseUrl}/`)
    const path = decodeURIComponent(url.pathname)
    const method = String(request.method || 'GET').toUpperCase()
    const headers: { [name: string]: string } = {}
    for (const [name, value] of Object.entries(request.headers || {})) headers[name.toLowerCase()] = String(value)
    const query: { [name: string]: string } = {}
    for (const [name, value] of url.searchParams) if (!(name in query)) query[name] = value
    const record = (status: number, user: Row | undefined, scheme: string) =>
        instance.inboundRequests.push({ method, path, status, userName: user ? user.user_name : '', scheme })

    const api = findApi(instance, path)
    if (!api) {
        record(400, undefined, '')
        return jsonResponse(400, NO_RESOURCE_BODY)
    }
    const tableName = api.base_uri === '/api/now/table' ? path.slice(api.base_uri.length + 1).split('/')[0] : ''
    const policy = findPolicy(instance, api, method, tableName)
    const schemes = schemesFor(instance, policy)
    let user: Row | undefined
    let scheme: 'api_key' | 'basic' = 'basic'
    for (const s of schemes) {
        if (s.kind === 'api_key') {
            const value = s.inHeader ? headers[s.parameter.toLowerCase()] : query[s.parameter]
            const match = value ? keyUser(instance, value) : { user: undefined, missingScope: false }
            if (match.missingScope) {
                record(403, match.user, 'api_key')
                return jsonResponse(403, MISSING_SCOPE_BODY)
            }
            user = match.user
        } else {
            user = basicUser(instance, headers.authorization)
        }
        if (user) {
            scheme = s.kind
            break
        }
    }
    if (!user) {
        record(401, undefined, '')
        return jsonResponse(401, notAuthenticatedBody(instance), { 'WWW-Authenticate': challenge(schemes, policy) })
    }
    const handler = findResource(instance, path)
    const response = handler
        ? handler({ method, path, query, headers, body: request.body || '', user, scheme }, instance)
        : jsonResponse(400, NO_RESOURCE_BODY)
    record(response.status, user, scheme)
    return response
}
