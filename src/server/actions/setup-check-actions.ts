// UI-action entry points for the setup check and Repair (list banner and form buttons on Setup Check Run).
// The platform calls them as fn(current, action); the second parameter must be named `action` (sdk-facts.md).
import { type GlideAction, GlideRecord, gs } from '@servicenow/glide'
import { TABLE } from '../core/app-names.ts'
import { escapeHtml } from '../core/html-text.ts'
import { exportInstanceFacts } from '../setup/export-instance-facts.ts'
import { type SetupRun, runRepair, runSetupCheck } from '../setup/setup-service.ts'
import { summarize } from '../setup/setup-report.ts'
import { runUndoRepair } from '../setup/undo-repair.ts'

function guarded(action: GlideAction, work: () => SetupRun): void {
    let run: SetupRun
    try {
        run = work()
    } catch (e) {
        gs.addErrorMessage(escapeHtml((e as Error).message))
        return
    }
    const text = summarize(run.report)
    // After Undo, failing links are the expected pre-Repair state; only a stop is an error there.
    const failed = run.report.kind === 'undo_repair' ? run.report.manualSteps.length > 0 : run.report.results.some((r) => r.status === 'fail')
    if (run.report.error || failed) gs.addErrorMessage(escapeHtml(text))
    else gs.addInfoMessage(escapeHtml(text))
    // Open the run record with the full report (a record URL; no secret is involved in setup runs).
    const record = new GlideRecord(TABLE.setupRun)
    if (record.get(run.runSysId)) action.setRedirectURL(record)
}

export function runSetupCheckAction(_current: GlideRecord, action: GlideAction): void {
    guarded(action, () => runSetupCheck())
}

export function runRepairAction(_current: GlideRecord, action: GlideAction): void {
    guarded(action, () => runRepair(false))
}

export function runRepairWithRestrictionsAction(_current: GlideRecord, action: GlideAction): void {
    guarded(action, () => runRepair(true))
}

export function runUndoRepairAction(_current: GlideRecord, action: GlideAction): void {
    guarded(action, () => runUndoRepair())
}

/**
 * "Export instance facts": records the scrubbed JSON on a new run record and opens it, where the admin copies the
 * Instance facts field into a bug report. A server UI action cannot send a file download, and the record keeps no
 * secret or personal data (instance-facts.ts), so it can stay beside the other runs.
 */
export function exportInstanceFactsAction(_current: GlideRecord, action: GlideAction): void {
    let runSysId: string
    let summary: string
    try {
        const exported = exportInstanceFacts()
        runSysId = exported.runSysId
        summary = `${Object.keys(exported.file.switches).length} platform switches observed. Copy the "Instance facts (JSON)" field into a file named instance-facts.json and attach it to your bug report.`
    } catch (e) {
        gs.addErrorMessage(escapeHtml((e as Error).message))
        return
    }
    gs.addInfoMessage(escapeHtml(summary))
    const record = new GlideRecord(TABLE.setupRun)
    if (record.get(runSysId)) action.setRedirectURL(record)
}
