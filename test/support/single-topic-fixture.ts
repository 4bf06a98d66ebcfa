// The one alarm chain the single-topic CLI suites (doctor, replay, migrate, hostile input, AWS-like limits) work on:
// a CloudWatch alarms topic and its dead-letter queue in one account and region, and the instance host whose
// Event Management endpoint the subscriptions point at. Each suite keeps its own canary keys.
import { formatAwsEndpoint } from '../../src/server/endpoint/aws-endpoint.ts'

export const ACCOUNT = '123456789012'
export const REGION = 'eu-west-1'
export const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:cloudwatch-alarms`
export const DLQ = `arn:aws:sqs:${REGION}:${ACCOUNT}:servicenow-dlq`
export const HOST = 'dev12345.service-now.com'
export const SYS_ID = '0123456789abcdef0123456789abcdef'

/** The push connector endpoint on HOST for `apiKey` (source AWS). */
export const endpointFor = (apiKey: string, sysId = SYS_ID) => formatAwsEndpoint({ instance: 'dev12345', source: 'AWS', connectorSysId: sysId, apiKey })

/** Subscription attributes that send what SNS gives up on to DLQ. */
export const REDRIVE_TO_DLQ = { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ }) }
