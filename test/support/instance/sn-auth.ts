// @servicenow/glide/sn_auth doubles: GlideTokenAuthContext, GlideTokenAuthClient, GlideTokenAuthResponse.
// E25: the signatures are confirmed (S12); the behaviour is not. createToken has no user parameter, so it issues the
// key for the session user. instance.tokenAccess.client picks the outcome (switch tokenClient):
// 'works' (default), 'throws', or 'no-token' (the key is created but getAPIToken() is ''); switch keyBinding says
// whether the key later authenticates as its `user` field or stays bound to the session user.
import type {
    GlideTokenAuthClient as OfficialTokenAuthClient, GlideTokenAuthContext as OfficialTokenAuthContext,
    GlideTokenAuthResponse as OfficialTokenAuthResponse,
} from '@servicenow/glide/sn_auth'
import { currentInstance } from './current.ts'
import { TOKEN_AUTH_PLUGIN } from './fixture.ts'

type ContextMethods =
    | 'areMultipleTokensAllowed' | 'getAPIKeyName' | 'getAuthScopeIDs' | 'getDescription' | 'getSource' | 'setAPIKeyName'
    | 'setAuthScopeIDs' | 'setDescription' | 'setMultipleTokensAllowed' | 'setSource'

export class GlideTokenAuthContext implements Pick<OfficialTokenAuthContext, ContextMethods> {
    private name = ''
    private description = ''
    private source = ''
    private scopeIds: string[] = []
    private multiple = false

    areMultipleTokensAllowed(): boolean {
        return this.multiple
    }

    getAPIKeyName(): string {
        return this.name
    }

    getAuthScopeIDs(): string[] {
        return [...this.scopeIds]
    }

    getDescription(): string {
        return this.description
    }

    getSource(): string {
        return this.source
    }

    setAPIKeyName(apiKeyName?: string): void {
        this.name = String(apiKeyName ?? '')
    }

    setAuthScopeIDs(authScopeIDs?: unknown[]): void {
        this.scopeIds = (authScopeIDs || []).map(String)
    }

    setDescription(description?: string): void {
        this.description = String(description ?? '')
    }

    setMultipleTokensAllowed(areMultipleTokensAllowed?: boolean): void {
        this.multiple = !!areMultipleTokensAllowed
    }

    setSource(source?: string): void {
        this.source = String(source ?? '')
    }
}

export class GlideTokenAuthResponse implements Pick<OfficialTokenAuthResponse, 'getAPIToken' | 'getSysID'> {
    constructor(
        private readonly token = '',
        private readonly sysId = '',
    ) {}

    getAPIToken(): string {
        return this.token
    }

    getSysID(): string {
        return this.sysId
    }
}

export class GlideTokenAuthClient implements Pick<OfficialTokenAuthClient, 'createToken'> {
    createToken(tokenAuthContext?: OfficialTokenAuthContext): OfficialTokenAuthResponse {
        const instance = currentInstance()
        if (!instance.plugins.get(TOKEN_AUTH_PLUGIN) || !instance.hasTable('api_key')) {
            throw new Error(`sn_auth.GlideTokenAuthClient is not available: plugin ${TOKEN_AUTH_PLUGIN} is not active`)
        }
        if (instance.tokenAccess.client === 'throws') {
            throw new Error(`GlideTokenAuthClient.createToken is not allowed from scope ${instance.appScope} (instance double: tokenAccess.client = 'throws')`)
        }
        const user = instance.sessionUser()
        if (!user) throw new Error('GlideTokenAuthClient.createToken: no session user')
        const context = tokenAuthContext || new GlideTokenAuthContext()
        // E24: the api_key column holding auth scopes is unknown (switch authScopeColumn).
        const created = instance.db.insert('api_key', {
            name: context.getAPIKeyName(),
            description: context.getDescription(),
            active: 'true',
            user: user.sys_id,
            [instance.switches.authScopeColumn]: context.getAuthScopeIDs().map(String).join(','),
        }, { origin: 'platform' })
        if (!created.ok) throw new Error(`GlideTokenAuthClient.createToken failed: ${created.error}`)
        instance.tokens.bindToUser(created.sysId, user.sys_id)
        const token = instance.tokenAccess.client === 'no-token' ? '' : instance.tokens.plainFor(created.sysId) || ''
        return new GlideTokenAuthResponse(token, created.sysId)
    }
}
