// Reads every link of the API-key chain from the instance with a fixed number of queries (about a dozen, however
// many policies, profiles or keys exist). Platform records are found by query, never by sys_id (platform-model.md).
import { isSysId, list, query } from '../core/encoded-query.ts'
import { GlidePluginManager, gs } from '@servicenow/glide'
import { APP_SCOPE_ID, PLATFORM, SHIPPED, TABLE } from '../core/app-names.ts'
import type { AppConfig } from '../core/app-config.ts'
import { type Row, isTrue, readRow, readRows } from '../core/records.ts'
import type { AuthParameterFact, MappedKeyProfile, PolicyFact, ProfileFact, SetupFacts, UserFact } from './setup-facts.ts'

const yes = isTrue

function toProfile(row: Row | undefined): ProfileFact | null {
    return row
        ? { sysId: row.sys_id, name: row.name, active: yes(row.active), authParameter: row.auth_parameter, authProcessor: row.auth_processor }
        : null
}

function toPolicy(row: Row): PolicyFact {
    return {
        sysId: row.sys_id,
        name: row.name,
        active: yes(row.active),
        api: row.api,
        apiDisplay: row['api.display'],
        apiPath: row.api_path,
        scope: row.sys_scope,
        applyGlobal: yes(row.apply_global),
        httpMethod: row.http_method,
        ours: row.sys_scope === APP_SCOPE_ID && row.name === SHIPPED.emPolicy,
    }
}

/** E13: the built-in Basic profile by its name (S3 matched it with a prefix: it may carry a trailing space), then by type. */
function readBasicProfile(): SetupFacts['basicProfile'] {
    const fields = ['name', 'active', 'type']
    const byName = readRow('std_http_auth', query`nameSTARTSWITH${PLATFORM.basicProfileName}`, fields, { orderBy: 'sys_created_on' })
    const row = byName || readRow('std_http_auth', query`type=${PLATFORM.basicAuthType}^active=true`, fields, { orderBy: 'sys_created_on' })
    return row ? { sysId: row.sys_id, name: row.name, active: yes(row.active), type: row.type, foundBy: byName ? 'name' : 'type' } : null
}

/** What an earlier Repair found after writing the EM policy's `api` (E2): the newest run that wrote it says. */
function readPolicyApiWrite(): SetupFacts['policyApiWrite'] {
    const run = readRow(TABLE.setupRun, query`policy_api_writeISNOTEMPTY`, ['policy_api_write'], { orderByDesc: 'sys_created_on' })
    const value = run ? run.policy_api_write : ''
    return value === 'stored' || value === 'ignored' ? value : ''
}

/** Names of the roles a role contains (E29: a holder of evt_mgmt_integration inherits them). */
export function readRoleContains(roleSysId: string): string[] {
    return readRows('sys_user_role_contains', query`role=${roleSysId}`, ['contains'], { display: ['contains'] }).map((r) => r['contains.display'])
}

export function readIntegrationUser(userName: string): UserFact | null {
    const user = readRow('sys_user', query`user_name=${userName}`, ['user_name', 'active', 'locked_out', 'web_service_access_only'])
    if (!user) return null
    const roles = readRows('sys_user_has_role', query`user=${user.sys_id}`, ['role'], { display: ['role'] }).map((r) => r['role.display'])
    return {
        sysId: user.sys_id,
        name: user.user_name,
        active: yes(user.active),
        lockedOut: yes(user.locked_out),
        webServiceOnly: yes(user.web_service_access_only),
        roles: roles.filter((r, i) => roles.indexOf(r) === i).sort(),
    }
}

