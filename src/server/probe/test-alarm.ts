// Pure: the request AWS SNS makes for one CloudWatch alarm notification (E39: text/plain, x-amz-sns-message-type
// Notification, the envelope with the alarm as a JSON string in Message), for an alarm in state OK that says it is
// a test. The alarm name is unique per probe so the resulting em_event can be found. Rhino and Node.

export interface TestAlarmInput {
    /** Unique per probe: the em_event lookup searches for it. */
    alarmName: string
    /** Says who sent the test and that it is safe to ignore. */
    description?: string
    messageId: string
    /** ISO 8601, e.g. 2026-11-23T10:00:00.000Z */
    isoTime: string
    /** The endpoint's topic when known; a clearly fake one otherwise (the connector does not check it). */
    topicArn: string
}

export interface TestAlarmRequest {
    headers: { [name: string]: string }
    body: string
}

export const PROBE_ALARM_PREFIX = 'ServiceNow AWS SNS Event API Keys TEST'
const FALLBACK_TOPIC = 'arn:aws:sns:us-east-1:000000000000:servicenow-api-key-probe'

function topicParts(arn: string): { partition: string; region: string; account: string } {
    const parts = String(arn).split(':')
    return { partition: parts[1] || 'aws', region: parts[3] || 'us-east-1', account: parts[4] || '000000000000' }
}

/** The CloudWatch alarm SNS carries as a JSON string in Message (CloudWatch writes times as ...000+0000). */
export function cloudWatchTestAlarm(input: Omit<TestAlarmInput, 'messageId'>): { [field: string]: unknown } {
    const topicArn = input.topicArn || FALLBACK_TOPIC
    const topic = topicParts(topicArn)
    const cloudWatchTime = input.isoTime.replace('Z', '+0000')
    return {
        AlarmName: input.alarmName,
        AlarmDescription: input.description || 'TEST sent by the AWS SNS Event API Keys app to prove this endpoint accepts alarms. Not a real alarm; safe to ignore.',
        AWSAccountId: topic.account,
        AlarmConfigurationUpdatedTimestamp: cloudWatchTime,
        // OK, not ALARM: the test lands as an event without raising an alert that pages someone.
        NewStateValue: 'OK',
        NewStateReason: 'TEST: no metric was evaluated.',
        StateChangeTime: cloudWatchTime,
        Region: topic.region,
        AlarmArn: `arn:${topic.partition}:cloudwatch:${topic.region}:${topic.account}:alarm:${input.alarmName}`,
        OldStateValue: 'INSUFFICIENT_DATA',
        OKActions: [topicArn],
        AlarmActions: [],
        InsufficientDataActions: [],
        Trigger: {
            MetricName: 'servicenow-api-key-probe',
            Namespace: 'ServiceNow/Test',
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

export function testAlarmRequest(input: TestAlarmInput): TestAlarmRequest {
    const topicArn = input.topicArn || FALLBACK_TOPIC
    const topic = topicParts(topicArn)
    const alarm = cloudWatchTestAlarm(input)
    const snsHost = topic.partition === 'aws-cn' ? `sns.${topic.region}.amazonaws.com.cn` : `sns.${topic.region}.amazonaws.com`
    const subscriptionArn = `${topicArn}:${input.messageId}`
    const envelope = {
        Type: 'Notification',
        MessageId: input.messageId,
        TopicArn: topicArn,
        Subject: `OK: "${input.alarmName}" in ${topic.region}`,
        Message: JSON.stringify(alarm),
        Timestamp: input.isoTime,
        SignatureVersion: '2',
        Signature: 'TEST-not-signed-by-AWS',
        // Filler: nothing here can be signed by AWS, and the connector does not need it to answer.
        SigningCertURL: `https://${snsHost}/SimpleNotificationService-test.pem`,
        UnsubscribeURL: `https://${snsHost}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscriptionArn)}`,
    }
    return {
        headers: {
            'x-amz-sns-message-type': 'Notification',
            'x-amz-sns-message-id': input.messageId,
            'x-amz-sns-topic-arn': topicArn,
            'x-amz-sns-subscription-arn': subscriptionArn,
            'Content-Type': 'text/plain; charset=UTF-8',
            'User-Agent': 'Amazon Simple Notification Service Agent',
        },
        body: JSON.stringify(envelope),
    }
}
