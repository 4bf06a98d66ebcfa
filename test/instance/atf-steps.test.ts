// The shipped ATF steps, run against the instance double as the ATF runner would run them on an instance.
import { TABLE } from '../../src/server/core/app-names'
import { CANARY, instanceWithApp } from '../support/app-on-instance'
import { runAtfStep } from '../support/atf-runner'

const load = (path: string) => jest.requireActual<object>(path)

describe('ATF step "setup check passes after Repair"', () => {
    it('passes on an instance the app can repair, run by an admin who may change API access', () => {
        const instance = instanceWithApp()
        instance.setSessionUser('em.platform.admin')
        const run = runAtfStep('setup-passes-after-repair.js', load)
        expect(run.failed).toEqual([])
        expect(run.returned).toBe(true)
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
        runAtfStep('setup-passes-after-repair.js', load)
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
