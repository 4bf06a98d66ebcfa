// The probe on the instance: proves the path SNS will use, without leaving a live key in any log.
// 1. A throw-away key for the same user and auth scope, made the same way as the real key, goes in the URL the way
//    SNS sends it; it is deactivated and deleted straight after, so the URL in the outbound and transaction logs
//    holds a dead key.
// 2. The same request with a key that was never issued must get 401 (negative control).
// 3. The real key, when at hand, goes in the header (never in a URL).
// 4. The test alarm's em_event is looked up (bounded): it shows the event source (E37) and who the key
//    authenticated as (the event is created in that user's session).
import { type EncodedQuery, query, queryValue } from '../core/encoded-query.ts'
import { GlideDateTime, GlideSecureRandomUtil, gs } from '@servicenow/glide'
import { deleteRow, readRow, updateRow } from '../core/records.ts'
import { issueKey } from '../keys/issue-key.ts'
import { findAuthScopeColumn } from '../keys/token-issuers.ts'
import { addHours } from '../keys/key-rules.ts'
import { type ProbeTarget, postTestAlarm } from './probe-em-endpoint.ts'
import { type ProbeAnswer, type ProbeVerdict, judgeProbe, notProbed } from './probe-rules.ts'
import { PROBE_ALARM_PREFIX, testAlarmRequest } from './test-alarm.ts'

export interface ProbeRequest {
    target: ProbeTarget
    topicArn: string
    integrationUser: { sysId: string; userName: string }
    authScopeSysId: string
    /** The real key's token, only while it is in memory at generation; '' for "Send test alarm". */
    realToken: string
    /** Failing setup links, read only when a 401 needs explaining. */
    likelyCauses: () => string[]
}

/** How many times the em_event lookup runs (about a second apart where the platform lets a scoped app wait). */
export const EVENT_LOOKUPS = 3

function isoNow(): string {
    return new GlideDateTime().getValue().replace(' ', 'T') + '.000Z'
}

function pause(): boolean {
    try {
        // Not every release lets a scoped app sleep; without it the lookup is simply not repeated.
        ;(gs as unknown as { sleep: (ms: number) => void }).sleep(1000)
        return true
    } catch (_notAllowed) {
        return false
    }
}

/** The em_event the test alarm created, by its unique alarm name, created since the probe began. */
function findProbeEvent(alarmName: string, since: string): { source: string; createdBy: string } | null {
    const fields = ['description', 'additional_info', 'message_key', 'resource', 'node']
    const name = queryValue(alarmName)
    const byAlarm = (query`sys_created_on>=${since}^` + fields.map((f) => `${f}LIKE${name}`).join('^OR')) as EncodedQuery
    for (let attempt = 0; attempt < EVENT_LOOKUPS; attempt++) {
        const event = readRow('em_event', byAlarm, ['source', 'sys_created_by'])
        if (event) return { source: event.source, createdBy: event.sys_created_by }
        if (attempt + 1 < EVENT_LOOKUPS && !pause()) break
    }
    return null
}

/** Deactivates, deletes and checks the throw-away key; returns '' or what went wrong (the key is inactive first). */
function discardProbeKey(sysId: string): string {
    try {
        updateRow('api_key', sysId, { active: 'false' })
        deleteRow('api_key', sysId)
        return readRow('api_key', query`sys_id=${sysId}`, ['active']) ? `the throw-away key ${sysId} could not be deleted; it is inactive: delete it from the api_key list` : ''
    } catch (e) {
        return `the throw-away key ${sysId} could not be removed (${(e as Error).message}): deactivate and delete it from the api_key list`
    }
}

export function runProbe(request: ProbeRequest): ProbeVerdict {
    const started = new GlideDateTime().getValue()
    const random = () => GlideSecureRandomUtil.getSecureRandomString(12)
    let probeKey: { sysId: string; token: string }
    try {
        const issued = issueKey({
            name: `AWS SNS probe - ${started} (deleted after use)`,
            description: 'Throw-away key of the AWS SNS Event API Keys probe: used once in a URL, then deactivated and deleted.',
            userSysId: request.integrationUser.sysId,
            authScopeSysId: request.authScopeSysId,
            authScopeColumn: findAuthScopeColumn,
            expires: addHours(started, 1),
        })
        probeKey = { sysId: issued.key.sysId, token: issued.key.token }
    } catch (e) {
        return notProbed(`no throw-away probe key could be made (${(e as Error).message}).`)
    }
    if (!probeKey.token) {
        const cleanup = discardProbeKey(probeKey.sysId)
        return notProbed(`this instance does not let the app read a new key's token.${cleanup ? ` Also: ${cleanup}.` : ''}`)
    }
    const alarm = (label: string) => {
        const name = `${PROBE_ALARM_PREFIX} ${label} ${random()}`
        return { name, request: testAlarmRequest({ alarmName: name, messageId: gs.generateGUID(), isoTime: isoNow(), topicArn: request.topicArn }) }
    }
    const viaQuery = alarm('query')
    let query: ProbeAnswer
    try {
        query = postTestAlarm(request.target, viaQuery.request, { via: 'query', token: probeKey.token })
    } finally {
        probeKey.token = ''
    }
    const cleanup = discardProbeKey(probeKey.sysId)
    const control = postTestAlarm(request.target, alarm('control').request, { via: 'query', token: `now_${random()}${random()}${random()}` })
    const header = request.realToken ? postTestAlarm(request.target, alarm('header').request, { via: 'header', token: request.realToken }) : null
    const accepted = query.status >= 200 && query.status < 300
    return judgeProbe({
        query,
        control,
        header,
        event: accepted ? findProbeEvent(viaQuery.name, started) : null,
        integrationUserName: request.integrationUser.userName,
        requestedByUserName: gs.getUserName(),
        likelyCauses: query.status === 401 ? request.likelyCauses() : [],
        cleanup,
    })
}
