// URL rules shared by the AWS endpoint pieces. Pure: runs in Rhino on the instance and in Node for the CLI,
// so it uses only plain strings and classic regexes (no URL, no lookbehind, no named groups, no u flag).
// Messages describe the problem and never echo the value: it may hold a key or user:password@.

export function fieldError(field: string, problem: string): Error {
    return new Error(field + ': ' + problem)
}

// Whitespace plus the zero-width characters that copy-paste brings along.
const BLANK = /[\s\u200b-\u200d\u2060\ufeff]/
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

/** C0 controls, DEL and C1 controls (a loop: eslint forbids control characters in regexes). */
export function hasControl(value: string): boolean {
    for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i)
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true
    }
    return false
}

export function hasBlankOrControl(value: string): boolean {
    return BLANK.test(value) || hasControl(value)
}

export function hasNonAscii(value: string): boolean {
    for (let i = 0; i < value.length; i++) {
        if (value.charCodeAt(i) > 0x7f) return true
    }
    return false
}

/** True when a UTF-16 surrogate has no partner: encodeURIComponent would throw on it. */
export function hasLoneSurrogate(value: string): boolean {
    for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i)
        if (c >= 0xd800 && c <= 0xdbff) {
            const next = i + 1 < value.length ? value.charCodeAt(i + 1) : 0
            if (next >= 0xdc00 && next <= 0xdfff) i++
            else return true
        } else if (c >= 0xdc00 && c <= 0xdfff) {
            return true
        }
    }
    return false
}

/** Length in Unicode code points ("characters" as a person counts them), not UTF-16 units. */
export function codePointLength(value: string): number {
    let n = 0
    for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i)
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
            const next = value.charCodeAt(i + 1)
            if (next >= 0xdc00 && next <= 0xdfff) i++
        }
        n++
    }
    return n
}

export function requireString(value: unknown, field: string): string {
    if (typeof value !== 'string') throw fieldError(field, 'must be a string')
    return value
}

/**
 * A DNS host name as a TLS certificate names it: ASCII labels of letters, digits and hyphens,
 * at least two labels, not an IP address. Expects the host already lower-cased.
 */
export function checkHost(host: string, field: string): void {
    if (host === '') throw fieldError(field, 'has no host name after https://')
    if (hasNonAscii(host)) {
        throw fieldError(field, 'host name must be ASCII; write an internationalized domain in its punycode (xn--) form')
    }
    if (host.length > 253) throw fieldError(field, 'host name is longer than 253 characters')
    const labels = host.split('.')
    for (let i = 0; i < labels.length; i++) {
        if (labels[i] === '') {
            throw fieldError(field, 'host name has an empty label (a leading, trailing or doubled dot); remove the extra dot')
        }
        if (!LABEL.test(labels[i])) {
            throw fieldError(
                field,
                'host name labels must be 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen',
            )
        }
    }
    if (labels.length < 2) {
        throw fieldError(field, 'host name must be a full domain name such as dev12345.service-now.com')
    }
    if (/^[0-9]+$/.test(labels[labels.length - 1])) {
        throw fieldError(field, 'host looks like an IP address; use the DNS name the TLS certificate is issued for')
    }
}

export interface HttpsParts {
    /** Lower-cased host name. */
    host: string
    /** Everything after the host: path, query and fragment, unchanged. */
    rest: string
}

/**
 * Splits `https://host<rest>` and enforces what every URL here shares: https only, a valid host,
 * no credentials, no port, no whitespace or control characters.
 */
export function splitHttpsUrl(value: unknown, field: string): HttpsParts {
    const text = requireString(value, field)
    if (text === '') throw fieldError(field, 'is empty')
    if (hasBlankOrControl(text)) {
        throw fieldError(field, 'contains whitespace or control characters (a space or line break from copy-paste?); remove them')
    }
    const scheme = SCHEME.exec(text)
    if (!scheme) throw fieldError(field, 'must start with https://')
    if (scheme[1].toLowerCase() !== 'https') {
        // The scheme matched [A-Za-z0-9+.-], so echoing a short one is safe.
        const shown = scheme[1].length <= 10 ? ' (got "' + scheme[1] + ':")' : ''
        throw fieldError(field, 'must use https://' + shown + '; SNS and ServiceNow need TLS')
    }
    const afterScheme = text.slice(scheme[0].length)
    if (afterScheme.slice(0, 2) !== '//') throw fieldError(field, 'must start with https://')
    const hier = afterScheme.slice(2)
    if (hier.indexOf('\\') >= 0) throw fieldError(field, 'contains a backslash; URLs use forward slashes')
    let end = hier.length
    const stops = ['/', '?', '#']
    for (let i = 0; i < stops.length; i++) {
        const at = hier.indexOf(stops[i])
        if (at >= 0 && at < end) end = at
    }
    const authority = hier.slice(0, end)
    if (authority.indexOf('@') >= 0) {
        throw fieldError(
            field,
            'must not contain credentials (user:password@ before the host); the API key authenticates instead',
        )
    }
    if (authority.charAt(0) === '[') {
        throw fieldError(field, 'IP addresses are not supported; use the DNS name the TLS certificate is issued for')
    }
    if (authority.indexOf(':') >= 0) {
        throw fieldError(field, 'must not include a port; ServiceNow instances answer on the default https port 443')
    }
    const host = authority.toLowerCase()
    checkHost(host, field)
    return { host: host, rest: hier.slice(end) }
}

/** Percent-encodes exactly as encodeURIComponent does, with a field-named error for unpaired surrogates. */
export function encodeQueryValue(value: string, field: string): string {
    if (hasLoneSurrogate(value)) throw fieldError(field, 'contains invalid Unicode (an unpaired surrogate)')
    return encodeURIComponent(value)
}

// RFC 3986 query characters that may stand unencoded in a value, except '&' (separator), '+' and '#'.
const RAW_QUERY_VALUE = /^[A-Za-z0-9\-._~!$'()*,;=:@/?%]*$/

/** Decodes one raw query value, refusing what a server would read differently from what was meant. */
export function decodeQueryValue(raw: string, field: string): string {
    if (raw.indexOf('+') >= 0) {
        // Servlet containers read a raw '+' in a query as a space.
        throw fieldError(field, "contains a raw '+', which ServiceNow reads as a space; percent-encode it as %2B")
    }
    if (!RAW_QUERY_VALUE.test(raw)) {
        throw fieldError(
            field,
            'contains a character that must be percent-encoded (such as a quote, backtick, brace, or non-ASCII letter)',
        )
    }
    if (/%(?![0-9A-Fa-f]{2})/.test(raw)) {
        throw fieldError(field, "has a '%' not followed by two hex digits; write a literal % as %25")
    }
    try {
        return decodeURIComponent(raw)
    } catch (e) {
        if (!(e instanceof URIError)) throw e
        throw fieldError(field, 'has percent-encoding that is not valid UTF-8')
    }
}
