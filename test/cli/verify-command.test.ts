// sn-aws-verify end to end: the compiled CLI as a child process against loopback HTTPS servers whose
// certificates come from a test CA made in-process (test/support/test-certificates.ts). Only 127.0.0.1 is contacted.
import { chmodSync, writeFileSync } from 'node:fs'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { makeCliWorkspace, removeCliWorkspace, runCli as runCompiledCli, type Run } from '../support/cli-process.ts'
import { TEST_ALARM_TRIGGER } from '../support/expected-test-alarm'
import { type TestCertificates, makeTestCertificates } from '../support/test-certificates'

const KEY = 'now_CANARY_verify_123'
const HOST = 'dev12345.service-now.com'
const SYS_ID = '0123456789abcdef0123456789abcdef'
const PATH_AND_QUERY = `/api/sn_em_connector/em/inbound_event?source=AWS%20Prod&sys_id=${SYS_ID}&x-sn-apikey=${KEY}`
const ENDPOINT = `https://${HOST}${PATH_AND_QUERY}`
const MASKED = ENDPOINT.replace(KEY, 'now_…_123')
const PLATFORM_401 = '{"error":{"message":"User is not authenticated","detail":"Required to provide Auth information"},"status":"failure"}'

interface Seen {
    method: string
    url: string
    headers: NodeJS.Dict<string | string[]>
    body: string
}
type Reply = { status: number; body?: string; contentType?: string } | 'hang'

let dir: string
let cli: string
let caFile: string
let reply: Reply = { status: 200 }
let seen: Seen[] = []
const servers: https.Server[] = []
const ports: { [name: string]: number } = {}

