// Pure parts of doctor and replay: IAM policy reading, the DLQ message format, the queue URL, the journal, the
// progress bar and how AWS errors are described.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeAwsError } from '../../src/cli/aws-clients.ts'
import { parseDlqMessage, subscriptionArnOf } from '../../src/cli/dlq-message.ts'
import { doctorExitCode, type Finding } from '../../src/cli/doctor.ts'
import { iamPatternMatches, parsePolicy, policyGrant, policyWithStatement } from '../../src/cli/policy-rules.ts'
import { ProgressBar } from '../../src/cli/progress.ts'
import { queueArnFromUrl } from '../../src/cli/replay.ts'
import { ReplayJournal } from '../../src/cli/replay-journal.ts'

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:alarms'
const SUB = `${TOPIC}:3f1c5c2e-7d54-4d0a-9a43-0a1b2c3d4e5f`

describe('policyGrant', () => {
    const allow = (principal: unknown, action: unknown, extra: object = {}) => ({ Effect: 'Allow', Principal: principal, Action: action, Resource: '*', ...extra })

    it.each([
        [[allow({ Service: 'cloudwatch.amazonaws.com' }, 'sns:Publish')], 'explicit'],
        [[allow({ Service: ['events.amazonaws.com', 'cloudwatch.amazonaws.com'] }, ['SNS:Publish'])], 'explicit'],
        [[allow({ Service: 'cloudwatch.amazonaws.com' }, 'sns:*')], 'explicit'],
        [[allow({ Service: 'cloudwatch.amazonaws.com' }, '*')], 'explicit'],
        [[allow({ AWS: '*' }, 'SNS:Publish')], 'wildcard'],
        [[allow('*', 'sns:Pub*')], 'wildcard'],
        [[allow({ Service: 'events.amazonaws.com' }, 'sns:Publish')], 'none'],
        [[allow({ Service: 'cloudwatch.amazonaws.com' }, 'sns:Subscribe')], 'none'],
        [[allow({ Service: 'cloudwatch.amazonaws.com' }, 'sns:Publish'), { Effect: 'Deny', Principal: '*', Action: 'sns:Publish' }], 'denied'],
        [[], 'none'],
    ])('%j -> %s', (statements, expected) => {
        expect(policyGrant(statements, 'cloudwatch.amazonaws.com', ['sns:Publish'])).toBe(expected)
    })

    it('needs every action: kms:GenerateDataKey* alone is not enough for CloudWatch', () => {
        const onlyGenerate = [allow({ Service: 'cloudwatch.amazonaws.com' }, 'kms:GenerateDataKey*')]
        expect(policyGrant(onlyGenerate, 'cloudwatch.amazonaws.com', ['kms:GenerateDataKey', 'kms:Decrypt'])).toBe('none')
        const both = [allow({ Service: 'cloudwatch.amazonaws.com' }, ['kms:GenerateDataKey*', 'kms:Decrypt'])]
        expect(policyGrant(both, 'cloudwatch.amazonaws.com', ['kms:GenerateDataKey', 'kms:Decrypt'])).toBe('explicit')
    })

    it('checks an aws:SourceArn condition against the source (ArnEquals exact, ArnLike wildcard)', () => {
        const equals = [allow({ Service: 'sns.amazonaws.com' }, 'sqs:SendMessage', { Condition: { ArnEquals: { 'aws:SourceArn': TOPIC } } })]
        expect(policyGrant(equals, 'sns.amazonaws.com', ['sqs:SendMessage'], TOPIC)).toBe('explicit')
        expect(policyGrant(equals, 'sns.amazonaws.com', ['sqs:SendMessage'], `${TOPIC}-other`)).toBe('none')
        const like = [allow({ Service: 'sns.amazonaws.com' }, 'sqs:SendMessage', { Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:123456789012:*' } } })]
        expect(policyGrant(like, 'sns.amazonaws.com', ['sqs:SendMessage'], TOPIC)).toBe('explicit')
        expect(policyGrant(like, 'sns.amazonaws.com', ['sqs:SendMessage'], 'arn:aws:sns:us-east-1:123456789012:alarms')).toBe('none')
    })

    it('matches IAM wildcards case-insensitively without regex injection', () => {
        expect(iamPatternMatches('kms:GenerateDataKey*', 'kms:GenerateDataKeyWithoutPlaintext')).toBe(true)
        expect(iamPatternMatches('SNS:PUBLISH', 'sns:Publish')).toBe(true)
        expect(iamPatternMatches('sns:Pub.ish', 'sns:Publish')).toBe(false)
        expect(iamPatternMatches('sns:Publis?', 'sns:Publish')).toBe(true)
    })

    it('reads a bad policy as null and an absent one as empty', () => {
        expect(parsePolicy('{nope')).toBeNull()
        expect(parsePolicy(undefined)).toEqual([])
        expect(parsePolicy('{"Statement":{"Effect":"Allow"}}')).toEqual([{ Effect: 'Allow' }])
    })

    it('adds a statement, replacing one with the same Sid and keeping the rest', () => {
        const before = JSON.stringify({ Version: '2008-10-17', Id: 'x', Statement: [{ Sid: 'a' }, { Sid: 'b', old: true }] })
        expect(JSON.parse(policyWithStatement(before, { Sid: 'b', new: true }))).toEqual({ Version: '2008-10-17', Id: 'x', Statement: [{ Sid: 'a' }, { Sid: 'b', new: true }] })
        expect(JSON.parse(policyWithStatement(undefined, { Sid: 'c' }))).toEqual({ Version: '2012-10-17', Statement: [{ Sid: 'c' }] })
    })
})

describe('parseDlqMessage', () => {
    const envelope = (over: Record<string, unknown> = {}) =>
        JSON.stringify({
            Type: 'Notification',
            MessageId: '9b6a1b58-3f84-5a4d-8f3c-1d2e3f4a5b6c',
            TopicArn: TOPIC,
            Subject: 'ALARM: "cpu"',
            Message: JSON.stringify({ AlarmName: 'cpu', NewStateValue: 'ALARM' }),
            Timestamp: '2026-11-23T10:00:00.000Z',
            SignatureVersion: '2',
            Signature: 'c2ln',
            SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem',
            UnsubscribeURL: `https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${SUB}`,
            ...over,
        })

    it('rebuilds exactly the request SNS made: headers from the envelope, body untouched', () => {
        const body = envelope()
        const parsed = parseDlqMessage(body)
        expect(parsed).toEqual({
            ok: true,
            request: {
                notification: { messageId: '9b6a1b58-3f84-5a4d-8f3c-1d2e3f4a5b6c', topicArn: TOPIC, subscriptionArn: SUB, subject: 'ALARM: "cpu"', alarmName: 'cpu', timestamp: '2026-11-23T10:00:00.000Z' },
                headers: {
                    'x-amz-sns-message-type': 'Notification',
                    'x-amz-sns-message-id': '9b6a1b58-3f84-5a4d-8f3c-1d2e3f4a5b6c',
                    'x-amz-sns-topic-arn': TOPIC,
                    'x-amz-sns-subscription-arn': SUB,
                    'Content-Type': 'text/plain; charset=UTF-8',
                    'User-Agent': 'Amazon Simple Notification Service Agent',
                },
                body,
            },
        })
    })

    it('replays a non-alarm Message too (no alarm name)', () => {
        const parsed = parseDlqMessage(envelope({ Message: 'hello' }))
        expect(parsed.ok && parsed.request.notification.alarmName).toBeNull()
    })

    it.each([
        ['', /empty/],
        ['plain text', /not JSON/],
        ['[1,2]', /not an SNS envelope/],
        [JSON.stringify({ Type: 'Notification' }), /missing MessageId, TopicArn/],
        [envelope({ Type: 'SubscriptionConfirmation' }), /not a Notification/],
        [envelope({ TopicArn: 'arn:aws:sqs:eu-west-1:123456789012:q' }), /TopicArn: is not an SNS topic ARN/],
        [envelope({ MessageId: 'a b' }), /MessageId is not/],
        [envelope({ UnsubscribeURL: 'https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe' }), /names no subscription/],
        [envelope({ UnsubscribeURL: 'https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:eu-west-1:123456789012:other:x' }), /names no subscription/],
    ])('refuses %j', (body, reason) => {
        const parsed = parseDlqMessage(body)
        expect(parsed.ok).toBe(false)
        expect(!parsed.ok && parsed.reason).toMatch(reason)
    })

    it('decodes a percent-encoded SubscriptionArn', () => {
        expect(subscriptionArnOf(`https://sns/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(SUB)}`, TOPIC)).toBe(SUB)
        expect(subscriptionArnOf('https://sns/?SubscriptionArn=%E0%A4%A', TOPIC)).toBeNull()
    })
})

describe('queueArnFromUrl', () => {
    it.each([
        ['https://sqs.eu-west-1.amazonaws.com/123456789012/dlq', 'arn:aws:sqs:eu-west-1:123456789012:dlq'],
        ['https://eu-west-1.queue.amazonaws.com/123456789012/dlq/', 'arn:aws:sqs:eu-west-1:123456789012:dlq'],
        ['https://sqs.cn-north-1.amazonaws.com.cn/123456789012/dlq', 'arn:aws-cn:sqs:cn-north-1:123456789012:dlq'],
        ['https://sqs.us-gov-west-1.amazonaws.com/123456789012/dlq', 'arn:aws-us-gov:sqs:us-gov-west-1:123456789012:dlq'],
    ])('%s', (url, arn) => {
        expect(queueArnFromUrl(url).arn).toBe(arn)
    })

    it.each(['http://sqs.eu-west-1.amazonaws.com/123456789012/dlq', 'https://sqs.eu-west-1.amazonaws.com/1234/dlq', 'https://sqs.eu-west-1.amazonaws.com.evil.example/123456789012/dlq', 'https://sqs.eu-west-1.amazonaws.com/123456789012/dlq?x=1'])('refuses %s', (url) => {
        expect(() => queueArnFromUrl(url)).toThrow(/--queue-url must look like/)
    })
})

describe('ReplayJournal', () => {
    let dir: string
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'journal-'))
    })
    afterEach(() => rmSync(dir, { recursive: true, force: true }))

    it('remembers the last state of each message across opens and holds nothing but ids', () => {
        const path = join(dir, 'j')
        const a = ReplayJournal.open(path, 'arn:q')
        a.record('m1', 'posting')
        a.record('m1', 'delivered')
        a.record('m2', 'posting')
        a.close()
        const b = ReplayJournal.open(path, 'arn:q')
        expect([b.state('m1'), b.state('m2'), b.state('m3')]).toEqual(['delivered', 'posting', undefined])
        b.close()
        const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
        expect(lines[0]).toEqual({ journal: 'sn-aws-verify replay journal v1', queueArn: 'arn:q' })
        expect(lines.slice(1).map((l) => Object.keys(l).sort())).toEqual(Array(3).fill(['at', 'key', 'state']))
    })

    it('tolerates a last line cut short by a crash', () => {
        const path = join(dir, 'j')
        writeFileSync(path, `${JSON.stringify({ journal: 'sn-aws-verify replay journal v1', queueArn: 'arn:q' })}\n{"key":"m1","state":"delivered"}\n{"key":"m2","sta`)
        const j = ReplayJournal.open(path, 'arn:q')
        expect(j.state('m1')).toBe('delivered')
        j.close()
    })

    it('refuses a second user while the first holds the lock, and a file that is not a journal', () => {
        const path = join(dir, 'j')
        const a = ReplayJournal.open(path, 'arn:q')
        expect(() => ReplayJournal.open(path, 'arn:q')).toThrow(new RegExp(`another replay \\(pid ${process.pid}\\)`))
        a.close()
        writeFileSync(join(dir, 'x'), 'hello\nworld\nmore\n')
        expect(() => ReplayJournal.open(join(dir, 'x'), 'arn:q')).toThrow(/is not a replay journal/)
    })

    it('takes over the lock of a process that is gone', () => {
        const path = join(dir, 'j')
        writeFileSync(`${path}.lock`, '999999999')
        const j = ReplayJournal.open(path, 'arn:q')
        expect(readFileSync(`${path}.lock`, 'utf8')).toBe(String(process.pid))
        j.close()
        expect(() => readFileSync(`${path}.lock`)).toThrow(/ENOENT/)
    })
})

