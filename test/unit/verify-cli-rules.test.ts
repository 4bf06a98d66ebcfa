// The sn-aws-verify pieces that need no network: argument rules, secret scrubbing, answer classification.
import {
    DEFAULT_TOPIC_ARN,
    InputError,
    parseCommandLine,
    parseConnectTo,
    resolveConnectTo,
    type VerifyOptions,
} from '../../src/cli/cli-args.ts'
import { classifyFailure, classifyResponse } from '../../src/cli/outcome.ts'
import { Redactor } from '../../src/cli/secret-input.ts'
import { cloudWatchTestAlarm, snsTestRequest } from '../../src/cli/sns-test-notification.ts'
import { serverMessage } from '../../src/cli/verify.ts'
import { parseTopicArn } from '../../src/server/endpoint/aws-endpoint.ts'

const KEY = 'now_CANARY_verify_123'
const ENDPOINT = `https://dev12345.service-now.com/api/sn_em_connector/em/inbound_event?source=AWS&sys_id=${'a'.repeat(32)}&x-sn-apikey=${KEY}`

function inputError(argv: string[]): string {
    try {
        parseCommandLine(argv)
    } catch (err) {
        expect(err).toBeInstanceOf(InputError)
        return (err as Error).message
    }
    throw new Error('expected an InputError')
}

function options(argv: string[]): VerifyOptions {
    const command = parseCommandLine(argv)
    if (command.kind !== 'verify') throw new Error('expected verify')
    return command.options
}

