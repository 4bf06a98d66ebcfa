import { type ProbeEvidence, classifyAnswer, endpointFieldsAfterProbe, judgeProbe, keyBoundElsewhere, notProbed, readConnectorReply } from '../../src/server/probe/probe-rules'
import { endpointBase } from '../../src/server/endpoint/endpoint-host'
import { testAlarmRequest } from '../../src/server/probe/test-alarm'
import { TEST_ALARM_TRIGGER } from '../support/expected-test-alarm'

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
        expect(verdict).toStrictEqual({
            outcome: 'missing_scope',
            summary: 'HTTP 403 "Missing required api access scope": the key lacks the useraccount auth scope.',
            advice: `Check the useraccount auth scope (setup check) and that the key lists it under Auth Scope. ${LOST}`,
        })
    })
})

const LOST = 'SNS drops this answer for good: alarms would be lost. Do not subscribe SNS yet.'
const SENT = 'probe sent to dev1.service-now.com only'
const QUERY_200 = 'SNS request, throw-away key in the query parameter: HTTP 200'
const CONTROL_401 = 'negative control, wrong key: HTTP 401'
const REAL_KEY_MATCHES = 'real key: not sent; its record matches the throw-away key (user, auth scope, way of making, active)'
const EVENT_BY_INTEGRATION = 'event created: source "aws", by aws.sns.integration'
const NAMES_INTEGRATION = 'identity: the event names the integration user aws.sns.integration'
const ACCEPTED_SUMMARY = 'SNS\'s request is accepted with this key\'s user and scope, a wrong key gets 401, and the connector turned the test alarm into an event (source "aws").'

