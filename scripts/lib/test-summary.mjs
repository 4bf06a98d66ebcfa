// The counts npm test prints: product tests, the instance double's own tests, and the gates, each apart, then the
// plain total line CI reads. Pure: takes jest's --json report and the gate outcomes.

/** Jest test files under this folder test the in-memory instance double itself, not the product. */
export const DOUBLE_SELF_TESTS = /(^|[\\/])test[\\/]instance[\\/]double[\\/]/

/**
 * @param {any} report jest's --json report (may be empty when jest could not start)
 * @param {{ name: string, ok: boolean }[]} gates
 * @param {number} jestExitCode
 */
export function summarize(report, gates, jestExitCode) {
    const product = { passed: 0, failed: 0 }
    const double = { passed: 0, failed: 0 }
    for (const file of report?.testResults ?? []) {
        const bucket = DOUBLE_SELF_TESTS.test(file.name ?? '') ? double : product
        const assertions = file.assertionResults ?? []
        for (const a of assertions) {
            if (a.status === 'passed') bucket.passed++
            else if (a.status === 'failed') bucket.failed++
        }
        // A test file that failed without a failed test (syntax error, failing beforeAll hook) counts as one failure.
        if (file.status === 'failed' && !assertions.some((a) => a.status === 'failed')) bucket.failed++
    }
    // jest failed without a counted failure (config error, no report): one failure, so the run cannot pass.
    if (jestExitCode !== 0 && product.failed + double.failed === 0) product.failed++
    const gateCounts = { passed: gates.filter((g) => g.ok).length, failed: gates.filter((g) => !g.ok).length }
    const total = {
        passed: product.passed + double.passed + gateCounts.passed,
        failed: product.failed + double.failed + gateCounts.failed,
    }
    const line = (c) => `${c.passed} passed, ${c.failed} failed`
    return {
        product,
        double,
        gates: gateCounts,
        total,
        lines: [
            `[test] product tests (jest, all but test/instance/double): ${line(product)}`,
            `[test] instance double self-tests (test/instance/double): ${line(double)}`,
            `[test] gates (${gates.map((g) => g.name).join(', ')}): ${line(gateCounts)}`,
            line(total),
        ],
    }
}
