import { type ProbeEvidence, classifyAnswer, endpointFieldsAfterProbe, judgeProbe, keyBoundElsewhere, notProbed } from '../../src/server/probe/probe-rules'
import { testAlarmRequest } from '../../src/server/probe/test-alarm'

const ok = { status: 200, body: '{"result":{}}', error: '' }
const unauthorized = { status: 401, body: '{"error":{"message":"User Not Authenticated"}}', error: '' }

function evidence(overrides: Partial<ProbeEvidence> = {}): ProbeEvidence {
    return {
        query: ok, control: unauthorized, header: ok, event: { source: 'aws', createdBy: 'aws.sns.integration' },
        integrationUserName: 'aws.sns.integration', requestedByUserName: 'em.app.admin', likelyCauses: [], cleanup: '', ...overrides,
    }
}

describe('one answer: only 2xx is accepted', () => {
    it.each([
        [200, 'accepted'], [201, 'accepted'], [204, 'accepted'],
        [301, 'redirect'], [302, 'redirect'], [307, 'redirect'],
        [400, 'bad_request'], [401, 'unauthenticated'], [403, 'forbidden'], [404, 'not_found'], [405, 'method_not_allowed'],
        [409, 'client_error'], [429, 'throttled'], [500, 'server_error'], [503, 'server_error'],
    ])('HTTP %i is %s, with a message that says what to do', (status, outcome) => {
        const verdict = classifyAnswer({ status, body: '', error: '' })
        expect(verdict.outcome).toBe(outcome)
        if (outcome !== 'accepted') expect(verdict.advice.length).toBeGreaterThan(20)
    })

    it('treats no answer as a network problem', () => {
        expect(classifyAnswer({ status: 0, body: '', error: 'Connection timed out' }).outcome).toBe('network')
    })

    it('explains a redirect as SSO or a wrong base URL', () => {
        expect(classifyAnswer({ status: 302, body: '', error: '' }).summary).toMatch(/single sign-on, a wrong base URL/)
    })

    it('names the failing setup links on a 401 and says SNS drops it for good', () => {
        const verdict = classifyAnswer(unauthorized, ['EM policy: inactive'])
        expect(verdict.advice).toContain('EM policy: inactive')
        expect(verdict.advice).toMatch(/drops this answer for good/)
    })

    it('names the missing auth scope on a 403 (E43)', () => {
        const verdict = classifyAnswer({ status: 403, body: '{"error":{"message":"Missing required api access scope"}}', error: '' })
        expect(verdict).toMatchObject({ outcome: 'missing_scope', summary: expect.stringMatching(/lacks the useraccount auth scope/) })
    })
})

