// Issue 15, "Adopt, never compete" (E44, E62): when the instance already has an active API-key policy for
// sn_em_connector/em, Repair uses it. It adds one mapping of the app's query-parameter profile when that policy lacks
// one, edits nothing of it, and never creates or activates a second policy that could tie with it.
import { SHIPPED } from '../../src/server/core/app-names'
import { checkSetup } from '../../src/server/setup/setup-service'
import { CANARY, changedTables, emInboundStatus, instanceWithApp, manualKeyFor, repairAsApiAdmin, repairLikeAnAdmin } from '../support/app-on-instance'
import { SHIPPED_EM_POLICY } from '../support/instance/fixture'

function emPolicyLink() {
    return checkSetup().results.find((r) => r.id === 'em_policy')
}

describe('an active API-key policy for sn_em_connector/em that maps only a header profile (header_only)', () => {
    it('gets one mapping of our query profile; ours stays inactive; the check is green and SNS gets 200', () => {
        const instance = instanceWithApp({ platform: { emPolicyShipped: 'header_only' } })
        const theirs = instance.row('sys_api_access_policy', `name=${SHIPPED_EM_POLICY}`)
        expect(emPolicyLink()?.status).toBe('fail')
        const before = instance.snapshot()

        repairAsApiAdmin(false)
        repairAsApiAdmin(true)

        // Their policy is unedited, ours is not activated, and exactly one mapping was added to theirs.
        expect(instance.row('sys_api_access_policy', `name=${SHIPPED_EM_POLICY}`)).toEqual(theirs)
        expect(instance.rows('sys_api_access_policy', 'api_path=sn_em_connector/em^active=true').map((p) => p.name)).toEqual([SHIPPED_EM_POLICY])
        const ourQuery = instance.row('http_key_auth', `name=${SHIPPED.queryProfile}`)
        expect(instance.rows('sys_auth_profile_mapping', `api_access_policy=${theirs?.sys_id}`).map((m) => m.inbound_auth_profile)).toContain(ourQuery?.sys_id)
        const diff = instance.diff(before)
        expect(diff.inserted.filter((r) => r.sys_class_name === 'sys_auth_profile_mapping').map((r) => [r.api_access_policy, r.inbound_auth_profile])).toEqual([
            [theirs?.sys_id, ourQuery?.sys_id],
        ])
        expect(checkSetup().results.filter((r) => r.status === 'fail')).toEqual([])

        // The key in the query parameter, as SNS sends it, now authenticates through their policy.
        const connector = instance.row('sn_em_connector_push_instance', 'active=true')?.sys_id ?? ''
        const token = manualKeyFor(instance, 'aws.sns.integration')
        expect(emInboundStatus(instance, token, connector, 'query')).toBe(200)
        // Idempotent: another Repair changes nothing.
        const again = instance.snapshot()
        expect(repairAsApiAdmin(true).report.changes).toEqual([])
        expect(changedTables(instance.diff(again)).filter((t) => !t.startsWith('x_em_aws_apikey_'))).toEqual([])
        expect(instance.findSecret(CANARY)).toEqual([])
    })
})

describe('two active policies for the same API (E62)', () => {
    it('fail the setup check with the fix, and Repair deactivates ours (never theirs)', () => {
        const instance = instanceWithApp({ platform: { emPolicyShipped: 'query_and_header' } })
        instance.updateRows('sys_api_access_policy', `name=${SHIPPED.emPolicy}`, { active: 'true' })
        const link = emPolicyLink()
        expect({ status: link?.status, fix: link?.fix }).toEqual({
            status: 'fail',
            fix: expect.stringMatching(new RegExp(`^The app's policy "${SHIPPED.emPolicy}" is active beside "${SHIPPED_EM_POLICY}" for the same API; which one the platform applies is undocumented`)),
        })
        repairAsApiAdmin(false)
        expect(instance.rows('sys_api_access_policy', 'api_path=sn_em_connector/em^active=true').map((p) => p.name)).toEqual([SHIPPED_EM_POLICY])
        expect(emPolicyLink()?.status).toBe('pass')
    })
})

describe('records Repair re-creates when the platform does not keep their sys_scope (E66, scriptScope session_scope)', () => {
    it('are recognised by their names: a second Repair re-creates nothing and the check passes', () => {
        const instance = instanceWithApp({ platform: { scriptScope: 'session_scope' } })
        instance.deleteRows('http_key_auth', `name=${SHIPPED.queryProfile}`)
        instance.deleteRows('sys_api_access_policy', `name=${SHIPPED.emPolicy}`)
        expect(repairLikeAnAdmin(instance)).toEqual({ apiPicked: true, manualSteps: [] })
        expect(instance.rows('http_key_auth', `name=${SHIPPED.queryProfile}`).map((p) => p.sys_scope)).toEqual(['global'])
        expect(instance.rows('sys_api_access_policy', `name=${SHIPPED.emPolicy}`).map((p) => p.sys_scope)).toEqual(['global'])
        const again = instance.snapshot()
        expect(repairAsApiAdmin(true).report.changes).toEqual([])
        expect(changedTables(instance.diff(again)).filter((t) => !t.startsWith('x_em_aws_apikey_'))).toEqual([])
        expect(checkSetup().results.filter((r) => r.status === 'fail')).toEqual([])
    })
})
