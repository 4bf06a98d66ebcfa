// SNS topic and SQS queue (dead-letter queue) ARN rules. Pure (Rhino and Node). Only short, validated parts are
// echoed in messages. One module for both, so the instance gets no extra server module.
import { fieldError, hasBlankOrControl, requireString } from './url-rules.ts'

export interface TopicArn {
    arn: string
    partition: string
    region: string
    accountId: string
    topicName: string
}

const PARTITIONS = ['aws', 'aws-us-gov', 'aws-cn']
const REGION = /^[a-z]{2}(?:-[a-z]+){1,2}-[0-9]{1,2}$/
const ACCOUNT = /^[0-9]{12}$/
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/
const FORM = 'arn:<partition>:sns:<region>:<12-digit account>:<topic name>'
const QUEUE_FORM = 'arn:<partition>:sqs:<region>:<12-digit account>:<queue name>'

interface ArnParts {
    text: string
    partition: string
    region: string
    accountId: string
    resource: string
}

/** The checks every ARN of this app shares: `arn:<partition>:<service>:<region>:<12-digit account>:<name>`. */
function parseArnParts(value: unknown, name: string, service: 'sns' | 'sqs', what: string, form: string): ArnParts {
    const text = requireString(value, name)
    if (text === '') throw fieldError(name, 'is empty; give the ' + what + ' (' + form + ')')
    if (hasBlankOrControl(text)) throw fieldError(name, 'contains whitespace or control characters; remove them')
    const parts = text.split(':')
    if (parts.length !== 6 || parts[0] !== 'arn') throw fieldError(name, 'must look like ' + form)
    const partition = parts[1]
    const region = parts[3]
    if (PARTITIONS.indexOf(partition) < 0) throw fieldError(name, 'partition must be aws, aws-us-gov or aws-cn')
    if (parts[2] !== service) throw fieldError(name, 'is not an ' + what + ' (the service part must be ' + service + ')')
    if (!REGION.test(region)) throw fieldError(name, 'region must look like us-east-1, us-gov-west-1 or cn-north-1')
    const expected = region.indexOf('us-gov-') === 0 ? 'aws-us-gov' : region.indexOf('cn-') === 0 ? 'aws-cn' : 'aws'
    if (partition !== expected) {
        // Both parts matched strict patterns above, so echoing them is safe.
        throw fieldError(name, 'region ' + region + ' belongs to partition ' + expected + ', not ' + partition)
    }
    if (!ACCOUNT.test(parts[4])) throw fieldError(name, 'account must be exactly 12 digits')
    return { text, partition, region, accountId: parts[4], resource: parts[5] }
}

/** `arn:<aws|aws-us-gov|aws-cn>:sns:<region>:<12-digit account>:<name>`; FIFO topics are refused. */
export function parseTopicArn(value: unknown, field?: string): TopicArn {
    const name = field || 'topicArn'
    const arn = parseArnParts(value, name, 'sns', 'SNS topic ARN', FORM)
    const topicName = arn.resource
    const isFifo = topicName.length > 5 && topicName.slice(-5) === '.fifo'
    if (!TOPIC_NAME.test(isFifo ? topicName.slice(0, -5) : topicName)) {
        throw fieldError(name, 'topic name must be 1 to 256 letters, digits, hyphens or underscores')
    }
    if (isFifo) {
        throw fieldError(name, 'is a FIFO topic (.fifo); FIFO topics cannot deliver to HTTPS endpoints, use a standard topic')
    }
    return { arn: arn.text, partition: arn.partition, region: arn.region, accountId: arn.accountId, topicName: topicName }
}

export interface QueueArn {
    arn: string
    partition: string
    region: string
    accountId: string
    queueName: string
}

/** `arn:<aws|aws-us-gov|aws-cn>:sqs:<region>:<12-digit account>:<name>`; FIFO queues are refused (a standard topic needs a standard DLQ). */
export function parseQueueArn(value: unknown, field?: string): QueueArn {
    const name = field || 'dlqArn'
    const arn = parseArnParts(value, name, 'sqs', 'SQS queue ARN', QUEUE_FORM)
    const queueName = arn.resource
    if (queueName.length > 5 && queueName.slice(-5) === '.fifo') {
        throw fieldError(name, 'is a FIFO queue (.fifo); the dead-letter queue of a standard topic must be a standard queue')
    }
    if (!QUEUE_NAME.test(queueName)) throw fieldError(name, 'queue name must be 1 to 80 letters, digits, hyphens or underscores')
    return { arn: arn.text, partition: arn.partition, region: arn.region, accountId: arn.accountId, queueName: queueName }
}
