// A loopback HTTPS stand-in for the Event Management inbound API (/api/sn_em_connector/em/inbound_event): it
// accepts only the current API key (an expired key gets 401, as on the instance) and records every request.
// Its certificate is issued for the instance host by a throw-away test CA; the CLI trusts it via
// NODE_EXTRA_CA_CERTS and reaches 127.0.0.1 with --connect-to.
import { readFileSync, writeFileSync } from 'node:fs'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Deliver } from './aws-stub.ts'
import { makeTestCertificates } from './test-certificates.ts'

export interface TestCertificate {
    caFile: string
    key: Buffer
    cert: Buffer
}

/** A throw-away CA and a server certificate for `host` (test/support/test-certificates.ts); the CA PEM goes to `dir`. */
export async function issueTestCertificate(dir: string, host: string): Promise<TestCertificate> {
    const certs = await makeTestCertificates({ dnsNames: [host] })
    const caFile = join(dir, 'em-ca.crt')
    writeFileSync(caFile, certs.caPem)
    return { caFile, key: Buffer.from(certs.keyPem), cert: Buffer.from(certs.certPem) }
}

export interface EmRequest {
    url: string
    headers: NodeJS.Dict<string | string[]>
    body: string
    status: number
    at: number
}

export class EmHttpsStub {
    readonly requests: EmRequest[] = []
    /** The key the instance accepts; any other gets 401. */
    acceptedKey = ''
    /** Milliseconds to wait before answering (to have a request in flight when a test interrupts). */
    delayMs = 0
    /** Forces this status for every request, when set. */
    forcedStatus: number | null = null
    /** Answers every request instead of the accepted-key rule, when set (the playground asks the instance double). */
    answerWith: ((request: { method: string; url: string; headers: NodeJS.Dict<string | string[]>; body: string }) => { status: number; body: string }) | null = null
    private server: https.Server | null = null
    port = 0

    constructor(private readonly certificate: TestCertificate) {}

    async start(): Promise<void> {
        this.server = https.createServer({ key: this.certificate.key, cert: this.certificate.cert }, (req, res) => {
            const chunks: Buffer[] = []
            req.on('data', (c: Buffer) => chunks.push(c))
            req.on('end', () => {
                const url = req.url ?? ''
                const body = Buffer.concat(chunks).toString('utf8')
                const key = new URLSearchParams(url.slice(url.indexOf('?') + 1)).get('x-sn-apikey')
                const given = this.answerWith?.({ method: req.method ?? '', url, headers: req.headers, body })
                const status = this.forcedStatus ?? given?.status ?? (key === this.acceptedKey && url.startsWith('/api/sn_em_connector/em/inbound_event?') ? 200 : 401)
                this.requests.push({ url, headers: req.headers, body, status, at: Date.now() })
                const answer = () => {
                    res.writeHead(status, { 'Content-Type': 'application/json' })
                    res.end(given ? given.body : status === 200 ? '{"result":{}}' : '{"error":{"message":"User is not authenticated"},"status":"failure"}')
                }
                if (this.delayMs > 0) setTimeout(answer, this.delayMs)
                else answer()
            })
        })
        await new Promise<void>((resolve) => (this.server as https.Server).listen(0, '127.0.0.1', resolve))
        this.port = (this.server.address() as AddressInfo).port
    }

    async stop(): Promise<void> {
        if (!this.server) return
        this.server.closeAllConnections()
        await new Promise<void>((resolve) => (this.server as https.Server).close(() => resolve()))
        this.server = null
    }

    /** Accepted (2xx) requests per x-amz-sns-message-id. */
    acceptedPerMessageId(): Map<string, number> {
        const counts = new Map<string, number>()
        for (const r of this.requests) {
            if (r.status < 200 || r.status >= 300) continue
            const id = String(r.headers['x-amz-sns-message-id'])
            counts.set(id, (counts.get(id) ?? 0) + 1)
        }
        return counts
    }

    /** How SNS reaches this stub in the AWS stub's publish(): TLS to 127.0.0.1 with the instance host as SNI. */
    deliver(): Deliver {
        return (request) =>
            new Promise((resolve) => {
                const url = new URL(request.url)
                const req = https.request(
                    { host: '127.0.0.1', port: this.port, servername: url.hostname, path: url.pathname + url.search, method: 'POST', headers: { Host: url.hostname, ...request.headers }, ca: readFileSync(this.certificate.caFile), agent: false },
                    (res) => {
                        res.resume()
                        res.on('end', () => resolve({ status: res.statusCode ?? 0 }))
                    },
                )
                req.on('error', (err) => resolve({ error: err.message }))
                req.end(request.body)
            })
    }
}
