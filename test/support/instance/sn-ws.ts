// @servicenow/glide/sn_ws doubles: RESTMessageV2 and RESTResponseV2. Every execute() is captured in
// instance.outbound. A call to the instance's own origin is answered by instance.inbound (the inbound-auth model);
// other origins by instance.network.hosts, else they are unreachable. instance.network.fail makes every call fail
// without an HTTP answer: haveError() true, status 0 ("getErrorCode: ... not an HTTP error code", RESTResponseV2
// API reference). The error texts are the Java exception messages instances report; they are not documented.
// For HTTP statuses >= 400 haveError() is true and the message reads "Method failed: (<path>) with code: <status>".
// Evidence: E45 (RESTMessageV2/RESTResponseV2 members, S12). assumption: the exception texts for network failures.
// E65, switch selfCall: a call to the instance's own origin may get no answer, or an IP access control page.
import type { RESTMessageV2 as OfficialRESTMessageV2, RESTResponseV2 as OfficialRESTResponseV2 } from '@servicenow/glide/sn_ws'
import { currentInstance } from './current.ts'
import type { InboundResponse } from './inbound-auth.ts'
import type { OutboundRequest } from './instrumentation.ts'
import { asOfficial } from './official.ts'

type MessageMethods =
    | 'setEndpoint' | 'getEndpoint' | 'setHttpMethod' | 'setRequestHeader' | 'getRequestHeader' | 'getRequestHeaders'
    | 'setQueryParameter' | 'setRequestBody' | 'getRequestBody' | 'setHttpTimeout' | 'setLogLevel' | 'setBasicAuth'
    | 'setStringParameter' | 'setStringParameterNoEscape' | 'execute' | 'executeAsync'

type ResponseMethods =
    | 'getStatusCode' | 'getBody' | 'getHeader' | 'getHeaders' | 'getAllHeaders' | 'haveError' | 'getErrorMessage'
    | 'getErrorCode' | 'getQueryString' | 'waitForResponse'

interface Outcome {
    status: number
    headers: { [name: string]: string }
    body: string
    errorCode: number
    errorMessage: string
}

export class RESTResponseV2 implements Pick<OfficialRESTResponseV2, ResponseMethods> {
    constructor(
        private readonly outcome: Outcome,
        private readonly queryString = '',
    ) {}

    getStatusCode(): number {
        return this.outcome.status
    }

    getBody(): string {
        return this.outcome.body
    }

    /** Case-insensitive, like HTTP header names. */
    getHeader(name?: string): string {
        const wanted = String(name ?? '').toLowerCase()
        const hit = Object.keys(this.outcome.headers).find((h) => h.toLowerCase() === wanted)
        return hit ? this.outcome.headers[hit] : (null as unknown as string)
    }

    getHeaders(): Record<string, string> {
        return { ...this.outcome.headers }
    }

    getAllHeaders(): { name: string; value: string }[] {
        return Object.entries(this.outcome.headers).map(([name, value]) => ({ name, value }))
    }

    haveError(): boolean {
        return this.outcome.errorCode !== 0
    }

    getErrorMessage(): string {
        return this.outcome.errorMessage
    }

    getErrorCode(): number {
        return this.outcome.errorCode
    }

    getQueryString(): string {
        return this.queryString
    }

    waitForResponse(_timeoutSecs?: number): void {}
}

function respond(outcome: Outcome, queryString = ''): OfficialRESTResponseV2 {
    return asOfficial<OfficialRESTResponseV2>(new RESTResponseV2(outcome, queryString))
}

function noAnswer(errorMessage: string): Outcome {
    return { status: 0, headers: {}, body: '', errorCode: 1, errorMessage }
}

function answered(response: InboundResponse, path: string): Outcome {
    const failed = response.status >= 400
    return {
        status: response.status,
        headers: response.headers,
        body: response.body,
        errorCode: failed ? response.status : 0,
        errorMessage: failed ? `Method failed: (${path}) with code: ${response.status}` : '',
    }
}

/** E65, switch selfCall 'denied' (assumption on its shape): the page IP access control answers with. */
export const SELF_CALL_DENIED: InboundResponse = {
    status: 403,
    headers: { 'Content-Type': 'text/html;charset=UTF-8' },
    body: '<html><body><h1>Access restricted</h1><p>Your IP address is not allowed to access this instance.</p></body></html>',
}

