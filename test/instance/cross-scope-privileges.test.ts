// Issue 15, item 1: the cross-scope privileges the build declares for writes are derived from the door's uses. Every
// write to another scope's table goes through src/server/core/records.ts; the double lets a script write through
// only with a declared privilege (E55) and records each one it let through. These flows reach every such write,
// undo paths included; the declared create/write/delete privileges must be exactly the ones they used.
import { SHIPPED } from '../../src/server/core/app-names'
import { runUndoRepair } from '../../src/server/setup/undo-repair'
import { generateEndpointKey } from '../../src/server/keys/generate-service'
import { revokeEndpointKeys } from '../../src/server/keys/revoke-service'
import { API_ACCESS_ADMIN, declaredPrivileges, instanceWithApp, repairAsApiAdmin, repairLikeAnAdmin } from '../support/app-on-instance'
import type { FreshInstanceOptions, Instance } from '../support/instance'

const CONNECTOR_TABLE = 'sn_em_connector_push_instance'
const used = new Set<string>()

function run(options: FreshInstanceOptions, flow: (instance: Instance) => void): void {
    const instance = instanceWithApp(options)
    instance.setSessionUser(API_ACCESS_ADMIN)
    flow(instance)
    for (const write of instance.crossScopeWrites) used.add(write)
}

const generate = (instance: Instance) =>
    generateEndpointKey({ table: CONNECTOR_TABLE, sysId: instance.row(CONNECTOR_TABLE, 'active=true')?.sys_id ?? '', mode: 'generate' })

describe('the flows that reach every write to another scope\'s table', () => {
    it('Repair on a fresh install, with the Table API policies opted in, then generate, probe and revoke', () => {
        run({}, (instance) => {
            instance.updateRows('sys_properties', 'name=x_em_aws_apikey.map_table_api_policies', { value: 'true' })
            expect(repairLikeAnAdmin(instance).manualSteps).toEqual([])
            const result = generate(instance)
            if (!result.ok) throw new Error(result.message)
            const endpoint = instance.row('x_em_aws_apikey_endpoint', 'api_key_sys_idISNOTEMPTY')?.sys_id ?? ''
            expect(revokeEndpointKeys(endpoint).ok).toBe(true)
        })
    })

    it('Repair re-creates a deleted profile and policy, and adopts an instance policy (one mapping, ours deactivated)', () => {
        run({}, (instance) => {
            instance.deleteRows('http_key_auth', `name=${SHIPPED.queryProfile}`)
            instance.deleteRows('sys_api_access_policy', `name=${SHIPPED.emPolicy}`)
            expect(repairAsApiAdmin(true).report.error).toBe('')
        })
        run({ platform: { emPolicyShipped: 'header_only' } }, (instance) => {
            instance.updateRows('sys_api_access_policy', `name=${SHIPPED.emPolicy}`, { active: 'true' })
            expect(repairAsApiAdmin(true).report.error).toBe('')
        })
    })

    it('a Repair that fails half-way undoes what it created (the undo path\'s deletes and restores)', () => {
        // Where a script's write of the policy's REST API is stored (E2), the second policy update is the activation,
        // the last step: everything before it is undone, the first update restored.
        run({ platform: { policyApiWrite: 'stored' } }, (instance) => {
            instance.failNthUpdate('sys_api_access_policy', 2)
            expect(repairAsApiAdmin(true).report.error).toMatch(/^Repair stopped: .*Every change of this run was undone\.$/)
            expect(instance.rows('sys_user', 'user_name=aws.sns.integration')).toEqual([])
        })
    })

    it('Undo Repair after Repair re-created the profile and policy and created the user (the undo deletes and restores)', () => {
        run({}, (instance) => {
            instance.deleteRows('http_key_auth', `name=${SHIPPED.queryProfile}`)
            instance.deleteRows('sys_api_access_policy', `name=${SHIPPED.emPolicy}`)
            expect(repairAsApiAdmin(true).report.error).toBe('')
            const undo = runUndoRepair()
            expect({ error: undo.report.error, steps: undo.report.manualSteps }).toEqual({ error: '', steps: [] })
            expect(instance.rows('sys_api_access_policy', `name=${SHIPPED.emPolicy}`)).toEqual([])
        })
    })

    it('Generate on the token-API path, and a Generate that fails after the key exists (its undo deletes it)', () => {
        run({ platform: { tokenDecrypt: 'refused' } }, (instance) => {
            repairLikeAnAdmin(instance)
            const result = generate(instance)
            if (!result.ok) throw new Error(result.message)
        })
        run({}, (instance) => {
            repairLikeAnAdmin(instance)
            instance.failNthInsert('x_em_aws_apikey_issued_key', 1)
            expect(generate(instance).ok).toBe(false)
            expect(instance.rows('api_key')).toEqual([])
        })
    })
})

describe('declared privileges', () => {
    it('are exactly the writes the flows made: none missing (the double refuses those), none unused', () => {
        const declared = [...declaredPrivileges()].filter((p) => !p.endsWith(':read')).sort()
        expect(declared).toEqual([...used].sort())
    })
})
