// Scheduled-job entry point for the daily expiry and health watch. The job ships without a Run as user, so it runs
// as the system user, whose session need not hold the app role: a scheduled (non-interactive) run is trusted because
// only admins can create or edit scheduled jobs; an interactive call (a background script, a button) still needs
// the app role. A failure is logged and recorded in the audit trail, where app admins look.
import { gs } from '@servicenow/glide'
import { requireAppAdmin } from '../core/access.ts'
import { recordAudit } from '../core/audit.ts'
import { watchEndpoints } from '../watch/expiry-watch.ts'

export function runExpiryWatchJob(): void {
    try {
        if (gs.isInteractive()) requireAppAdmin('run the expiry watch')
        const s = watchEndpoints()
        gs.info(
            `AWS SNS Event API Keys watch: ${s.checked} endpoints checked, ${s.changed} changed, ${s.notified} notified, ${s.retired} rotated keys retired, ${s.failed} failed${s.retireFailed ? ', retiring keys failed' : ''}.`,
        )
    } catch (e) {
        const message = `AWS SNS Event API Keys watch failed: ${(e as Error).message}`
        gs.error(message)
        try {
            recordAudit({ action: 'expiry', outcome: 'failure', detail: message })
        } catch (auditError) {
            gs.error(`AWS SNS Event API Keys watch could not record its failure in the audit trail: ${(auditError as Error).message}`)
        }
    }
}
