import { type ProbeEvidence, classifyAnswer, endpointFieldsAfterProbe, judgeProbe, keyBoundElsewhere, notProbed, readConnectorReply } from '../../src/server/probe/probe-rules'
import { endpointBase } from '../../src/server/endpoint/endpoint-host'
import { testAlarmRequest } from '../../src/server/probe/test-alarm'

// E42: what the connector answers on success.
const ok = { status: 200, body: JSON.stringify({ result: { 'AWS Events Push Connector': '{"status":"success"}' } }), error: '' }
const unauthorized = { status: 401, body: '{"error":{"message":"User Not Authenticated"}}', error: '' }
const json = (status: number, body: unknown = { error: { message: 'stub' }, status: 'failure' }) => ({ status, body: JSON.stringify(body), error: '' })

function evidence(overrides: Partial<ProbeEvidence> = {}): ProbeEvidence {
    return {
        query: ok, control: unauthorized, event: { source: 'aws', createdBy: 'aws.sns.integration' },
        integrationUserName: 'aws.sns.integration', requestedByUserName: 'em.app.admin', probeKeyStrategy: 'token_auth_client',
        realKeyProblem: '', probedHost: 'dev1.service-now.com', endpointHost: '', topicArn: 'arn:aws:sns:eu-west-1:123456789012:alarms',
        alarmName: 'TEST query abc', likelyCauses: [], cleanup: '', ...overrides,
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
    it('is accepted when the SNS request passes, a wrong key gets 401 and the event names the integration user', () => {
        const verdict = judgeProbe(evidence())
        expect(verdict).toMatchObject({ outcome: 'accepted', accepted: true, keyProblem: false, eventSource: 'aws' })
        expect(verdict.steps).toEqual([
            'probe sent to dev1.service-now.com only',
            'SNS request, throw-away key in the query parameter: HTTP 200',
            'negative control, wrong key: HTTP 401',
            'real key: not sent; its record matches the throw-away key (user, auth scope, way of making, active)',
            'event created: source "aws", by aws.sns.integration',
            'identity: the event names the integration user aws.sns.integration',
        ])
    })

    it('is inconclusive when the negative control is not refused with 401', () => {
        for (const control of [ok, json(403)]) {
            expect(judgeProbe(evidence({ control }))).toMatchObject({ outcome: 'inconclusive', accepted: false })
        }
    })

    it('takes the class of the SNS request when it fails at the REST layer', () => {
        expect(judgeProbe(evidence({ query: json(405) }))).toMatchObject({ outcome: 'method_not_allowed', accepted: false, keyProblem: true })
        expect(judgeProbe(evidence({ query: unauthorized, likelyCauses: ['x: y'] })).advice).toContain('x: y')
    })

    it('refuses a key that authenticates as the admin who asked instead of the integration user', () => {
        expect(judgeProbe(evidence({ event: { source: 'aws', createdBy: 'em.app.admin' } }))).toMatchObject({ outcome: 'wrong_identity', accepted: false })
    })

    it('leaves identity unproven when another user (system) created the event and the key came from the token API (E25)', () => {
        const verdict = judgeProbe(evidence({ event: { source: 'aws', createdBy: 'system' }, requestedByUserName: 'admin' }))
        expect(verdict).toMatchObject({ outcome: 'identity_unproven', accepted: false, keyProblem: true })
        expect(verdict.advice).toMatch(/Revoke API key/)
    })

    it('takes identity from the record when the key was inserted with its user set (E20), whoever created the event', () => {
        const verdict = judgeProbe(evidence({ event: { source: 'aws', createdBy: 'system' }, probeKeyStrategy: 'record_insert' }))
        expect(verdict).toMatchObject({ outcome: 'accepted', accepted: true })
        expect(verdict.steps.at(-1)).toBe('identity: the event was created by system; the key was inserted with its user set to aws.sns.integration, so it is bound by its record')
    })

    it('is "accepted, but no event seen" (not proven) when the 200 left no event (E53)', () => {
        const verdict = judgeProbe(evidence({ event: null }))
        expect(verdict).toMatchObject({ outcome: 'accepted_no_event', accepted: false, keyProblem: false, eventSource: '' })
        expect(verdict.advice).toContain('TEST query abc')
    })

    it('reads the 200 body (E42): a connector error inside it is not accepted', () => {
        const body = { result: { 'AWS Events Push Connector': '{"status":"error","message":"Cannot parse Message"}' } }
        const verdict = judgeProbe(evidence({ query: json(200, body) }))
        expect(verdict).toMatchObject({ outcome: 'connector_error', accepted: false, keyProblem: true })
        expect(verdict.summary).toContain('AWS Events Push Connector: Cannot parse Message')
    })

    it('says the connector checks SNS signatures (E64), points at aws sns publish, and never calls it a bad key', () => {
        const body = { result: { 'AWS Events Push Connector': '{"status":"error","error":"SNS message signature verification failed"}' } }
        const verdict = judgeProbe(evidence({ query: json(200, body) }))
        expect(verdict).toMatchObject({ outcome: 'signature_checked', accepted: false, keyProblem: false })
        expect(verdict.advice).toContain("aws sns publish --topic-arn 'arn:aws:sns:eu-west-1:123456789012:alarms'")
        expect(`${verdict.summary} ${verdict.advice}`).not.toMatch(/rejected the key|bad key|key does not work/)
    })

    it('is inconclusive on a 200 whose body is not the connector\'s answer', () => {
        for (const body of ['<html>login</html>', '{"result":{}}', '{"status":"ok"}']) {
            expect(judgeProbe(evidence({ query: { status: 200, body, error: '' } }))).toMatchObject({ outcome: 'inconclusive', accepted: false })
        }
    })

    it.each([
        ['no answer', { status: 0, body: '', error: 'java.net.ConnectException: Connection refused' }],
        ['a redirect', { status: 302, body: '', error: '' }],
        ['an HTML page before authentication', { status: 403, body: '<html>Access denied</html>', error: '' }],
    ])('reads %s from the instance\'s own URL as "cannot call itself" (E65), never as a key problem', (_what, answer) => {
        const verdict = judgeProbe(evidence({ query: answer, control: answer }))
        expect(verdict).toMatchObject({ outcome: 'self_call_blocked', accepted: false, keyProblem: false })
        expect(verdict.advice).toMatch(/sn-aws-verify verify --endpoint-file/)
        expect(keyBoundElsewhere(verdict, 'token_auth_client')).toBe(false)
    })

    it('is inconclusive when the real key\'s record differs from the proven throw-away key', () => {
        expect(judgeProbe(evidence({ realKeyProblem: 'the key is inactive' }))).toMatchObject({ outcome: 'inconclusive', accepted: false, summary: expect.stringMatching(/the key is inactive/) })
    })

    it('names a confirmed custom host that the probe did not call', () => {
        expect(judgeProbe(evidence({ endpointHost: 'alarms.example.com' })).summary).toMatch(/alarms\.example\.com was not called.*sn-aws-verify verify/)
    })

    it('treats a wrong identity, or a role 403 on a token-API key, as a key bound to someone else', () => {
        const forbidden = judgeProbe(evidence({ query: json(403) }))
        expect(keyBoundElsewhere(judgeProbe(evidence({ event: { source: 'aws', createdBy: 'em.app.admin' } })), 'record_insert')).toBe(true)
        expect(keyBoundElsewhere(forbidden, 'token_auth_client')).toBe(true)
        expect(keyBoundElsewhere(forbidden, 'record_insert')).toBe(false)
        const scope = judgeProbe(evidence({ query: json(403, { error: { message: 'Missing required api access scope' } }) }))
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

describe('the connector\'s 200 body (E42)', () => {
    it.each([
        ['{"result":{"L":"{\\"status\\":\\"success\\"}"}}', { recognised: true, error: '' }],
        ['{"result":{"L":"{\\"status\\":\\"failure\\",\\"message\\":\\"bad\\"}"}}', { recognised: true, error: 'L: bad' }],
        ['{"result":{"L":"Error: no Message"}}', { recognised: true, error: 'L: Error: no Message' }],
        ['{"result":{"L":{"error":"x"}}}', { recognised: true, error: 'L: x' }],
        ['{"result":[]}', { recognised: false, error: '' }],
        ['not json', { recognised: false, error: '' }],
    ])('%s', (body, expected) => {
        expect(readConnectorReply(body)).toEqual(expected)
    })
})

describe('the endpoint host (item 7: a host other than the instance\'s needs a confirmation)', () => {
    const own = 'https://dev1.service-now.com'
    it('uses the instance URL, or an override on the same host', () => {
        expect(endpointBase('', '', own)).toEqual({ base: own, otherHost: '' })
        expect(endpointBase('https://DEV1.service-now.com', '', own)).toEqual({ base: 'https://DEV1.service-now.com', otherHost: '' })
    })
    it('refuses another host until its name is confirmed, then names it', () => {
        expect(() => endpointBase('https://alarms.example.com', '', own)).toThrow(/points AWS SNS at alarms\.example\.com.*instance_base_url_confirmed_host to alarms\.example\.com/)
        expect(() => endpointBase('https://alarms.example.com', 'other.example.com', own)).toThrow(/confirm it/)
        expect(endpointBase('https://alarms.example.com', 'alarms.example.com', own)).toEqual({ base: 'https://alarms.example.com', otherHost: 'alarms.example.com' })
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
