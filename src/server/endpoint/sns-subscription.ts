// Ready-to-run SNS subscription snippets: the `aws sns subscribe` line, a CloudFormation template and a Terraform
// configuration. Pure (Rhino and Node). The templates never contain the endpoint: it holds the API key, so it is a
// NoEcho parameter (CloudFormation) or a sensitive variable (Terraform) that the admin supplies at deploy time.
import { parseAwsEndpoint } from './endpoint-url.ts'
import { parseQueueArn, parseTopicArn, type TopicArn } from './topic-arn.ts'
import { fieldError } from './url-rules.ts'

export interface SubscriptionInput {
    topicArn: string
    /** The full endpoint (key included). Needed only by the aws CLI line; templates take it as a secret parameter. */
    endpoint?: string
    /** An existing SQS dead-letter queue, for the aws CLI line. The templates create their own queue. */
    dlqArn?: string
}

/** One POSIX-shell word: single quotes, with each ' written as '\'' so nothing inside is expanded. */
export function quoteShellArg(value: string): string {
    return "'" + String(value).split("'").join("'\\''") + "'"
}

/** YAML single-quoted scalar: the only escape is '' for '. Valid for one-line values. */
export function quoteYamlSingle(value: string): string {
    return "'" + String(value).split("'").join("''") + "'"
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

// 14 days, the SQS maximum: time to notice the failure, rotate the key and replay.
export const DLQ_RETENTION_SECONDS = 1209600
export const ENDPOINT_PARAMETER = 'ServiceNowEndpoint'
export const TOPIC_PARAMETER = 'TopicArn'
export const TERRAFORM_ENDPOINT_VARIABLE = 'servicenow_endpoint'
export const TERRAFORM_TOPIC_VARIABLE = 'topic_arn'
const DLQ_SID = 'AllowSnsToSendFailedDeliveries'

interface CheckedInput {
    topic: TopicArn
    endpoint: string | null
    dlqArn: string | null
}

function checkedInput(input: SubscriptionInput): CheckedInput {
    if (!input || typeof input !== 'object') throw new Error('expected an object { topicArn, endpoint?, dlqArn? }')
    const topic = parseTopicArn(input.topicArn, 'topicArn')
    let endpoint: string | null = null
    if (input.endpoint !== undefined && input.endpoint !== null) {
        // Validated as a whole, then used byte for byte.
        parseAwsEndpoint(input.endpoint)
        endpoint = input.endpoint
    }
    let dlqArn: string | null = null
    if (input.dlqArn !== undefined && input.dlqArn !== null && input.dlqArn !== '') {
        const queue = parseQueueArn(input.dlqArn, 'dlqArn')
        // SNS refuses a dead-letter queue in another account or region (SNS developer guide, dead-letter queues).
        if (queue.accountId !== topic.accountId || queue.region !== topic.region || queue.partition !== topic.partition) {
            throw fieldError('dlqArn', 'must be in the same account and region as the topic (' + topic.accountId + ', ' + topic.region + ')')
        }
        dlqArn = queue.arn
    }
    return { topic: topic, endpoint: endpoint, dlqArn: dlqArn }
}

/** The RedrivePolicy subscription attribute: a JSON string naming the dead-letter queue. */
export function redrivePolicyJson(dlqArn: string): string {
    return JSON.stringify({ deadLetterTargetArn: dlqArn })
}

export function awsSubscribeCommand(input: SubscriptionInput): string {
    const checked = checkedInput(input)
    if (checked.endpoint === null) throw fieldError('endpoint', 'is required for the aws sns subscribe line')
    let line =
        'aws sns subscribe --topic-arn ' +
        quoteShellArg(checked.topic.arn) +
        ' --protocol https --notification-endpoint ' +
        quoteShellArg(checked.endpoint)
    if (checked.dlqArn !== null) {
        // --attributes takes a JSON map of string values; RedrivePolicy's value is itself JSON text.
        line += ' --attributes ' + quoteShellArg(JSON.stringify({ RedrivePolicy: redrivePolicyJson(checked.dlqArn) }))
    }
    return line
}

function deliveryPolicyYaml(indent: string): string[] {
    const retry = DELIVERY_POLICY.healthyRetryPolicy
    return [
        indent + 'healthyRetryPolicy:',
        indent + '  numRetries: ' + retry.numRetries,
        indent + '  numNoDelayRetries: ' + retry.numNoDelayRetries,
        indent + '  numMinDelayRetries: ' + retry.numMinDelayRetries,
        indent + '  numMaxDelayRetries: ' + retry.numMaxDelayRetries,
        indent + '  minDelayTarget: ' + retry.minDelayTarget,
        indent + '  maxDelayTarget: ' + retry.maxDelayTarget,
        indent + '  backoffFunction: ' + retry.backoffFunction,
        indent + 'throttlePolicy:',
        indent + '  maxReceivesPerSecond: ' + DELIVERY_POLICY.throttlePolicy.maxReceivesPerSecond,
    ]
}

/**
 * CloudFormation YAML (long-form intrinsics, so any YAML parser reads it): the endpoint as a NoEcho parameter, an
 * SQS dead-letter queue with a policy that lets only this topic's SNS deliveries in, and the subscription with
 * RedrivePolicy, DeliveryPolicy and RawMessageDelivery false.
 */
export function cloudFormationSubscription(input: SubscriptionInput): string {
    const checked = checkedInput(input)
    const lines = [
        '# SNS subscription that delivers CloudWatch alarms to ServiceNow Event Management, with a dead-letter queue.',
        '# The endpoint contains the ServiceNow API key (x-sn-apikey), so it is a NoEcho parameter and never part of',
        '# this template. Supply it at deploy time from a file only you can read, for example a parameters file',
        '# (chmod 600) passed as --parameters file://params.json, never typed on a command line.',
        '# A subscription cannot be edited: Endpoint is immutable. For a new key deploy a new stack (or change the',
        '# parameter, which replaces the subscription), wait until it is Confirmed, then delete the old one.',
        '# RawMessageDelivery must stay false: the ServiceNow AWS connector needs the SNS envelope.',
        '# SNS does not retry a 401 (expired or revoked key): such alarms wait in the dead-letter queue for',
        '# `sn-aws-verify replay` after the key is rotated.',
        "AWSTemplateFormatVersion: '2010-09-09'",
        'Description: SNS subscription delivering CloudWatch alarms to ServiceNow Event Management, with a dead-letter queue',
        'Parameters:',
        '  ' + ENDPOINT_PARAMETER + ':',
        '    Type: String',
        '    NoEcho: true',
        '    Description: The ServiceNow endpoint URL shown once by the app (it contains the API key)',
        "    AllowedPattern: '^https://[^\\s]+/api/sn_em_connector/em/inbound_event[?][^\\s]+$'",
        '    ConstraintDescription: must be the https endpoint shown by the ServiceNow app',
        '  ' + TOPIC_PARAMETER + ':',
        '    Type: String',
        '    Description: The standard SNS topic the CloudWatch alarms publish to',
        '    Default: ' + quoteYamlSingle(checked.topic.arn),
        "    AllowedPattern: '^arn:aws(-us-gov|-cn)?:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$'",
        'Resources:',
        '  ServiceNowDeadLetterQueue:',
        '    Type: AWS::SQS::Queue',
        '    Properties:',
        '      MessageRetentionPeriod: ' + DLQ_RETENTION_SECONDS,
        '  ServiceNowDeadLetterQueuePolicy:',
        '    Type: AWS::SQS::QueuePolicy',
        '    Properties:',
        '      Queues:',
        '        - Ref: ServiceNowDeadLetterQueue',
        '      PolicyDocument:',
        "        Version: '2012-10-17'",
        '        Statement:',
        '          - Sid: ' + DLQ_SID,
        '            Effect: Allow',
        '            Principal:',
        '              Service: sns.amazonaws.com',
        '            Action: sqs:SendMessage',
        '            Resource:',
        '              Fn::GetAtt: [ServiceNowDeadLetterQueue, Arn]',
        '            Condition:',
        '              ArnEquals:',
        '                aws:SourceArn:',
        '                  Ref: ' + TOPIC_PARAMETER,
        '  ServiceNowEventManagementSubscription:',
        '    Type: AWS::SNS::Subscription',
        '    DependsOn: ServiceNowDeadLetterQueuePolicy',
        '    Properties:',
        '      Protocol: https',
        '      TopicArn:',
        '        Ref: ' + TOPIC_PARAMETER,
        '      Endpoint:',
        '        Ref: ' + ENDPOINT_PARAMETER,
        '      RawMessageDelivery: false',
        '      RedrivePolicy:',
        '        deadLetterTargetArn:',
        '          Fn::GetAtt: [ServiceNowDeadLetterQueue, Arn]',
        '      DeliveryPolicy:',
    ]
        .concat(deliveryPolicyYaml('        '))
        .concat([
            'Outputs:',
            '  DeadLetterQueueUrl:',
            '    Description: Give this to sn-aws-verify replay --queue-url after rotating the key',
            '    Value:',
            '      Ref: ServiceNowDeadLetterQueue',
            '  DeadLetterQueueArn:',
            '    Value:',
            '      Fn::GetAtt: [ServiceNowDeadLetterQueue, Arn]',
        ])
    return lines.join('\n') + '\n'
}

function hclString(value: string): string {
    // HCL quoted strings use JSON-style escapes, plus ${ and %{ which start templates.
    return JSON.stringify(value).split('${').join('$${').split('%{').join('%%{')
}

function hclKey(key: string): string {
    return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : hclString(key)
}

/** A plain value (object, array, string, number, boolean) as an HCL expression, for jsonencode(). */
export function hclValue(value: unknown, indent: string): string {
    if (typeof value === 'string') return hclString(value)
    if (typeof value === 'number' || typeof value === 'boolean') return String(value)
    const inner = indent + '  '
    if (value instanceof Array) {
        if (value.length === 0) return '[]'
        return '[\n' + value.map((v) => inner + hclValue(v, inner)).join(',\n') + ',\n' + indent + ']'
    }
    if (value && typeof value === 'object') {
        const obj = value as { [key: string]: unknown }
        const keys = Object.keys(obj)
        if (keys.length === 0) return '{}'
        return '{\n' + keys.map((k) => inner + hclKey(k) + ' = ' + hclValue(obj[k], inner)).join('\n') + '\n' + indent + '}'
    }
    throw new Error('hclValue: unsupported value')
}

/**
 * Terraform (hashicorp/aws provider): the endpoint as a sensitive variable, the SQS dead-letter queue and its
 * policy, and an aws_sns_topic_subscription with redrive_policy, delivery_policy and raw_message_delivery false.
 */
export function terraformSubscription(input: SubscriptionInput): string {
    const checked = checkedInput(input)
    const queuePolicy = {
        Version: '2012-10-17',
        Statement: [
            {
                Sid: DLQ_SID,
                Effect: 'Allow',
                Principal: { Service: 'sns.amazonaws.com' },
                Action: 'sqs:SendMessage',
                Resource: '@QUEUE_ARN@',
                Condition: { ArnEquals: { 'aws:SourceArn': '@TOPIC_ARN@' } },
            },
        ],
    }
    // References are expressions, not strings: swap the placeholders after rendering.
    const policyHcl = hclValue(queuePolicy, '  ')
        .split('"@QUEUE_ARN@"')
        .join('aws_sqs_queue.servicenow_dlq.arn')
        .split('"@TOPIC_ARN@"')
        .join('var.' + TERRAFORM_TOPIC_VARIABLE)
    const lines = [
        '# SNS subscription that delivers CloudWatch alarms to ServiceNow Event Management, with a dead-letter queue.',
        '# The endpoint contains the ServiceNow API key: it is a sensitive variable, never written here. Set it with',
        '# TF_VAR_' + TERRAFORM_ENDPOINT_VARIABLE + ' or a *.tfvars file only you can read. Terraform still keeps it in the',
        '# state, so use an encrypted backend with restricted access.',
        '# The endpoint of a subscription cannot be changed: a new value replaces the subscription. Confirm the new',
        '# one is Confirmed before the old key stops working. raw_message_delivery must stay false.',
        '',
        'variable "' + TERRAFORM_ENDPOINT_VARIABLE + '" {',
        '  description = "The ServiceNow endpoint URL shown once by the app (it contains the API key)"',
        '  type        = string',
        '  sensitive   = true',
        '}',
        '',
        'variable "' + TERRAFORM_TOPIC_VARIABLE + '" {',
        '  description = "The standard SNS topic the CloudWatch alarms publish to"',
        '  type        = string',
        '  default     = ' + hclString(checked.topic.arn),
        '}',
        '',
        'resource "aws_sqs_queue" "servicenow_dlq" {',
        '  name_prefix               = "servicenow-em-dlq-"',
        '  message_retention_seconds = ' + DLQ_RETENTION_SECONDS,
        '}',
        '',
        'resource "aws_sqs_queue_policy" "servicenow_dlq" {',
        '  queue_url = aws_sqs_queue.servicenow_dlq.id',
        '  policy = jsonencode(' + policyHcl + ')',
        '}',
        '',
        'resource "aws_sns_topic_subscription" "servicenow" {',
        '  topic_arn              = var.' + TERRAFORM_TOPIC_VARIABLE,
        '  protocol               = "https"',
        '  endpoint               = var.' + TERRAFORM_ENDPOINT_VARIABLE,
        '  endpoint_auto_confirms = true # the ServiceNow AWS push connector confirms the subscription itself',
        '  raw_message_delivery   = false',
        '  redrive_policy = jsonencode({',
        '    deadLetterTargetArn = aws_sqs_queue.servicenow_dlq.arn',
        '  })',
        '  delivery_policy = jsonencode(' + hclValue(DELIVERY_POLICY, '  ') + ')',
        '  depends_on      = [aws_sqs_queue_policy.servicenow_dlq]',
        '}',
        '',
        'output "dead_letter_queue_url" {',
        '  description = "Give this to sn-aws-verify replay --queue-url after rotating the key"',
        '  value       = aws_sqs_queue.servicenow_dlq.id',
        '}',
    ]
    return lines.join('\n') + '\n'
}
