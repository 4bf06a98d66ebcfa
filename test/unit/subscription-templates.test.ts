// The CloudFormation template checked against the AWS resource specification (@aws-cdk/aws-service-spec), the
// Terraform configuration parsed by HashiCorp's HCL parser (@cdktf/hcl2json), and the aws CLI line with a DLQ.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { parse as parseHcl } from '@cdktf/hcl2json'
import {
    DELIVERY_POLICY,
    awsSubscribeCommand,
    cloudFormationSubscription,
    formatAwsEndpoint,
    parseQueueArn,
    terraformSubscription,
} from '../../src/server/endpoint/aws-endpoint.ts'
import { buildReveal } from '../../src/server/keys/reveal.ts'
import { checkCloudFormationTemplate } from '../support/cfn-template-check.ts'

const KEY = 'now_CANARY_template_123'
const SYS_ID = '0123456789abcdef0123456789abcdef'
const ARN = 'arn:aws:sns:eu-west-1:123456789012:cloudwatch-alarms'
const DLQ = 'arn:aws:sqs:eu-west-1:123456789012:servicenow-dlq'
const endpoint = formatAwsEndpoint({ instance: 'dev12345', source: 'AWS', connectorSysId: SYS_ID, apiKey: KEY })

// js-yaml 4 (a pinned devDependency) ships no types of its own; see test/ci/workflows.test.ts.
const loadYaml = (createRequire(__filename)('js-yaml') as { load(text: string): unknown }).load

type Doc = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

function shellArgs(line: string): string[] {
    const res = spawnSync('/bin/sh', ['-c', `aws() { printf '%s\\0' "$@"; }\n${line}`], { encoding: 'utf8' })
    expect(res.status).toBe(0)
    return res.stdout.split('\0').slice(0, -1)
}

function messageOf(fn: () => unknown): string {
    try {
        fn()
    } catch (err) {
        return (err as Error).message
    }
    throw new Error('expected a throw')
}

describe('CloudFormation template against the AWS resource specification', () => {
    const template = loadYaml(cloudFormationSubscription({ topicArn: ARN, endpoint })) as Doc

    it('passes the specification check', () => {
        expect(checkCloudFormationTemplate(template)).toEqual([])
    })

    it('the checker catches what the spec forbids (so the pass above means something)', () => {
        const broken = JSON.parse(JSON.stringify(template)) as Doc
        const sub = broken.Resources.ServiceNowEventManagementSubscription
        sub.Properties.RawMessageDelivery = 'no'
        sub.Properties.Endpiont = 'typo'
        delete sub.Properties.Protocol
        broken.Resources.ServiceNowDeadLetterQueue.Properties.MessageRetentionPeriod = '14 days'
        broken.Resources.ServiceNowDeadLetterQueuePolicy.Properties.Queues = 'q'
        broken.Resources.ServiceNowDeadLetterQueuePolicy.Properties.PolicyDocument.Statement[0].Resource = { 'Fn::GetAtt': ['ServiceNowDeadLetterQueue', 'Nope'] }
        broken.Resources.Extra = { Type: 'AWS::SNS::Subscripton' }
        const errors = checkCloudFormationTemplate(broken)
        expect(errors).toStrictEqual([
            'Resources.ServiceNowDeadLetterQueue.Properties.MessageRetentionPeriod: expected an integer',
            'Resources.ServiceNowDeadLetterQueuePolicy.Properties.Queues: expected a list',
            'Resources.ServiceNowDeadLetterQueuePolicy.Properties.PolicyDocument.Statement[0].Resource: AWS::SQS::Queue has no attribute Nope',
            'Resources.ServiceNowEventManagementSubscription.Properties.RawMessageDelivery: expected a boolean',
            'Resources.ServiceNowEventManagementSubscription.Properties: unknown property Endpiont',
            'Resources.ServiceNowEventManagementSubscription.Properties: required property Protocol is missing',
            'Resources.Extra: unknown resource type AWS::SNS::Subscripton',
        ])
    })

    it('takes the endpoint as a NoEcho parameter and never inlines it', () => {
        expect(template.Parameters.ServiceNowEndpoint).toStrictEqual({
            Type: 'String',
            NoEcho: true,
            Description: 'The ServiceNow endpoint URL shown once by the app (it contains the API key)',
            AllowedPattern: '^https://[^\\s]+/api/sn_em_connector/em/inbound_event[?][^\\s]+$',
            ConstraintDescription: 'must be the https endpoint shown by the ServiceNow app',
        })
        expect(template.Resources.ServiceNowEventManagementSubscription.Properties.Endpoint).toEqual({ Ref: 'ServiceNowEndpoint' })
        expect(JSON.stringify(template)).not.toContain('CANARY')
        // The AllowedPattern accepts a real endpoint and refuses a plain URL.
        const pattern = new RegExp(template.Parameters.ServiceNowEndpoint.AllowedPattern)
        expect(pattern.test(endpoint)).toBe(true)
        expect(pattern.test('https://dev12345.service-now.com/')).toBe(false)
        expect(template.Parameters.TopicArn.Default).toBe(ARN)
    })

    it('creates the DLQ with a policy that lets only this topic send, and wires the subscription to it', () => {
        const queue = template.Resources.ServiceNowDeadLetterQueue
        expect(queue.Type).toBe('AWS::SQS::Queue')
        expect(queue.Properties.MessageRetentionPeriod).toBe(1209600)
        const policy = template.Resources.ServiceNowDeadLetterQueuePolicy
        expect(policy.Type).toBe('AWS::SQS::QueuePolicy')
        expect(policy.Properties.Queues).toEqual([{ Ref: 'ServiceNowDeadLetterQueue' }])
        expect(policy.Properties.PolicyDocument.Statement).toEqual([
            {
                Sid: 'AllowSnsToSendFailedDeliveries',
                Effect: 'Allow',
                Principal: { Service: 'sns.amazonaws.com' },
                Action: 'sqs:SendMessage',
                Resource: { 'Fn::GetAtt': ['ServiceNowDeadLetterQueue', 'Arn'] },
                Condition: { ArnEquals: { 'aws:SourceArn': { Ref: 'TopicArn' } } },
            },
        ])
        const sub = template.Resources.ServiceNowEventManagementSubscription
        expect(sub.Type).toBe('AWS::SNS::Subscription')
        expect(sub.DependsOn).toBe('ServiceNowDeadLetterQueuePolicy')
        expect(sub.Properties).toStrictEqual({
            Protocol: 'https',
            TopicArn: { Ref: 'TopicArn' },
            Endpoint: { Ref: 'ServiceNowEndpoint' },
            RawMessageDelivery: false,
            RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['ServiceNowDeadLetterQueue', 'Arn'] } },
            DeliveryPolicy: DELIVERY_POLICY,
        })
    })

    it('keeps the retry policy within the 3600 s SNS limit', () => {
        const retry = template.Resources.ServiceNowEventManagementSubscription.Properties.DeliveryPolicy.healthyRetryPolicy
        expect(retry.backoffFunction).toMatch(/^(linear|arithmetic|geometric|exponential)$/)
        expect(retry.minDelayTarget).toBeGreaterThanOrEqual(1)
        expect(retry.minDelayTarget).toBeLessThanOrEqual(retry.maxDelayTarget)
        expect(retry.numNoDelayRetries + retry.numMinDelayRetries + retry.numMaxDelayRetries).toBeLessThanOrEqual(retry.numRetries)
        // Every retry waits at most maxDelayTarget, so this bounds the total policy time.
        expect(retry.numRetries * retry.maxDelayTarget).toBeLessThanOrEqual(3600)
    })

    it('quotes a topic ARN default so YAML reads it back exactly', () => {
        const gov = 'arn:aws-us-gov:sns:us-gov-west-1:123456789012:a_b-c'
        const t = loadYaml(cloudFormationSubscription({ topicArn: gov })) as Doc
        expect(t.Parameters.TopicArn.Default).toBe(gov)
        expect(checkCloudFormationTemplate(t)).toEqual([])
    })
})

