// The request SNS makes for one CloudWatch alarm notification (headers and envelope), clearly marked as a test.
// The Signature is random filler: nothing here can be signed by AWS, and the connector does not need it to answer.
import { randomBytes, randomUUID } from 'node:crypto'
import type { TopicArn } from '../server/endpoint/aws-endpoint.ts'

export const TEST_ALARM_NAME = 'sn-aws-verify TEST - safe to ignore'

export interface SnsTestRequest {
    messageId: string
    subscriptionArn: string
    headers: { [name: string]: string }
    body: string
}

/** CloudWatch writes StateChangeTime as 2024-01-31T12:00:00.000+0000. */
function cloudWatchTime(date: Date): string {
    return date.toISOString().replace('Z', '+0000')
}

export function cloudWatchTestAlarm(topic: TopicArn, now: Date): Record<string, unknown> {
    return {
        AlarmName: TEST_ALARM_NAME,
        AlarmDescription:
            'TEST from sn-aws-verify: checks that AWS SNS can deliver to this ServiceNow endpoint with its API key. Not a real alarm; safe to ignore.',
        AWSAccountId: topic.accountId,
        AlarmConfigurationUpdatedTimestamp: cloudWatchTime(now),
        // OK, not ALARM: the test should land as an event without raising an alert that pages someone.
        NewStateValue: 'OK',
        NewStateReason: 'TEST from sn-aws-verify: no metric was evaluated.',
        StateChangeTime: cloudWatchTime(now),
        Region: topic.region,
        AlarmArn: `arn:${topic.partition}:cloudwatch:${topic.region}:${topic.accountId}:alarm:${TEST_ALARM_NAME}`,
        OldStateValue: 'INSUFFICIENT_DATA',
        OKActions: [topic.arn],
        AlarmActions: [],
        InsufficientDataActions: [],
        Trigger: {
            MetricName: 'sn-aws-verify-test',
            Namespace: 'sn-aws-verify/Test',
            StatisticType: 'Statistic',
            Statistic: 'MAXIMUM',
            Unit: null,
            Dimensions: [],
            Period: 60,
            EvaluationPeriods: 1,
            DatapointsToAlarm: 1,
            ComparisonOperator: 'GreaterThanThreshold',
            Threshold: 0,
            TreatMissingData: 'missing',
            EvaluateLowSampleCountPercentile: '',
        },
    }
}

export function snsTestRequest(topic: TopicArn, now: Date = new Date()): SnsTestRequest {
    const messageId = randomUUID()
    const subscriptionArn = `${topic.arn}:${randomUUID()}`
    const snsHost = topic.partition === 'aws-cn' ? `sns.${topic.region}.amazonaws.com.cn` : `sns.${topic.region}.amazonaws.com`
    const envelope = {
        Type: 'Notification',
        MessageId: messageId,
        TopicArn: topic.arn,
        Subject: `OK: "${TEST_ALARM_NAME}" in ${topic.region}`,
        Message: JSON.stringify(cloudWatchTestAlarm(topic, now)),
        Timestamp: now.toISOString(),
        SignatureVersion: '2',
        Signature: randomBytes(256).toString('base64'),
        SigningCertURL: `https://${snsHost}/SimpleNotificationService-sn-aws-verify-test.pem`,
        UnsubscribeURL: `https://${snsHost}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscriptionArn)}`,
    }
    return {
        messageId,
        subscriptionArn,
        headers: {
            'x-amz-sns-message-type': 'Notification',
            'x-amz-sns-message-id': messageId,
            'x-amz-sns-topic-arn': topic.arn,
            'x-amz-sns-subscription-arn': subscriptionArn,
            'Content-Type': 'text/plain; charset=UTF-8',
            'User-Agent': 'Amazon Simple Notification Service Agent',
        },
        body: JSON.stringify(envelope),
    }
}
