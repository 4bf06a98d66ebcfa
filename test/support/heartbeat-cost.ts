// Measures one run of the heartbeat watch on the instance double: queries issued and rows examined, for a number of
// heartbeating account-regions and a number of em_event rows, for `npm run bench -- heartbeat`. Each pair sent
// two heartbeats inside the watch's window, and 50 other alarms arrived in it; every other row is older (old
// heartbeats included) or from another source.
import { TABLE } from '../../src/server/core/app-names'
import { watchHeartbeats } from '../../src/server/watch/heartbeat-watch'
import { instanceWithApp } from './app-on-instance'
import { heartbeatMessage } from './fleet-template'

export interface HeartbeatCost {
    pairs: number
    events: number
    queries: number
    rowsExamined: number
    eventRowsExamined: number
}

const envelope = (message: string) => JSON.stringify({ Type: 'Notification', Message: message })

export function heartbeatCost(pairs: number, events: number): HeartbeatCost {
    const instance = instanceWithApp()
    const now = instance.clock.now()
    instance.insertRow(TABLE.endpoint, { name: 'fleet', connector_sys_id: 'b'.repeat(32), source: 'aws', learned_event_source: 'aws', status: 'active', api_key_sys_id: 'a'.repeat(32), expires: '2027-06-01 00:00:00' })
    const pairOf = (n: number) => ({ account: String(100000000000 + Math.floor(n / 4)), region: ['eu-west-1', 'us-east-1', 'ap-southeast-2', 'sa-east-1'][n % 4] })
    let written = 0
    for (let n = 0; n < pairs; n++) {
        const { account, region } = pairOf(n)
        for (const minutesAgo of [1, 16]) {
            const at = new Date(Date.parse(now.replace(' ', 'T') + 'Z') - minutesAgo * 60000).toISOString().slice(0, 19).replace('T', ' ')
            instance.insertRow('em_event', { source: 'aws', additional_info: envelope(heartbeatMessage({ account, region, minutes: '15', scheduledTime: at })), sys_created_on: at })
            written++
        }
    }
    for (let n = written; n < events; n++) {
        const recentAlarm = n - written < 50
        const { account, region } = pairOf(n % Math.max(pairs, 1))
        const old = heartbeatMessage({ account, region, minutes: '15', scheduledTime: '2026-01-01T00:00:00Z' })
        instance.insertRow('em_event', {
            source: recentAlarm || n % 3 ? 'aws' : 'other-monitor',
            additional_info: !recentAlarm && n % 2 ? envelope(old) : envelope('{"AlarmName":"cpu-high","NewStateValue":"ALARM"}'),
            sys_created_on: recentAlarm ? now : n % 7 === 0 ? now.replace(/^\d{4}/, '2025') : '2026-01-01 00:00:00',
        })
    }
    instance.session.userName = 'system'
    instance.session.interactive = false
    instance.resetStats()
    const summary = watchHeartbeats()
    return { pairs, events, queries: instance.stats.queries + instance.stats.gets, rowsExamined: instance.stats.rowsMatched, eventRowsExamined: summary.eventsRead }
}