describe('Terraform configuration through the HCL parser', () => {
    const hcl = terraformSubscription({ topicArn: ARN, endpoint })

    /** jsonencode(<object>) parsed again as HCL, references left as "${...}" strings. */
    async function jsonencodeArgument(expression: string): Promise<Doc> {
        const m = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(expression)
        expect(m).not.toBeNull()
        const parsed = (await parseHcl('arg.tf', `value = ${(m as RegExpExecArray)[1]}\n`)) as Doc
        return parsed.value
    }

    it('parses, and holds a sensitive endpoint variable but never the endpoint', async () => {
        const doc = (await parseHcl('servicenow.tf', hcl)) as Doc
        expect(doc.variable.servicenow_endpoint).toStrictEqual([{ description: 'The ServiceNow endpoint URL shown once by the app (it contains the API key)', type: '${string}', sensitive: true }])
        expect(doc.variable.topic_arn[0].default).toBe(ARN)
        expect(hcl).not.toContain('CANARY')
        expect(hcl).not.toContain('x-sn-apikey=')
    })

    it('subscribes over https with raw delivery off, the redrive and delivery policies and the DLQ', async () => {
        const doc = (await parseHcl('servicenow.tf', hcl)) as Doc
        const [sub] = doc.resource.aws_sns_topic_subscription.servicenow
        const { redrive_policy: redrive, delivery_policy: delivery, ...plain } = sub
        expect(plain).toStrictEqual({
            topic_arn: '${var.topic_arn}',
            protocol: 'https',
            endpoint: '${var.servicenow_endpoint}',
            raw_message_delivery: false,
            endpoint_auto_confirms: true,
            depends_on: ['${aws_sqs_queue_policy.servicenow_dlq}'],
        })
        expect(await jsonencodeArgument(redrive)).toStrictEqual({ deadLetterTargetArn: '${aws_sqs_queue.servicenow_dlq.arn}' })
        expect(await jsonencodeArgument(delivery)).toStrictEqual(DELIVERY_POLICY)
        const [queue] = doc.resource.aws_sqs_queue.servicenow_dlq
        expect(queue.message_retention_seconds).toBe(1209600)
        const [policy] = doc.resource.aws_sqs_queue_policy.servicenow_dlq
        expect(policy.queue_url).toBe('${aws_sqs_queue.servicenow_dlq.id}')
        expect(await jsonencodeArgument(policy.policy)).toEqual({
            Version: '2012-10-17',
            Statement: [
                {
                    Sid: 'AllowSnsToSendFailedDeliveries',
                    Effect: 'Allow',
                    Principal: { Service: 'sns.amazonaws.com' },
                    Action: 'sqs:SendMessage',
                    Resource: '${aws_sqs_queue.servicenow_dlq.arn}',
                    Condition: { ArnEquals: { 'aws:SourceArn': '${var.topic_arn}' } },
                },
            ],
        })
    })

    it('the parser rejects broken HCL (so the parse above means something)', async () => {
        await expect(parseHcl('broken.tf', hcl.replace('resource "aws_sqs_queue" "servicenow_dlq" {', 'resource "aws_sqs_queue" "servicenow_dlq" {{'))).rejects.toThrow(/servicenow|broken\.tf/)
    })
})

