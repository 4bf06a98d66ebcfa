// A loopback stand-in for the instance endpoints `now-sdk install` calls (sdk-facts.md, "Build, pack, install").
// It checks the handshake the way an instance would (session cookie + X-UserToken for basic, bearer token for OAuth),
// records every request, and keeps the uploaded zip, so a test can run the real SDK with no instance.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type StubMode =
    /** Every call succeeds; the install reports status '2'. */
    | 'ok'
    /** The login answers 401, whatever the credentials. */
    | 'bad-login'
    /** The install runs, then reports status '3' with `statusMessage`. */
    | 'install-error'
    /** The install never finishes: progress stays '1' (for the deploy timeout). */
    | 'install-hangs'

export interface StubOptions {
    mode?: StubMode
    user?: string
    password?: string
    clientId?: string
    clientSecret?: string
    /** Shown as the progress status_message when the mode is 'install-error'. */
    statusMessage?: string
    /** Progress polls answered '1' (running) before the final status. The SDK waits 1 s between polls. */
    pendingPolls?: number
    /** A refused OAuth token request echoes the secret (JSON-escaped), its Basic pair and the submitted form, as some
     * servers do (the SDK prints 200 characters of it). */
    echoOAuthForm?: boolean
}

export interface MultipartPart {
    name: string
    filename?: string
    contentType?: string
    data: Buffer
}

export interface RecordedRequest {
    method: string
    /** Path without the query string. */
    path: string
    query: Record<string, string>
    headers: Record<string, string | string[] | undefined>
    body: Buffer
    /** Parsed parts when the body was multipart/form-data. */
    parts?: MultipartPart[]
    /** The status the stub answered. */
    status: number
    /** Milliseconds since the stub started, when the request arrived. */
    at: number
}

export interface DeployStub {
    url: string
    port: number
    options: Required<StubOptions>
    requests: RecordedRequest[]
    /** Bytes of each `attachFile` field uploaded to /sn_appclient_upload_processor.do. */
    uploads: Buffer[]
    /** "METHOD /path" of every request, in order. */
    sequence(): string[]
    close(): Promise<void>
}

const MAX_BODY = 50 * 1024 * 1024
export const STUB_TRACKER = 'b0a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5'
const ROLLBACK = 'f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0'

/** A multipart/form-data parser, just enough for what undici's FormData sends. */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
    const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
    if (!match) throw new Error(`no boundary in ${contentType}`)
    const delimiter = Buffer.from(`--${match[1] ?? match[2]}`)
    const parts: MultipartPart[] = []
    let start = body.indexOf(delimiter)
    while (start >= 0) {
        const afterDelimiter = start + delimiter.length
        if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break
        const next = body.indexOf(delimiter, afterDelimiter)
        if (next < 0) throw new Error('multipart body is not closed')
        const part = body.subarray(afterDelimiter + 2, next - 2) // drop the CRLF after the delimiter and before the next
        const headerEnd = part.indexOf('\r\n\r\n')
        const headerText = part.subarray(0, headerEnd).toString('utf8')
        const disposition = /content-disposition:[^\r\n]*/i.exec(headerText)?.[0] ?? ''
        parts.push({
            name: /\bname="([^"]*)"/.exec(disposition)?.[1] ?? '',
            filename: /\bfilename="([^"]*)"/.exec(disposition)?.[1],
            contentType: /content-type:\s*([^\r\n]+)/i.exec(headerText)?.[1],
            data: Buffer.from(part.subarray(headerEnd + 4)),
        })
        start = next
    }
    return parts
}

function readBody(req: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = []
        let size = 0
        req.on('data', (chunk: Buffer) => {
            size += chunk.length
            if (size > MAX_BODY) {
                reject(new Error('request body too large'))
                req.destroy()
                return
            }
            chunks.push(chunk)
        })
        req.on('end', () => resolve(Buffer.concat(chunks)))
        req.on('error', reject)
    })
}

function cookies(req: IncomingMessage): Record<string, string> {
    const out: Record<string, string> = {}
    for (const pair of (req.headers.cookie ?? '').split(';')) {
        const eq = pair.indexOf('=')
        if (eq > 0) out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim()
    }
    return out
}

