// The AWS endpoint rules: building, parsing and masking the URL SNS posts to (src/server/endpoint).
import {
    formatAwsEndpoint,
    instanceBaseUrl,
    maskApiKey,
    maskEndpoint,
    parseAwsEndpoint,
    type AwsEndpointInput,
} from '../../src/server/endpoint/aws-endpoint.ts'

const KEY = 'now_CANARY_verify_123'
const SYS_ID = '0123456789abcdef0123456789abcdef'
const PATH = '/api/sn_em_connector/em/inbound_event'
const good: AwsEndpointInput = { instance: 'dev12345', source: 'AWS', connectorSysId: SYS_ID, apiKey: KEY }
const goodUrl = `https://dev12345.service-now.com${PATH}?source=AWS&sys_id=${SYS_ID}&x-sn-apikey=${KEY}`

/** Runs fn, expects a plain Error; returns its message. */
function messageOf(fn: () => unknown): string {
    try {
        fn()
    } catch (err) {
        expect(err).toBeInstanceOf(Error)
        expect(Object.getPrototypeOf(err)).toBe(Error.prototype)
        return (err as Error).message
    }
    throw new Error('expected a throw')
}

describe('formatAwsEndpoint', () => {
    it('builds the documented endpoint with the query in the order source, sys_id, x-sn-apikey', () => {
        expect(formatAwsEndpoint(good)).toBe(goodUrl)
    })

    it.each([
        ['dev12345', 'https://dev12345.service-now.com'],
        ['DEV12345', 'https://dev12345.service-now.com'],
        ['my-instance-2', 'https://my-instance-2.service-now.com'],
        ['https://acme.servicenowservices.com', 'https://acme.servicenowservices.com'],
        ['https://acme.servicenowservices.com/', 'https://acme.servicenowservices.com'],
        ['https://ITSM.Example.COM/', 'https://itsm.example.com'],
        ['HTTPS://events.example.co.uk', 'https://events.example.co.uk'],
        ['https://xn--bcher-kva.example', 'https://xn--bcher-kva.example'],
    ])('accepts instance %s as base %s', (instance, base) => {
        expect(instanceBaseUrl(instance)).toBe(base)
        expect(formatAwsEndpoint({ ...good, instance })).toBe(`${base}${PATH}?source=AWS&sys_id=${SYS_ID}&x-sn-apikey=${KEY}`)
    })

    it.each([
        ['AWS Prod', 'AWS%20Prod'],
        ['a&b=c', 'a%26b%3Dc'],
        ['x+y', 'x%2By'],
        ['eu/west', 'eu%2Fwest'],
        ['100%', '100%25'],
        ['Zürich ☁', 'Z%C3%BCrich%20%E2%98%81'],
        ['emoji 😀', 'emoji%20%F0%9F%98%80'],
        ["it's (ok)!*~", "it's%20(ok)!*~"],
        ['?#', '%3F%23'],
    ])('percent-encodes source %j exactly like encodeURIComponent', (source, encoded) => {
        expect(encoded).toBe(encodeURIComponent(source))
        expect(formatAwsEndpoint({ ...good, source })).toContain(`?source=${encoded}&sys_id=`)
    })

    it.each([
        ['now_a+b/c=', 'now_a%2Bb%2Fc%3D'],
        ['now_x&y=z', 'now_x%26y%3Dz'],
        ['now_50%off', 'now_50%25off'],
        ['now_"quote"', 'now_%22quote%22'],
    ])('percent-encodes apiKey %j', (apiKey, encoded) => {
        expect(formatAwsEndpoint({ ...good, apiKey }).endsWith(`&x-sn-apikey=${encoded}`)).toBe(true)
    })

    it('counts source length in characters, not UTF-16 units', () => {
        expect(() => formatAwsEndpoint({ ...good, source: '😀'.repeat(100) })).not.toThrow()
        expect(() => formatAwsEndpoint({ ...good, source: 'a'.repeat(100) })).not.toThrow()
        expect(messageOf(() => formatAwsEndpoint({ ...good, source: 'a'.repeat(101) }))).toMatch(/^source: .*101.*at most 100/)
    })

    it('round-trips through parseAwsEndpoint for awkward values', () => {
        const sources = ['AWS', 'a b', '&=?#/+%', 'Zürich ☁ 😀', "'", 'x'.repeat(100)]
        const keys = [KEY, 'now_+/=&%?#', "now_'$`;\\!", 'k']
        for (const source of sources) {
            for (const apiKey of keys) {
                const url = formatAwsEndpoint({ ...good, source, apiKey })
                expect(parseAwsEndpoint(url)).toEqual({
                    baseUrl: 'https://dev12345.service-now.com',
                    host: 'dev12345.service-now.com',
                    source,
                    connectorSysId: SYS_ID,
                    apiKey,
                })
            }
        }
    })
})

