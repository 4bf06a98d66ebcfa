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
const FORM = 'arn:<partition>:sns:<region>:<12-digit account>:<topic name>'

/** `arn:<aws|aws-us-gov|aws-cn>:sns:<region>:<12-digit account>:<name>`; FIFO topics are refused. */
export function parseTopicArn(value: unknown, field?: string): TopicArn {
    const name = field || 'topicArn'
    const text = requireString(value, name)
    if (text === '') throw fieldError(name, 'is empty; give the SNS topic ARN (' + FORM + ')')
    if (hasBlankOrControl(text)) throw fieldError(name, 'contains whitespace or control characters; remove them')
    const parts = text.split(':')
    if (parts.length !== 6 || parts[0] !== 'arn') throw fieldError(name, 'must look like ' + FORM)
    const partition = parts[1]
    const region = parts[3]
    if (PARTITIONS.indexOf(partition) < 0) throw fieldError(name, 'partition must be aws, aws-us-gov or aws-cn')
    if (parts[2] !== 'sns') throw fieldError(name, 'is not an SNS topic ARN (the service part must be sns)')
    if (!REGION.test(region)) throw fieldError(name, 'region must look like us-east-1, us-gov-west-1 or cn-north-1')
    const expected = region.indexOf('us-gov-') === 0 ? 'aws-us-gov' : region.indexOf('cn-') === 0 ? 'aws-cn' : 'aws'
    if (partition !== expected) {
        // Both parts matched strict patterns above, so echoing them is safe.
        throw fieldError(name, 'region ' + region + ' belongs to partition ' + expected + ', not ' + partition)
    }
    if (!ACCOUNT.test(parts[4])) throw fieldError(name, 'account must be exactly 12 digits')
    const topicName = parts[5]
    const isFifo = topicName.length > 5 && topicName.slice(-5) === '.fifo'
    if (!TOPIC_NAME.test(isFifo ? topicName.slice(0, -5) : topicName)) {
        throw fieldError(name, 'topic name must be 1 to 256 letters, digits, hyphens or underscores')
    }
    if (isFifo) {
        throw fieldError(name, 'is a FIFO topic (.fifo); FIFO topics cannot deliver to HTTPS endpoints, use a standard topic')
    }
    return { arn: text, partition: partition, region: region, accountId: parts[4], topicName: topicName }
}

export interface QueueArn {
    arn: string
    partition: string
    region: string
    accountId: string
    queueName: string
}

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/
const QUEUE_FORM = 'arn:<partition>:sqs:<region>:<12-digit account>:<queue name>'

/** `arn:<aws|aws-us-gov|aws-cn>:sqs:<region>:<12-digit account>:<name>`; FIFO queues are refused (a standard topic needs a standard DLQ). */
export function parseQueueArn(value: unknown, field?: string): QueueArn {
    const name = field || 'dlqArn'
    const text = requireString(value, name)
    if (text === '') throw fieldError(name, 'is empty; give the SQS queue ARN (' + QUEUE_FORM + ')')
    if (hasBlankOrControl(text)) throw fieldError(name, 'contains whitespace or control characters; remove them')
    const parts = text.split(':')
    if (parts.length !== 6 || parts[0] !== 'arn') throw fieldError(name, 'must look like ' + QUEUE_FORM)
    if (PARTITIONS.indexOf(parts[1]) < 0) throw fieldError(name, 'partition must be aws, aws-us-gov or aws-cn')
    if (parts[2] !== 'sqs') throw fieldError(name, 'is not an SQS queue ARN (the service part must be sqs)')
    const region = parts[3]
    if (!REGION.test(region)) throw fieldError(name, 'region must look like us-east-1, us-gov-west-1 or cn-north-1')
    if (!ACCOUNT.test(parts[4])) throw fieldError(name, 'account must be exactly 12 digits')
    const queueName = parts[5]
    if (queueName.length > 5 && queueName.slice(-5) === '.fifo') {
        throw fieldError(name, 'is a FIFO queue (.fifo); the dead-letter queue of a standard topic must be a standard queue')
    }
    if (!QUEUE_NAME.test(queueName)) throw fieldError(name, 'queue name must be 1 to 80 letters, digits, hyphens or underscores')
    return { arn: text, partition: parts[1], region: region, accountId: parts[4], queueName: queueName }
}
