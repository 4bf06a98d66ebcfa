// Scheduled-job entry point of the heartbeat watch (every 15 minutes). Like the expiry watch job: no Run as user, a
// scheduled run is trusted (only admins edit scheduled jobs), an interactive call needs the app role, and a failure
// is logged and recorded in the audit trail.
import { gs } from '@servicenow/glide'
import { requireAppAdmin } from '../core/access.ts'
import { recordAudit } from '../core/audit.ts'
import { watchHeartbeats } from '../watch/heartbeat-watch.ts'

export function runHeartbeatWatchJob(): void {
    try {
        if (gs.isInteractive()) requireAppAdmin('run the heartbeat watch')
        const s = watchHeartbeats()
        gs.info(
            s.eventsUnreadable
                ? 'AWS SNS Event API Keys heartbeat watch: em_event is not readable by the app; nothing was judged.'
                : `AWS SNS Event API Keys heartbeat watch: ${s.pairs} account-regions, ${s.eventsRead} heartbeats read, ${s.learned} learned, ${s.silent} went silent, ${s.recovered} recovered.`,
        )
    } catch (e) {
        const message = `AWS SNS Event API Keys heartbeat watch failed: ${(e as Error).message}`
        gs.error(message)
        try {
            recordAudit({ action: 'heartbeat', outcome: 'failure', detail: message })
        } catch (auditError) {
            gs.error(`AWS SNS Event API Keys heartbeat watch could not record its failure in the audit trail: ${(auditError as Error).message}`)
        }
    }
}
