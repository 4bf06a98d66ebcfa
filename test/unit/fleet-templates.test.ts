// The StackSets templates of src/aws/: valid for the CloudFormation resource specification, the endpoint only ever a
// NoEcho parameter, the delivery alarms outside ServiceNow, and the heartbeat shaped as an OK CloudWatch alarm.
import { DELIVERY_POLICY } from '../../src/server/endpoint/aws-endpoint.ts'
import { checkCloudFormationTemplate } from '../support/cfn-template-check.ts'
import { heartbeatMessage, loadTemplate, templateText } from '../support/fleet-template.ts'

const fleet = loadTemplate('fleet-stackset.yaml')
const role = loadTemplate('doctor-role.yaml')
const R = fleet.Resources
const TOPIC_ARN = { 'Fn::If': ['CreateTopic', { Ref: 'AlarmTopic' }, { 'Fn::Sub': 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${TopicName}' }] }

/** Every place in `node` where `match` holds, as JSON paths. */
function where(node: unknown, match: (v: unknown) => boolean, path = '$'): string[] {
    const out = match(node) ? [path] : []
    if (Array.isArray(node)) node.forEach((v, i) => out.push(...where(v, match, `${path}[${i}]`)))
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) out.push(...where(v, match, `${path}.${k}`))
    return out
}

describe('fleet templates against the CloudFormation resource specification', () => {
    it('both templates pass the specification check', () => {
        expect(checkCloudFormationTemplate(fleet)).toEqual([])
        expect(checkCloudFormationTemplate(role)).toEqual([])
    })

    it('the checker catches broken conditions, Fn::If branches and Fn::Sub names (so the pass above means something)', () => {
        const broken = JSON.parse(JSON.stringify(fleet))
        broken.Resources.AlarmTopic.Condition = 'NoSuchCondition'
        broken.Resources.ServiceNowSubscription.Properties.RawMessageDelivery = { 'Fn::If': ['HeartbeatOn', false, 'no'] }
        broken.Resources.HeartbeatSchedule.Properties.ScheduleExpression = { 'Fn::Sub': 'rate(${Minutes} minutes)' }
        broken.Resources.ServiceNowSubscription.Properties.TopicArn = { 'Fn::If': ['Nope', 'a', 'b'] }
        broken.Conditions.HeartbeatOn = { 'Fn::Not': [{ 'Fn::Equals': ['a'] }] }
        expect(checkCloudFormationTemplate(broken)).toStrictEqual([
            'Conditions.HeartbeatOn.Fn::Not[0]: Fn::Equals needs two values',
            'Resources.AlarmTopic.Condition: "NoSuchCondition" is not declared',
            'Resources.ServiceNowSubscription.Properties.TopicArn: Fn::If names an undeclared condition "Nope"',
            'Resources.ServiceNowSubscription.Properties.RawMessageDelivery.Fn::If[2]: expected a boolean',
            'Resources.HeartbeatSchedule.Properties.ScheduleExpression: Fn::Sub names ${Minutes}, which is not declared',
        ])
    })
})

describe('the fleet template', () => {
    it('takes the endpoint only as a NoEcho parameter, used once, never in Outputs, Metadata or a literal', () => {
        expect(fleet.Parameters.ServiceNowEndpoint).toStrictEqual({
            Type: 'String',
            NoEcho: true,
            Description: 'The ServiceNow endpoint URL shown once by the app (it contains the API key)',
            AllowedPattern: '^https://[^\\s]+/api/sn_em_connector/em/inbound_event[?][^\\s]+$',
            ConstraintDescription: 'must be the https endpoint shown by the ServiceNow app',
        })
        expect(where(fleet, (v) => JSON.stringify(v) === JSON.stringify({ Ref: 'ServiceNowEndpoint' }))).toEqual(['$.Resources.ServiceNowSubscription.Properties.Endpoint'])
        expect(JSON.stringify(fleet.Outputs)).not.toContain('ServiceNowEndpoint')
        expect(where(fleet, (v) => v !== null && typeof v === 'object' && 'Metadata' in (v as object))).toEqual([])
        expect(templateText('fleet-stackset.yaml')).not.toMatch(/x-sn-apikey=|now_[A-Za-z0-9]|service-now\.com/)
        const pattern = new RegExp(fleet.Parameters.ServiceNowEndpoint.AllowedPattern)
        expect(pattern.test('https://dev1.service-now.com/api/sn_em_connector/em/inbound_event?source=aws&sys_id=a&x-sn-apikey=k')).toBe(true)
        expect(pattern.test('https://dev1.service-now.com/')).toBe(false)
    })

    it('creates the topic or uses an existing one by name, and lets only CloudWatch of this account publish (plus the heartbeat role)', () => {
        expect(R.AlarmTopic).toEqual({ Type: 'AWS::SNS::Topic', Condition: 'CreateTopic', Properties: { TopicName: { Ref: 'TopicName' } } })
        expect(fleet.Conditions.CreateTopic).toEqual({ 'Fn::Equals': [{ Ref: 'UseExistingTopic' }, 'false'] })
        expect(R.AlarmTopicPolicy.Properties.Topics).toEqual([TOPIC_ARN])
        const [cloudWatch, heartbeat] = R.AlarmTopicPolicy.Properties.PolicyDocument.Statement
        expect(cloudWatch).toEqual({
            Sid: 'AllowCloudWatchAlarms', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: TOPIC_ARN,
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        })
        expect(heartbeat).toEqual({
            'Fn::If': ['HeartbeatOn', { Sid: 'AllowServiceNowHeartbeat', Effect: 'Allow', Principal: { AWS: { 'Fn::GetAtt': ['HeartbeatRole', 'Arn'] } }, Action: 'sns:Publish', Resource: TOPIC_ARN }, { Ref: 'AWS::NoValue' }],
        })
    })

    it('subscribes over https with raw delivery off, the DLQ in the RedrivePolicy and the snippet delivery policy', () => {
        expect(R.ServiceNowSubscription).toEqual({
            Type: 'AWS::SNS::Subscription',
            DependsOn: 'ServiceNowDeadLetterQueuePolicy',
            Properties: {
                TopicArn: TOPIC_ARN, Protocol: 'https', Endpoint: { Ref: 'ServiceNowEndpoint' }, RawMessageDelivery: false,
                RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['ServiceNowDeadLetterQueue', 'Arn'] } },
                DeliveryPolicy: DELIVERY_POLICY,
            },
        })
        expect(R.ServiceNowDeadLetterQueue.Properties).toEqual({ MessageRetentionPeriod: 1209600 })
        expect(R.ServiceNowDeadLetterQueuePolicy.Properties.PolicyDocument.Statement).toEqual([
            {
                Sid: 'AllowSnsToSendFailedDeliveries', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage',
                Resource: { 'Fn::GetAtt': ['ServiceNowDeadLetterQueue', 'Arn'] }, Condition: { ArnEquals: { 'aws:SourceArn': TOPIC_ARN } },
            },
        ])
    })

    it('watches the delivery itself with two alarms that notify an email topic, never the alarm topic', () => {
        expect(R.DeliveryAlertTopic.Properties.Subscription).toEqual([{ Protocol: 'email', Endpoint: { Ref: 'AlertEmail' } }])
        const failed = R.DeliveryFailuresAlarm.Properties
        expect([failed.Namespace, failed.MetricName, failed.Dimensions, failed.ComparisonOperator, failed.Threshold]).toEqual(['AWS/SNS', 'NumberOfNotificationsFailed', [{ Name: 'TopicName', Value: { Ref: 'TopicName' } }], 'GreaterThanThreshold', 0])
        const depth = R.DeadLetterQueueDepthAlarm.Properties
        expect([depth.Namespace, depth.MetricName, depth.Dimensions, depth.ComparisonOperator, depth.Threshold]).toEqual(['AWS/SQS', 'ApproximateNumberOfMessagesVisible', [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['ServiceNowDeadLetterQueue', 'QueueName'] } }], 'GreaterThanThreshold', 0])
        for (const alarm of [failed, depth]) {
            expect(alarm.AlarmActions).toEqual([{ Ref: 'DeliveryAlertTopic' }])
            expect(alarm.OKActions).toEqual([{ Ref: 'DeliveryAlertTopic' }])
        }
        expect(R.DeliveryAlertTopicPolicy.Properties.PolicyDocument.Statement[0].Condition).toEqual({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } })
    })

    it('makes the heartbeat optional: a schedule every N minutes whose role may publish only through the topic policy', () => {
        expect(fleet.Parameters.HeartbeatMinutes).toStrictEqual({
            Type: 'String',
            Default: '0',
            AllowedValues: ['0', '15', '20', '30', '60'],
            Description: '0 for no heartbeat; else every N minutes an OK alarm-shaped message goes to ServiceNow through the topic. Keep N at least the instance job\'s 15 minutes.',
        })
        expect(R.HeartbeatRole.Condition).toBe('HeartbeatOn')
        expect(R.HeartbeatSchedule.Condition).toBe('HeartbeatOn')
        expect(Object.keys(R.HeartbeatRole.Properties).sort()).toEqual(['AssumeRolePolicyDocument', 'Description'])
        expect(R.HeartbeatRole.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Service: 'scheduler.amazonaws.com' })
        // The Target's Input is the message itself: read through heartbeatMessage in the next test.
        const { Input, ...target } = R.HeartbeatSchedule.Properties.Target
        expect({ ...R.HeartbeatSchedule.Properties, Target: target }).toStrictEqual({
            Description: 'Every N minutes an OK, CloudWatch-alarm-shaped message to the alarm topic; ServiceNow notices when it stops arriving',
            ScheduleExpression: { 'Fn::Sub': 'rate(${HeartbeatMinutes} minutes)' },
            FlexibleTimeWindow: { Mode: 'OFF' },
            State: 'ENABLED',
            Target: { Arn: TOPIC_ARN, RoleArn: { 'Fn::GetAtt': ['HeartbeatRole', 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300 } },
        })
        expect(Object.keys(Input)).toEqual(['Fn::Sub'])
    })

    it('the heartbeat message is an OK CloudWatch alarm whose name carries the account and region', () => {
        const message = JSON.parse(heartbeatMessage({ account: '111111111111', region: 'eu-west-1', minutes: '15', scheduledTime: '2026-06-01T09:00:00Z' }))
        expect(message).toStrictEqual({
            AlarmName: 'sn-aws-heartbeat-111111111111-eu-west-1',
            AlarmDescription: 'sn-aws-verify heartbeat every 15 minutes: proves that alarms from this account and region reach ServiceNow. Safe to ignore.',
            AWSAccountId: '111111111111',
            NewStateValue: 'OK',
            NewStateReason: 'Heartbeat: the path from this account and region to ServiceNow works.',
            StateChangeTime: '2026-06-01T09:00:00Z',
            Region: 'eu-west-1',
            AlarmArn: 'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:sn-aws-heartbeat-111111111111-eu-west-1',
            OldStateValue: 'OK',
            Trigger: {
                MetricName: 'Heartbeat', Namespace: 'sn-aws-verify', StatisticType: 'Statistic', Statistic: 'MAXIMUM', Unit: null, Dimensions: [], Period: 60,
                EvaluationPeriods: 1, ComparisonOperator: 'LessThanThreshold', Threshold: 1, TreatMissingData: '', EvaluateLowSampleCountPercentile: '',
            },
        })
    })
})

describe('the doctor role template', () => {
    it('trusts one account, and allows only reads (no action that writes)', () => {
        const doc = role.Resources.DoctorRole.Properties
        expect(doc.AssumeRolePolicyDocument.Statement).toEqual([{ Effect: 'Allow', Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${TrustedAccountId}:root' } }, Action: 'sts:AssumeRole' }])
        const actions = doc.Policies[0].PolicyDocument.Statement.flatMap((s: { Action: string[] }) => s.Action)
        for (const a of actions) expect(a).toMatch(/^[a-z]+:(Get|List|Describe)[A-Za-z]+$/)
    })
})
