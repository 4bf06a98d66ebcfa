// "Undo Repair": reverses what Repair changed, by the same authority that may run Repair, with an audit row.
import { requireApiAccessAdmin, requireAppAdmin } from '../core/access.ts'
import { recordAudit } from '../core/audit.ts'
import { refusalAuditDetail } from '../core/manual-step.ts'
import { readAppConfig } from '../core/read-app-config.ts'
import { readSetupFacts } from './read-setup-facts.ts'
import { undoRepairChanges } from './repair-changes.ts'
import { summarize, type SetupReport } from './setup-report.ts'
import { type SetupRun, recordRun } from './setup-service.ts'
import { evaluateSetup } from './setup-verdict.ts'

/** Entry point for the "Undo Repair" action. */
export function runUndoRepair(): SetupRun {
    requireAppAdmin('undo Repair')
    try {
        // Undo changes the same instance-wide API access records Repair changed (E49).
        requireApiAccessAdmin('undo Repair')
    } catch (e) {
        recordAudit({ action: 'undo_repair', outcome: 'denied', detail: (e as Error).message })
        throw e
    }
    const outcome = undoRepairChanges()
    const report: SetupReport = {
        kind: 'undo_repair',
        results: evaluateSetup(readSetupFacts(readAppConfig())),
        changes: outcome.reverted,
        pending: [],
        blocked: [],
        warnings: outcome.kept,
        error: outcome.error,
        manualSteps: outcome.manualSteps,
    }
    const runSysId = recordRun(report)
    for (const step of report.manualSteps) recordAudit({ action: 'manual_step', outcome: 'failure', detail: refusalAuditDetail(step) })
    recordAudit({
        action: 'undo_repair',
        outcome: report.error || report.manualSteps.length ? 'failure' : 'success',
        detail: `${summarize(report)}${report.changes.length ? ` Changes: ${report.changes.join(' | ')}` : ''}${report.warnings.length ? ` Kept: ${report.warnings.join(' | ')}` : ''}`,
    })
    return { report, runSysId }
}