describe('ProgressBar', () => {
    it('draws on a TTY and ends its line', () => {
        const out: string[] = []
        const bar = new ProgressBar((t) => out.push(t), true)
        bar.update({ done: 5, total: 10, label: 'delivered 5' })
        bar.finish()
        expect(out[0]).toBe(`\r[${'#'.repeat(15)}${'-'.repeat(15)}] 5/10 delivered 5\u001b[K`)
        expect(out[1]).toBe('\n')
    })

    it('stays silent when nobody watches', () => {
        const out: string[] = []
        const bar = new ProgressBar((t) => out.push(t), false)
        bar.update({ done: 1, total: 2, label: '' })
        bar.finish()
        expect(out).toEqual([])
    })
})

describe('describeAwsError and the doctor exit code', () => {
    it.each([
        [{ name: 'AuthorizationError', $metadata: { httpStatusCode: 403 }, message: 'not authorized' }, 'access-denied'],
        [{ name: 'AccessDeniedException', message: 'x' }, 'access-denied'],
        [{ name: 'CredentialsProviderError', message: 'Could not load credentials from any providers' }, 'credentials'],
        [{ name: 'NotFound', message: 'Topic does not exist' }, 'not-found'],
        [{ name: 'QueueDoesNotExist', message: 'x' }, 'not-found'],
        [{ name: 'Error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'network'],
        [{ name: 'TimeoutError', message: 'timed out' }, 'network'],
        [{ name: 'ThrottlingException', message: 'slow down' }, 'throttled'],
        [{ name: 'RequestThrottled', message: 'Rate exceeded' }, 'throttled'],
        [{ name: 'Throttled', $metadata: { httpStatusCode: 429 }, message: 'Rate exceeded' }, 'throttled'],
        [{ name: 'InvalidParameterValueException', message: 'bad' }, 'other'],
    ])('%j is %s', (err, kind) => {
        const d = describeAwsError(err, 'sns:GetTopicAttributes')
        expect(d.kind).toBe(kind)
        if (kind === 'access-denied') expect(d.message).toMatch(/lack sns:GetTopicAttributes/)
    })

    const finding = (level: Finding['level'], kind?: 'network' | 'access-denied'): Finding => ({ id: 'x', level, summary: '', fix: [], ...(kind ? { failure: { kind, iamAction: 'a' } } : {}) })
    it.each([
        [[finding('pass'), finding('warn')], 0],
        [[finding('pass'), finding('fail'), finding('error', 'network')], 2],
        [[finding('error', 'access-denied'), finding('error', 'network')], 2],
        [[finding('pass'), finding('error', 'network')], 3],
    ])('exit code of %j is %i', (findings, code) => {
        expect(doctorExitCode(findings)).toBe(code)
    })
})