export async function startDeployStub(options: StubOptions = {}): Promise<DeployStub> {
    const opts: Required<StubOptions> = {
        mode: 'ok',
        user: 'ci.deployer',
        password: `pw-${randomBytes(9).toString('hex')}`,
        clientId: 'stub-client-id',
        clientSecret: `cs-${randomBytes(9).toString('hex')}`,
        statusMessage: 'Stub install failed: table x_em_aws_apikey_key could not be created',
        pendingPolls: 0,
        echoOAuthForm: false,
        ...options,
    }
    const accessToken = `at-${randomBytes(9).toString('hex')}`
    // Session id -> the CSRF token it was given once authenticated ('' while anonymous).
    const sessions = new Map<string, string>()
    const requests: RecordedRequest[] = []
    const uploads: Buffer[] = []
    let polls = 0
    const startedAt = Date.now()

    const newSession = (authenticated: boolean): string => {
        const id = randomBytes(12).toString('hex')
        sessions.set(id, authenticated ? randomBytes(12).toString('hex') : '')
        return id
    }
    const sessionOf = (req: IncomingMessage): string | undefined => {
        const id = cookies(req).JSESSIONID
        return id && sessions.has(id) ? id : undefined
    }
    const bearerOk = (req: IncomingMessage): boolean => req.headers.authorization === `Bearer ${accessToken}`
    // A logged-in session cookie with its X-UserToken, or the bearer token.
    const authorized = (req: IncomingMessage): boolean => {
        if (bearerOk(req)) return true
        const id = sessionOf(req)
        const token = id ? sessions.get(id) : ''
        return !!token && req.headers['x-usertoken'] === token
    }

    function handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer, rec: RecordedRequest): void {
        const json = (status: number, payload: unknown, headers: Record<string, string | string[]> = {}): void => {
            rec.status = status
            res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', ...headers })
            res.end(JSON.stringify(payload))
        }
        const denied = (): void => json(401, { error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' }, status: 'failure' })
        const route = `${req.method} ${url.pathname}`
        const type = url.searchParams.get('sysparm_type')

        if (route === 'POST /oauth_token.do') {
            const form = new URLSearchParams(body.toString('utf8'))
            if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== opts.clientId || form.get('client_secret') !== opts.clientSecret) {
                // As a careless server might: the secret as a JSON string, the Basic pair, then the raw form.
                const pair = Buffer.from(`${form.get('client_id')}:${form.get('client_secret')}`).toString('base64')
                const echo = opts.echoOAuthForm ? { secret: form.get('client_secret'), basic: `Basic ${pair}`, submitted: body.toString('utf8') } : {}
                return json(401, { ...echo, error: 'invalid_client', error_description: 'access_denied' })
            }
            return json(200, { access_token: accessToken, token_type: 'Bearer', expires_in: 1799, scope: 'useraccount' })
        }
        if (route === 'POST /angular.do' && type === 'view_form.login') {
            const form = new URLSearchParams(body.toString('utf8'))
            if (opts.mode === 'bad-login' || form.get('user_name') !== opts.user || form.get('user_password') !== opts.password) {
                return json(401, { status: 'error', message: 'User name or password invalid' })
            }
            return json(200, { status: 'success' }, { 'Set-Cookie': `JSESSIONID=${newSession(true)}; Path=/; HttpOnly` })
        }
        if (route === 'POST /angular.do' && type === 'get_user') {
            // Like an instance: an anonymous caller gets a session cookie; a session that is logged in (or was
            // attached to a bearer token) gets its CSRF token in the header of a 401.
            const id = sessionOf(req)
            const token = id ? sessions.get(id) : ''
            if (id && token) return json(401, { error: 'get_user needs the token' }, { 'X-UserToken-Response': token })
            return json(200, { result: { user: null } }, { 'Set-Cookie': `JSESSIONID=${newSession(false)}; Path=/; HttpOnly` })
        }
        if (!authorized(req)) return denied()
        if (route === 'GET /api/now/table/sys_scope') {
            // The OAuth handshake's first sys_scope call carries the bearer token and an anonymous session cookie:
            // that attaches the session to the token, so the next get_user hands out a CSRF token.
            const id = sessionOf(req)
            if (id && bearerOk(req) && !sessions.get(id)) sessions.set(id, randomBytes(12).toString('hex'))
            return json(200, { result: [] })
        }
        if (route === 'GET /api/now/table/sys_upgrade_history') return json(200, { result: [] })
        if (route === 'POST /sn_appclient_upload_processor.do') {
            const parts = rec.parts ?? []
            const file = parts.find((p) => p.name === 'attachFile')
            const ck = parts.find((p) => p.name === 'sysparm_ck')?.data.toString('utf8') ?? ''
            const id = sessionOf(req)
            // The form must repeat the session's CSRF token. (The SDK turns an OAuth token into a UI session too,
            // so it always has one; a bare bearer token is let through as the instance's REST APIs would.)
            if (!bearerOk(req) && (!id || ck !== sessions.get(id))) return json(401, { error: 'bad sysparm_ck' })
            if (!file || file.data.length === 0) return json(400, { error: 'no attachFile' })
            uploads.push(file.data)
            return json(200, { executionTracker: STUB_TRACKER, rollbackContext: ROLLBACK })
        }
        if (req.method === 'GET' && url.pathname.startsWith('/api/sn_cicd/progress/')) {
            if (url.pathname !== `/api/sn_cicd/progress/${STUB_TRACKER}` || uploads.length === 0) return json(404, { error: { message: 'No such tracker' } })
            polls += 1
            if (opts.mode === 'install-hangs' || polls <= opts.pendingPolls) {
                return json(200, { result: { status: '1', status_label: 'Running', status_message: 'Installing records', percent_complete: 50 } })
            }
            if (opts.mode === 'install-error') {
                return json(200, { result: { status: '3', status_label: 'Failed', status_message: opts.statusMessage, percent_complete: 100 } })
            }
            return json(200, { result: { status: '2', status_label: 'Successful', status_message: 'Application installed', percent_complete: 100 } })
        }
        if (route === 'POST /api/now/wfa_fluent/activate_flows') {
            const asked = JSON.parse(body.toString('utf8') || '{}') as { flows?: unknown[]; actions?: unknown[] }
            const total = (asked.flows?.length ?? 0) + (asked.actions?.length ?? 0)
            return json(200, { result: { summary: { total, succeeded: total, failed: 0 }, results: [] } })
        }
        return json(404, { error: { message: `stub: no route for ${route}` } })
    }

    const server = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1')
        const rec: RecordedRequest = {
            method: req.method ?? '',
            path: url.pathname,
            query: Object.fromEntries(url.searchParams),
            headers: { ...req.headers },
            body: Buffer.alloc(0),
            status: 0,
            at: Date.now() - startedAt,
        }
        requests.push(rec)
        readBody(req)
            .then((body) => {
                rec.body = body
                const contentType = req.headers['content-type'] ?? ''
                if (contentType.startsWith('multipart/form-data')) rec.parts = parseMultipart(body, contentType)
                handle(req, res, url, body, rec)
            })
            .catch((error: Error) => {
                rec.status = 500
                if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' })
                res.end(`stub error: ${error.message}`)
            })
    })
    // Bounded: a stuck client cannot keep the stub (and jest) alive.
    server.requestTimeout = 30_000
    server.headersTimeout = 10_000
    server.keepAliveTimeout = 1_000

    await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(0, '127.0.0.1', () => resolve())
    })
    const port = (server.address() as AddressInfo).port
    let closing: Promise<void> | undefined

    return {
        url: `http://127.0.0.1:${port}`,
        port,
        options: opts,
        requests,
        uploads,
        sequence: () => requests.map((r) => `${r.method} ${r.path}${r.query.sysparm_type ? `?sysparm_type=${r.query.sysparm_type}` : ''}`),
        close() {
            closing ??= new Promise<void>((resolve) => {
                server.close(() => resolve())
                server.closeAllConnections()
            })
            return closing
        },
    }
}

/** A loopback port with nothing listening on it: bound, then released. */
export async function closedPort(): Promise<number> {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
    const port = (server.address() as AddressInfo).port
    await new Promise<void>((resolve) => server.close(() => resolve()))
    return port
}
