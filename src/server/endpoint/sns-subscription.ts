// Ready-to-run SNS subscription snippets (AWS CLI line, CloudFormation YAML) for a validated endpoint.
// Pure (Rhino and Node).
import { parseAwsEndpoint } from './endpoint-url.ts'
import { parseTopicArn } from './topic-arn.ts'

export interface SubscriptionInput {
    topicArn: string
    endpoint: string
}

/** One POSIX-shell word: single quotes, with each ' written as '\'' so nothing inside is expanded. */
export function quoteShellArg(value: string): string {
    return "'" + String(value).split("'").join("'\\''") + "'"
}

/** YAML single-quoted scalar: the only escape is '' for '. Valid for one-line values. */
export function quoteYamlSingle(value: string): string {
    return "'" + String(value).split("'").join("''") + "'"
}

function checkedInput(input: SubscriptionInput): { arn: string; endpoint: string } {
    if (!input || typeof input !== 'object') throw new Error('expected an object { topicArn, endpoint }')
    const arn = parseTopicArn(input.topicArn, 'topicArn').arn
    // Validated as a whole, then used byte for byte.
    parseAwsEndpoint(input.endpoint)
    return { arn: arn, endpoint: input.endpoint }
}

export function awsSubscribeCommand(input: SubscriptionInput): string {
    const checked = checkedInput(input)
    return (
        'aws sns subscribe --topic-arn ' +
        quoteShellArg(checked.arn) +
        ' --protocol https --notification-endpoint ' +
        quoteShellArg(checked.endpoint)
    )
}

// Retries apply only to 5xx/429 and network failures (a 401 is never retried). Every retry waits at most
// maxDelayTarget, so numRetries * maxDelayTarget = 3600 s bounds the total by SNS's 3600 s limit.
export const DELIVERY_POLICY = {
    healthyRetryPolicy: {
        numRetries: 12,
        numNoDelayRetries: 0,
        numMinDelayRetries: 2,
        numMaxDelayRetries: 4,
        minDelayTarget: 20,
        maxDelayTarget: 300,
        backoffFunction: 'exponential',
    },
    throttlePolicy: { maxReceivesPerSecond: 10 },
}

export function cloudFormationSubscription(input: SubscriptionInput): string {
    const checked = checkedInput(input)
    const retry = DELIVERY_POLICY.healthyRetryPolicy
    const lines = [
        '# SNS subscription that delivers CloudWatch alarms to ServiceNow Event Management.',
        '# SECRET: the Endpoint below contains the ServiceNow API key (x-sn-apikey). Keep this template out of',
        '# source control and shared buckets; anyone who can read the subscription attributes can read the key.',
        '# A subscription cannot be edited: Endpoint is immutable. For a new key create a new subscription,',
        '# wait until it is Confirmed, then delete the old one.',
        '# RawMessageDelivery must stay false: the ServiceNow AWS connector needs the SNS envelope.',
        "AWSTemplateFormatVersion: '2010-09-09'",
        'Resources:',
        '  ServiceNowEventManagementSubscription:',
        '    Type: AWS::SNS::Subscription',
        '    Properties:',
        '      Protocol: https',
        '      TopicArn: ' + quoteYamlSingle(checked.arn),
        '      Endpoint: ' + quoteYamlSingle(checked.endpoint),
        '      RawMessageDelivery: false',
        '      DeliveryPolicy:',
        '        healthyRetryPolicy:',
        '          numRetries: ' + retry.numRetries,
        '          numNoDelayRetries: ' + retry.numNoDelayRetries,
        '          numMinDelayRetries: ' + retry.numMinDelayRetries,
        '          numMaxDelayRetries: ' + retry.numMaxDelayRetries,
        '          minDelayTarget: ' + retry.minDelayTarget,
        '          maxDelayTarget: ' + retry.maxDelayTarget,
        '          backoffFunction: ' + retry.backoffFunction,
        '        throttlePolicy:',
        '          maxReceivesPerSecond: ' + DELIVERY_POLICY.throttlePolicy.maxReceivesPerSecond,
    ]
    return lines.join('\n') + '\n'
}
