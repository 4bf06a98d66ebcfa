// The REST resources a fresh instance serves once a request is authenticated. Tests replace or add handlers with
// instance.resources.set(path, handler).
// - Table API: 200 {"result":[]} (rows are not served); 403 when the fixture says the table needs a role.
// - EM inbound event API (integrate-aws-api-key.md): the key's user needs evt_mgmt_integration; sys_id names an
//   active push connector instance. An event is created only for an SNS Notification POST (the AWS connector
//   expects x-amz-sns-message-type: Notification; platform-model.md, rule 6). Answers to GET and the error bodies
//   are not documented: GET is treated as an authenticated call that ingests nothing.
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

export function emInboundEvent(request: ResourceRequest, instance: Instance): InboundResponse {
    if (request.method !== 'POST' && request.method !== 'GET') return failure(405, 'Method not Supported', `${request.method} is not supported`)
    if (!instance.userHasRole(request.user.sys_id, EM_INTEGRATION_ROLE)) {
        return failure(403, 'User Not Authorized', `The user needs the ${EM_INTEGRATION_ROLE} role`)
    }
    const connectorSysId = request.query.sys_id || ''
    const connector = instance.hasTable('sn_em_connector_push_instance') ? instance.db.findRow('sn_em_connector_push_instance', connectorSysId) : undefined
    if (!connector || connector.row.active !== 'true') {
        return failure(404, 'No active push connector instance found', `sys_id=${connectorSysId}`)
    }
    const messageType = request.headers['x-amz-sns-message-type'] || ''
    const source = request.query.source || ''
    instance.emInbound.push({ method: request.method, source, connectorSysId, messageType, body: request.body, userName: request.user.user_name })
    if (request.method === 'POST' && messageType === 'Notification' && instance.hasTable('em_event')) {
        const created = instance.db.insert('em_event', {
            source, description: request.body.slice(0, 4000), additional_info: request.body, state: 'Ready', time_of_event: instance.clock.now(),
        }, { origin: 'platform' })
        if (!created.ok) return failure(500, 'Event could not be created', created.error)
    }
    return jsonResponse(200, { result: { status: 'success' } })
}

export function registerDefaultResources(instance: Instance, options: { emApp: boolean }): void {
    instance.resources.set(TABLE_API_PATH, tableApi)
    if (options.emApp) instance.resources.set(EM_INBOUND_PATH, emInboundEvent)
}
