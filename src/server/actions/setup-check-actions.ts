// UI-action entry points for the setup check and Repair (list banner and form buttons on Setup Check Run).
// The platform calls them as fn(current, action); the second parameter must be named `action` (sdk-facts.md).
import { type GlideAction, GlideRecord, gs } from '@servicenow/glide'
import { TABLE } from '../core/app-names.ts'
import { escapeHtml } from '../core/html-text.ts'
import { type SetupRun, runRepair, runSetupCheck } from '../setup/setup-service.ts'
import { summarize } from '../setup/setup-report.ts'

function guarded(action: GlideAction, work: () => SetupRun): void {
    let run: SetupRun
    try {
        run = work()
    } catch (e) {
        gs.addErrorMessage(escapeHtml((e as Error).message))
        return
    }
    const text = summarize(run.report)
    if (run.report.error || run.report.results.some((r) => r.status === 'fail')) gs.addErrorMessage(escapeHtml(text))
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
