// The probe on the instance: proves the path SNS will use, without sending the real key anywhere.
// 1. A throw-away key for the same user and auth scope, made the same way as the real key, goes in the URL the way
//    SNS sends it, to the instance's own host (glide.servlet.uri, E47) and nowhere else. It expires in minutes and is
//    deactivated and deleted in a finally, so the URL in the outbound and transaction logs holds a dead key.
// 2. The same request with a key that was never issued must get 401 (negative control).
// 3. The real key is not sent: its record must match the throw-away key's (user, auth scope, way of making, active).
// 4. The 200 body is read (E42), then the test alarm's em_event is looked up once: the connector creates it inside
//    the request (E53), so no wait. It shows the event source (E37) and, when the connector writes it in the key
//    user's session, whom the key authenticated as.
import { GlideDateTime, GlideRecord, GlideSecureRandomUtil, gs } from '@servicenow/glide'
import { query } from '../core/encoded-query.ts'
import { deleteRowChecked, isTrue, readRow, updateRow } from '../core/records.ts'
import { issueKey } from '../keys/issue-key.ts'
import { findAuthScopeColumn } from '../keys/token-issuers.ts'
import { type ProbeTarget, postTestAlarm } from './probe-em-endpoint.ts'
import { type ProbeAnswer, type ProbeVerdict, judgeProbe, notProbed, readConnectorReply } from './probe-rules.ts'
import { PROBE_ALARM_PREFIX, testAlarmRequest } from './test-alarm.ts'

export interface ProbeRequest {
    /** Where SNS sends the alarms: source and connector (the host is always the instance's own). */
    target: Omit<ProbeTarget, 'baseUrl'>
    /** The host of the endpoint handed to SNS, when it is not the instance's own (a confirmed custom domain). */
    endpointHost: string
    topicArn: string
    integrationUser: { sysId: string; userName: string }
    authScopeSysId: string
    /** The real key: checked through its record only. */
    realKey: { sysId: string; strategy: string }
    /** Failing setup links, read only when a 401 needs explaining. */
    likelyCauses: () => string[]
}

/** The throw-away key lives minutes, not an hour: it is deleted right after use, the expiry is the safety net. */
export const PROBE_KEY_MINUTES = 10

/** How far back the one em_event lookup reaches before the probe started (same instance clock; E53). */
const EVENT_WINDOW_SECONDS = 60

/** E47: the instance's own base URL; the only host a probe key is ever sent to. */
export function ownInstanceUrl(): string {
    return String(gs.getProperty('glide.servlet.uri', '') || '').replace(/\/+$/, '')
}

function hostOf(url: string): string {
    const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(url)
    return m ? m[1].toLowerCase() : ''
}

function isoTime(at: GlideDateTime): string {
    return at.getValue().replace(' ', 'T') + '.000Z'
}

/** One bounded lookup of the em_event the test alarm created, by its unique alarm name, since the probe began. */
function findProbeEvent(alarmName: string, started: GlideDateTime): { source: string; createdBy: string } | null {
    const since = new GlideDateTime(started.getValue())
    since.addSeconds(-EVENT_WINDOW_SECONDS)
    const gr = new GlideRecord('em_event')
    if (!gr.isValid()) return null
    gr.addQuery('sys_created_on', '>=', since)
    const fields = ['description', 'additional_info', 'message_key', 'resource', 'node']
    const first = gr.addQuery(fields[0], 'CONTAINS', alarmName)
    for (let i = 1; i < fields.length; i++) first.addOrCondition(fields[i], 'CONTAINS', alarmName)
    gr.setLimit(1)
    gr.query()
    return gr.next() ? { source: String(gr.getValue('source') || ''), createdBy: String(gr.getValue('sys_created_by') || '') } : null
}

/** Deactivates, deletes and checks the throw-away key; returns '' or what went wrong (the key is inactive first). */
function discardProbeKey(sysId: string): string {
    // Deactivated first, so a refused delete (E55) leaves a key that authenticates nobody; each step may be refused.
    let deactivated = true
    try {
        updateRow('api_key', sysId, { active: 'false' })
    } catch (_refused) {
        deactivated = false
    }
    const problem = deleteRowChecked('api_key', sysId)
    if (!problem) return ''
    // A refusal (E55) carries its manual step; any other failure is named by the key alone.
    const step = problem.indexOf('Manual step:') === 0 ? ` (${problem})` : ''
    return deactivated
        ? `the throw-away key ${sysId} could not be deleted; it is inactive: delete it from the api_key list${step}`
        : `the throw-away key ${sysId} could not be removed (${problem}): deactivate and delete it from the api_key list`
}