export function readSetupFacts(config: AppConfig): SetupFacts {
    const emScope = readRow('sys_scope', query`scope=${PLATFORM.emAppScope}`, ['name', 'version', 'active'])

    const parameters = readRows('sys_token_auth_parameter', query`parameter_name=${PLATFORM.apiKeyParameterName}`, ['parameter_name', 'type'], {
        orderBy: 'sys_created_on',
    }).map((r): AuthParameterFact => ({ sysId: r.sys_id, name: r.parameter_name, parameterName: r.parameter_name, type: r.type }))

    const profiles = readRows('http_key_auth', query`sys_scope=${APP_SCOPE_ID}^nameIN${SHIPPED.queryProfile},${SHIPPED.headerProfile}`, [
        'name', 'active', 'auth_parameter', 'auth_processor',
    ])
    const emApi = readRow('sys_ws_definition', query`base_uri=${PLATFORM.emApiBaseUri}`, ['name', 'base_uri'])

    // Ours and the built-in Table policies by name, and every policy for the EM API whatever its name or scope (E44).
    const policyNames = [SHIPPED.emPolicy, ...PLATFORM.tablePolicyNames]
    const policies = readRows('sys_api_access_policy', query`nameIN${list(policyNames)}^ORapi_path=${PLATFORM.emApiPath}`, [
        'name', 'active', 'api', 'api_path', 'apply_global', 'http_method', 'sys_scope',
    ], { display: ['api'] }).map(toPolicy)
    const emPolicies = policies.filter((p) => p.ours || p.apiPath === PLATFORM.emApiPath)
    const mappings = policies.length
        ? readRows('sys_auth_profile_mapping', query`api_access_policyIN${list(policies.map((p) => p.sysId))}`, [
              'api_access_policy', 'inbound_auth_profile',
          ], { display: ['inbound_auth_profile'] }).map((m) => ({
              sysId: m.sys_id,
              policy: m.api_access_policy,
              profile: m.inbound_auth_profile,
              profileName: m['inbound_auth_profile.display'],
          }))
        : []

    // The platform matches useraccount by sys_id, published in this property (platform-model.md, rule 2).
    const propertyValue = String(gs.getProperty(PLATFORM.useraccountScopeProperty, '') || '')
    const scopes = readRows('sys_auth_scope', isSysId(propertyValue) ? query`sys_id=${propertyValue}^ORname=${PLATFORM.useraccountScopeName}` : query`name=${PLATFORM.useraccountScopeName}`, ['name'])
    const byProperty = scopes.find((s) => s.sys_id === propertyValue)
    const byName = scopes.find((s) => s.name === PLATFORM.useraccountScopeName)
    const scope = byProperty || byName || null

    const role = readRow('sys_user_role', query`name=${PLATFORM.integrationRole}`, ['name'])
    const contains = role ? readRoleContains(role.sys_id) : []

    // API-key profiles mapped to any EM policy (ours or not): which parameter each reads, and whether it is active.
    const emPolicyIds = emPolicies.map((p) => p.sysId)
    const mappedToEm = mappings.filter((m) => emPolicyIds.indexOf(m.policy) >= 0).map((m) => m.profile)
    const emKeyProfiles: MappedKeyProfile[] = mappedToEm.length
        ? readRows('http_key_auth', query`sys_idIN${list(mappedToEm)}`, ['name', 'active', 'auth_parameter']).map((r) => ({
              sysId: r.sys_id, name: r.name, active: yes(r.active), authParameter: r.auth_parameter,
          }))
        : []

    return {
        pluginActive: GlidePluginManager.isActive(PLATFORM.tokenAuthPlugin),
        emApp: emScope ? { sysId: emScope.sys_id, name: emScope.name, version: emScope.version, active: yes(emScope.active) } : null,
        headerParameter: parameters.find((p) => p.type === PLATFORM.headerParameterType) || null,
        queryParameters: parameters.filter((p) => p.type !== PLATFORM.headerParameterType),
        queryProfile: toProfile(profiles.find((p) => p.name === SHIPPED.queryProfile)),
        headerProfile: toProfile(profiles.find((p) => p.name === SHIPPED.headerProfile)),
        basicProfile: readBasicProfile(),
        emApi: emApi ? { sysId: emApi.sys_id, name: emApi.name, baseUri: emApi.base_uri } : null,
        emPolicy: policies.find((p) => p.ours) || null,
        otherEmPolicies: emPolicies.filter((p) => !p.ours),
        emKeyProfiles,
        tablePolicies: policies.filter((p) => !p.ours && p.apiPath !== PLATFORM.emApiPath && PLATFORM.tablePolicyNames.indexOf(p.name as never) >= 0),
        mappings,
        policyApiWrite: readPolicyApiWrite(),
        useraccount: {
            propertyValue,
            scope: scope ? { sysId: scope.sys_id, name: scope.name } : null,
            foundBy: byProperty ? 'property' : byName ? 'name' : 'none',
        },
        integrationUserName: config.integrationUserName,
        integrationUser: readIntegrationUser(config.integrationUserName),
        integrationRole: role ? { sysId: role.sys_id, name: role.name } : null,
        integrationRoleContains: contains,
        keepBasicAuthMapped: config.keepBasicAuthMapped,
        mapTableApiPolicies: config.mapTableApiPolicies,
    }
}
