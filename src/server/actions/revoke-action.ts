// UI-action entry point for "Revoke API key" on the AWS endpoint form; fn(current, action) (sdk-facts.md).
import { type GlideAction, type GlideRecord, gs } from '@servicenow/glide'
import { revokeEndpointKeys } from '../keys/revoke-service.ts'

export function revokeKeyAction(current: GlideRecord, action: GlideAction): void {
    const result = revokeEndpointKeys(current.getUniqueValue())
    if (result.ok) gs.addInfoMessage(result.message)
    else gs.addErrorMessage(result.message)
    action.setRedirectURL(current)
}
