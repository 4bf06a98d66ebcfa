// The heartbeat, end to end: the fleet template's heartbeat through the AWS stub's topics to the instance double's
// Event Management endpoint with the app's key, and the heartbeat job every 15 minutes. No false alarm while
// heartbeats flow; four induced breaks (revoked key, deleted subscription, stripped topic policy, disabled
// connector), each detected within 2N of the first heartbeat it stopped, and each recovery told once. Under both
// settings of the okEventAlert switch (an OK event creates an alert or not), and both em_event.source settings.
import { TABLE } from '../../src/server/core/app-names'
import { revokeEndpointKeys } from '../../src/server/keys/revoke-service'
import { judgePair, readHeartbeat } from '../../src/server/watch/heartbeat-rules'
import { ownerOnlyTopicPolicy } from '../support/fleet-fixture'
import { heartbeatMessage } from '../support/fleet-template'
import { CONNECTOR_TABLE, HeartbeatFleet, JOB_PERIOD_MINUTES, type Pair, pairKey, templateTopicPolicy } from '../support/heartbeat-fleet'
import { CANARY } from '../support/app-on-instance'
import { runHeartbeatWatchJob } from '../../src/server/actions/heartbeat-watch-job'
import { HEARTBEAT_EVENT } from '../../src/server/watch/heartbeat-watch'

const N = 15
const ACCOUNTS = ['111111111111', '222222222222']
const REGIONS = ['eu-west-1', 'us-east-1']
const SETTINGS = [
    { okEventAlert: 'none', eventSource: 'url_source' },
    { okEventAlert: 'creates_alert', eventSource: 'event_source_label' },
    { okEventAlert: 'creates_alert', eventSource: 'url_source' },
] as const

describe('heartbeat rules', () => {
    it('reads the account, region and interval from the template message, and nothing from other events', () => {
        const message = heartbeatMessage({ account: '111111111111', region: 'ap-southeast-2', minutes: '20', scheduledTime: '2026-06-01T09:00:00Z' })
        // As the connector copies it to additional_info: the envelope, the alarm JSON as a string inside it (E54).
        expect(readHeartbeat(JSON.stringify({ Type: 'Notification', Message: message }))).toEqual({ account: '111111111111', region: 'ap-southeast-2', minutes: 20 })
        expect(readHeartbeat('{"AlarmName":"cpu-high","NewStateValue":"OK"}')).toBeNull()
        expect(readHeartbeat('sn-aws-heartbeat-1234-eu-west-1')).toBeNull()
    })

    it('is silent from 2N after the last heartbeat, and tells each change once', () => {
        const at = (now: string, status: 'flowing' | 'silent') => judgePair({ now, status, lastHeartbeatAt: '2026-06-01 09:00:00', minutes: 15 })
        expect(at('2026-06-01 09:29:59', 'flowing')).toEqual({ status: 'flowing', notify: null, reason: 'Heartbeat at 2026-06-01 09:00:00 UTC (every 15 minutes).' })
        expect(at('2026-06-01 09:30:00', 'flowing')).toEqual({ status: 'silent', notify: 'silent', reason: 'No heartbeat since 2026-06-01 09:00:00 UTC (expected every 15 minutes): alarms from this account and region do not reach ServiceNow. Check the key, the SNS subscription, the topic policy and the push connector (sn-aws-verify doctor).' })
        expect(at('2026-06-01 10:30:00', 'silent')).toEqual({ status: 'silent', notify: null, reason: 'No heartbeat since 2026-06-01 09:00:00 UTC (expected every 15 minutes): alarms from this account and region do not reach ServiceNow. Check the key, the SNS subscription, the topic policy and the push connector (sn-aws-verify doctor).' })
        expect(at('2026-06-01 09:20:00', 'silent')).toEqual({ status: 'flowing', notify: 'recovered', reason: 'Heartbeat at 2026-06-01 09:00:00 UTC (every 15 minutes).' })
    })
})

describe('an unreadable em_event', () => {
    it('is no signal: run interactively by someone who may not read em_event, the job judges nothing and tells no one', async () => {
        const fleet = new HeartbeatFleet(N, ACCOUNTS, REGIONS)
        await fleet.run(60)
        fleet.instance.updateRows(CONNECTOR_TABLE, 'active=true', { active: 'false' })
        fleet.instance.clock.advanceSeconds(3 * N * 60) // silent for 3N, no job run yet
        fleet.instance.setSessionUser('em.app.admin') // app role, no Event Management role (em_event is read by role)
        fleet.instance.session.interactive = true
        runHeartbeatWatchJob()
        expect(fleet.instance.events.filter((e) => e.name === HEARTBEAT_EVENT)).toEqual([])
        expect(fleet.instance.rows(TABLE.heartbeat).map((r) => r.status)).toEqual(['flowing', 'flowing', 'flowing', 'flowing'])
        expect(fleet.instance.logs.map((l) => l.message)).toContain('AWS SNS Event API Keys heartbeat watch: em_event is not readable by the app; nothing was judged.')
        // The same run from the scheduler reads em_event and tells the silence.
        fleet.runJob()
        expect(fleet.notices.map((n) => n.kind)).toEqual(['silent', 'silent', 'silent', 'silent'])
    })
})

