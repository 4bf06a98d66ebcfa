// Run by `npm run bench` (not by `npm test`): records the query budgets for the bench report.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateOperations, setupCheckReads } from '../support/query-budgets'

it('measures the query budgets', () => {
    const lines = [
        `setup check reads: ${setupCheckReads(5)} with 5 other policies, ${setupCheckReads(500)} with 500 (budget: equal, <= 15)`,
        `generate GlideRecord operations: ${generateOperations(10)} with 10 keys and endpoints, ${generateOperations(10000)} with 10,000 (budget: equal, <= 40 with the probe)`,
    ]
    const dir = join(__dirname, '..', '..', '.test-results')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'query-budgets.json'), JSON.stringify(lines))
    expect(lines).toHaveLength(2)
})