describe('aws sns subscribe with a dead-letter queue', () => {
    it('adds --attributes with RedrivePolicy, as one shell word holding JSON whose value is JSON', () => {
        const line = awsSubscribeCommand({ topicArn: ARN, endpoint, dlqArn: DLQ })
        const args = shellArgs(line)
        expect(args.slice(0, 7)).toEqual(['sns', 'subscribe', '--topic-arn', ARN, '--protocol', 'https', '--notification-endpoint'])
        expect(args[7]).toBe(endpoint)
        expect(args[8]).toBe('--attributes')
        const attributes = JSON.parse(args[9])
        expect(Object.keys(attributes)).toEqual(['RedrivePolicy'])
        expect(JSON.parse(attributes.RedrivePolicy)).toEqual({ deadLetterTargetArn: DLQ })
        expect(args).toHaveLength(10)
    })

    it('leaves the line as before without a DLQ, and needs the endpoint', () => {
        expect(awsSubscribeCommand({ topicArn: ARN, endpoint })).not.toContain('--attributes')
        expect(messageOf(() => awsSubscribeCommand({ topicArn: ARN }))).toBe('endpoint: is required for the aws sns subscribe line')
    })

    it.each([
        ['arn:aws:sqs:us-east-1:123456789012:servicenow-dlq', /same account and region/],
        ['arn:aws:sqs:eu-west-1:999999999999:servicenow-dlq', /same account and region/],
        ['arn:aws:sqs:eu-west-1:123456789012:q.fifo', /FIFO queue/],
        ['arn:aws:sns:eu-west-1:123456789012:q', /service part must be sqs/],
        ['arn:aws:sqs:eu-west-1:123456789012:bad name', /whitespace/],
        ['arn:aws:sqs:eu-west-1:123456789012:', /queue name must be 1 to 80/],
    ])('refuses dlqArn %s with a message naming the field', (dlqArn, expected) => {
        for (const fn of [awsSubscribeCommand, cloudFormationSubscription, terraformSubscription]) {
            const message = messageOf(() => fn({ topicArn: ARN, endpoint, dlqArn }))
            expect(message.startsWith('dlqArn: ')).toBe(true)
            expect(message).toMatch(expected)
            expect(message).not.toContain('CANARY')
        }
    })

    it('parses a queue ARN into its parts', () => {
        expect(parseQueueArn(DLQ)).toEqual({ arn: DLQ, partition: 'aws', region: 'eu-west-1', accountId: '123456789012', queueName: 'servicenow-dlq' })
    })

    it('applies the topic ARN rules to queue ARNs too: service, region and partition must agree', () => {
        expect(() => parseQueueArn('arn:aws:sns:eu-west-1:123456789012:q')).toThrow(/^dlqArn: is not an SQS queue ARN \(the service part must be sqs\)/)
        expect(() => parseQueueArn('arn:aws:sqs:cn-north-1:123456789012:q')).toThrow(/region cn-north-1 belongs to partition aws-cn, not aws/)
        expect(() => parseQueueArn('arn:aws:sqs:eu-west-1:1234:q')).toThrow(/account must be exactly 12 digits/)
    })
})

describe('the reveal carries the snippets', () => {
    it('puts the key only in the endpoint and the aws CLI line, never in the CloudFormation or Terraform snippet', () => {
        const reveal = buildReveal({
            instance: 'dev12345', source: 'AWS', connectorSysId: SYS_ID, token: KEY, topicArn: ARN, keySysId: 'k', keyName: 'n',
            expires: '2027-01-01', endpointSysId: 'e', strategy: 'token_auth_client', rotation: false, graceDays: 7,
        })
        expect(reveal.endpoint).toBe(endpoint)
        expect(reveal.subscribeCommand).toContain(KEY)
        expect(reveal.cloudFormation).toBe(cloudFormationSubscription({ topicArn: ARN }))
        expect(reveal.terraform).toBe(terraformSubscription({ topicArn: ARN }))
        expect(reveal.cloudFormation + reveal.terraform).not.toContain('CANARY')
    })
})
