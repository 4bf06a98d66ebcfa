// The request SNS makes for one CloudWatch alarm notification (headers and envelope), clearly marked as a test.
// The shape is the one the instance's probe sends too (src/server/probe/test-alarm.ts); this adds a fresh id.
import { randomUUID } from 'node:crypto'
import type { TopicArn } from '../server/endpoint/aws-endpoint.ts'
import { cloudWatchTestAlarm as alarmFor, testAlarmRequest } from '../server/probe/test-alarm.ts'

export const TEST_ALARM_NAME = 'sn-aws-verify TEST - safe to ignore'
const DESCRIPTION = 'TEST from sn-aws-verify: checks that AWS SNS can deliver to this ServiceNow endpoint with its API key. Not a real alarm; safe to ignore.'

export interface SnsTestRequest {
    messageId: string
    subscriptionArn: string
    headers: { [name: string]: string }
    body: string
}

export function cloudWatchTestAlarm(topic: TopicArn, now: Date): Record<string, unknown> {
    return alarmFor({ alarmName: TEST_ALARM_NAME, description: DESCRIPTION, isoTime: now.toISOString(), topicArn: topic.arn })
}

export function snsTestRequest(topic: TopicArn, now: Date = new Date()): SnsTestRequest {
    const messageId = randomUUID()
    const request = testAlarmRequest({ alarmName: TEST_ALARM_NAME, description: DESCRIPTION, messageId, isoTime: now.toISOString(), topicArn: topic.arn })
    return { messageId, subscriptionArn: request.headers['x-amz-sns-subscription-arn'], headers: request.headers, body: request.body }
}