async function listen(name: string, leaf: TestCertificates): Promise<void> {
    const server = https.createServer({ key: leaf.keyPem, cert: leaf.certPem }, (req, res) => {
        const chunks: Buffer[] = []
        req.on('data', (c: Buffer) => chunks.push(c))
        req.on('end', () => {
            seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
            if (reply === 'hang') return
            res.writeHead(reply.status, { 'Content-Type': reply.contentType ?? 'application/json' })
            res.end(reply.body ?? '{"result":{}}')
        })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    servers.push(server)
    ports[name] = (server.address() as AddressInfo).port
}

function secretFile(name: string, text: string, mode = 0o600): string {
    const path = join(dir, name)
    writeFileSync(path, text)
    chmodSync(path, mode)
    return path
}

function connectTo(server: string): string[] {
    return ['--connect-to', `${HOST}:443:127.0.0.1:${ports[server]}`]
}

/** Runs the compiled CLI as a child process, with only PATH and the test CA in its environment. */
function runCli(args: string[], opts: { env?: NodeJS.Dict<string>; stdin?: string } = {}): Promise<Run> {
    return runCompiledCli(cli, args, { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: caFile, ...opts.env }, opts.stdin)
}

function noKeyIn(run: Run): void {
    for (const text of [run.stdout, run.stderr]) {
        expect(text).not.toContain('CANARY')
        expect(text).not.toContain(encodeURIComponent(KEY).slice(4))
    }
}

async function verifyEndpoint(r: Reply, extra: string[] = []): Promise<Run> {
    reply = r
    seen = []
    const file = secretFile('endpoint.txt', `${ENDPOINT}\n`)
    return runCli(['verify', '--endpoint-file', file, ...connectTo('good'), '--json', ...extra])
}

beforeAll(async () => {
    ;({ dir, cli } = makeCliWorkspace('verify'))
    const good = await makeTestCertificates({ dnsNames: [HOST] })
    const wrongHost = await makeTestCertificates({ dnsNames: ['wrong.example.com'], ca: good })
    const untrusted = await makeTestCertificates({ dnsNames: [HOST] }) // signed by a CA the CLI is not told about
    caFile = join(dir, 'test-ca.crt')
    writeFileSync(caFile, good.caPem)
    await listen('good', good)
    await listen('wrongHost', wrongHost)
    await listen('untrusted', untrusted)
    // A port with nothing listening, for "connection refused".
    const closed = https.createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    ports.closed = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
}, 180000)

afterAll(async () => {
    for (const s of servers) {
        s.closeAllConnections()
        await new Promise<void>((resolve) => s.close(() => resolve()))
    }
    removeCliWorkspace({ dir, cli })
})

describe('verify --endpoint-file', () => {
    it('posts exactly what SNS would and reports accepted (exit 0)', async () => {
        reply = { status: 200 }
        seen = []
        const file = secretFile('endpoint.txt', `${ENDPOINT}\n`)
        const run = await runCli(['verify', '--endpoint-file', file, ...connectTo('good')])
        expect(run.code).toBe(0)
        expect(run.stdout).toContain('-> accepted (exit 0)')
        expect(run.stdout).toContain(MASKED)
        expect(run.stderr).toBe('')
        expect(seen).toHaveLength(1)
        const req = seen[0]
        expect(req.method).toBe('POST')
        expect(req.url).toBe(PATH_AND_QUERY)
        expect(req.headers.host).toBe(HOST)
        expect(req.headers['x-amz-sns-message-type']).toBe('Notification')
        expect(req.headers['x-amz-sns-message-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
        expect(req.headers['x-amz-sns-topic-arn']).toBe('arn:aws:sns:us-east-1:000000000000:sn-aws-verify-test')
        expect(req.headers['x-amz-sns-subscription-arn']).toMatch(/^arn:aws:sns:us-east-1:000000000000:sn-aws-verify-test:[0-9a-f-]{36}$/)
        expect(req.headers['content-type']).toBe('text/plain; charset=UTF-8')
        expect(req.headers['user-agent']).toBe('Amazon Simple Notification Service Agent')
        const envelope = JSON.parse(req.body)
        const { Timestamp, Message, ...envelopeRest } = envelope
        expect(envelopeRest).toEqual({
            Type: 'Notification',
            MessageId: req.headers['x-amz-sns-message-id'],
            TopicArn: 'arn:aws:sns:us-east-1:000000000000:sn-aws-verify-test',
            Subject: 'OK: "sn-aws-verify TEST - safe to ignore" in us-east-1',
            SignatureVersion: '2',
            Signature: 'TEST-not-signed-by-AWS',
            SigningCertURL: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem',
            UnsubscribeURL: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(String(req.headers['x-amz-sns-subscription-arn']))}`,
        })
        expect(Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
        expect(typeof Message).toBe('string')
        for (const field of ['Subject', 'Timestamp', 'Signature', 'SigningCertURL', 'UnsubscribeURL']) expect(typeof envelope[field]).toBe('string')
        expect(typeof envelope.Message).toBe('string')
        const alarm = JSON.parse(envelope.Message)
        expect(alarm.AlarmName).toBe('sn-aws-verify TEST - safe to ignore')
        expect(alarm.AlarmDescription).toMatch(/TEST from sn-aws-verify/)
        for (const field of ['NewStateValue', 'NewStateReason', 'StateChangeTime', 'Region', 'AlarmArn']) expect(typeof alarm[field]).toBe('string')
        expect(alarm.Trigger).toEqual(TEST_ALARM_TRIGGER)
        noKeyIn(run)
    })

    it('reports a 401 with the platform body as rejected-401 (exit 2) in the --json shape', async () => {
        const run = await verifyEndpoint({ status: 401, body: PLATFORM_401 })
        expect(run.code).toBe(2)
        const out = JSON.parse(run.stdout)
        const { durationMs, messageId, summary, advice, ...outRest } = out
        expect(outRest).toEqual({
            class: 'rejected-401',
            status: 'rejected',
            exitCode: 2,
            httpStatus: 401,
            endpoint: MASKED,
            serverMessage: 'User is not authenticated (Required to provide Auth information)',
            detail: null,
            mode: 'endpoint',
            topicArn: 'arn:aws:sns:us-east-1:000000000000:sn-aws-verify-test',
            key: 'now_…_123',
            warnings: [],
        })
        expect(summary).toBe('not authenticated (HTTP 401)')
        expect(messageId).toBe(seen.at(-1)?.headers['x-amz-sns-message-id'])
        expect(advice).toHaveLength(5)
        expect(typeof durationMs).toBe('number')
        expect(out.advice.join(' ')).toMatch(/SNS does not retry 4xx/)
        expect(run.stdout.trim().split('\n')).toHaveLength(1)
        noKeyIn(run)
    })

    it.each([
        [403, 'rejected-403', 2, /evt_mgmt_integration/],
        [404, 'rejected-404', 2, /push connector instance/],
        [500, 'server-5xx', 2, /SNS retries 5xx/],
        [429, 'rejected-other', 2, /rate limiting/],
    ])('classifies HTTP %i as %s (exit %i)', async (status, cls, code, advice) => {
        const run = await verifyEndpoint({ status, body: '{"error":{"message":"nope"}}' })
        expect(run.code).toBe(code)
        const out = JSON.parse(run.stdout)
        expect([out.class, out.httpStatus]).toEqual([cls, status])
        expect(out.advice.join(' ')).toMatch(advice)
        noKeyIn(run)
    })

    it('gives up after --timeout 1 on a server that never answers (timeout, exit 3)', async () => {
        const run = await verifyEndpoint('hang', ['--timeout', '1'])
        expect(run.code).toBe(3)
        const out = JSON.parse(run.stdout)
        const { durationMs: _ms, messageId, advice, ...outRest } = out
        expect(outRest).toEqual({ class: 'timeout', status: 'unreachable', exitCode: 3, httpStatus: null, summary: 'no answer within 1 s', mode: 'endpoint', endpoint: MASKED, serverMessage: null, detail: 'no complete answer within 1000 ms', topicArn: 'arn:aws:sns:us-east-1:000000000000:sn-aws-verify-test', key: 'now_…_123', warnings: [] })
        expect(messageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
        expect(advice.join(' ')).toMatch(/SNS also waits 15 s/)
        expect(out.durationMs).toBeGreaterThanOrEqual(950)
        expect(out.durationMs).toBeLessThan(5000)
        noKeyIn(run)
    })

    it.each([
        ['wrongHost', /ERR_TLS_CERT_ALTNAME_INVALID/, /not issued for dev12345\.service-now\.com/],
        ['untrusted', /SELF_SIGNED|UNABLE_TO/, /NODE_EXTRA_CA_CERTS/],
    ])('fails TLS against the %s certificate (tls, exit 3)', async (server, summary, advice) => {
        seen = []
        const file = secretFile('endpoint.txt', ENDPOINT)
        const run = await runCli(['verify', '--endpoint-file', file, ...connectTo(server)])
        expect(run.code).toBe(3)
        expect(run.stdout).toMatch(summary)
        expect(run.stdout).toMatch(/-> tls \(exit 3\)/)
        expect(run.stdout).toMatch(advice)
        expect(seen).toHaveLength(0)
        noKeyIn(run)
    })

    it('reports a refused connection as network (exit 3)', async () => {
        const file = secretFile('endpoint.txt', ENDPOINT)
        const run = await runCli(['verify', '--endpoint-file', file, '--json', ...connectTo('closed')])
        expect(run.code).toBe(3)
        const { durationMs, messageId, advice, detail, ...outRest } = JSON.parse(run.stdout)
        expect(outRest).toEqual({ class: 'network', status: 'unreachable', exitCode: 3, httpStatus: null, summary: 'network failure (ECONNREFUSED)', mode: 'endpoint', endpoint: MASKED, serverMessage: null, topicArn: 'arn:aws:sns:us-east-1:000000000000:sn-aws-verify-test', key: 'now_…_123', warnings: [] })
        expect(detail).toMatch(/^connect ECONNREFUSED 127\.0\.0\.1:\d+$/)
        expect(messageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
        expect(typeof durationMs).toBe('number')
        expect(advice.join(' ')).toMatch(/Nothing accepts connections on port 443/)
        noKeyIn(run)
    })

    it('reads the endpoint from stdin and uses --topic-arn', async () => {
        reply = { status: 201 }
        seen = []
        const arn = 'arn:aws-us-gov:sns:us-gov-west-1:123456789012:prod-alarms'
        const run = await runCli(['verify', '--endpoint-file', '-', '--topic-arn', arn, ...connectTo('good')], { stdin: `${ENDPOINT}\r\n` })
        expect(run.code).toBe(0)
        expect(seen[0].headers['x-amz-sns-topic-arn']).toBe(arn)
        expect(JSON.parse(seen[0].body).TopicArn).toBe(arn)
        noKeyIn(run)
    })

    it('reads the endpoint from SN_AWS_ENDPOINT and warns about a world-readable endpoint file', async () => {
        reply = { status: 200 }
        const fromEnv = await runCli(['verify', ...connectTo('good')], { env: { SN_AWS_ENDPOINT: ENDPOINT } })
        expect(fromEnv.code).toBe(0)
        const file = secretFile('open.txt', ENDPOINT, 0o644)
        const open = await runCli(['verify', '--endpoint-file', file, ...connectTo('good')])
        expect(open.code).toBe(0)
        expect(open.stderr).toMatch(/other users can read it; run chmod 600/)
        noKeyIn(fromEnv)
        noKeyIn(open)
    })
})

describe('verify --instance (Table API second opinion)', () => {
    it('GETs the incident table with the x-sn-apikey header and says it is not the SNS path', async () => {
        reply = { status: 200, body: '{"result":[]}' }
        seen = []
        const keyFile = secretFile('key.txt', `${KEY}\n`)
        const run = await runCli(['verify', '--instance', 'dev12345', '--key-file', keyFile, ...connectTo('good')])
        expect(run.code).toBe(0)
        expect(seen).toHaveLength(1)
        expect(seen[0]).toEqual({
            method: 'GET',
            url: '/api/now/table/incident?sysparm_limit=1&sysparm_fields=sys_id',
            headers: { host: HOST, 'x-sn-apikey': KEY, accept: 'application/json', 'user-agent': 'sn-aws-verify', connection: 'close' },
            body: '',
        })
        expect(run.stdout).toMatch(/tests the Table API, not the Event Management API/)
        expect(run.stdout).toContain('now_…_123')
        noKeyIn(run)
    })

    it('takes the key from stdin and explains a 403 for a least-privileged user', async () => {
        reply = { status: 403, body: '{"error":{"message":"Operation Failed"}}' }
        const run = await runCli(['verify', '--instance', `https://${HOST}/`, '--key-file', '-', '--json', ...connectTo('good')], { stdin: KEY })
        expect(run.code).toBe(2)
        const out = JSON.parse(run.stdout)
        const { durationMs, advice: _advice, ...outRest } = out
        expect(outRest).toEqual({
            class: 'rejected-403',
            status: 'rejected',
            exitCode: 2,
            httpStatus: 403,
            summary: 'authenticated but not allowed (HTTP 403)',
            mode: 'table-api',
            endpoint: `https://${HOST}/api/now/table/incident?sysparm_limit=1&sysparm_fields=sys_id`,
            serverMessage: 'Operation Failed',
            detail: null,
            messageId: null,
            topicArn: null,
            key: 'now_…_123',
            warnings: [],
        })
        expect(typeof durationMs).toBe('number')
        expect(out.advice.join(' ')).toMatch(/key itself is valid/)
        noKeyIn(run)
    })
})

describe('bad input (exit 4)', () => {
    it.each([
        ['an http endpoint in the file', () => ['--endpoint-file', secretFile('bad.txt', ENDPOINT.replace('https:', 'http:'))], /endpoint: must use https:\/\/ \(got "http:"\)/],
        ['an invalid sys_id', () => ['--endpoint-file', secretFile('bad.txt', ENDPOINT.replace(SYS_ID, 'xyz'))], /endpoint sys_id: must be exactly 32/],
        ['a raw + in the key', () => ['--endpoint-file', secretFile('bad.txt', ENDPOINT.replace('CANARY_', 'CANARY+'))], /x-sn-apikey: contains a raw '\+'/],
        ['a missing file', () => ['--endpoint-file', join(dir, 'nope.txt')], /cannot read .*nope\.txt: no such file/],
        ['an empty file', () => ['--endpoint-file', secretFile('empty.txt', '\n')], /is empty/],
        ['no endpoint at all', () => [], /no endpoint given/],
        ['--endpoint on argv', () => ['--endpoint', ENDPOINT], /--endpoint is not accepted/],
        ['the URL as a positional', () => [ENDPOINT], /a URL or key was given as an argument/],
        ['the URL as the file name', () => ['--endpoint-file', ENDPOINT], /looks like a URL with a key/],
        ['--key on argv', () => ['--instance', 'dev12345', '--key', KEY], /--key is not accepted/],
        ['a bad --topic-arn', () => ['--endpoint-file', secretFile('endpoint.txt', ENDPOINT), '--topic-arn', 'arn:aws:sns:us-east-1:123456789012:t.fifo'], /FIFO/],
        ['a bad --timeout', () => ['--endpoint-file', secretFile('endpoint.txt', ENDPOINT), '--timeout', '0.5'], /between 1 and 60/],
        ['a bad instance', () => ['--instance', 'http://dev12345.service-now.com', '--key-file', secretFile('key.txt', KEY)], /--instance: must use https/],
        ['a key with a space', () => ['--instance', 'dev12345', '--key-file', secretFile('key.txt', 'now_CANARY verify_123')], /API key: contains whitespace/],
    ])('rejects %s', async (_what, args, message) => {
        seen = []
        const run = await runCli(['verify', ...args(), ...connectTo('good')])
        expect(run.code).toBe(4)
        expect(run.stdout).toBe('')
        expect(run.stderr).toMatch(message)
        expect(seen).toHaveLength(0)
        noKeyIn(run)
    })

    it('prints bad input as one JSON object with --json', async () => {
        const run = await runCli(['verify', '--json', '--endpoint', ENDPOINT])
        expect(run.code).toBe(4)
        const { summary, advice, ...outRest } = JSON.parse(run.stdout)
        expect(outRest).toEqual({ class: 'bad-input', status: 'bad-input', exitCode: 4, httpStatus: null, endpoint: null, durationMs: 0 })
        expect(summary).toMatch(/^--endpoint is not accepted: the endpoint URL and the API key are secrets/)
        expect(advice).toEqual([summary])
        noKeyIn(run)
    })

    it('documents its exit codes in verify --help', async () => {
        const run = await runCli(['verify', '--help'])
        expect(run.code).toBe(0)
        for (const line of [/0 +accepted/, /2 +rejected/, /3 +network or TLS failure, including the timeout/, /4 +bad input/]) expect(run.stdout).toMatch(line)
        noKeyIn(run)
    })
})
