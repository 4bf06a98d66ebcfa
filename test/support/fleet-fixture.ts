// A fleet in the loopback AWS stub: for each account, the doctor's role (assumable unless the account is listed as
// unassumable) and, in each region, the healthy chain the fleet template deploys: a standard topic whose policy
// lets CloudWatch publish, a confirmed HTTPS subscription to ServiceNow with a dead-letter queue that lets this topic
// in, and a CloudWatch alarm with alarm and OK actions on the topic. Used by the scenario test and the fleet bench.
import { formatAwsEndpoint } from '../../src/server/endpoint/aws-endpoint.ts'
import type { AwsStub } from './aws-stub.ts'

export const FLEET_TOPIC = 'cloudwatch-alarms'
export const FLEET_ROLE = 'sn-aws-verify-doctor'
export const FLEET_CANARY_KEY = 'now_CANARY_fleet_key_4321'
export const FLEET_ENDPOINT = formatAwsEndpoint({ instance: 'dev12345', source: 'aws', connectorSysId: '0123456789abcdef0123456789abcdef', apiKey: FLEET_CANARY_KEY })

export const topicArnOf = (account: string, region: string) => `arn:aws:sns:${region}:${account}:${FLEET_TOPIC}`

export function cloudWatchTopicPolicy(topicArn: string, account: string): string {
    return JSON.stringify({
        Version: '2012-10-17',
        Statement: [
            { Sid: 'AllowCloudWatchAlarms', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: topicArn, Condition: { StringEquals: { 'aws:SourceAccount': account } } },
        ],
    })
}

/** A policy stripped of every grant but the owner's: what the topic policy fault and the heartbeat break use. */
export function ownerOnlyTopicPolicy(topicArn: string, account: string): string {
    return JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Owner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sns:Publish', Resource: topicArn }] })
}

export function healthyCell(stub: AwsStub, account: string, region: string, endpoint = FLEET_ENDPOINT): void {
    const topic = topicArnOf(account, region)
    // CloudFormation names the template's queue per stack (unique per region), and the stub keys queues by account and name.
    const dlq = `arn:aws:sqs:${region}:${account}:servicenow-alarms-dlq-${region}`
    stub.addTopic(topic, { Policy: cloudWatchTopicPolicy(topic, account) })
    stub.addQueue(dlq, {
        Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: dlq, Condition: { ArnEquals: { 'aws:SourceArn': topic } } }] }),
    })
    stub.subscribe(topic, endpoint, { attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq }) } })
    stub.alarms.push({
        AlarmName: `cpu-high-${region}`, AlarmArn: `arn:aws:cloudwatch:${region}:${account}:alarm:cpu-high-${region}`, ActionsEnabled: true,
        AlarmActions: [topic], OKActions: [topic], InsufficientDataActions: [], StateValue: 'OK',
    })
}

/** Every account x region healthy; the accounts in `unassumable` have no role the doctor may assume. */
export function healthyFleet(stub: AwsStub, accounts: string[], regions: string[], unassumable: string[] = []): void {
    for (const account of accounts) {
        if (!unassumable.includes(account)) stub.allowRole(account, FLEET_ROLE)
        for (const region of regions) healthyCell(stub, account, region)
    }
}
