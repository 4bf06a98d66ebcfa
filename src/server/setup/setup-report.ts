// Pure formatting of a setup check or Repair run into the text an admin reads on the run record.
import { describeManualStep, type ManualStep } from '../core/manual-step.ts'
import type { LinkResult } from './setup-verdict.ts'

export interface SetupReport {
    kind: 'check' | 'repair' | 'repair_confirmed' | 'undo_repair'
    results: LinkResult[]
    changes: string[]
    /** Restricting changes Repair left for the admin to confirm, with who they lock out. */
    pending: string[]
    blocked: string[]
    warnings: string[]
    error: string
    /** E55: the write the platform refused, to be done by hand; Repair continues from there on its next run. */
    manualSteps: ManualStep[]
}

export function countResults(results: LinkResult[]): { passed: number; failed: number; warnings: number } {
    return {
        passed: results.filter((r) => r.status === 'pass').length,
        failed: results.filter((r) => r.status === 'fail').length,
        warnings: results.filter((r) => r.status === 'warn').length,
    }
}

export function summarize(report: SetupReport): string {
    const c = countResults(report.results)
    if (report.kind === 'undo_repair') return summarizeUndo(report, c.failed)
    const head = report.error
        ? 'Repair failed and was undone. '
        : report.manualSteps.length
          ? 'Repair stopped at a write the instance refused: one manual step, then run Repair again. '
          : c.failed === 0 ? 'All links pass. ' : `${c.failed} link(s) fail. `
    const changed = report.kind === 'check' ? '' : `${report.changes.length} change(s) made. `
    const pending = report.pending.length ? `${report.pending.length} change(s) need confirmation.` : ''
    return (head + changed + pending).trim()
}

function summarizeUndo(report: SetupReport, failed: number): string {
    const head = report.error
        ? 'Undo Repair stopped; the changes not undone yet stay recorded. '
        : report.manualSteps.length
          ? 'Undo Repair stopped at a write the instance refused: one manual step, then run Undo Repair again. '
          : ''
    const kept = report.warnings.length ? `${report.warnings.length} change(s) kept because they were changed after Repair. ` : ''
    return `${head}${report.changes.length} change(s) undone. ${kept}${failed} link(s) fail now.`
}

export function formatReport(report: SetupReport): string {
    const lines: string[] = []
    for (const r of report.results) {
        lines.push(`[${r.status.toUpperCase()}] ${r.title}`)
        for (const f of r.found) lines.push(`    found: ${f}`)
        if (r.fix) lines.push(`    to do: ${r.fix}`)
    }
    if (report.error) lines.push('', `ERROR: ${report.error}`)
    if (report.manualSteps.length) {
        lines.push('', 'MANUAL STEP - the instance refused this change to another application\'s table:')
        for (const step of report.manualSteps) lines.push(`  - ${describeManualStep(step)}`)
    }
    if (report.pending.length) {
        lines.push('', 'WARNING - these changes restrict who can call an API; run "Repair and apply API restrictions" to apply them:')
        for (const p of report.pending) lines.push(`  - ${p}`)
    }
    if (report.blocked.length) {
        lines.push('', 'Repair cannot fix (you must):')
        for (const b of report.blocked) lines.push(`  - ${b}`)
    }
    if (report.warnings.length) {
        lines.push('', 'Notes:')
        for (const w of report.warnings) lines.push(`  - ${w}`)
    }
    return lines.join('\n')
}