describe('parseCommandLine', () => {
    it('defaults to endpoint mode, the 15 s SNS timeout and the test topic', () => {
        expect(options(['verify', '--endpoint-file', 'ep.txt'])).toEqual({
            mode: 'endpoint',
            endpointFile: 'ep.txt',
            instance: undefined,
            keyFile: undefined,
            topicArn: DEFAULT_TOPIC_ARN,
            timeoutMs: 15000,
            connectTo: [],
            json: false,
        })
    })

    it('reads --opt=value, --json, --timeout and repeated --connect-to', () => {
        const o = options(['verify', '--instance=dev1', '--key-file', '-', '--timeout=2.5', '--json', '--connect-to', 'a.example.com:443:127.0.0.1:8443', '--connect-to=::localhost:'])
        expect(o.mode).toBe('table-api')
        expect(o.keyFile).toBe('-')
        expect(o.timeoutMs).toBe(2500)
        expect(o.json).toBe(true)
        expect(o.connectTo).toHaveLength(2)
    })

    it('gives the overview for --help and help, and a command its own help', () => {
        expect(parseCommandLine(['--help'])).toEqual({ kind: 'help' })
        expect(parseCommandLine(['help'])).toEqual({ kind: 'help' })
        expect(parseCommandLine(['help', 'launch'])).toEqual({ kind: 'help' })
        expect(parseCommandLine(['verify', '-h'])).toEqual({ kind: 'help', command: 'verify' })
        expect(parseCommandLine(['doctor', '--topic-arn', 'x', '--help'])).toEqual({ kind: 'help', command: 'doctor' })
        expect(parseCommandLine(['help', 'replay'])).toEqual({ kind: 'help', command: 'replay' })
    })

    it.each([
        [['verify', '--endpoint', ENDPOINT], /--endpoint is not accepted: .*secrets/],
        [['verify', `--endpoint=${ENDPOINT}`], /--endpoint is not accepted/],
        [['verify', '--key', KEY, '--instance', 'dev1'], /--key is not accepted/],
        [['verify', '--api-key', KEY], /--api-key is not accepted/],
        [['verify', ENDPOINT], /a URL or key was given as an argument/],
        [[ENDPOINT], /a URL or key was given as an argument/],
        [['verify', KEY], /a URL or key was given as an argument/],
        [['verify', '--endpoint-file', ENDPOINT], /--endpoint-file got a value that looks like a URL with a key/],
        [['verify', '--instance', `https://dev1.service-now.com/?x-sn-apikey=${KEY}`], /--instance got a value/],
        [['verify', '--help', '--endpoint', ENDPOINT], /--endpoint is not accepted/],
        [['verify', 'extra'], /unexpected argument #2 \(not shown/],
        [['verify', `--frobnicate=${KEY}`], /unknown option --frobnicate/],
        [['launch'], /unknown command/],
        [[], /no command/],
        [['verify', '--timeout', '0'], /between 1 and 60/],
        [['verify', '--timeout', '61'], /between 1 and 60/],
        [['verify', '--timeout', 'soon'], /number of seconds/],
        [['verify', '--timeout'], /needs a value/],
        [['verify', '--endpoint-file', 'a', '--instance', 'dev1'], /not both/],
        [['verify', '--key-file', 'k'], /belongs with --instance/],
        [['verify', '--instance', 'dev1', '--topic-arn', 'arn:aws:sns:us-east-1:123456789012:t'], /belongs with --endpoint-file/],
        [['verify', '--endpoint-file', 'a', '--endpoint-file', 'b'], /given twice/],
        [['verify', '--connect-to', 'a:1:b'], /host:port:connect-host:connect-port/],
        [['verify', '--connect-to', 'a:99999:b:1'], /invalid port/],
        [['verify', '--connect-to', 'a_b:1:b:1'], /invalid host/],
    ])('rejects %j without echoing secrets', (argv, expected) => {
        const message = inputError(argv)
        expect(message).toMatch(expected)
        expect(message).not.toContain('CANARY')
        expect(message).not.toContain('dev12345.service-now.com')
    })
})

describe('connect-to', () => {
    it('works like curl: empty source parts match anything, empty target parts keep the original', () => {
        const rules = [parseConnectTo('Dev1.example.com:443:127.0.0.1:8443'), parseConnectTo('::127.0.0.2:')]
        expect(resolveConnectTo(rules, 'dev1.example.com', 443)).toEqual({ host: '127.0.0.1', port: 8443 })
        expect(resolveConnectTo(rules, 'other.example.com', 443)).toEqual({ host: '127.0.0.2', port: 443 })
        expect(resolveConnectTo([parseConnectTo('a.example.com:80:b.example.com:81')], 'a.example.com', 443)).toEqual({ host: 'a.example.com', port: 443 })
        expect(resolveConnectTo([], 'x.example.com', 443)).toEqual({ host: 'x.example.com', port: 443 })
    })
})

describe('Redactor', () => {
    it('replaces registered secrets in raw, percent-encoded and JSON-escaped form', () => {
        const r = new Redactor()
        const key = 'now_CANARY"+/verify_123'
        r.addKey(key)
        r.addEndpoint(ENDPOINT)
        const out = r.clean(`${key} ${encodeURIComponent(key)} ${JSON.stringify({ key })} ${ENDPOINT}`)
        expect(out).not.toContain('CANARY')
        expect(out).toContain('x-sn-apikey=now_…_123')
    })

    it('masks key-shaped text it was never told about and keeps JSON valid', () => {
        const r = new Redactor()
        const text = JSON.stringify({ a: `GET /x?x-sn-apikey=secretvalue&y=1`, b: 'token now_UNKNOWNsecretKEY99 here', c: { 'x-sn-apikey': 'hdrsecret' } })
        const out = r.clean(text)
        expect(out).not.toMatch(/secretvalue|UNKNOWNsecret|hdrsecret/)
        expect(() => JSON.parse(out)).not.toThrow()
    })

    it('leaves masks and ordinary text alone', () => {
        const text = 'x-sn-apikey=now_…_123 and now_… ok; endpoint x-sn-apikey: contains a raw +'
        expect(new Redactor().clean(text)).toBe(text)
    })
})

describe('classification', () => {
    it.each([
        [200, 'accepted', 0],
        [204, 'accepted', 0],
        [401, 'rejected-401', 2],
        [403, 'rejected-403', 2],
        [404, 'rejected-404', 2],
        [400, 'rejected-other', 2],
        [429, 'rejected-other', 2],
        [302, 'rejected-other', 2],
        [500, 'server-5xx', 2],
        [503, 'server-5xx', 2],
    ])('HTTP %i is %s, exit %i', (status, cls, exit) => {
        for (const mode of ['endpoint', 'table-api'] as const) {
            const o = classifyResponse(mode, status)
            expect([o.class, o.exitCode, o.httpStatus]).toEqual([cls, exit, status])
            expect(o.advice.length).toBeGreaterThan(0)
        }
    })

    it('says that SNS does not retry a 401 and names what to check', () => {
        const advice = classifyResponse('endpoint', 401).advice.join(' ')
        expect(advice).toMatch(/does not retry 4xx/)
        expect(advice).toMatch(/expired/)
        expect(advice).toMatch(/query-parameter/)
        expect(advice).toMatch(/sn_em_connector\/em/)
        expect(classifyResponse('endpoint', 403).advice.join(' ')).toMatch(/evt_mgmt_integration/)
        expect(classifyResponse('endpoint', 404).advice.join(' ')).toMatch(/sn_em_connector/)
        expect(classifyResponse('endpoint', 500).advice.join(' ')).toMatch(/SNS retries 5xx/)
        expect(classifyResponse('table-api', 403).advice.join(' ')).toMatch(/key itself is valid/)
    })

    it.each([
        ['ENOTFOUND', false, 'network', /does not resolve/],
        ['EAI_AGAIN', false, 'network', /DNS/],
        ['ECONNREFUSED', false, 'network', /Nothing accepts connections/],
        ['ECONNRESET', false, 'network', /closed/],
        ['ERR_TLS_CERT_ALTNAME_INVALID', false, 'tls', /not issued for dev1\.example\.com/],
        ['SELF_SIGNED_CERT_IN_CHAIN', false, 'tls', /NODE_EXTRA_CA_CERTS/],
        ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', false, 'tls', /not trusted/],
        ['CERT_HAS_EXPIRED', false, 'tls', /expired/],
        ['EPROTO', false, 'tls', /handshake/],
        ['ETIMEDOUT', true, 'timeout', /15 s/],
    ])('%s is %s (exit 3)', (code, timedOut, cls, advice) => {
        const o = classifyFailure({ kind: 'failure', code, message: 'm', timedOut, durationMs: 1 }, 'dev1.example.com', 2000)
        expect([o.class, o.exitCode, o.status]).toEqual([cls, 3, 'unreachable'])
        expect(o.advice.join(' ')).toMatch(advice)
    })
})

describe('serverMessage', () => {
    it('reads the platform JSON error, an HTML title, or plain text', () => {
        const platform401 = '{"error":{"message":"User is not authenticated","detail":"Required to provide Auth information"},"status":"failure"}'
        expect(serverMessage(platform401, 'application/json')).toBe('User is not authenticated (Required to provide Auth information)')
        expect(serverMessage('<html><title>Instance Hibernating</title></html>', 'text/html')).toBe('HTML page: Instance Hibernating')
        expect(serverMessage('{"result":[]}', 'application/json')).toBeNull()
        expect(serverMessage('', '')).toBeNull()
        expect(serverMessage(`oops\n${'x'.repeat(400)}`, 'text/plain')).toMatch(/^oops x+…$/)
    })
})

describe('SNS test notification', () => {
    it('is an SNS Notification envelope whose Message is a CloudWatch alarm JSON string marked as a test', () => {
        const topic = parseTopicArn('arn:aws-cn:sns:cn-north-1:123456789012:alarms')
        const req = snsTestRequest(topic, new Date('2030-01-02T03:04:05.678Z'))
        // The message id is a fresh UUID per request; everything else is fixed by the topic and the time.
        expect(req.messageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
        const subscriptionArn = `${topic.arn}:${req.messageId}`
        expect(req.subscriptionArn).toBe(subscriptionArn)
        expect(req.headers).toStrictEqual({
            'x-amz-sns-message-type': 'Notification', 'x-amz-sns-message-id': req.messageId, 'x-amz-sns-topic-arn': topic.arn,
            'x-amz-sns-subscription-arn': subscriptionArn, 'Content-Type': 'text/plain; charset=UTF-8', 'User-Agent': 'Amazon Simple Notification Service Agent',
        })
        const { Message, ...env } = JSON.parse(req.body)
        expect(env).toStrictEqual({
            Type: 'Notification', MessageId: req.messageId, TopicArn: topic.arn, Subject: 'OK: "sn-aws-verify TEST - safe to ignore" in cn-north-1',
            Timestamp: '2030-01-02T03:04:05.678Z', SignatureVersion: '2', Signature: 'TEST-not-signed-by-AWS',
            SigningCertURL: 'https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-test.pem',
            UnsubscribeURL: `https://sns.cn-north-1.amazonaws.com.cn/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscriptionArn)}`,
        })
        expect(typeof Message).toBe('string')
        const alarm = JSON.parse(Message)
        expect(alarm).toEqual(cloudWatchTestAlarm(topic, new Date('2030-01-02T03:04:05.678Z')))
        expect(alarm.AlarmName).toMatch(/TEST.*safe to ignore/)
        expect(alarm.StateChangeTime).toBe('2030-01-02T03:04:05.678+0000')
        expect(snsTestRequest(topic).messageId).not.toBe(req.messageId)
    })
})
