import { inheritedAttributes, journalState, parseBasicAuthEndpoint, sameTarget } from '../../src/cli/migrate-rules'
import { parseAwsEndpoint, formatAwsEndpoint } from '../../src/server/endpoint/aws-endpoint'

const SYS_ID = '0123456789abcdef0123456789abcdef'
const target = parseAwsEndpoint(formatAwsEndpoint({ instance: 'dev12345', source: 'AWS', connectorSysId: SYS_ID, apiKey: 'now_abcdefghijklmnopqrstuvwxyz' }))

describe('parseBasicAuthEndpoint', () => {
    it.each([
        ['as SNS lists it (E59)', 'https://svc:****@dev12345.service-now.com/api/sn_em_connector/em/inbound_event?source=aws', { host: 'dev12345.service-now.com', source: 'aws', connectorSysId: null, masked: 'https://…@dev12345.service-now.com/api/sn_em_connector/em/inbound_event?source=aws' }],
        ['with a sys_id, unmasked', `https://svc:Secr3t%40pw@DEV12345.service-now.com/api/sn_em_connector/em/inbound_event?source=AWS&sys_id=${SYS_ID}`, { host: 'dev12345.service-now.com', source: 'AWS', connectorSysId: SYS_ID, masked: `https://…@dev12345.service-now.com/api/sn_em_connector/em/inbound_event?source=AWS&sys_id=${SYS_ID}` }],
    ])('reads %s, keeping no password', (_what, url, expected) => {
        const parsed = parseBasicAuthEndpoint(url)
        expect(parsed).toStrictEqual(expected)
        expect(JSON.stringify(parsed)).not.toMatch(/Secr3t|svc|\*\*\*\*/)
    })

    it.each([
        ['no credentials', 'https://dev12345.service-now.com/api/sn_em_connector/em/inbound_event?source=aws'],
        ['a user without a password', 'https://svc@dev12345.service-now.com/api/sn_em_connector/em/inbound_event?source=aws'],
        ['another path', 'https://svc:pw@dev12345.service-now.com/api/now/table/incident'],
        ['an API key as well', 'https://svc:pw@dev12345.service-now.com/api/sn_em_connector/em/inbound_event?source=aws&x-sn-apikey=now_x'],
        ['plain http', 'http://svc:pw@dev12345.service-now.com/api/sn_em_connector/em/inbound_event?source=aws'],
        ['not a string', undefined],
    ])('ignores %s', (_what, url) => {
        expect(parseBasicAuthEndpoint(url)).toBeNull()
    })
})

describe('sameTarget', () => {
    const basic = (url: string) => parseBasicAuthEndpoint(url) as NonNullable<ReturnType<typeof parseBasicAuthEndpoint>>
    it('matches the same host and connector sys_id, or the same source (without case) when the old URL has no sys_id', () => {
        expect(sameTarget(basic(`https://u:p@dev12345.service-now.com/api/sn_em_connector/em/inbound_event?source=x&sys_id=${SYS_ID}`), target)).toBe(true)
        expect(sameTarget(basic('https://u:p@dev12345.service-now.com/api/sn_em_connector/em/inbound_event?source=aws'), target)).toBe(true)
        expect(sameTarget(basic(`https://u:p@dev12345.service-now.com/api/sn_em_connector/em/inbound_event?source=AWS&sys_id=${'f'.repeat(32)}`), target)).toBe(false)
        expect(sameTarget(basic('https://u:p@dev12345.service-now.com/api/sn_em_connector/em/inbound_event?source=azure'), target)).toBe(false)
        expect(sameTarget(basic('https://u:p@other.service-now.com/api/sn_em_connector/em/inbound_event?source=aws'), target)).toBe(false)
    })
})

describe('inheritedAttributes', () => {
    it('takes the delivery, filter and redrive policies, and always turns raw delivery off', () => {
        expect(
            inheritedAttributes({ DeliveryPolicy: 'd', FilterPolicy: 'f', FilterPolicyScope: 'MessageBody', RedrivePolicy: 'r', RawMessageDelivery: 'true', Endpoint: 'https://u:****@h/x', Owner: '1', PendingConfirmation: 'false' }),
        ).toEqual({ DeliveryPolicy: 'd', FilterPolicy: 'f', FilterPolicyScope: 'MessageBody', RedrivePolicy: 'r', RawMessageDelivery: 'false' })
        expect(inheritedAttributes({ FilterPolicyScope: 'MessageAttributes' })).toEqual({ RawMessageDelivery: 'false' })
        expect(inheritedAttributes(undefined)).toEqual({ RawMessageDelivery: 'false' })
    })
})

describe('journalState', () => {
    it('knows the subscription this tool created until it is rolled back, and when the move is done', () => {
        expect(journalState([{ step: 'subscribing' }])).toEqual({ createdArn: null, subscribing: true, unsubscribed: [], done: false })
        expect(journalState([{ step: 'subscribing' }, { step: 'subscribed', arn: 'a' }, { step: 'unsubscribing', arn: 'old' }, { step: 'unsubscribed', arn: 'old' }, { step: 'done' }])).toEqual({
            createdArn: 'a', subscribing: false, unsubscribed: ['old'], done: true,
        })
        expect(journalState([{ step: 'subscribed', arn: 'a' }, { step: 'rolled-back', arn: 'a' }]).createdArn).toBeNull()
    })
})
