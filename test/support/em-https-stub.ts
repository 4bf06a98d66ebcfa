// A loopback HTTPS stand-in for the Event Management inbound API (/api/sn_em_connector/em/inbound_event): it
// accepts only the current API key (an expired key gets 401, as on the instance) and records every request.
// Its certificate is issued for the instance host by a throw-away test CA; the CLI trusts it via
// NODE_EXTRA_CA_CERTS and reaches 127.0.0.1 with --connect-to.
// Issue 16 additions: Basic auth (the user:password@ URL variant) accepted for one user unless the Basic Auth
// Restriction is enforced for it (E58: then 401, which SNS never retries, E60), and the push connector's handling of a
// SubscriptionConfirmation: answer 200 and confirm by fetching SubscribeURL, after checking that its host is
// sns.<region>.amazonaws.com (no SSRF).
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
    /** Forces this answer body, when set (a hostile server message). */
    forcedBody: string | null = null
    /** The Basic-auth user the instance accepts (null: Basic never accepted). */
    acceptedBasic: { user: string; password: string } | null = null
    /** E58 enforced for that user: Basic answers 401. */
    basicRestricted = false
    /** How the connector fetches a SubscribeURL (the test maps sns.<region>.amazonaws.com to the AWS stub). */
    subscribeUrlFetcher: ((url: string) => Promise<void>) | null = null
    /** Confirmations accepted but not yet acted on (released with releaseConfirmations). */
    holdConfirmations = false
    private heldConfirmations: string[] = []
    /** Per request: milliseconds to wait before answering (e.g. only the sn-aws-verify test alarm). */
    delayWhen: ((request: { url: string; headers: NodeJS.Dict<string | string[]>; body: string }) => number) | null = null
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
                const given = this.answerWith?.({ method: req.method ?? '', url, headers: req.headers, body })
                const status = this.forcedStatus ?? given?.status ?? (this.authenticated(url, req.headers) && url.startsWith('/api/sn_em_connector/em/inbound_event?') ? 200 : 401)
                this.requests.push({ url, headers: req.headers, body, status, at: Date.now() })
                if (status === 200 && req.headers['x-amz-sns-message-type'] === 'SubscriptionConfirmation') this.confirm(body)
                const answer = () => {
                    res.writeHead(status, { 'Content-Type': 'application/json' })
                    res.end(this.forcedBody ?? (given ? given.body : status === 200 ? '{"result":{}}' : '{"error":{"message":"User is not authenticated"},"status":"failure"}'))
                }
                const delay = this.delayWhen ? this.delayWhen({ url, headers: req.headers, body }) : this.delayMs
                if (delay > 0) setTimeout(answer, delay)
                else answer()
            })
        })
        await new Promise<void>((resolve) => (this.server as https.Server).listen(0, '127.0.0.1', resolve))
        this.port = (this.server.address() as AddressInfo).port
    }

    private authenticated(url: string, headers: NodeJS.Dict<string | string[]>): boolean {
        const key = new URLSearchParams(url.slice(url.indexOf('?') + 1)).get('x-sn-apikey')
        if (key !== null) return key === this.acceptedKey
        const basic = /^Basic (.+)$/.exec(String(headers.authorization ?? ''))
        if (!basic || !this.acceptedBasic || this.basicRestricted) return false
        return Buffer.from(basic[1], 'base64').toString('utf8') === `${this.acceptedBasic.user}:${this.acceptedBasic.password}`
    }

    /** The connector confirms: GET SubscribeURL, only on SNS's own host. */
    private confirm(body: string): void {
        let subscribeUrl: string
        try {
            subscribeUrl = String(JSON.parse(body).SubscribeURL)
        } catch {
            return
        }
        if (!/^https:\/\/sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//.test(subscribeUrl)) return
        if (this.holdConfirmations) this.heldConfirmations.push(subscribeUrl)
        else if (this.subscribeUrlFetcher) void this.subscribeUrlFetcher(subscribeUrl)
    }

    /** Acts on the confirmations held so far. */
    async releaseConfirmations(): Promise<void> {
        const held = this.heldConfirmations.splice(0)
        for (const url of held) if (this.subscribeUrlFetcher) await this.subscribeUrlFetcher(url)
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
                // SNS sends the user:password@ of a Basic-auth endpoint as an Authorization header.
                const basic = url.username ? { Authorization: `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}` } : {}
                const req = https.request(
                    { host: '127.0.0.1', port: this.port, servername: url.hostname, path: url.pathname + url.search, method: 'POST', headers: { Host: url.hostname, ...basic, ...request.headers }, ca: readFileSync(this.certificate.caFile), agent: false },
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
