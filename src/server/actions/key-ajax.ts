// GlideAjax entry for the reveal dialog. The script include AwsEndpointKeyAjax calls handleKeyAjax; its JSON answer
// is the only place the plain token ever travels (the response to the admin who clicked).
import { generateEndpointKey } from '../keys/generate-service.ts'
import { revokeEndpointKeys } from '../keys/revoke-service.ts'

export interface KeyAjaxParams {
    table: string
    sysId: string
    topicArn: string
    expires: string
}

export function handleKeyAjax(method: string, params: KeyAjaxParams): string {
    if (method === 'generate' || method === 'rotate') {
        return JSON.stringify(
            generateEndpointKey({
                table: params.table,
                sysId: params.sysId,
                mode: method,
                topicArn: params.topicArn || undefined,
                expires: params.expires || undefined,
            }),
        )
    }
    if (method === 'revoke') return JSON.stringify(revokeEndpointKeys(params.sysId))
    return JSON.stringify({ ok: false, message: `Unknown request ${method}.` })
}