describe('the whole probe', () => {
    it('is accepted when the SNS request passes, a wrong key gets 401 and the real key passes the header', () => {
        const verdict = judgeProbe(evidence())
        expect(verdict).toMatchObject({ outcome: 'accepted', accepted: true, eventSource: 'aws' })
        expect(verdict.steps).toEqual([
            'SNS request, throw-away key in the query parameter: HTTP 200',
            'negative control, wrong key: HTTP 401',
            'real key in the header: HTTP 200',
            'event created: source "aws", by aws.sns.integration',
        ])
    })

    it('is inconclusive when the negative control is not refused with 401', () => {
        for (const control of [ok, { status: 302, body: '', error: '' }, { status: 0, body: '', error: 'timeout' }]) {
            expect(judgeProbe(evidence({ control }))).toMatchObject({ outcome: 'inconclusive', accepted: false })
        }
    })

    it('takes the class of the SNS request when it fails', () => {
        expect(judgeProbe(evidence({ query: { status: 405, body: '', error: '' } }))).toMatchObject({ outcome: 'method_not_allowed', accepted: false })
        expect(judgeProbe(evidence({ query: unauthorized, likelyCauses: ['x: y'] })).advice).toContain('x: y')
    })

    it('refuses a key that authenticates as the admin who asked instead of the integration user', () => {
        expect(judgeProbe(evidence({ event: { source: 'aws', createdBy: 'em.app.admin' } }))).toMatchObject({ outcome: 'wrong_identity', accepted: false })
    })

    it('does not judge identity from an event another user (system) created, and says so', () => {
        const verdict = judgeProbe(evidence({ event: { source: 'aws', createdBy: 'system' } }))
        expect(verdict).toMatchObject({ outcome: 'accepted', accepted: true })
        expect(verdict.steps).toContain('identity: the event was created by system, so it does not show whom the key authenticated as')
    })

    it('fails on a real key the header path refuses for a reason other than 401', () => {
        const verdict = judgeProbe(evidence({ header: { status: 403, body: 'Missing required api access scope', error: '' } }))
        expect(verdict).toMatchObject({ outcome: 'missing_scope', accepted: false })
        expect(verdict.summary).toMatch(/^The throw-away key worked, but the new key failed/)
    })

    it('accepts when the policy in use takes no header (401 there), and says so', () => {
        const verdict = judgeProbe(evidence({ header: unauthorized }))
        expect(verdict.accepted).toBe(true)
        expect(verdict.steps.join(' ')).toMatch(/accepts no header profile/)
    })

    it('accepts without an event but says none was seen, and learns no source', () => {
        const verdict = judgeProbe(evidence({ event: null }))
        expect(verdict).toMatchObject({ accepted: true, eventSource: '' })
        expect(verdict.summary).toMatch(/No event appeared/)
    })

    it('treats a wrong identity, or a role 403 on a token-API key, as a key bound to someone else', () => {
        const forbidden = judgeProbe(evidence({ query: { status: 403, body: '', error: '' } }))
        expect(keyBoundElsewhere(judgeProbe(evidence({ event: { source: 'aws', createdBy: 'em.app.admin' } })), 'record_insert')).toBe(true)
        expect(keyBoundElsewhere(forbidden, 'token_auth_client')).toBe(true)
        expect(keyBoundElsewhere(forbidden, 'record_insert')).toBe(false)
        const scope = judgeProbe(evidence({ query: { status: 403, body: 'Missing required api access scope', error: '' } }))
        expect(keyBoundElsewhere(scope, 'token_auth_client')).toBe(false)
        expect(keyBoundElsewhere(judgeProbe(evidence()), 'token_auth_client')).toBe(false)
    })

    it('records a not-probed verdict as not accepted', () => {
        expect(notProbed('no token')).toMatchObject({ outcome: 'not_probed', accepted: false })
    })

    it('writes the verdict, the time and the learned source on the endpoint', () => {
        expect(endpointFieldsAfterProbe(judgeProbe(evidence()), '2026-11-23 10:00:00')).toEqual({
            status: 'active', last_probe_at: '2026-11-23 10:00:00', last_verified: '2026-11-23 10:00:00', learned_event_source: 'aws',
            last_probe_result: expect.stringMatching(/^accepted: /),
        })
        // A failed probe never touches last_verified: that field says when the key last worked.
        expect(endpointFieldsAfterProbe(judgeProbe(evidence({ query: unauthorized, event: null })), '2026-11-23 10:00:00')).toEqual({
            status: 'failing', last_probe_at: '2026-11-23 10:00:00', last_probe_result: expect.stringMatching(/^unauthenticated: /),
        })
    })
})

describe('the test alarm', () => {
    it('is an SNS Notification of a CloudWatch alarm in state OK, marked as a test, with a unique name', () => {
        const request = testAlarmRequest({ alarmName: 'TEST probe abc', messageId: 'm-1', isoTime: '2026-11-23T10:00:00.000Z', topicArn: 'arn:aws:sns:eu-west-1:123456789012:alarms' })
        expect(request.headers).toMatchObject({
            'x-amz-sns-message-type': 'Notification', 'x-amz-sns-message-id': 'm-1', 'Content-Type': 'text/plain; charset=UTF-8',
            'x-amz-sns-topic-arn': 'arn:aws:sns:eu-west-1:123456789012:alarms',
        })
        const envelope = JSON.parse(request.body)
        expect(envelope).toMatchObject({ Type: 'Notification', MessageId: 'm-1', TopicArn: 'arn:aws:sns:eu-west-1:123456789012:alarms' })
        const alarm = JSON.parse(envelope.Message)
        expect(alarm).toMatchObject({ AlarmName: 'TEST probe abc', NewStateValue: 'OK', Region: 'eu-west-1', AWSAccountId: '123456789012' })
        expect(alarm.AlarmDescription).toMatch(/TEST/)
    })
})
