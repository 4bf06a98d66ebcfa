// Run by `npm run bench` (not by `npm test`): the heartbeat watch's queries and rows examined, with 60 and 600
// heartbeating account-regions and 10,000 and 1,000,000 em_event rows in the double.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { heartbeatCost } from '../support/heartbeat-cost'

it('measures the heartbeat watch cost against the size of em_event', () => {
    const lines: string[] = []
    for (const pairs of [60, 600]) {
        const small = heartbeatCost(pairs, 10000)
        const large = heartbeatCost(pairs, 1000000)
        lines.push(
            `heartbeat watch, ${pairs} account-regions: em_event 10,000 rows -> ${small.queries} queries, ${small.rowsExamined} rows examined (${small.eventRowsExamined} em_event); ` +
                `em_event 1,000,000 rows -> ${large.queries} queries, ${large.rowsExamined} rows examined (${large.eventRowsExamined} em_event)`,
        )
        expect(large.eventRowsExamined).toBe(small.eventRowsExamined)
    }
    const dir = join(__dirname, '..', '..', '.test-results')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'heartbeat-cost.json'), JSON.stringify(lines))
}, 900000)