export class RESTMessageV2 implements Pick<OfficialRESTMessageV2, MessageMethods> {
    private endpoint = ''
    private method = 'GET'
    private readonly headers: { [name: string]: string } = {}
    private readonly query: [string, string][] = []
    private body = ''
    private timeoutMs: number | null = null
    private logLevel = ''
    private readonly variables = new Map<string, string>()

    /** new RESTMessageV2() only; named outbound REST messages (name, method) are not modelled. */
    constructor(...args: unknown[]) {
        if (args.length && args[0] !== undefined) throw new Error('RESTMessageV2 double: named REST messages are not modelled; use new RESTMessageV2() and setEndpoint')
    }

    setEndpoint(endpoint?: string): void {
        this.endpoint = String(endpoint ?? '')
    }

    getEndpoint(): string {
        return this.substitute(this.endpoint)
    }

    setHttpMethod(methodName?: string): void {
        this.method = String(methodName ?? 'GET').toUpperCase()
    }

    setRequestHeader(name?: string, value?: string): void {
        this.headers[String(name)] = String(value ?? '')
    }

    getRequestHeader(headerName?: string): string {
        return this.headers[String(headerName)] ?? ''
    }

    getRequestHeaders(): Record<string, string> {
        return { ...this.headers }
    }

    setQueryParameter(name?: string, value?: string): void {
        this.query.push([String(name), String(value ?? '')])
    }

    setRequestBody(content?: string): void {
        this.body = String(content ?? '')
    }

    getRequestBody(): string {
        return this.substitute(this.body)
    }

    setHttpTimeout(timeoutMs?: number): void {
        this.timeoutMs = timeoutMs ?? null
    }

    setLogLevel(logLevel?: string): void {
        this.logLevel = String(logLevel ?? '')
    }

    setBasicAuth(userName?: string, userPass?: string): void {
        this.headers.Authorization = `Basic ${Buffer.from(`${userName ?? ''}:${userPass ?? ''}`).toString('base64')}`
    }

    setStringParameter(name?: string, value?: string): void {
        this.variables.set(String(name), String(value ?? ''))
    }

    setStringParameterNoEscape(name?: string, value?: string): void {
        this.setStringParameter(name, value)
    }

    private substitute(text: string): string {
        return text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => this.variables.get(name) ?? whole)
    }

    private fullUrl(): string {
        const base = this.getEndpoint()
        if (!this.query.length) return base
        const query = this.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
        return `${base}${base.includes('?') ? '&' : '?'}${query}`
    }

    execute(): OfficialRESTResponseV2 {
        const instance = currentInstance()
        const url = this.fullUrl()
        const request: OutboundRequest = { method: this.method, url, headers: { ...this.headers }, body: this.getRequestBody(), timeoutMs: this.timeoutMs, logLevel: this.logLevel }
        instance.outbound.push(request)
        let parsed: URL
        try {
            parsed = new URL(url)
        } catch (_invalid) {
            return respond(noAnswer(`java.lang.IllegalArgumentException: Invalid uri '${url}'`))
        }
        const queryString = parsed.search.replace(/^\?/, '')
        if (instance.network.fail === 'timeout') return respond(noAnswer('java.net.SocketTimeoutException: Read timed out'), queryString)
        if (instance.network.fail === 'dns') return respond(noAnswer(`java.net.UnknownHostException: ${parsed.hostname}`), queryString)
        const inbound = { method: this.method, url, headers: { ...this.headers }, body: request.body }
        if (parsed.origin === new URL(instance.baseUrl).origin) {
            // E65 (switch selfCall): the instance may not reach its own URL. assumption: the exception text, and a
            // 403 HTML page from IP access control that comes before any REST authentication.
            if (instance.switches.selfCall === 'no_answer') return respond(noAnswer(`java.net.SocketTimeoutException: connect timed out: ${parsed.host}`), queryString)
            if (instance.switches.selfCall === 'denied') return respond(answered(SELF_CALL_DENIED, parsed.pathname), queryString)
            return respond(answered(instance.inbound(inbound), parsed.pathname), queryString)
        }
        const host = instance.network.hosts.get(parsed.origin)
        if (host) return respond(answered(host(inbound), parsed.pathname), queryString)
        return respond(noAnswer(`java.net.ConnectException: Connection refused: ${parsed.host}`), queryString)
    }

    /** Answered at once; waitForResponse() is a no-op. */
    executeAsync(): OfficialRESTResponseV2 {
        return this.execute()
    }
}
