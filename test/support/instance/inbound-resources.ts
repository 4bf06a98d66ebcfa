// The REST resources a fresh instance serves once a request is authenticated. Tests replace or add handlers with
// instance.resources.set(path, handler).
// - Table API: 200 {"result":[]} (rows are not served); 403 when the fixture says the table needs a role.
// - EM inbound event API (E35): the key's user needs evt_mgmt_integration (E29); sys_id names an active push
//   connector instance (E32); `source` must name its listener (E33, E36). An event is created only for an SNS
//   Notification POST (E39). GET is undocumented (E40): no flow of the app sends one, so the double answers 405
//   (assumption) and ingests nothing. Each branch cites its id or says assumption.
import { type InboundResponse, jsonResponse, NO_RESOURCE_BODY, type ResourceRequest } from './inbound-auth.ts'
import type { Instance } from './instance.ts'

export const TABLE_API_PATH = '/api/now/table'
export const EM_INBOUND_PATH = '/api/sn_em_connector/em/inbound_event'
export const EM_INTEGRATION_ROLE = 'evt_mgmt_integration'

const failure = (status: number, message: string, detail: string | null) => jsonResponse(status, { error: { message, detail }, status: 'failure' })

export function tableApi(request: ResourceRequest, instance: Instance): InboundResponse {
    const table = request.path.slice(TABLE_API_PATH.length + 1).split('/')[0]
    if (!table) return jsonResponse(400, NO_RESOURCE_BODY)
    if (!instance.hasTable(table)) return failure(400, `Invalid table ${table}`, null)
    const roles = instance.tableRoles.get(table)
    if (roles && !instance.userHasRole(request.user.sys_id, roles.join(','))) return failure(403, 'Insufficient rights to query records', null)
    return request.method === 'POST' ? jsonResponse(201, { result: {} }) : jsonResponse(200, { result: [] })
}

/** E37, switch eventSource 'literal': a listener script that sets its own source string (assumption: this value). */
export const LITERAL_EVENT_SOURCE = 'Amazon CloudWatch Alarm'

/** E33, E36: the connector finds the listener for the URL `source`; E51, switch stringMatch: with or without case. */
function sourceMatches(instance: Instance, listenerSource: string, urlSource: string): boolean {
    return instance.switches.stringMatch === 'case_insensitive' ? listenerSource.toLowerCase() === urlSource.toLowerCase() : listenerSource === urlSource
}

export function emInboundEvent(request: ResourceRequest, instance: Instance): InboundResponse {
    const messageType = request.headers['x-amz-sns-message-type'] || ''
    const source = request.query.source || ''
    const connectorSysId = request.query.sys_id || ''
    instance.emInbound.push({ method: request.method, source, connectorSysId, messageType, body: request.body, userName: request.user.user_name })
    if (request.method !== 'POST') return failure(405, 'Method not Supported', `${request.method} is not supported`)
    // E29, E43: the user needs evt_mgmt_integration. assumption: the 403 wording.
    if (!instance.userHasRole(request.user.sys_id, EM_INTEGRATION_ROLE)) {
        return failure(403, 'User Not Authorized', `The user needs the ${EM_INTEGRATION_ROLE} role`)
    }
    const connector = instance.hasTable('sn_em_connector_push_instance') ? instance.db.findRow('sn_em_connector_push_instance', connectorSysId) : undefined
    // E43: 404 is not documented for EM. assumption: an unknown or inactive push connector instance answers 404.
    if (!connector || connector.row.active !== 'true') {
        return failure(404, 'No active push connector instance found', `sys_id=${connectorSysId}`)
    }
    const listener = instance.db.findRow('sn_em_connector_listener', connector.row.push_connector_definition)
    // assumption: a source that names no listener of this connector answers 400.
    if (!listener || !sourceMatches(instance, listener.row.source, source)) {
        return failure(400, 'Bad Request', `No listener for source ${source}`)
    }
    let result = '{"status":"ignored"}'
    if (messageType === 'Notification' && instance.hasTable('em_event')) {
        // E37, switch eventSource: em_event.source is the URL source, the listener's event_source_label, or a literal.
        const setting = instance.switches.eventSource
        const eventSource = setting === 'literal' ? LITERAL_EVENT_SOURCE : setting === 'event_source_label' && listener.row.event_source_label ? listener.row.event_source_label : source
        // Switch eventCreatedBy (assumption): the event is created in the authenticated user's session, so
        // sys_created_by names that user, or by another user (system).
        const previous = instance.session.userName
        instance.session.userName = instance.switches.eventCreatedBy === 'request_user' ? request.user.user_name : 'system'
        const created = instance.db.insert('em_event', {
            source: eventSource, description: request.body.slice(0, 4000), additional_info: request.body, state: 'Ready', time_of_event: instance.clock.now(),
        }, { origin: 'platform' })
        if (created.ok) alertForOkEvent(instance, eventSource, request.body)
        instance.session.userName = previous
        if (!created.ok) return failure(500, 'Event could not be created', created.error)
        result = JSON.stringify({ status: 'success', event: created.sysId })
    }
    // E42 (S5, S6): 200 with {"result":{"<listener name>":"<json string>"}}.
    return jsonResponse(200, { result: { [listener.row.name]: result } })
}

/**
 * Switch okEventAlert (assumption): with creates_alert, an OK alarm event makes an em_alert for its message key, or
 * updates the one that key already has. assumption: the connector's message key is the alarm's AlarmArn (else its
 * name). Alerts of other states are not modelled.
 */
function alertForOkEvent(instance: Instance, source: string, body: string): void {
    if (instance.switches.okEventAlert !== 'creates_alert') return
    let alarm: { NewStateValue?: string; AlarmArn?: string; AlarmName?: string }
    try {
        alarm = JSON.parse(String((JSON.parse(body) as { Message?: unknown }).Message ?? ''))
    } catch {
        return
    }
    if (!alarm || alarm.NewStateValue !== 'OK') return
    const key = String(alarm.AlarmArn || alarm.AlarmName || '')
    const open = instance.db.rowsOf('em_alert').find((a) => a.message_key === key)
    if (open) instance.db.update('em_alert', open.sys_id, { event_count: String(Number(open.event_count || '0') + 1) }, { origin: 'platform' })
    else instance.db.insert('em_alert', { message_key: key, source, severity: '0', state: 'Open', description: String(alarm.AlarmName || ''), event_count: '1' }, { origin: 'platform' })
}

export function registerDefaultResources(instance: Instance, options: { emApp: boolean }): void {
    instance.resources.set(TABLE_API_PATH, tableApi)
    if (options.emApp) instance.resources.set(EM_INBOUND_PATH, emInboundEvent)
}