describe('the whole probe', () => {
    it('is accepted when the SNS request passes, a wrong key gets 401 and the event names the integration user', () => {
        expect(judgeProbe(evidence())).toStrictEqual({
            outcome: 'accepted', accepted: true, keyProblem: false, summary: ACCEPTED_SUMMARY, advice: '', eventSource: 'aws',
            steps: [
                'probe sent to dev1.service-now.com only',
                'SNS request, throw-away key in the query parameter: HTTP 200',
                'negative control, wrong key: HTTP 401',
                'real key: not sent; its record matches the throw-away key (user, auth scope, way of making, active)',
                'event created: source "aws", by aws.sns.integration',
                'identity: the event names the integration user aws.sns.integration',
            ],
        })
    })

    it('is inconclusive when the negative control is not refused with 401', () => {
        for (const control of [ok, json(403)]) {
            expect(judgeProbe(evidence({ control }))).toStrictEqual({
                outcome: 'inconclusive', accepted: false, keyProblem: true,
                summary: `The same request with a wrong key got HTTP ${control.status}, not 401, so the 2xx proves nothing about the key.`,
                advice: 'Something answers before authentication (a proxy, a custom endpoint, or a policy that lets any caller in). Check the EM API access policy, then click "Send test alarm".',
                eventSource: 'aws',
                steps: [SENT, QUERY_200, `negative control, wrong key: HTTP ${control.status}`, REAL_KEY_MATCHES, EVENT_BY_INTEGRATION],
            })
        }
    })

    it('takes the class of the SNS request when it fails at the REST layer', () => {
        expect(judgeProbe(evidence({ query: json(405) }))).toStrictEqual({
            outcome: 'method_not_allowed', accepted: false, keyProblem: true,
            summary: 'HTTP 405: the EM inbound API refused POST.',
            advice: `Check the instance base URL and the Event Management Connectors version. ${LOST}`,
            eventSource: 'aws',
            steps: [SENT, 'SNS request, throw-away key in the query parameter: HTTP 405', CONTROL_401, REAL_KEY_MATCHES, EVENT_BY_INTEGRATION],
        })
        expect(judgeProbe(evidence({ query: unauthorized, likelyCauses: ['x: y'] })).advice).toBe(
            `Run the setup check and Repair (is an API-key policy for sn_em_connector/em active and mapped to an x-sn-apikey query-parameter profile?). Failing setup links: x: y. ${LOST}`,
        )
    })

    it('refuses a key that authenticates as the admin who asked instead of the integration user', () => {
        expect(judgeProbe(evidence({ event: { source: 'aws', createdBy: 'em.app.admin' } }))).toStrictEqual({
            outcome: 'wrong_identity', accepted: false, keyProblem: true,
            summary: 'The key authenticated as em.app.admin, not as the integration user aws.sns.integration.',
            advice: 'The key must belong to the integration user only. It is not handed over.',
            eventSource: 'aws',
            steps: [SENT, QUERY_200, CONTROL_401, REAL_KEY_MATCHES, 'event created: source "aws", by em.app.admin'],
        })
    })

    it('leaves identity unproven when another user (system) created the event and the key came from the token API (E25)', () => {
        expect(judgeProbe(evidence({ event: { source: 'aws', createdBy: 'system' }, requestedByUserName: 'admin' }))).toStrictEqual({
            outcome: 'identity_unproven', accepted: false, keyProblem: true,
            summary: 'The connector accepted the test alarm but created its event as system, not as the integration user aws.sns.integration, and a key made by GlideTokenAuthClient may stay bound to the admin who made it (E25). Nothing shows whom this key authenticates as.',
            advice: 'Do not use this key: click "Revoke API key". Then make the key the documented way: an API key record with User = aws.sns.integration and Auth Scope = useraccount (or let this app read a new key\'s token, so it sets the user on insert), and click "Generate API key & AWS endpoint" again.',
            eventSource: 'aws',
            steps: [SENT, QUERY_200, CONTROL_401, REAL_KEY_MATCHES, 'event created: source "aws", by system'],
        })
    })

    it('takes identity from the record when the key was inserted with its user set (E20), whoever created the event', () => {
        expect(judgeProbe(evidence({ event: { source: 'aws', createdBy: 'system' }, probeKeyStrategy: 'record_insert' }))).toStrictEqual({
            outcome: 'accepted', accepted: true, keyProblem: false, summary: ACCEPTED_SUMMARY, advice: '', eventSource: 'aws',
            steps: [
                SENT, QUERY_200, CONTROL_401, REAL_KEY_MATCHES, 'event created: source "aws", by system',
                'identity: the event was created by system; the key was inserted with its user set to aws.sns.integration, so it is bound by its record',
            ],
        })
    })

    it('is "accepted, but no event seen" (not proven) when the 200 left no event (E53)', () => {
        expect(judgeProbe(evidence({ event: null }))).toStrictEqual({
            outcome: 'accepted_no_event', accepted: false, keyProblem: false,
            summary: 'HTTP 200 and the connector reported no error, but no event with the test alarm\'s name exists right after the answer (E53: the connector creates it before answering).',
            advice: 'Not proven yet. Open Event Management > All Events and search the description for "TEST query abc". If it is missing, check the connector\'s transform script and event rules; if it is there, the app may not read em_event. Then click "Send test alarm".',
            eventSource: '',
            steps: [SENT, QUERY_200, CONTROL_401, REAL_KEY_MATCHES, 'event: none found'],
        })
    })

    it('reads the 200 body (E42): a connector error inside it is not accepted', () => {
        const body = { result: { 'AWS Events Push Connector': '{"status":"error","message":"Cannot parse Message"}' } }
        expect(judgeProbe(evidence({ query: json(200, body) }))).toStrictEqual({
            outcome: 'connector_error', accepted: false, keyProblem: true,
            summary: 'HTTP 200, but the connector reported an error inside it: "AWS Events Push Connector: Cannot parse Message". SNS takes a 200 as delivered, so such alarms are lost without a retry.',
            advice: `Check the push connector definition's transform script and the push connector instance, then click "Send test alarm". ${LOST}`,
            eventSource: 'aws',
            steps: [SENT, QUERY_200, CONTROL_401, REAL_KEY_MATCHES, EVENT_BY_INTEGRATION],
        })
    })

    it('says the connector checks SNS signatures (E64), points at aws sns publish, and never calls it a bad key', () => {
        const body = { result: { 'AWS Events Push Connector': '{"status":"error","error":"SNS message signature verification failed"}' } }
        const verdict = judgeProbe(evidence({ query: json(200, body) }))
        expect(verdict).toStrictEqual({
            outcome: 'signature_checked', accepted: false, keyProblem: false,
            summary: 'The key authenticated (a wrong key gets 401), but the AWS connector refused the test alarm because it checks SNS message signatures, which only AWS can make (E64): "AWS Events Push Connector: SNS message signature verification failed". This is not a key problem.',
            advice: 'Prove the path from the topic itself: subscribe SNS with the endpoint, confirm the subscription, then run aws sns publish --topic-arn \'arn:aws:sns:eu-west-1:123456789012:alarms\' --subject \'ServiceNow test\' --message \'{"AlarmName":"ServiceNow test","NewStateValue":"OK","NewStateReason":"test"}\' and check that the event appears under Event Management > All Events. Until it does, treat alarms as not delivered.',
            eventSource: 'aws',
            steps: [SENT, QUERY_200, CONTROL_401, REAL_KEY_MATCHES, EVENT_BY_INTEGRATION],
        })
        expect(`${verdict.summary} ${verdict.advice}`).not.toMatch(/rejected the key|bad key|key does not work/)
    })

    it('is inconclusive on a 200 whose body is not the connector\'s answer', () => {
        for (const body of ['<html>login</html>', '{"result":{}}', '{"status":"ok"}']) {
            expect(judgeProbe(evidence({ query: { status: 200, body, error: '' } }))).toStrictEqual({
                outcome: 'inconclusive', accepted: false, keyProblem: true,
                summary: 'HTTP 200, but the body is not the connector\'s answer ({"result":{"<listener>":"..."}}), so the alarm may not have reached the AWS connector.',
                advice: 'Check that the instance base URL reaches the instance itself and that Event Management Connectors is installed, then click "Send test alarm".',
                eventSource: 'aws',
                steps: [SENT, QUERY_200, CONTROL_401, REAL_KEY_MATCHES, EVENT_BY_INTEGRATION],
            })
        }
    })

    it.each([
        ['no answer', { status: 0, body: '', error: 'java.net.ConnectException: Connection refused' }, 'no answer: java.net.ConnectException: Connection refused', 'no answer (java.net.ConnectException: Connection refused)'],
        ['a redirect', { status: 302, body: '', error: '' }, 'HTTP 302, not an answer of the REST API', 'HTTP 302'],
        ['an HTML page before authentication', { status: 403, body: '<html>Access denied</html>', error: '' }, 'HTTP 403, not an answer of the REST API', 'HTTP 403'],
    ])('reads %s from the instance\'s own URL as "cannot call itself" (E65), never as a key problem', (_what, answer, what, step) => {
        const verdict = judgeProbe(evidence({ query: answer, control: answer }))
        expect(verdict).toStrictEqual({
            outcome: 'self_call_blocked', accepted: false, keyProblem: false,
            summary: `The instance could not call its own EM endpoint at dev1.service-now.com (${what}). IP access control, a proxy, single sign-on or a custom domain stops the call before authentication, so this says nothing about the key.`,
            advice: 'The key was kept but is not proven. Before you subscribe SNS, save the endpoint in a file and run npx sn-aws-verify verify --endpoint-file <file> from a machine that reaches the instance (it sends the same SNS request). Or let the instance call dev1.service-now.com and click "Send test alarm".',
            eventSource: 'aws',
            steps: [SENT, `SNS request, throw-away key in the query parameter: ${step}`, `negative control, wrong key: ${step}`, REAL_KEY_MATCHES, EVENT_BY_INTEGRATION],
        })
        expect(keyBoundElsewhere(verdict, 'token_auth_client')).toBe(false)
    })

    it('is inconclusive when the real key\'s record differs from the proven throw-away key', () => {
        expect(judgeProbe(evidence({ realKeyProblem: 'the key is inactive' }))).toStrictEqual({
            outcome: 'inconclusive', accepted: false, keyProblem: true,
            summary: 'The throw-away key proved the SNS path, but the real key\'s record differs: the key is inactive.',
            advice: 'Click "Rotate API key" to issue a key made like the proven one.',
            eventSource: 'aws',
            steps: [SENT, QUERY_200, CONTROL_401, 'real key record: the key is inactive', EVENT_BY_INTEGRATION, NAMES_INTEGRATION],
        })
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
        expect(notProbed('no token')).toStrictEqual({
            outcome: 'not_probed', accepted: false, keyProblem: false, summary: 'Not probed: no token', eventSource: '', steps: [],
            advice: 'Paste the key from the key record, then run sn-aws-verify verify from outside before subscribing SNS.',
        })
    })

    it('writes the verdict, the time and the learned source on the endpoint', () => {
        expect(endpointFieldsAfterProbe(judgeProbe(evidence()), '2026-11-23 10:00:00')).toEqual({
            status: 'active', last_probe_at: '2026-11-23 10:00:00', last_verified: '2026-11-23 10:00:00', learned_event_source: 'aws',
            last_probe_result: `accepted: ${ACCEPTED_SUMMARY}`,
        })
        // A failed probe never touches last_verified: that field says when the key last worked.
        expect(endpointFieldsAfterProbe(judgeProbe(evidence({ query: unauthorized, event: null })), '2026-11-23 10:00:00')).toEqual({
            status: 'failing', last_probe_at: '2026-11-23 10:00:00', last_probe_result: 'unauthenticated: HTTP 401 "User is not authenticated": the EM inbound API rejected the key.',
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
        const topicArn = 'arn:aws:sns:eu-west-1:123456789012:alarms'
        expect(request.headers).toStrictEqual({
            'x-amz-sns-message-type': 'Notification', 'x-amz-sns-message-id': 'm-1', 'Content-Type': 'text/plain; charset=UTF-8',
            'x-amz-sns-topic-arn': topicArn, 'x-amz-sns-subscription-arn': `${topicArn}:m-1`, 'User-Agent': 'Amazon Simple Notification Service Agent',
        })
        const { Message, ...envelope } = JSON.parse(request.body)
        expect(envelope).toStrictEqual({
            Type: 'Notification', MessageId: 'm-1', TopicArn: topicArn, Subject: 'OK: "TEST probe abc" in eu-west-1', Timestamp: '2026-11-23T10:00:00.000Z',
            SignatureVersion: '2', Signature: 'TEST-not-signed-by-AWS', SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-test.pem',
            UnsubscribeURL: `https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(`${topicArn}:m-1`)}`,
        })
        expect(JSON.parse(Message)).toStrictEqual({
            AlarmName: 'TEST probe abc',
            AlarmDescription: 'TEST sent by the AWS SNS Event API Keys app to prove this endpoint accepts alarms. Not a real alarm; safe to ignore.',
            AWSAccountId: '123456789012',
            AlarmConfigurationUpdatedTimestamp: '2026-11-23T10:00:00.000+0000',
            NewStateValue: 'OK',
            NewStateReason: 'TEST: no metric was evaluated.',
            StateChangeTime: '2026-11-23T10:00:00.000+0000',
            Region: 'eu-west-1',
            AlarmArn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:TEST probe abc',
            OldStateValue: 'INSUFFICIENT_DATA',
            OKActions: [topicArn],
            AlarmActions: [],
            InsufficientDataActions: [],
            Trigger: TEST_ALARM_TRIGGER,
        })
    })
})
