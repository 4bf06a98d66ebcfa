// The ATF suite that admins run on a real instance ships with both tests, their steps and the suite membership.
import { loadArtifacts } from '../support/artifacts'

const artifacts = loadArtifacts()

describe('ATF suite', () => {
    const suite = artifacts.one('sys_atf_test_suite', () => true)
    const tests = artifacts.byTable('sys_atf_test')

    it('ships two active tests in one suite', () => {
        expect(suite.fields.name).toBe('AWS SNS Event API Keys - instance checks')
        expect(tests.map((t) => [t.fields.name, t.fields.active]).sort()).toEqual([
            ['AWS SNS Event API Keys - generate, EM API accepts the key, revoke rejects it', 'true'],
            ['AWS SNS Event API Keys - setup check passes after Repair', 'true'],
        ])
        const members = artifacts.byTable('sys_atf_test_suite_test').filter((m) => m.fields.test_suite === suite.sysId)
        expect(members.map((m) => m.fields.test).sort()).toEqual(tests.map((t) => t.sysId).sort())
    })

    it('gives each test a server-script step that asserts the claims only an instance can settle', () => {
        const scripts = artifacts.byTable('sys_variable_value').map((v) => v.fields.value)
        const setup = scripts.find((s) => s.includes('repairAndCheck'))
        const generate = scripts.find((s) => s.includes('generateProbeRevoke'))
        expect(setup).toContain("name: 'Failing setup links', shouldbe: 0")
        for (const claim of [
            'Key was active after generation',
            'Key belongs to the integration user (by sys_id)',
            'Probe verdict at generation is accepted',
            'Key has an expiry',
            'Key is limited to the useraccount scope',
            'EM API accepts a test alarm with the key (2xx)',
            'EM API with the revoked key is 401',
            'Audit has rows for the connector',
            'Audit holds no token',
        ]) {
            expect(generate).toContain(claim)
        }
        for (const step of artifacts.byTable('sys_atf_step')) expect(tests.map((t) => t.sysId)).toContain(step.fields.test)
    })
})
