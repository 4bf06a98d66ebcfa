// The setup check and Repair on the instance: role check, read, judge, (repair), record the run and the audit.
import { TABLE } from '../core/app-names.ts'
import { requireApiAccessAdmin, requireAppAdmin } from '../core/access.ts'
import { recordAudit } from '../core/audit.ts'
import { readAppConfig } from '../core/read-app-config.ts'
import type { ManualStep } from '../core/manual-step.ts'
import { refusalAuditDetail } from '../core/manual-step.ts'
import { insertRow, manualStepOf } from '../core/records.ts'
import { UndoLog } from '../core/undo-log.ts'
import { policyPointsAtApi } from './access-rules.ts'
import { applySteps } from './apply-repair.ts'
import { recordRepairChanges } from './repair-changes.ts'
import type { AppliedChange } from './repair-changes-rules.ts'
import { needsConfirmation, planRepair, type RepairPlan } from './repair-plan.ts'
import { readSetupFacts } from './read-setup-facts.ts'
import type { SetupFacts } from './setup-facts.ts'
import { type SetupReport, countResults, formatReport, summarize } from './setup-report.ts'
import { describePolicyApi, evaluateSetup, pickRestApiStep } from './setup-verdict.ts'

export interface SetupRun {
    report: SetupReport
    runSysId: string
}

function describe(step: { description: string; restricts?: string; widens?: string }): string {
    return [step.description, step.widens ? `Widens access: ${step.widens}` : '', step.restricts || ''].filter(Boolean).join(' ')
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
        manualSteps: [],
    }
}

/**
 * E2: after writing the EM policy's `api`, read it back. When the platform dropped the write, say so once (the
 * run records it, so later Repairs stop re-planning it) and name the one manual step.
 */
function checkPolicyApiWrite(facts: SetupFacts): { result: 'stored' | 'ignored'; found: string; manualStep: string } {
    const policy = facts.emPolicy
    if (!policy || !facts.emApi) return { result: 'ignored', found: 'the policy could not be read back', manualStep: '' }
    const found = `Read back "${policy.name}": ${describePolicyApi(policy)}.`
    if (policyPointsAtApi(policy, facts.emApi)) return { result: 'stored', found, manualStep: '' }
    return { result: 'ignored', found, manualStep: pickRestApiStep(policy, facts.emApi) }
}

interface RepairRun {
    changes: string[]
    error: string
    policyApiWrite: '' | 'stored' | 'ignored'
    manualSteps: ManualStep[]
    /** What was really applied (empty after a rollback), for the change log Undo reads. */
    applied: AppliedChange[]
}

/** What the admin clicks after doing a refused step by hand. */
export const REPAIR_CONTINUES = 'click "Repair" again (or "Repair and apply API restrictions" if that is what you ran): it continues from this step.'

/**
 * Applies the plan under one undo log. The steps that restrict or widen access come last, and only when the policy's
 * `api` (if written) was read back as written: otherwise they would restrict an API through a policy that does not
 * point at it.
 */
function applyPlan(plan: RepairPlan, config: ReturnType<typeof readAppConfig>): RepairRun {
    const undo = new UndoLog()
    const run: RepairRun = { changes: [], error: '', policyApiWrite: '', manualSteps: [], applied: [] }
    try {
        const first = plan.steps.filter((s) => !needsConfirmation(s))
        const confirmed = plan.steps.filter(needsConfirmation)
        const created: { [ref: string]: string } = {}
        applySteps(first, undo, created, run.changes, run.applied)
        if (first.some((s) => !!s.writesPolicyApi)) {
            const readBack = checkPolicyApiWrite(readSetupFacts(config))
            run.policyApiWrite = readBack.result
            plan.warnings.push(readBack.found)
            if (readBack.result === 'ignored') {
                plan.blocked.push(readBack.manualStep || 'The EM policy could not be read back after Repair wrote it.')
                plan.pending = plan.pending.concat(confirmed)
                return run
            }
        }
        applySteps(confirmed, undo, created, run.changes, run.applied)
        return run
    } catch (e) {
        const step = manualStepOf(e)
        if (step) {
            // E55: each completed step is whole and safe on its own (restricting steps come last and the refused one
            // was not applied), so they stay; the next Repair re-reads the instance and continues after the admin's step.
            step.then = REPAIR_CONTINUES
            return { ...run, manualSteps: [step] }
        }
        const leftovers = undo.rollback()
        const tail = leftovers.length ? ` Could not undo: ${leftovers.join('; ')}.` : ' Every change of this run was undone.'
        return { changes: [], error: `Repair stopped: ${(e as Error).message}${tail}`, policyApiWrite: '', manualSteps: [], applied: [] }
    }
}

export function repairSetup(confirmRestrictions: boolean): SetupReport & { policyApiWrite: '' | 'stored' | 'ignored'; applied: AppliedChange[] } {
    const config = readAppConfig()
    const plan = planRepair(readSetupFacts(config), { confirmRestrictions })
    const outcome = applyPlan(plan, config)
    // Judge the instance as it is now, after the changes (or after the undo), with what this run read back (E2).
    const after = readSetupFacts(config)
    if (outcome.policyApiWrite) after.policyApiWrite = outcome.policyApiWrite
    return {
        kind: confirmRestrictions ? 'repair_confirmed' : 'repair',
        results: evaluateSetup(after),
        changes: outcome.changes,
        pending: plan.pending.map(describe),
        blocked: plan.blocked,
        warnings: plan.warnings,
        error: outcome.error,
        manualSteps: outcome.manualSteps,
        policyApiWrite: outcome.policyApiWrite,
        applied: outcome.applied,
    }
}

export function recordRun(report: SetupReport, policyApiWrite: '' | 'stored' | 'ignored' = ''): string {
    const counts = countResults(report.results)
    return insertRow(TABLE.setupRun, {
        policy_api_write: policyApiWrite,
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
    try {
        // Repair changes instance-wide API access, creates a user and grants a role (E49).
        requireApiAccessAdmin('run Repair')
    } catch (e) {
        recordAudit({ action: 'repair', outcome: 'denied', detail: (e as Error).message })
        throw e
    }
    const report = repairSetup(confirmRestrictions)
    const runSysId = recordRun(report, report.policyApiWrite)
    recordRepairChanges(runSysId, report.applied)
    for (const step of report.manualSteps) recordAudit({ action: 'manual_step', outcome: 'failure', detail: refusalAuditDetail(step) })
    recordAudit({
        action: 'repair',
        outcome: report.error ? 'failure' : 'success',
        detail: `${summarize(report)}${report.changes.length ? ` Changes: ${report.changes.join(' | ')}` : ''}`,
    })
    return { report, runSysId }
}

