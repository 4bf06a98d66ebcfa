// One HTTPS request with node:https, so --connect-to can move the TCP connection while SNI, Host and the
// certificate check keep the real host name. TLS verification is always on (rejectUnauthorized: true);
// extra CAs come only from Node's NODE_EXTRA_CA_CERTS.
import { Buffer } from 'node:buffer'
import https from 'node:https'
import { clearTimeout, setTimeout } from 'node:timers'
import { resolveConnectTo, type ConnectTo } from './cli-args.ts'

export interface ProbeRequest {
    method: 'GET' | 'POST'
    host: string
    /** Path and query, sent exactly as given. */
    path: string
    headers: { [name: string]: string }
    body?: string
    timeoutMs: number
    connectTo: readonly ConnectTo[]
    /** A keep-alive agent shared by many requests (replay); default: a fresh connection for this request only. */
    agent?: https.Agent
}

export type ProbeResult =
    | { kind: 'response'; status: number; contentType: string; body: string; durationMs: number }
    | { kind: 'failure'; code: string; message: string; timedOut: boolean; durationMs: number }

const HTTPS_PORT = 443
const MAX_BODY_BYTES = 64 * 1024

export function probe(req: ProbeRequest): Promise<ProbeResult> {
    const started = Date.now()
    const target = resolveConnectTo(req.connectTo, req.host, HTTPS_PORT)
    return new Promise((resolve) => {
        let settled = false
        const finish = (result: ProbeResult): void => {
            if (settled) return
            settled = true
            clearTimeout(timer)
            resolve(result)
        }
        const fail = (err: NodeJS.ErrnoException, timedOut: boolean): void =>
            finish({
                kind: 'failure',
                code: err.code ?? (timedOut ? 'ETIMEDOUT' : 'UNKNOWN'),
                message: err.message,
                timedOut,
                durationMs: Date.now() - started,
            })
        let request: ReturnType<typeof https.request>
        try {
            request = https.request({
                method: req.method,
                host: target.host,
                port: target.port,
                servername: req.host, // SNI and the certificate name check use the real host
                path: req.path,
                headers: { Host: req.host, ...req.headers },
                agent: req.agent ?? false,
                rejectUnauthorized: true,
            })
        } catch (err) {
            // Node refuses a header value it cannot send (ERR_INVALID_CHAR): a failure of this request, never a crash.
            const e = err as NodeJS.ErrnoException
            settled = true
            resolve({ kind: 'failure', code: e.code ?? 'ERR_INVALID_REQUEST', message: 'the request could not be built (a header value Node refuses)', timedOut: false, durationMs: 0 })
            return
        }
        // One deadline for connect, TLS, request and the whole answer, like SNS's 15 s.
        const timer = setTimeout(() => {
            const err: NodeJS.ErrnoException = new Error(`no complete answer within ${req.timeoutMs} ms`)
            err.code = 'ETIMEDOUT'
            fail(err, true)
            request.destroy()
        }, req.timeoutMs)
        request.on('error', (err: NodeJS.ErrnoException) => fail(err, false))
        request.on('response', (res) => {
            const chunks: Buffer[] = []
            let size = 0
            res.on('data', (chunk: Buffer) => {
                size += chunk.length
                if (size <= MAX_BODY_BYTES) chunks.push(chunk)
            })
            res.on('error', (err: NodeJS.ErrnoException) => fail(err, false))
            res.on('end', () =>
                finish({
                    kind: 'response',
                    status: res.statusCode ?? 0,
                    contentType: String(res.headers['content-type'] ?? ''),
                    body: Buffer.concat(chunks).toString('utf8'),
                    durationMs: Date.now() - started,
                }),
            )
        })
        request.end(req.body)
    })
}
