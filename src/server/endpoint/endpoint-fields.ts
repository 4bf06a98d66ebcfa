// Rules for each field of the AWS endpoint. Pure (Rhino and Node). Messages never echo the value.
import {
    codePointLength,
    fieldError,
    hasBlankOrControl,
    hasControl,
    hasLoneSurrogate,
    requireString,
    splitHttpsUrl,
} from './url-rules.ts'

export const SOURCE_MAX_CHARS = 100
// A ServiceNow instance name is one DNS label.
const BARE_INSTANCE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
const SYS_ID = /^[0-9a-f]{32}$/
const PRINTABLE_ASCII = /^[\u0021-\u007e]+$/

/**
 * `dev12345` -> `https://dev12345.service-now.com`; `https://host[/]` -> `https://host` for other
 * domains (servicenowservices.com, custom domains). Bare names are case-insensitive and lower-cased.
 */
export function instanceBaseUrl(instance: unknown, field?: string): string {
    const name = field || 'instance'
    const text = requireString(instance, name)
    if (text === '') throw fieldError(name, 'is empty; give the instance name (dev12345) or its https:// base URL')
    if (text.indexOf(':') >= 0 || text.indexOf('/') >= 0) return baseFromUrl(text, name)
    if (hasBlankOrControl(text)) {
        throw fieldError(name, 'contains whitespace or control characters (from copy-paste?); remove them')
    }
    if (text.indexOf('@') >= 0) {
        throw fieldError(name, 'must not contain credentials (user@); give only the instance name or https:// base URL')
    }
    if (text.indexOf('.') >= 0) {
        throw fieldError(name, 'a bare instance name has no dots; for a full host name write https://<host>')
    }
    const lower = text.toLowerCase()
    if (!BARE_INSTANCE.test(lower)) {
        throw fieldError(
            name,
            'a bare instance name is 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen (e.g. dev12345)',
        )
    }
    return 'https://' + lower + '.service-now.com'
}

function baseFromUrl(text: string, field: string): string {
    const parts = splitHttpsUrl(text, field)
    const rest = parts.rest
    if (rest !== '' && rest !== '/') {
        const q = rest.indexOf('?')
        const h = rest.indexOf('#')
        let pathEnd = rest.length
        if (q >= 0) pathEnd = q
        if (h >= 0 && h < pathEnd) pathEnd = h
        const path = rest.slice(0, pathEnd)
        if (path !== '' && path !== '/') {
            throw fieldError(field, 'must be the base URL only (https://<host>); remove the path after the host')
        }
        if (pathEnd === q) throw fieldError(field, 'must not contain a query (?...); give only https://<host>')
        throw fieldError(field, 'must not contain a fragment (#...); give only https://<host>')
    }
    return 'https://' + parts.host
}

/** The push connector's source name: 1-100 characters, no control characters or edge whitespace. */
export function checkSource(value: unknown, field: string): string {
    const text = requireString(value, field)
    if (text === '') throw fieldError(field, 'is empty; give the event source name, 1 to 100 characters (e.g. AWS)')
    if (hasLoneSurrogate(text)) throw fieldError(field, 'contains invalid Unicode (an unpaired surrogate)')
    if (hasControl(text)) {
        throw fieldError(field, 'contains control characters (a line break or tab?); remove them')
    }
    const length = codePointLength(text)
    if (length > SOURCE_MAX_CHARS) {
        throw fieldError(field, 'is ' + length + ' characters long; use at most ' + SOURCE_MAX_CHARS)
    }
    if (/^\s|\s$/.test(text)) throw fieldError(field, 'starts or ends with whitespace; remove it')
    return text
}

/** The push connector instance's sys_id. */
export function checkConnectorSysId(value: unknown, field: string): string {
    const text = requireString(value, field)
    if (SYS_ID.test(text)) return text
    if (/^[0-9a-fA-F]{32}$/.test(text)) throw fieldError(field, 'must be lower case (32 lowercase hex digits)')
    throw fieldError(
        field,
        'must be exactly 32 lowercase hex digits, the sys_id of the push connector instance (got ' +
            text.length +
            ' characters)',
    )
}

/** The REST API key token. Platform tokens are printable ASCII, so anything else is a copy-paste accident. */
export function checkApiKey(value: unknown, field: string): string {
    const text = requireString(value, field)
    if (text === '') throw fieldError(field, 'is empty; paste the API key (it starts with now_)')
    if (hasBlankOrControl(text)) {
        throw fieldError(field, 'contains whitespace or control characters; copy the key again without spaces or line breaks')
    }
    if (!PRINTABLE_ASCII.test(text)) {
        throw fieldError(field, 'contains non-ASCII characters (a smart quote from copy-paste?); copy the key again')
    }
    return text
}