/** What differs between the real key's record and the throw-away key's ('' when nothing does). */
function realKeyProblem(request: ProbeRequest, probeStrategy: string, now: string): string {
    const column = findAuthScopeColumn()
    const key = readRow('api_key', query`sys_id=${request.realKey.sysId}`, ['active', 'user', 'expires'].concat(column ? [column] : []))
    if (!key) return 'the key record no longer exists'
    if (!isTrue(key.active)) return 'the key is inactive'
    if (key.expires && key.expires <= now) return `the key expired at ${key.expires} UTC`
    if (key.user !== request.integrationUser.sysId) return `the key belongs to another user than ${request.integrationUser.userName}`
    if (column && String(key[column] || '').indexOf(request.authScopeSysId) < 0) return 'the key lacks the useraccount auth scope'
    const strategy = request.realKey.strategy.split(' ')[0]
    if (strategy && strategy !== probeStrategy) return `the key was made by ${strategy}, the throw-away key by ${probeStrategy}`
    return ''
}

export function runProbe(request: ProbeRequest): ProbeVerdict {
    const started = new GlideDateTime()
    const base = ownInstanceUrl()
    const probedHost = hostOf(base) || 'glide.servlet.uri (not set)'
    const random = () => GlideSecureRandomUtil.getSecureRandomString(12)
    const expires = new GlideDateTime(started.getValue())
    expires.addSeconds(PROBE_KEY_MINUTES * 60)
    let probeKey: { sysId: string; token: string; strategy: string }
    try {
        const issued = issueKey({
            name: `AWS SNS probe - ${started.getValue()} (deleted after use)`,
            description: 'Throw-away key of the AWS SNS Event API Keys probe: used once in a URL to this instance, then deactivated and deleted.',
            userSysId: request.integrationUser.sysId,
            authScopeSysId: request.authScopeSysId,
            authScopeColumn: findAuthScopeColumn,
            expires: expires.getValue(),
        })
        probeKey = { sysId: issued.key.sysId, token: issued.key.token, strategy: issued.key.strategy }
    } catch (e) {
        return notProbed(`no throw-away probe key could be made (${(e as Error).message}).`)
    }
    const alarm = (label: string) => {
        const name = `${PROBE_ALARM_PREFIX} ${label} ${random()}`
        return { name, request: testAlarmRequest({ alarmName: name, messageId: gs.generateGUID(), isoTime: isoTime(new GlideDateTime()), topicArn: request.topicArn }) }
    }
    const target: ProbeTarget = { baseUrl: base, source: request.target.source, connectorSysId: request.target.connectorSysId }
    const viaQuery = alarm('query')
    let query: ProbeAnswer | null = null
    let skipped = ''
    let cleanup = ''
    try {
        if (!probeKey.token) skipped = 'this instance does not let the app read a new key\'s token.'
        else if (!hostOf(base)) skipped = 'the property glide.servlet.uri (the instance URL) is not set, and the probe calls no other host.'
        else query = postTestAlarm(target, viaQuery.request, { via: 'query', token: probeKey.token })
    } finally {
        // Whatever happened above, the throw-away key does not outlive this call.
        probeKey.token = ''
        cleanup = discardProbeKey(probeKey.sysId)
    }
    if (!query) return notProbed(`${skipped}${cleanup ? ` Also: ${cleanup}.` : ''}`)
    const control = postTestAlarm(target, alarm('control').request, { via: 'query', token: `now_${random()}${random()}${random()}` })
    const accepted = query.status >= 200 && query.status < 300 && !readConnectorReply(query.body).error
    return judgeProbe({
        query,
        control,
        event: accepted ? findProbeEvent(viaQuery.name, started) : null,
        integrationUserName: request.integrationUser.userName,
        requestedByUserName: gs.getUserName(),
        probeKeyStrategy: probeKey.strategy,
        realKeyProblem: realKeyProblem(request, probeKey.strategy, started.getValue()),
        probedHost,
        endpointHost: request.endpointHost,
        topicArn: request.topicArn,
        alarmName: viaQuery.name,
        likelyCauses: query.status === 401 ? request.likelyCauses() : [],
        cleanup,
    })
}
