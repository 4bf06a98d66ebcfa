// End to end heartbeat simulation: the fleet template's heartbeat message, published by each account and region's
// heartbeat role through the loopback AWS stub's topic (its topic policy decides, as in AWS), delivered by SNS to the
// instance double's Event Management endpoint with the app's real key, and the app's heartbeat job every 15 minutes.
// Time runs minute by minute on the instance clock. Used by the heartbeat tests and the heartbeat cost bench.
import { TABLE } from '../../src/server/core/app-names'
import { generateEndpointKey } from '../../src/server/keys/generate-service'
import { runHeartbeatWatchJob } from '../../src/server/actions/heartbeat-watch-job'
import { HEARTBEAT_EVENT } from '../../src/server/watch/heartbeat-watch'
import { instanceWithApp, repairLikeAnAdmin } from './app-on-instance'
import { AwsStub, type Deliver } from './aws-stub'
import { cloudWatchTopicPolicy, healthyCell, topicArnOf } from './fleet-fixture'
import { heartbeatMessage } from './fleet-template'
import type { Instance, PlatformSwitches } from './instance'

export const CONNECTOR_TABLE = 'sn_em_connector_push_instance'
export const JOB_PERIOD_MINUTES = 15
/** The job runs this many minutes into each 15-minute period (any phase works; 7 is not aligned with the heartbeats). */
export const JOB_PHASE = 7

export interface Pair {
    account: string
    region: string
    /** Minute offset of its schedule (schedules do not all fire at once). */
    phase: number
    roleArn: string
    topicArn: string
}

export interface Notice {
    minute: number
    pair: string
    kind: string
}

export const pairKey = (p: { account: string; region: string }) => `${p.account} ${p.region}`

/** The topic policy the fleet template sets with HeartbeatMinutes > 0: CloudWatch, and the heartbeat role. */
export function templateTopicPolicy(p: Pair): string {
    const policy = JSON.parse(cloudWatchTopicPolicy(p.topicArn, p.account)) as { Statement: unknown[] }
    policy.Statement.push({ Sid: 'AllowServiceNowHeartbeat', Effect: 'Allow', Principal: { AWS: p.roleArn }, Action: 'sns:Publish', Resource: p.topicArn })
    return JSON.stringify(policy)
}

export class HeartbeatFleet {
    readonly aws = new AwsStub()
    readonly instance: Instance
    readonly endpoint: string
    readonly endpointSysId: string
    readonly pairs: Pair[] = []
    minute = 0
    readonly notices: Notice[] = []
    /** Per pair, the minutes of heartbeats that did not become an em_event. */
    readonly lost = new Map<string, number[]>()
    private readonly deliver: Deliver

    constructor(readonly minutes: number, accounts: string[], regions: string[], platform: Partial<PlatformSwitches> = {}) {
        this.instance = instanceWithApp({ platform })
        repairLikeAnAdmin(this.instance)
        const connector = this.instance.row(CONNECTOR_TABLE, 'active=true')?.sys_id ?? ''
        const result = generateEndpointKey({ table: CONNECTOR_TABLE, sysId: connector, mode: 'generate' })
        if (!result.ok) throw new Error(result.message)
        this.endpoint = result.endpoint
        this.endpointSysId = this.instance.row(TABLE.endpoint, `connector_sys_id=${connector}`)?.sys_id ?? ''
        this.deliver = async (req) => ({ status: this.instance.inbound({ method: 'POST', url: req.url, headers: req.headers, body: req.body }).status })
        let i = 0
        for (const account of accounts) {
            for (const region of regions) {
                const pair: Pair = { account, region, phase: (i++ * 4) % minutes, roleArn: `arn:aws:iam::${account}:role/servicenow-HeartbeatRole-${region}`, topicArn: topicArnOf(account, region) }
                healthyCell(this.aws, account, region, this.endpoint)
                this.aws.topics.get(pair.topicArn)!.Policy = templateTopicPolicy(pair)
                this.pairs.push(pair)
                this.lost.set(pairKey(pair), [])
            }
        }
    }

    private isoNow(): string {
        return this.instance.clock.now().replace(' ', 'T') + 'Z'
    }

    /** Runs `minutes` more minutes: heartbeats on their schedule, the job on its own. */
    async run(minutes: number): Promise<void> {
        for (let n = 0; n < minutes; n++) {
            this.minute++
            this.instance.clock.advanceSeconds(60)
            for (const p of this.pairs) {
                if ((this.minute - p.phase) % this.minutes !== 0) continue
                const message = heartbeatMessage({ account: p.account, region: p.region, minutes: String(this.minutes), scheduledTime: this.isoNow() })
                const sent = await this.aws.publishAs({ account: p.account, roleArn: p.roleArn }, p.topicArn, '', message, this.deliver)
                const arrived = !sent.refused && sent.deliveries.some((d) => 'status' in d.status && d.status.status >= 200 && d.status.status < 300)
                if (!arrived) this.lost.get(pairKey(p))?.push(this.minute)
            }
            if (this.minute % JOB_PERIOD_MINUTES === JOB_PHASE) this.runJob()
        }
    }

    /** One run as the scheduler runs it: the job ships without a Run as user, so as system, non-interactive. */
    runJob(): void {
        const before = this.instance.events.length
        const { userName, interactive } = this.instance.session
        this.instance.session.userName = 'system'
        this.instance.session.interactive = false
        try {
            runHeartbeatWatchJob()
        } finally {
            this.instance.session.userName = userName
            this.instance.session.interactive = interactive
        }
        for (const e of this.instance.events.slice(before)) {
            if (e.name !== HEARTBEAT_EVENT) continue
            const row = this.instance.row(TABLE.heartbeat, `sys_id=${e.sys_id}`)
            this.notices.push({ minute: this.minute, pair: row ? `${row.account} ${row.region}` : '?', kind: e.parm2 })
        }
    }

    statusOf(p: Pair): string | undefined {
        return this.instance.row(TABLE.heartbeat, `account=${p.account}^region=${p.region}`)?.status
    }
}