describe('formatAwsEndpoint rejections', () => {
    // [what, field, input change, expected message part]
    const cases: [string, string, Partial<AwsEndpointInput>, RegExp][] = [
        ['http scheme', 'instance', { instance: 'http://dev12345.service-now.com' }, /must use https:\/\/ \(got "http:"\)/],
        ['ftp scheme', 'instance', { instance: 'ftp://dev12345.service-now.com' }, /must use https/],
        ['scheme without //', 'instance', { instance: 'https:dev12345.service-now.com' }, /must start with https:\/\//],
        ['empty instance', 'instance', { instance: '' }, /is empty/],
        ['instance with a path', 'instance', { instance: 'https://dev12345.service-now.com/now/nav' }, /remove the path/],
        ['instance with the API path', 'instance', { instance: `https://dev12345.service-now.com${PATH}?x-sn-apikey=${KEY}` }, /remove the path/],
        ['instance with a query', 'instance', { instance: 'https://dev12345.service-now.com/?a=b' }, /query/],
        ['instance with a query and no slash', 'instance', { instance: 'https://dev12345.service-now.com?a=b' }, /query/],
        ['instance with a fragment', 'instance', { instance: 'https://dev12345.service-now.com/#x' }, /fragment/],
        ['instance with credentials', 'instance', { instance: 'https://admin:hunter2secret@dev12345.service-now.com' }, /credentials/],
        ['bare instance with user@', 'instance', { instance: 'admin@dev12345' }, /credentials/],
        ['instance with a port', 'instance', { instance: 'https://dev12345.service-now.com:8443' }, /port/],
        ['instance with :443', 'instance', { instance: 'https://dev12345.service-now.com:443/' }, /port/],
        ['instance with inner space', 'instance', { instance: 'dev 12345' }, /whitespace/],
        ['instance with trailing newline', 'instance', { instance: 'https://dev12345.service-now.com\n' }, /whitespace or control/],
        ['instance with zero-width space', 'instance', { instance: 'dev12345\u200b' }, /whitespace/],
        ['bare name with dots', 'instance', { instance: 'dev12345.service-now.com' }, /no dots.*https:\/\//],
        ['bare name with underscore', 'instance', { instance: 'dev_12345' }, /letters, digits or hyphens/],
        ['bare name ending in hyphen', 'instance', { instance: 'dev12345-' }, /hyphen/],
        ['bare name of 64 chars', 'instance', { instance: 'a'.repeat(64) }, /1 to 63/],
        ['host without a dot', 'instance', { instance: 'https://localhost' }, /full domain name/],
        ['IPv4 host', 'instance', { instance: 'https://127.0.0.1' }, /IP address/],
        ['IPv6 host', 'instance', { instance: 'https://[::1]/' }, /IP addresses/],
        ['host with double dot', 'instance', { instance: 'https://dev..service-now.com' }, /empty label/],
        ['host with trailing dot', 'instance', { instance: 'https://dev12345.service-now.com./' }, /empty label/],
        ['host with underscore', 'instance', { instance: 'https://dev_1.service-now.com' }, /labels/],
        ['host with non-ASCII', 'instance', { instance: 'https://bücher.example' }, /punycode/],
        ['host label of 64 chars', 'instance', { instance: `https://${'a'.repeat(64)}.example.com` }, /1 to 63/],
        ['host over 253 chars', 'instance', { instance: `https://${('a'.repeat(60) + '.').repeat(5)}com` }, /253/],
        ['no host', 'instance', { instance: 'https:///x' }, /no host/],
        ['backslash', 'instance', { instance: 'https://dev12345.service-now.com\\' }, /backslash/],
        ['instance not a string', 'instance', { instance: 12345 as unknown as string }, /must be a string/],
        ['empty source', 'source', { source: '' }, /is empty/],
        ['source of 101 chars', 'source', { source: 'a'.repeat(101) }, /at most 100/],
        ['source with newline', 'source', { source: 'AWS\nProd' }, /control characters/],
        ['source with tab', 'source', { source: 'AWS\tProd' }, /control characters/],
        ['source with DEL', 'source', { source: 'AWS\u007f' }, /control characters/],
        ['source with C1 control', 'source', { source: 'AWS\u0085' }, /control characters/],
        ['source with NUL', 'source', { source: 'AWS\u0000' }, /control characters/],
        ['source with edge space', 'source', { source: ' AWS' }, /whitespace/],
        ['source with lone surrogate', 'source', { source: 'AWS\ud800' }, /unpaired surrogate/],
        ['short sys_id', 'connectorSysId', { connectorSysId: SYS_ID.slice(1) }, /32 lowercase hex.*31 characters/],
        ['upper-case sys_id', 'connectorSysId', { connectorSysId: SYS_ID.toUpperCase() }, /lower case/],
        ['non-hex sys_id', 'connectorSysId', { connectorSysId: 'g'.repeat(32) }, /32 lowercase hex/],
        ['sys_id with braces', 'connectorSysId', { connectorSysId: `{${SYS_ID}}` }, /32 lowercase hex/],
        ['empty apiKey', 'apiKey', { apiKey: '' }, /is empty/],
        ['apiKey with space', 'apiKey', { apiKey: `${KEY} ` }, /whitespace/],
        ['apiKey with newline', 'apiKey', { apiKey: `${KEY}\n` }, /whitespace or control/],
        ['apiKey with tab inside', 'apiKey', { apiKey: 'now_CANARY\tverify_123' }, /whitespace or control/],
        ['apiKey with NBSP', 'apiKey', { apiKey: `${KEY}\u00a0` }, /whitespace/],
        ['apiKey with smart quote', 'apiKey', { apiKey: `${KEY}\u2019` }, /non-ASCII/],
        ['apiKey with zero-width joiner', 'apiKey', { apiKey: `now_CANARY\u200dverify_123` }, /whitespace/],
        ['apiKey not a string', 'apiKey', { apiKey: null as unknown as string }, /must be a string/],
    ]

    it('has 30+ distinct bad inputs', () => {
        expect(new Set(cases.map((c) => JSON.stringify(c[2]))).size).toBe(cases.length)
        expect(cases.length).toBeGreaterThanOrEqual(30)
    })

    it.each(cases)('rejects %s, naming %s, without echoing the key or credentials', (_what, field, change, expected) => {
        const message = messageOf(() => formatAwsEndpoint({ ...good, ...change }))
        expect(message.startsWith(`${field}: `)).toBe(true)
        expect(message).toMatch(expected)
        expect(message).not.toContain('CANARY')
        expect(message).not.toContain('hunter2')
        expect(message).not.toContain('admin')
    })

    it('rejects a missing input object', () => {
        expect(messageOf(() => formatAwsEndpoint(undefined as unknown as AwsEndpointInput))).toMatch(/instance, source, connectorSysId, apiKey/)
    })
})

describe('parseAwsEndpoint', () => {
    it('returns the decoded parts and accepts the parameters in any order', () => {
        const reordered = `https://Dev12345.Service-Now.com${PATH}?x-sn-apikey=now_a%2Bb&sys_id=${SYS_ID}&source=AWS%20Prod`
        expect(parseAwsEndpoint(reordered)).toEqual({
            baseUrl: 'https://dev12345.service-now.com',
            host: 'dev12345.service-now.com',
            source: 'AWS Prod',
            connectorSysId: SYS_ID,
            apiKey: 'now_a+b',
        })
    })

    it("accepts RFC 3986 sub-delimiters left raw (', $, ;, !, =)", () => {
        const url = `https://dev12345.service-now.com${PATH}?source=a'$;!(x)*,:@/?&sys_id=${SYS_ID}&x-sn-apikey=now_k=ey`
        expect(parseAwsEndpoint(url).source).toBe("a'$;!(x)*,:@/?")
        expect(parseAwsEndpoint(url).apiKey).toBe('now_k=ey')
    })

    const base = `https://dev12345.service-now.com${PATH}`
    const bad: [string, string, RegExp][] = [
        ['http', goodUrl.replace('https:', 'http:'), /^endpoint: must use https/],
        ['credentials', goodUrl.replace('https://', 'https://admin:hunter2secret@'), /^endpoint: must not contain credentials/],
        ['port', goodUrl.replace('.com/', '.com:8443/'), /^endpoint: must not include a port/],
        ['wrong path', goodUrl.replace('inbound_event', 'inbound_events'), /^endpoint: path must be exactly/],
        ['trailing slash on path', goodUrl.replace('inbound_event?', 'inbound_event/?'), /^endpoint: path must be/],
        ['no query', base, /^endpoint: has no query/],
        ['empty query', `${base}?`, /^endpoint: has no query/],
        ['fragment', `${goodUrl}#x`, /^endpoint: must not contain a fragment/],
        ['missing key', `${base}?source=AWS&sys_id=${SYS_ID}`, /^endpoint: is missing the x-sn-apikey/],
        ['missing sys_id', `${base}?source=AWS&x-sn-apikey=${KEY}`, /^endpoint: is missing the sys_id/],
        ['duplicate key', `${goodUrl}&x-sn-apikey=${KEY}`, /^endpoint: x-sn-apikey appears more than once/],
        ['unknown parameter', `${goodUrl}&debug=1`, /^endpoint: has an unexpected query parameter/],
        ['upper-case name', goodUrl.replace('x-sn-apikey', 'X-SN-APIKEY'), /^endpoint: query parameter names are case-sensitive/],
        ['empty pair', goodUrl.replace('&sys_id', '&&sys_id'), /^endpoint: has an empty query parameter/],
        ['pair without =', `${goodUrl}&${KEY}`, /^endpoint: has a query parameter without '='/],
        ['raw + in key', goodUrl.replace(KEY, 'now_CANARY+verify_123'), /^endpoint x-sn-apikey: contains a raw '\+'.*%2B/],
        ['backtick in key', goodUrl.replace(KEY, 'now_CANARY`verify_123'), /^endpoint x-sn-apikey: contains a character that must be percent-encoded/],
        ['bad % in key', goodUrl.replace(KEY, 'now_CANARY%zzverify_123'), /^endpoint x-sn-apikey: has a '%' not followed by two hex digits/],
        ['invalid UTF-8 in key', goodUrl.replace(KEY, 'now_CANARY%C3verify_123'), /^endpoint x-sn-apikey: .*not valid UTF-8/],
        ['encoded space in key', goodUrl.replace(KEY, 'now_CANARY%20verify_123'), /^endpoint x-sn-apikey: contains whitespace/],
        ['empty key', goodUrl.replace(KEY, ''), /^endpoint x-sn-apikey: is empty/],
        ['encoded newline in source', goodUrl.replace('source=AWS', 'source=AWS%0A'), /^endpoint source: contains control/],
        ['bad sys_id', goodUrl.replace(SYS_ID, SYS_ID.toUpperCase()), /^endpoint sys_id: must be lower case/],
        ['space in URL', goodUrl.replace('AWS', 'A WS'), /^endpoint: contains whitespace/],
        ['empty', '', /^endpoint: is empty/],
    ]

    it.each(bad)('rejects %s without echoing the key', (_what, url, expected) => {
        const message = messageOf(() => parseAwsEndpoint(url))
        expect(message).toMatch(expected)
        expect(message).not.toContain('CANARY')
        expect(message).not.toContain('hunter2')
    })
})

describe('maskApiKey', () => {
    it.each([
        ['now_CANARY_verify_123', 'now_…_123'],
        ['now_abcdefghijklmnopqrstuvwxyz0123456789', 'now_…6789'],
        ['abcdefghijklmnopqrst', '…qrst'],
        ['now_short', 'now_…'],
        ['now_abcdefghijklmno', 'now_…'], // 15 characters after now_: too short to show a tail
        ['now_abcdefghijklmnop', 'now_…mnop'],
        ['tiny', '…'],
        ['', '…'],
    ])('masks %j as %j', (key, masked) => {
        expect(maskApiKey(key)).toBe(masked)
    })
})

describe('maskEndpoint', () => {
    it('replaces the x-sn-apikey value with the mask and keeps the rest', () => {
        expect(maskEndpoint(goodUrl)).toBe(goodUrl.replace(KEY, 'now_…_123'))
    })

    it('masks the decoded key, a percent-encoded name, other cases and credentials', () => {
        const url = formatAwsEndpoint({ ...good, apiKey: 'now_CANARY+/=verify_123' })
        expect(maskEndpoint(url)).not.toContain('CANARY')
        expect(maskEndpoint(`https://h.example.com/?X-SN-APIKEY=${KEY}`)).toBe('https://h.example.com/?X-SN-APIKEY=now_…_123')
        expect(maskEndpoint(`https://h.example.com/?x%2Dsn-apikey=${KEY}`)).not.toContain('CANARY')
        expect(maskEndpoint(`https://admin:hunter2@h.example.com/?a=1`)).toBe('https://…@h.example.com/?a=1')
        expect(maskEndpoint(`https://h.example.com/?x-sn-apikey=now_CANARY%zz#frag`)).toBe('https://h.example.com/?x-sn-apikey=…#frag')
        expect(maskEndpoint('not a url')).toBe('not a url')
    })
})
