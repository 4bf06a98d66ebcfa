// Building, parsing and masking the Event Management endpoint SNS posts to. Pure (Rhino and Node).
// The key travels in the query string because SNS cannot add headers (platform-model.md, rule 6).
import { checkApiKey, checkConnectorSysId, checkSource, instanceBaseUrl } from './endpoint-fields.ts'
import { decodeQueryValue, encodeQueryValue, fieldError, splitHttpsUrl } from './url-rules.ts'

export const EM_INBOUND_PATH = '/api/sn_em_connector/em/inbound_event'
export const API_KEY_PARAM = 'x-sn-apikey'
const PARAMS = ['source', 'sys_id', API_KEY_PARAM]

export interface AwsEndpointInput {
    /** Bare instance name (dev12345) or https:// base URL of any host. */
    instance: string
    /** Event source name of the push connector, 1-100 characters. */
    source: string
    /** sys_id of the push connector instance: 32 lowercase hex digits. */
    connectorSysId: string
    /** The REST API key token (now_...). */
    apiKey: string
}

export interface AwsEndpoint {
    /** `https://<host>`, lower-cased, no trailing slash. */
    baseUrl: string
    host: string
    /** Decoded values. */
    source: string
    connectorSysId: string
    apiKey: string
}

export function formatAwsEndpoint(input: AwsEndpointInput): string {
    if (!input || typeof input !== 'object') {
        throw new Error('formatAwsEndpoint: expected an object { instance, source, connectorSysId, apiKey }')
    }
    const baseUrl = instanceBaseUrl(input.instance, 'instance')
    const source = checkSource(input.source, 'source')
    const sysId = checkConnectorSysId(input.connectorSysId, 'connectorSysId')
    const apiKey = checkApiKey(input.apiKey, 'apiKey')
    return (
        baseUrl +
        EM_INBOUND_PATH +
        '?source=' +
        encodeQueryValue(source, 'source') +
        '&sys_id=' +
        sysId +
        '&' +
        API_KEY_PARAM +
        '=' +
        encodeQueryValue(apiKey, 'apiKey')
    )
}

/**
 * Validates a complete endpoint with the same rules as formatAwsEndpoint and returns the decoded parts.
 * Parameters may come in any order, but each exactly once and nothing else.
 */
export function parseAwsEndpoint(url: string): AwsEndpoint {
    const field = 'endpoint'
    const parts = splitHttpsUrl(url, field)
    const rest = parts.rest
    if (rest.indexOf('#') >= 0) throw fieldError(field, 'must not contain a fragment (#...)')
    const q = rest.indexOf('?')
    const path = q < 0 ? rest : rest.slice(0, q)
    if (path !== EM_INBOUND_PATH) {
        throw fieldError(field, 'path must be exactly ' + EM_INBOUND_PATH + ' (the Event Management inbound event API)')
    }
    if (q < 0 || q === rest.length - 1) {
        throw fieldError(field, 'has no query; it needs source, sys_id and ' + API_KEY_PARAM)
    }
    const values: { [name: string]: string } = {}
    const pairs = rest.slice(q + 1).split('&')
    for (let i = 0; i < pairs.length; i++) {
        const pair = pairs[i]
        if (pair === '') throw fieldError(field, "has an empty query parameter ('&&', or '&' at the start or end)")
        const eq = pair.indexOf('=')
        if (eq < 0) throw fieldError(field, "has a query parameter without '='; write name=value")
        const name = pair.slice(0, eq)
        if (PARAMS.indexOf(name) < 0) {
            if (PARAMS.indexOf(name.toLowerCase()) >= 0) {
                throw fieldError(field, 'query parameter names are case-sensitive; write source, sys_id and ' + API_KEY_PARAM + ' in lower case')
            }
            throw fieldError(field, 'has an unexpected query parameter; only source, sys_id and ' + API_KEY_PARAM + ' belong here')
        }
        if (Object.prototype.hasOwnProperty.call(values, name)) {
            throw fieldError(field, name + ' appears more than once in the query')
        }
        values[name] = decodeQueryValue(pair.slice(eq + 1), field + ' ' + name)
    }
    for (let i = 0; i < PARAMS.length; i++) {
        if (!Object.prototype.hasOwnProperty.call(values, PARAMS[i])) {
            throw fieldError(field, 'is missing the ' + PARAMS[i] + ' query parameter')
        }
    }
    return {
        baseUrl: 'https://' + parts.host,
        host: parts.host,
        source: checkSource(values.source, field + ' source'),
        connectorSysId: checkConnectorSysId(values.sys_id, field + ' sys_id'),
        apiKey: checkApiKey(values[API_KEY_PARAM], field + ' ' + API_KEY_PARAM),
    }
}

// Shows the last 4 characters only when at least 12 others stay hidden.
const MIN_HIDDEN_FOR_TAIL = 12
const TAIL = 4

/** `now_…wxyz` for a normal key; `now_…` or `…` for a short one. Never more than the last 4 characters. */
export function maskApiKey(key: string): string {
    if (typeof key !== 'string' || key === '') return '…'
    const prefix = key.slice(0, 4) === 'now_' ? 'now_' : ''
    const body = key.length - prefix.length
    if (body >= MIN_HIDDEN_FOR_TAIL + TAIL) return prefix + '…' + key.slice(key.length - TAIL)
    return prefix + '…'
}

function decodeLoose(text: string): string | null {
    try {
        return decodeURIComponent(text)
    } catch (e) {
        if (!(e instanceof URIError)) throw e
        return null
    }
}

/**
 * Replaces every x-sn-apikey value (matched after decoding the name, any case) with maskApiKey of it,
 * and any user:password@ with `…@`. Works on invalid URLs too, for display of whatever the user gave.
 */
export function maskEndpoint(url: string): string {
    if (typeof url !== 'string') return ''
    let text = url
    const userinfo = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)@/.exec(text)
    if (userinfo) text = userinfo[1] + '…@' + text.slice(userinfo[0].length)
    const q = text.indexOf('?')
    if (q < 0) return text
    let end = text.indexOf('#', q)
    if (end < 0) end = text.length
    const pairs = text.slice(q + 1, end).split('&')
    for (let i = 0; i < pairs.length; i++) {
        const eq = pairs[i].indexOf('=')
        const rawName = eq < 0 ? pairs[i] : pairs[i].slice(0, eq)
        const name = decodeLoose(rawName)
        if ((name === null ? rawName : name).toLowerCase() !== API_KEY_PARAM || eq < 0) continue
        const value = decodeLoose(pairs[i].slice(eq + 1))
        pairs[i] = rawName + '=' + (value === null ? '…' : maskApiKey(value))
    }
    return text.slice(0, q + 1) + pairs.join('&') + text.slice(end)
}
