// Measures Glide operations of the setup check and of one generate on the instance double, for the budget tests
// and for `npm run bench`.
import { TABLE } from '../../src/server/core/app-names'
import { generateEndpointKey } from '../../src/server/keys/generate-service'
import { checkSetup } from '../../src/server/setup/setup-service'
import { instanceWithApp, repairLikeAnAdmin } from './app-on-instance'

/** Reads (queries + gets) of one setup check with `otherPolicies` unrelated access policies on the instance. */
export function setupCheckReads(otherPolicies: number): number {
    const instance = instanceWithApp()
    for (let n = 0; n < otherPolicies; n++) instance.insertRow('sys_api_access_policy', { name: `Other policy ${n}`, active: 'true', api_path: `x/api${n}` })
    instance.resetStats()
    checkSetup()
    return instance.stats.queries + instance.stats.gets
}

/** GlideRecord operations (reads and writes) of one generate with `existing` other keys and endpoints. */
export function generateOperations(existing: number): number {
    const instance = instanceWithApp()
    repairLikeAnAdmin(instance)
    const connector = instance.row('sn_em_connector_push_instance', 'active=true')?.sys_id ?? ''
    const user = instance.row('sys_user', 'user_name=aws.sns.integration')?.sys_id ?? ''
    for (let n = 0; n < existing; n++) {
        instance.insertRow('api_key', { name: `k${n}`, user, active: 'true', expires: '2030-01-01 00:00:00' })
        instance.insertRow(TABLE.endpoint, { name: `e${n}`, connector_sys_id: 'b'.repeat(32), source: `S${n}`, status: 'active' })
    }
    instance.resetStats()
    const result = generateEndpointKey({ table: 'sn_em_connector_push_instance', sysId: connector, mode: 'generate' })
    if (!result.ok) throw new Error(result.message)
    return instance.stats.total()
}
