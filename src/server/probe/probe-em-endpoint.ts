// Sends one SNS-shaped test alarm to the instance's own EM inbound API and records only the answer. The key goes
// either in the x-sn-apikey query parameter (only ever a throw-away probe key, revoked right after: a URL lands
// in the outbound HTTP and transaction logs) or in the x-sn-apikey header (the real key: basic outbound logging
// records no request headers, E45).
import { RESTMessageV2 } from '@servicenow/glide/sn_ws'
import { PLATFORM } from '../core/app-names.ts'
import type { ProbeAnswer } from './probe-rules.ts'
import type { TestAlarmRequest } from './test-alarm.ts'

export const PROBE_TIMEOUT_MS = 15000

export interface ProbeTarget {
    baseUrl: string
    source: string
    connectorSysId: string
}

export function postTestAlarm(target: ProbeTarget, request: TestAlarmRequest, key: { via: 'query' | 'header'; token: string }): ProbeAnswer {
    let status = 0
    let body = ''
    let error = ''
    try {
        const message = new RESTMessageV2()
        message.setEndpoint(target.baseUrl.replace(/\/+$/, '') + PLATFORM.emInboundPath)
        message.setHttpMethod('post')
        message.setQueryParameter('source', target.source)
        message.setQueryParameter('sys_id', target.connectorSysId)
        if (key.via === 'query') message.setQueryParameter(PLATFORM.apiKeyParameterName, key.token)
        else message.setRequestHeader(PLATFORM.apiKeyParameterName, key.token)
        for (const name of Object.keys(request.headers)) message.setRequestHeader(name, request.headers[name])
        message.setRequestBody(request.body)
        message.setHttpTimeout(PROBE_TIMEOUT_MS)
        message.setLogLevel('basic')
        const response = message.execute()
        status = response.getStatusCode()
        body = String(response.getBody() || '')
        if (response.haveError() && !status) error = String(response.getErrorMessage() || 'request failed')
    } catch (e) {
        error = String((e as Error).message || e)
    }
    // Whatever the platform echoes, no key leaves this function.
    const scrub = (text: string) => (key.token ? text.split(key.token).join('[key]') : text)
    return { status, body: scrub(body), error: scrub(error) }
}
