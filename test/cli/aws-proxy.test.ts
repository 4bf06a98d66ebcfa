// HTTPS_PROXY: doctor (one topic or a fleet, STS included) and replay send their AWS calls through the proxy (a
// CONNECT tunnel, TLS end to end), NO_PROXY hosts go direct, and verify never uses a proxy and says so. The AWS stub
// sits behind an HTTPS front with a test CA, as AWS endpoints are HTTPS; the front counts the TCP connections and TLS
// handshakes it accepts, the loopback proxy the tunnels it opens. Also here: the fleet doctor's cells share keep-alive
// TLS connections.
import { writeFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { AwsStub } from '../support/aws-stub.ts'
import { awsTestEnv, makeCliWorkspace, removeCliWorkspace, runCli } from '../support/cli-process.ts'
import { ConnectProxy } from '../support/connect-proxy.ts'
import { FLEET_ROLE, FLEET_TOPIC, healthyFleet, topicArnOf } from '../support/fleet-fixture.ts'
import { makeTestCertificates } from '../support/test-certificates.ts'

const REGION = 'eu-west-1'
const TOPIC = `arn:aws:sns:${REGION}:123456789012:no-such-topic`
const DLQ = `arn:aws:sqs:${REGION}:123456789012:servicenow-dlq`

let dir: string
let cli: string
let caFile: string
let stub: AwsStub
let proxy: ConnectProxy
let front: https.Server
let frontUrl: string
/** TCP connections and TLS handshakes the HTTPS front accepted since the last beforeEach. */
let frontConnections = 0
let frontHandshakes = 0
let accountsFile: string
const FLEET_ACCOUNTS = ['444444444444', '555555555555', '666666666666']
const FLEET_REGIONS = ['eu-west-1', 'us-east-1']

/** HTTPS in front of the plain-HTTP AWS stub, for localhost, with the test CA. */
async function startFront(key: string, cert: string, stubUrl: string): Promise<https.Server> {
    const target = new URL(stubUrl)
    const server = https.createServer({ key, cert }, (req, res) => {
        const up = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
            res.writeHead(r.statusCode ?? 502, r.headers)
            r.pipe(res)
        })
        up.on('error', () => res.destroy())
        req.pipe(up)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return server
}

function env(extra: NodeJS.Dict<string>): NodeJS.Dict<string> {
    return { ...awsTestEnv(frontUrl, join(dir, 'home')), NODE_EXTRA_CA_CERTS: caFile, ...extra }
}

const tunnelsToFront = () => proxy.tunnels.filter((t) => t === `localhost:${new URL(frontUrl).port}`).length

beforeAll(async () => {
    ;({ dir, cli } = makeCliWorkspace('proxy'))
    const certs = await makeTestCertificates({ dnsNames: ['localhost'] })
    caFile = join(dir, 'ca.pem')
    writeFileSync(caFile, certs.caPem)
    stub = new AwsStub()
    await stub.start()
    front = await startFront(certs.keyPem, certs.certPem, stub.url)
    frontUrl = `https://localhost:${(front.address() as AddressInfo).port}`
    front.on('connection', () => frontConnections++)
    front.on('secureConnection', () => frontHandshakes++)
    stub.addQueue(DLQ, {})
    healthyFleet(stub, FLEET_ACCOUNTS, FLEET_REGIONS)
    accountsFile = join(dir, 'accounts.txt')
    writeFileSync(accountsFile, FLEET_ACCOUNTS.join('\n') + '\n')
}, 60000)

beforeEach(async () => {
    proxy = new ConnectProxy()
    await proxy.start()
    stub.calls.length = 0
    frontConnections = 0
    frontHandshakes = 0
})

afterEach(async () => {
    await proxy.stop()
})

afterAll(async () => {
    front?.closeAllConnections()
    await new Promise<void>((resolve) => (front ? front.close(() => resolve()) : resolve()))
    await stub?.stop()
    removeCliWorkspace({ dir, cli })
})

describe('HTTPS_PROXY', () => {
    it('doctor: every AWS call goes through the proxy tunnel, and the findings are those of a direct run', async () => {
        const direct = await runCli(cli, ['doctor', '--topic-arn', TOPIC, '--json'], env({}))
        expect(proxy.tunnels).toEqual([])
        const directCalls = stub.calls.length
        expect(directCalls).toBeGreaterThan(0)
        stub.calls.length = 0

        const proxied = await runCli(cli, ['doctor', '--topic-arn', TOPIC, '--json'], env({ HTTPS_PROXY: proxy.url }))
        expect(proxied.code).toBe(direct.code)
        expect(proxied.code).toBe(2) // the topic does not exist: a FAIL, reached through the proxy
        const findings = (out: string) => (JSON.parse(out) as { findings: { id: string; level: string }[] }).findings.map((f) => `${f.id}:${f.level}`)
        expect(findings(proxied.stdout)).toEqual(findings(direct.stdout))
        expect(stub.calls.length).toBe(directCalls)
        expect(tunnelsToFront()).toBeGreaterThan(0)
        expect(proxy.tunnels.length).toBe(tunnelsToFront())
    })

    it('doctor: a proxy that refuses the tunnel is a network failure at the proxy (exit 3), not AWS denying access', async () => {
        proxy.refuse = true
        // Lower-case https_proxy, with a proxy password that must never be printed.
        const withPassword = proxy.url.replace('http://', 'http://alice:proxy-pass-CANARY@')
        const run = await runCli(cli, ['doctor', '--topic-arn', TOPIC, '--json'], env({ https_proxy: withPassword }))
        expect(run.code).toBe(3)
        const topic = (JSON.parse(run.stdout) as { findings: { id: string; summary: string; failure: { kind: string } }[] }).findings.find((f) => f.id === 'topic.exists')
        expect(topic?.failure.kind).toBe('network')
        expect(topic?.summary).toBe(
            `could not check the topic: AWS did not answer (the proxy ${proxy.url} refused the tunnel to localhost:${new URL(frontUrl).port} (HTTP 403)): check the network, a proxy or AWS_ENDPOINT_URL`,
        )
        expect(run.stdout + run.stderr).not.toContain('CANARY')
        expect(tunnelsToFront()).toBeGreaterThan(0)
        expect(stub.calls).toEqual([])
    })

    it('doctor: a host in NO_PROXY is reached directly', async () => {
        const run = await runCli(cli, ['doctor', '--topic-arn', TOPIC, '--json'], env({ HTTPS_PROXY: proxy.url, NO_PROXY: 'example.com,localhost' }))
        expect(run.code).toBe(2)
        expect(proxy.tunnels).toEqual([])
        expect(stub.calls.length).toBeGreaterThan(0)
    })

    it('replay: the SQS calls go through the proxy', async () => {
        const run = await runCli(cli, ['replay', '--dlq-arn', DLQ, '--dry-run', '--json', '--state-file', join(dir, 'journal')], env({ HTTPS_PROXY: proxy.url, SN_AWS_ENDPOINT: '' }), '')
        expect(stub.calls.filter((c) => c.service === 'sqs').length).toBeGreaterThan(0)
        expect(tunnelsToFront()).toBeGreaterThan(0)
        expect(proxy.tunnels.length).toBe(tunnelsToFront())
        expect(run.code).toBe(0) // the queue is empty
    })

    it('fleet doctor: sts:AssumeRole and every cell go through the proxy; no connection to AWS bypasses it', async () => {
        const run = await runCli(cli, ['doctor', '--topic-name', FLEET_TOPIC, '--accounts', accountsFile, '--regions', FLEET_REGIONS.join(','), '--role-name', FLEET_ROLE, '--json'], env({ HTTPS_PROXY: proxy.url }))
        const report = JSON.parse(run.stdout) as { exitCode: number; cells: { worst: string }[] }
        expect({ code: run.code, exitCode: report.exitCode, worst: [...new Set(report.cells.map((c) => c.worst))] }).toEqual({ code: 0, exitCode: 0, worst: ['pass'] })
        expect(stub.calls.filter((c) => c.action === 'AssumeRole')).toHaveLength(FLEET_ACCOUNTS.length)
        expect(tunnelsToFront()).toBeGreaterThan(0)
        // Every connection the front accepted came through a tunnel of the proxy.
        expect(frontConnections).toBe(tunnelsToFront())
        expect(proxy.tunnels.length).toBe(tunnelsToFront())
    })

    it.each([['directly', false], ['through HTTPS_PROXY', true]])(
        'fleet doctor, %s: its cells share keep-alive TLS connections, so a fleet checked one cell at a time handshakes no more than one topic checked alone',
        async (_how, viaProxy) => {
            const through = (): NodeJS.Dict<string> => (viaProxy ? { HTTPS_PROXY: proxy.url } : {})
            const single = await runCli(cli, ['doctor', '--topic-arn', topicArnOf(FLEET_ACCOUNTS[0], FLEET_REGIONS[0]), '--json'], env(through()))
            expect(single.code).toBe(0)
            const singleHandshakes = frontHandshakes
            expect(singleHandshakes).toBeGreaterThan(0)
            frontHandshakes = 0
            const run = await runCli(cli, ['doctor', '--topic-name', FLEET_TOPIC, '--accounts', accountsFile, '--regions', FLEET_REGIONS.join(','), '--role-name', FLEET_ROLE, '--concurrency', '1', '--json'], env(through()))
            const report = JSON.parse(run.stdout) as { cells: { worst: string }[] }
            expect({ code: run.code, cells: report.cells.length, worst: [...new Set(report.cells.map((c) => c.worst))] }).toEqual({ code: 0, cells: FLEET_ACCOUNTS.length * FLEET_REGIONS.length, worst: ['pass'] })
            // Connections of their own would handshake again in every cell (through the proxy: a new tunnel each).
            expect(frontHandshakes).toBeLessThanOrEqual(singleHandshakes)
            expect(proxy.tunnels.length).toBe(viaProxy ? frontConnections : 0)
        },
    )

    it('verify: never uses the proxy, and says so', async () => {
        const endpointFile = join(dir, 'endpoint.txt')
        writeFileSync(endpointFile, 'https://dev12345.service-now.com/api/sn_em_connector/em/inbound_event?source=AWS&sys_id=0123456789abcdef0123456789abcdef&x-sn-apikey=now_CANARY_proxy_1234567\n', { mode: 0o600 })
        // Nothing listens on the connect-to port: a direct attempt fails fast; through the proxy it would be a tunnel.
        const run = await runCli(cli, ['verify', '--endpoint-file', endpointFile, '--connect-to', 'dev12345.service-now.com:443:127.0.0.1:9', '--json', '--timeout', '2'], env({ HTTPS_PROXY: proxy.url }))
        const report = JSON.parse(run.stdout) as { class: string; warnings: string[] }
        expect(report.class).toBe('network')
        expect(report.warnings).toEqual(['HTTPS_PROXY is set and not used: verify connects directly to the instance, as SNS does from AWS (a proxy would test another path)'])
        expect(proxy.tunnels).toEqual([])
        expect(run.stdout + run.stderr).not.toContain('CANARY')
    })
})
