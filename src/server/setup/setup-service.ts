// The setup check and Repair on the instance: role check, read, judge, (repair), record the run and the audit.
import { TABLE } from '../core/app-names.ts'
import { requireAppAdmin } from '../core/access.ts'
import { recordAudit } from '../core/audit.ts'
import { readAppConfig } from '../core/read-app-config.ts'
import { insertRow } from '../core/records.ts'
import { applyRepair } from './apply-repair.ts'
import { planRepair } from './repair-plan.ts'
import { readSetupFacts } from './read-setup-facts.ts'
import { type SetupReport, countResults, formatReport, summarize } from './setup-report.ts'
import { evaluateSetup } from './setup-verdict.ts'

export interface SetupRun {
    report: SetupReport
    runSysId: string
}

function describe(step: { description: string; restricts?: string }): string {
    return step.restricts ? `${step.description} ${step.restricts}` : step.description
}

export function checkSetup(): SetupReport {
    const config = readAppConfig()
    const facts = readSetupFacts(config)
    const preview = planRepair(facts, { confirmRestrictions: false })
    return {
        kind: 'check',
        results: evaluateSetup(facts),
        changes: [],
        pending: preview.pending.map(describe),
        blocked: preview.blocked,
        warnings: preview.warnings,
        error: '',
    }
}

export function repairSetup(confirmRestrictions: boolean): SetupReport {
    const config = readAppConfig()
    const plan = planRepair(readSetupFacts(config), { confirmRestrictions })
    const outcome = applyRepair(plan)
    // Judge the instance as it is now, after the changes (or after the undo).
    const after = readSetupFacts(config)
    return {
        kind: confirmRestrictions ? 'repair_confirmed' : 'repair',
        results: evaluateSetup(after),
        changes: outcome.changes,
        pending: plan.pending.map(describe),
        blocked: plan.blocked,
        warnings: plan.warnings,
        error: outcome.error,
    }
}

function recordRun(report: SetupReport): string {
    const counts = countResults(report.results)
    return insertRow(TABLE.setupRun, {
        kind: report.kind,
        summary: summarize(report).slice(0, 200),
        passed: String(counts.passed),
        failed: String(counts.failed),
        warnings: String(counts.warnings),
        report: formatReport(report).slice(0, 8000),
        changes: report.changes.join('\n').slice(0, 8000),
    })
}

/** Entry point for the "Run setup check" action and module. */
export function runSetupCheck(): SetupRun {
    requireAppAdmin('run the setup check')
    const report = checkSetup()
    const runSysId = recordRun(report)
    recordAudit({ action: 'setup_check', outcome: countResults(report.results).failed ? 'failure' : 'success', detail: summarize(report) })
    return { report, runSysId }
}

/** Entry point for "Repair" (confirmRestrictions=false) and "Repair and apply API restrictions" (true). */
export function runRepair(confirmRestrictions: boolean): SetupRun {
    requireAppAdmin('run Repair')
    const report = repairSetup(confirmRestrictions)
    const runSysId = recordRun(report)
    recordAudit({
        action: 'repair',
        outcome: report.error ? 'failure' : 'success',
        detail: `${summarize(report)}${report.changes.length ? ` Changes: ${report.changes.join(' | ')}` : ''}`,
    })
    return { report, runSysId }
}

