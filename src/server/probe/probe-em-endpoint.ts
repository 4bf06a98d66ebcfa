// Calls the instance's own EM inbound API once with the new key, while it is still in memory, and records only the
// outcome. The key travels in a request header, never in the URL, and is never stored for later probes.
import { RESTMessageV2 } from '@servicenow/glide/sn_ws'
import { PLATFORM } from '../core/app-names.ts'
import type { ProbeAnswer } from './probe-rules.ts'

export const PROBE_TIMEOUT_MS = 15000

export function probeEmEndpoint(baseUrl: string, source: string, connectorSysId: string, token: string): ProbeAnswer {
    let status = 0
    let body = ''
    let error = ''
    try {
        const request = new RESTMessageV2()
        request.setEndpoint(baseUrl.replace(/\/+$/, '') + PLATFORM.emInboundPath)
        request.setHttpMethod('get')
        request.setQueryParameter('source', source)
        request.setQueryParameter('sys_id', connectorSysId)
        request.setRequestHeader(PLATFORM.apiKeyParameterName, token)
        request.setRequestHeader('Accept', 'application/json')
        request.setHttpTimeout(PROBE_TIMEOUT_MS)
        // Basic outbound logging records no request headers, so the key stays out of the HTTP log.
        request.setLogLevel('basic')
        const response = request.execute()
        status = response.getStatusCode()
        body = String(response.getBody() || '')
        if (response.haveError() && !status) error = String(response.getErrorMessage() || 'request failed')
    } catch (e) {
        error = String((e as Error).message || e).split(token).join('[key]')
    }
    return { status, body, error }
}
