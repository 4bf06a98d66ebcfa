// HTTPS_PROXY for the AWS calls (doctor, replay, migrate): the AWS SDK's Node HTTP handler gets an https agent that
// tunnels through the proxy with CONNECT (https-proxy-agent), so TLS to AWS stays end to end and certificates are
// still checked. NO_PROXY names hosts reached directly. The POSTs to the instance (verify, replay) never use the
// proxy: SNS reaches the instance directly from AWS, so a check through a proxy would prove a different path.
import https from 'node:https'
import type { ClientRequest, RequestOptions } from 'node:http'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { InputError } from './cli-args.ts'

export interface ProxySettings {
    /** The proxy URL as given (it may hold user:password; never print it: use shownProxy). */
    url: URL
    /** NO_PROXY entries, lower case: '*', a host, a domain (with or without a leading dot), optionally :port. */
    noProxy: string[]
}

const first = (env: NodeJS.ProcessEnv, names: string[]): string => {
    for (const name of names) {
        const value = (env[name] ?? '').trim()
        if (value !== '') return value
    }
    return ''
}

/** The proxy of HTTPS_PROXY (or https_proxy), or null when none is set. */
export function proxySettings(env: NodeJS.ProcessEnv): ProxySettings | null {
    const raw = first(env, ['HTTPS_PROXY', 'https_proxy'])
    if (raw === '') return null
    let url: URL
    try {
        url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`)
    } catch {
        throw new InputError('HTTPS_PROXY is not a URL; set it like http://proxy.example.com:3128 (the value is not shown)')
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new InputError('HTTPS_PROXY must be an http:// or https:// proxy URL (SOCKS is not supported)')
    }
    const noProxy = first(env, ['NO_PROXY', 'no_proxy'])
        .split(/[\s,]+/)
        .map((e) => e.trim().toLowerCase())
        .filter((e) => e !== '')
    return { url, noProxy }
}

/** The proxy for a person to read: scheme, host and port only (no user or password). */
export function shownProxy(settings: ProxySettings): string {
    return `${settings.url.protocol}//${settings.url.host}`
}

/** True when NO_PROXY sends host:port around the proxy (curl's rules: '*', exact host, domain suffix, optional port). */
export function bypassesProxy(host: string, port: number, noProxy: readonly string[]): boolean {
    const name = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '')
    for (const entry of noProxy) {
        if (entry === '*') return true
        const m = /^(.*?)(?::(\d+))?$/.exec(entry)
        const domain = (m?.[1] ?? entry).replace(/^\*?\./, '').replace(/^\[|\]$/g, '')
        if (m?.[2] !== undefined && Number(m[2]) !== port) continue
        if (name === domain || name.endsWith(`.${domain}`)) return true
    }
    return false
}

/**
 * The https agent for the AWS SDK's request handler: through the proxy, except for NO_PROXY hosts. Undefined when no
 * proxy is set (the SDK's own agent is used).
 */
export function awsHttpsAgent(settings: ProxySettings | null): https.Agent | undefined {
    if (settings === null) return undefined
    const viaProxy = new HttpsProxyAgent(settings.url, { keepAlive: true })
    const direct = new https.Agent({ keepAlive: true })
    // Node's ClientRequest hands every request to agent.addRequest; this one picks the proxy or the direct agent.
    type Routable = https.Agent & { addRequest(req: ClientRequest, options: RequestOptions): void }
    const router = new https.Agent({ keepAlive: true }) as Routable
    router.addRequest = (req, options) => {
        const port = Number(options.port ?? 443)
        const bypass = bypassesProxy(String(options.hostname ?? options.host ?? ''), port, settings.noProxy)
        if (!bypass) {
            // A proxy that refuses the tunnel answers e.g. 403; left alone, the SDK would read that as AWS denying
            // access (an IAM problem). It is a network failure at the proxy, and is said so.
            req.once('proxyConnect', (connect: { statusCode?: number }) => {
                if (connect.statusCode === 200) return
                const refused = new Error(`the proxy ${shownProxy(settings)} refused the tunnel to ${String(options.host)}:${port} (HTTP ${connect.statusCode})`)
                req.destroy(Object.assign(refused, { code: 'ERR_PROXY_REFUSED' }))
            })
        }
        // secureEndpoint: agent-base otherwise tells https from http by the call stack, which differs when a socket is
        // freed, so a kept-alive tunnel would be pooled under another name and never reused (a new tunnel and TLS
        // handshake for every call).
        ;((bypass ? direct : viaProxy) as unknown as Routable).addRequest(req, { ...options, secureEndpoint: true } as RequestOptions)
    }
    router.destroy = () => {
        viaProxy.destroy()
        direct.destroy()
    }
    return router
}
