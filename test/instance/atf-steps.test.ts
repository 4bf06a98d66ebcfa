// The shipped ATF steps, run against the instance double as the ATF runner would run them on an instance.
import { TABLE } from '../../src/server/core/app-names'
import { CANARY, instanceWithApp, repairLikeAnAdmin } from '../support/app-on-instance'
import { runAtfStep } from '../support/atf-runner'

const load = (path: string) => jest.requireActual<object>(path)

describe('ATF step "setup check passes after Repair"', () => {
    it('passes once the admin did the manual steps Repair names, run by an admin who may change API access', () => {
        const instance = instanceWithApp()
        instance.setSessionUser('em.platform.admin')
        expect(repairLikeAnAdmin(instance)).toEqual({ apiPicked: true, manualSteps: [] })
        const run = runAtfStep('setup-passes-after-repair.js', load)
        expect(run.failed).toEqual([])
        expect(run.returned).toBe(true)
        expect(run.output).toBe('Repair error: none; failing links: none')
    })

    it('fails with the form step when the instance ignored Repair\'s write of the policy\'s REST API (E2) and nobody picked it yet', () => {
        const instance = instanceWithApp({ platform: { policyApiWrite: 'ignored' } })
        instance.setSessionUser('em.platform.admin')
        const run = runAtfStep('setup-passes-after-repair.js', load)
        expect(run.failed).toEqual([{ name: 'Failing setup links', shouldbe: 0, value: 1 }])
        expect(run.returned).toBe(false)
        const policy = instance.row('sys_api_access_policy', 'name=AWS SNS Event API Keys - Event Management inbound API')
        expect(run.output).toBe(
            `Repair error: none; failing links: REST API access policy for sn_em_connector/em: Open the API access policy "AWS SNS Event API Keys - Event Management inbound API" (sys_api_access_policy.do?sys_id=${policy?.sys_id}) and pick REST API = "Event Management Inbound", then save (the instance ignores this field when a script writes it).`,
        )
    })

    it('passes without a manual step where the instance stores a script\'s write of the policy\'s REST API (E2)', () => {
        const instance = instanceWithApp({ platform: { policyApiWrite: 'stored' } })
        instance.setSessionUser('em.platform.admin')
        const run = runAtfStep('setup-passes-after-repair.js', load)
        expect(run.failed).toEqual([])
        expect(run.output).toBe('Repair error: none; failing links: none')
    })

    it('fails with the reason when the runner may not change API access', () => {
        instanceWithApp()
        expect(() => runAtfStep('setup-passes-after-repair.js', load)).toThrow(/admin or api_service_admin/)
    })
})

describe('ATF step "generate, EM API accepts the key, revoke rejects it"', () => {
    it('passes every assertion, comparing the key user by sys_id (the display value is the name, not the user name)', () => {
        const instance = instanceWithApp()
        instance.setSessionUser('em.platform.admin')
        repairLikeAnAdmin(instance)
        expect(runAtfStep('setup-passes-after-repair.js', load).failed).toEqual([])
        const run = runAtfStep('generate-probe-revoke.js', load)
        expect(run.failed).toEqual([])
        expect(run.returned).toBe(true)
        const names = run.assertions.map((a) => a.name)
        expect(names).toEqual([
            'Generate succeeded',
            'Key was active after generation',
            'Key belongs to the integration user (by sys_id)',
            'Probe verdict at generation is accepted',
            'Key has an expiry',
            'Key is limited to the useraccount scope',
            'Token readable by the app (else the dialog shows a placeholder)',
            'EM API accepts a test alarm with the key (2xx)',
            'Revoke succeeded',
            'EM API with the revoked key is 401',
            'Audit has rows for the connector',
            'Audit holds no token',
        ])
        // The integration user's display value differs from its user name, so a display comparison would fail here.
        const user = instance.row('sys_user', 'user_name=aws.sns.integration')
        expect(user?.name).not.toBe(user?.user_name)
        expect(run.assertions.find((a) => a.name === 'Key belongs to the integration user (by sys_id)')).toEqual({
            name: 'Key belongs to the integration user (by sys_id)', shouldbe: user?.sys_id, value: user?.sys_id,
        })
        expect(instance.rows(TABLE.audit, 'action=revoke^outcome=success')).toHaveLength(1)
        expect(run.output).not.toContain(CANARY)
        // The ATF step alone sends the real key: in a header, before and after revoke, to the instance's own host only.
        const own = new URL(instance.baseUrl).host
        expect(instance.findSecret(CANARY).map((h) => h.place)).toEqual([`outbound header to ${own}`, `outbound header to ${own}`])
        expect(instance.outbound.map((o) => new URL(o.url).host).filter((h) => h !== own)).toEqual([])
    })
})
