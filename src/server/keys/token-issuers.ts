// Two ways to obtain a REST API key's plain token, behind one interface:
// - a GlideRecord insert into api_key with `user` set on insert (E20), then a decrypting read of `token`, which the
//   platform may refuse from another scope (E23). Tried first: the key's user is right from the start;
// - sn_auth.GlideTokenAuthClient.createToken (E25): it issues the key for the session user, so `user` and `expires`
//   are set afterwards and read back; whether the key then authenticates as the new user is unknown, so the probe
//   checks who it authenticates as. Every failure on this path deletes the key and checks the delete.
// The caller tries them in order and records which one worked.
import { GlideRecord } from '@servicenow/glide'
import { query } from '../core/encoded-query.ts'
import { GlideTokenAuthClient, GlideTokenAuthContext } from '@servicenow/glide/sn_auth'
import { deleteRowChecked, insertRow, readRow, updateRow } from '../core/records.ts'

export type TokenStrategy = 'token_auth_client' | 'record_insert' | 'created_by_admin'

export interface KeyRequest {
    name: string
    description: string
    userSysId: string
    /** sys_auth_scope sys_id of useraccount. */
    authScopeSysId: string
    /** The api_key column that holds auth scopes ('' when not found); looked up only by the strategy that needs it. */
    authScopeColumn: () => string
    expires: string
}

export interface IssuedKey {
    strategy: TokenStrategy
    sysId: string
    /** The plain token, or '' when the platform would not let the app read it. */
    token: string
}

export interface TokenIssuer {
    strategy: TokenStrategy
    /** Creates an api_key record; throws when this way does not work on this instance. */
    issue(request: KeyRequest): IssuedKey
}

function keyFields(request: KeyRequest): Record<string, string> {
    return { user: request.userSysId, expires: request.expires, active: 'true', description: request.description }
}

/** The plain token of a key, when this scope may decrypt it (E23, E57); '' otherwise. */
export function readPlainToken(sysId: string): string {
    try {
        const stored = new GlideRecord('api_key')
        return stored.get(sysId) ? String(stored.getElement('token').getDecryptedValue() || '') : ''
    } catch (_refused) {
        return ''
    }
}

export const tokenAuthClientIssuer: TokenIssuer = {
    strategy: 'token_auth_client',
    issue(request: KeyRequest): IssuedKey {
        const context = new GlideTokenAuthContext()
        context.setAPIKeyName(request.name)
        context.setDescription(request.description)
        context.setAuthScopeIDs([request.authScopeSysId])
        context.setMultipleTokensAllowed(true)
        const response = new GlideTokenAuthClient().createToken(context)
        const sysId = response ? String(response.getSysID() || '') : ''
        if (!sysId) throw new Error('GlideTokenAuthClient.createToken returned no key record.')
        const discard = (why: string): never => {
            const problem = deleteRowChecked('api_key', sysId)
            throw new Error(problem ? `${why} ${problem}: deactivate and delete it from the api_key list.` : why)
        }
        if (!readRow('api_key', query`sys_id=${sysId}`, ['active'])) discard('GlideTokenAuthClient.createToken returned a key record that cannot be read.')
        try {
            updateRow('api_key', sysId, keyFields(request))
        } catch (e) {
            discard(`The key created by GlideTokenAuthClient could not be assigned to the integration user (${(e as Error).message}).`)
        }
        // E25: a business rule may refuse or ignore the change; only what was stored counts.
        const stored = readRow('api_key', query`sys_id=${sysId}`, ['user', 'expires'])
        if (!stored || stored.user !== request.userSysId || stored.expires !== request.expires) {
            discard('The key created by GlideTokenAuthClient did not keep the integration user and the expiry the app set.')
        }
        return { strategy: 'token_auth_client', sysId, token: String(response.getAPIToken() || '') }
    },
}

export const recordInsertIssuer: TokenIssuer = {
    strategy: 'record_insert',
    issue(request: KeyRequest): IssuedKey {
        if (!new GlideRecord('api_key').isValid()) throw new Error('The api_key table does not exist (is com.glide.tokenbased_auth active?).')
        const scopeColumn = request.authScopeColumn()
        if (!scopeColumn) throw new Error('The auth scope column of api_key was not found in sys_dictionary, so the key could not be limited to useraccount.')
        // Through the door: a refused insert (E55) carries the manual step that creates this very key by hand.
        const sysId = insertRow('api_key', { name: request.name, ...keyFields(request), [scopeColumn]: request.authScopeSysId })
        // The platform generates the token on insert; read it back decrypted if this scope may.
        return { strategy: 'record_insert', sysId, token: readPlainToken(sysId) }
    },
}

/** The insert path first: it sets `user` on insert, so the key never belongs to anyone else, even for a moment. */
export const TOKEN_ISSUERS: TokenIssuer[] = [recordInsertIssuer, tokenAuthClientIssuer]

/** The api_key column that lists auth scopes; its name is unknown, so it is looked up (platform-model.md). */
export function findAuthScopeColumn(): string {
    const column = readRow('sys_dictionary', query`name=api_key^reference=sys_auth_scope`, ['element'])
    return column ? column.element : ''
}
