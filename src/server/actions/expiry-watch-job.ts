// Scheduled-job entry point for the daily expiry and health watch (runs as the system user, which holds admin).
import { gs } from '@servicenow/glide'
import { runExpiryWatch } from '../watch/expiry-watch.ts'

export function runExpiryWatchJob(): void {
    try {
        const s = runExpiryWatch()
        gs.info(`AWS SNS Event API Keys watch: ${s.checked} endpoints checked, ${s.changed} changed, ${s.notified} notified, ${s.retired} rotated keys retired.`)
    } catch (e) {
        gs.error(`AWS SNS Event API Keys watch failed: ${(e as Error).message}`)
    }
}
