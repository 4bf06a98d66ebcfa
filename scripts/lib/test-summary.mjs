// The counts npm test prints: product tests, the instance double's own tests, and the gates, each apart, then the
// plain total line CI reads. Pure: takes jest's --json report and the gate outcomes.
// A run hides nothing: a skipped or todo test counts as a failure (each one), and so does a jest run with no test.

/** Jest test files under this folder test the in-memory instance double itself, not the product. */
export const DOUBLE_SELF_TESTS = /(^|[\\/])test[\\/]instance[\\/]double[\\/]/

// jest --json statuses of a test that did not run: 'pending' (it.skip, xit, or skipped by .only), 'disabled', 'todo'.
const SKIPPED = new Set(['pending', 'skipped', 'disabled'])

/**
 * @param {any} report jest's --json report (may be empty when jest could not start)
 * @param {{ name: string, ok: boolean }[]} gates
 * @param {number} jestExitCode
 */
export function summarize(report, gates, jestExitCode) {
    const product = { passed: 0, failed: 0 }
    const double = { passed: 0, failed: 0 }
    const hidden = { skipped: 0, todo: 0 }
    for (const file of report?.testResults ?? []) {
        const bucket = DOUBLE_SELF_TESTS.test(file.name ?? '') ? double : product
        const assertions = file.assertionResults ?? []
        for (const a of assertions) {
            if (a.status === 'passed') bucket.passed++
            else if (a.status === 'failed') bucket.failed++
            else if (a.status === 'todo') hidden.todo++
            else if (SKIPPED.has(a.status)) hidden.skipped++
        }
        // A test file that failed without a failed test (syntax error, failing beforeAll hook) counts as one failure.
        if (file.status === 'failed' && !assertions.some((a) => a.status === 'failed')) bucket.failed++
    }
    // jest's own totals cover skipped files too (a describe.skip leaves no assertion result in some versions).
    hidden.skipped = Math.max(hidden.skipped, Number(report?.numPendingTests ?? 0))
    hidden.todo = Math.max(hidden.todo, Number(report?.numTodoTests ?? 0))
    // jest failed without a counted failure (config error, no report): one failure, so the run cannot pass.
    if (jestExitCode !== 0 && product.failed + double.failed === 0) product.failed++
    const ran = product.passed + product.failed + double.passed + double.failed
    const noTests = jestExitCode === 0 && ran === 0
    const gateCounts = { passed: gates.filter((g) => g.ok).length, failed: gates.filter((g) => !g.ok).length }
    const total = {
        passed: product.passed + double.passed + gateCounts.passed,
        failed: product.failed + double.failed + gateCounts.failed + hidden.skipped + hidden.todo + (noTests ? 1 : 0),
    }
    const line = (c) => `${c.passed} passed, ${c.failed} failed`
    const lines = [
        `[test] product tests (jest, all but test/instance/double): ${line(product)}`,
        `[test] instance double self-tests (test/instance/double): ${line(double)}`,
        `[test] skipped: ${hidden.skipped}, todo: ${hidden.todo} (each one counts as a failure)`,
    ]
    if (noTests) lines.push('[test] jest ran no test: counted as a failure')
    lines.push(`[test] gates (${gates.map((g) => g.name).join(', ')}): ${line(gateCounts)}`, line(total))
    return { product, double, hidden, noTests, gates: gateCounts, total, lines }
}