describe.each(SETTINGS)('heartbeats with okEventAlert=$okEventAlert, eventSource=$eventSource', (platform) => {
    it('learns every account and region from its first heartbeat and stays quiet for 6 hours while they flow', async () => {
        const fleet = new HeartbeatFleet(N, ACCOUNTS, REGIONS, platform)
        await fleet.run(6 * 60)
        expect(fleet.notices).toEqual([])
        const rows = fleet.instance.rows(TABLE.heartbeat).map((r) => [r.account, r.region, r.status, r.interval_minutes, r.endpoint]).sort()
        expect(rows).toEqual(ACCOUNTS.flatMap((a) => REGIONS.map((r) => [a, r, 'flowing', '15', fleet.endpointSysId])).sort())
        for (const lost of fleet.lost.values()) expect(lost).toEqual([])
        // Under creates_alert, one alert per account and region (one message key each), never one per heartbeat.
        const alerts = fleet.instance.rows('em_alert', 'message_keyLIKEsn-aws-heartbeat-')
        expect(alerts.length).toBe(platform.okEventAlert === 'creates_alert' ? fleet.pairs.length : 0)
        expect(fleet.instance.rows('em_event').length).toBeGreaterThan(fleet.pairs.length * 20)
        expect(fleet.instance.findSecret(CANARY)).toEqual([])
    })

    type Break = { name: string; affects: (p: Pair, fleet: HeartbeatFleet) => boolean; apply: (fleet: HeartbeatFleet) => void; fix?: (fleet: HeartbeatFleet) => void }
    const target = (f: HeartbeatFleet) => f.pairs[1]
    const BREAKS: Break[] = [
        {
            name: 'a revoked key',
            affects: () => true,
            apply: (f) => {
                f.instance.setSessionUser('em.app.admin')
                expect(revokeEndpointKeys(f.endpointSysId).ok).toBe(true)
            },
        },
        {
            name: 'a deleted subscription',
            affects: (p, f) => p === target(f),
            apply: (f) => {
                const i = f.aws.subscriptions.findIndex((s) => s.topicArn === target(f).topicArn && s.endpoint === f.endpoint)
                f.aws.subscriptions.splice(i, 1)
            },
            fix: (f) => {
                f.aws.subscribe(target(f).topicArn, f.endpoint)
            },
        },
        {
            name: 'a stripped topic policy',
            affects: (p, f) => p === target(f),
            apply: (f) => {
                f.aws.topics.get(target(f).topicArn)!.Policy = ownerOnlyTopicPolicy(target(f).topicArn, target(f).account)
            },
            fix: (f) => {
                f.aws.topics.get(target(f).topicArn)!.Policy = templateTopicPolicy(target(f))
            },
        },
        {
            name: 'a disabled connector',
            affects: () => true,
            apply: (f) => {
                f.instance.updateRows(CONNECTOR_TABLE, 'active=true', { active: 'false' })
            },
            fix: (f) => {
                f.instance.updateRows(CONNECTOR_TABLE, 'active=false', { active: 'true' })
            },
        },
    ]

    it.each(BREAKS.map((b) => [b.name, b] as const))('detects %s within 2N of the first lost heartbeat, once, and its recovery once', async (_name, brk) => {
        const fleet = new HeartbeatFleet(N, ACCOUNTS, REGIONS, platform)
        await fleet.run(2 * 60 + 11) // learned and flowing; the break falls between heartbeats and job runs
        expect(fleet.notices).toEqual([])
        const breakAt = fleet.minute
        brk.apply(fleet)
        await fleet.run(3 * N + JOB_PERIOD_MINUTES)
        const affected = fleet.pairs.filter((p) => brk.affects(p, fleet))
        for (const p of fleet.pairs) {
            const notices = fleet.notices.filter((n) => n.pair === pairKey(p))
            if (!affected.includes(p)) {
                expect(notices).toEqual([])
                expect(fleet.lost.get(pairKey(p))).toEqual([])
                continue
            }
            const firstLost = fleet.lost.get(pairKey(p))?.[0] as number
            expect(firstLost).toBeGreaterThan(breakAt)
            expect(notices.map((n) => n.kind)).toEqual(['silent'])
            // Detected within 2N of the first heartbeat the break stopped (the job's 15-minute period included).
            expect(notices[0].minute - firstLost).toBeLessThanOrEqual(2 * N)
            // Never before the pair had been silent for 2N: the last heartbeat that arrived came one interval earlier.
            expect(notices[0].minute).toBeGreaterThanOrEqual(firstLost - N + 2 * N)
            expect(fleet.statusOf(p)).toBe('silent')
        }
        if (!brk.fix) return
        const fixedAt = fleet.minute
        brk.fix(fleet)
        await fleet.run(N + JOB_PERIOD_MINUTES)
        for (const p of affected) {
            const after = fleet.notices.filter((n) => n.pair === pairKey(p) && n.minute > fixedAt)
            expect(after.map((n) => n.kind)).toEqual(['recovered'])
            expect(fleet.statusOf(p)).toBe('flowing')
        }
        await fleet.run(2 * 60)
        expect(fleet.notices.filter((n) => n.minute > fixedAt + N + JOB_PERIOD_MINUTES)).toEqual([])
        expect(fleet.instance.findSecret(CANARY)).toEqual([])
    })
})
