// Scheduled-job entry point for the daily expiry and health watch. The job ships without a Run as user, so it runs
// as the system user; the watch still checks the app role itself. A failure is logged and recorded in the audit
// trail, where app admins look, because nobody watches a scheduled job's log.
import { gs } from '@servicenow/glide'
import { recordAudit } from '../core/audit.ts'
import { runExpiryWatch } from '../watch/expiry-watch.ts'

export function runExpiryWatchJob(): void {
    try {
        const s = runExpiryWatch()
        gs.info(`AWS SNS Event API Keys watch: ${s.checked} endpoints checked, ${s.changed} changed, ${s.notified} notified, ${s.retired} rotated keys retired.`)
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
