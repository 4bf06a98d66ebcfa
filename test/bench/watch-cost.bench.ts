// Run by `npm run bench` (not by `npm test`): the daily watch's queries and rows examined, with 10 and 10,000
// endpoints and 10,000 and 1,000,000 em_event rows in the double.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { watchCost } from '../support/watch-cost'

it('measures the watch cost against the size of em_event', () => {
    const lines: string[] = []
    for (const endpoints of [10, 10000]) {
        const small = watchCost(endpoints, 10000)
        const large = watchCost(endpoints, 1000000)
        lines.push(
            `watch, ${endpoints} endpoints: em_event 10,000 rows -> ${small.queries} queries, ${small.rowsExamined} rows examined (${small.eventRowsExamined} em_event); ` +
                `em_event 1,000,000 rows -> ${large.queries} queries, ${large.rowsExamined} rows examined (${large.eventRowsExamined} em_event)`,
        )
        expect(large.eventRowsExamined).toBe(small.eventRowsExamined)
    }
    const dir = join(__dirname, '..', '..', '.test-results')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'watch-cost.json'), JSON.stringify(lines))
}, 600000)
