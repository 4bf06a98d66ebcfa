// UI-action entry point for "Send test alarm" on the AWS endpoint form; fn(current, action) (sdk-facts.md).
import { type GlideAction, type GlideRecord, gs } from '@servicenow/glide'
import { sendTestAlarm } from '../probe/test-alarm-service.ts'

export function sendTestAlarmAction(current: GlideRecord, action: GlideAction): void {
    const result = sendTestAlarm(current.getUniqueValue())
    if (result.ok && result.verdict.accepted) gs.addInfoMessage(result.message)
    else gs.addErrorMessage(result.message)
    action.setRedirectURL(current)
}
