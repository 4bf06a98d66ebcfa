// Measures the daily watch on the instance double: queries issued and rows examined, for a number of endpoints and
// a number of em_event rows, for the cost tests and for `npm run bench`.
import { TABLE } from '../../src/server/core/app-names'
import { runExpiryWatch } from '../../src/server/watch/expiry-watch'
import { instanceWithApp } from './app-on-instance'

export interface WatchCost {
    endpoints: number
    events: number
    /** GlideRecord and GlideAggregate queries plus gets. */
    queries: number
    /** Rows all queries matched: what an indexed database reads (Stats.rowsMatched). */
    rowsExamined: number
    /** Of those, em_event rows. */
    eventRowsExamined: number
}

/** `events` em_event rows: 50 recent ones from the watched source, the rest older than the window or from other sources. */
export function watchCost(endpoints: number, events: number): WatchCost {
    const instance = instanceWithApp()
    const now = instance.clock.now()
    const user = instance.createUser('aws.sns.integration', { roles: ['evt_mgmt_integration'] })
    for (let n = 0; n < endpoints; n++) {
        const key = instance.insertRow('api_key', { name: `k${n}`, user, active: 'true', expires: '2027-06-01 00:00:00' })
        const endpoint = instance.insertRow(TABLE.endpoint, {
            name: `e${n}`, connector_sys_id: 'b'.repeat(32), source: 'aws', learned_event_source: 'aws', status: 'active', api_key_sys_id: key,
            expires: '2027-06-01 00:00:00',
        })
        instance.insertRow(TABLE.issuedKey, { endpoint, api_key_sys_id: key, key_name: `k${n}`, state: 'active', sys_created_on: '2026-05-01 00:00:00' })
    }
    const recent = Math.min(50, events)
    for (let n = 0; n < events; n++) {
        const inWindow = n < recent
        instance.insertRow('em_event', {
            source: inWindow ? 'aws' : n % 2 ? 'other-monitor' : 'aws',
            description: 'alarm',
            sys_created_on: inWindow ? now : '2026-01-01 00:00:00',
        })
    }
    instance.setSessionUser('admin')
    instance.resetStats()
    runExpiryWatch()
    const eventRows = instance.aggregateQueries.filter((q) => q.table === 'em_event').reduce((sum, q) => sum + q.rowsMatched, 0)
    return { endpoints, events, queries: instance.stats.queries + instance.stats.gets, rowsExamined: instance.stats.rowsMatched, eventRowsExamined: eventRows }
}
