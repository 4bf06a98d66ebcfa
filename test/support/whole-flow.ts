// The whole flow one instance goes through, end to end: setup check, Repair as an admin would (with the one manual
// step Repair names), Generate with its probe, what SNS gets from the exact endpoint, the watch, revoke; and the ATF
// steps. The platform matrix runs it under pairwise switch combinations, the instance fixtures
// (test/fixtures/instances/*.json) under what real instances reported.
import { SHIPPED, TABLE } from '../../src/server/core/app-names'
import { generateEndpointKey } from '../../src/server/keys/generate-service'
import { revokeEndpointKeys } from '../../src/server/keys/revoke-service'
import { checkSetup } from '../../src/server/setup/setup-service'
import { runExpiryWatch } from '../../src/server/watch/expiry-watch'
import { CANARY, repairAsApiAdmin } from './app-on-instance'
import { runAtfStep } from './atf-runner'
import type { Instance, PlatformSwitches } from './instance'

const CONNECTOR_TABLE = 'sn_em_connector_push_instance'
const load = (path: string) => jest.requireActual<object>(path)

export type Expected = 'works' | 'placeholder' | 'refused'

/** What a correct app must do on an instance with these settings. */
export function expectedOutcome(p: PlatformSwitches): Expected {
    if (p.tokenDecrypt === 'allowed') return 'works' // the insert path sets the user on insert
    if (p.tokenClient === 'no_token') return 'placeholder'
    return p.keyBinding === 'creator' ? 'refused' : 'works'
}

/** Repair as an admin would: preview, confirm, and do the one manual step Repair names when the instance needs it. */
export function repairLikeAnAdmin(instance: Instance): string[] {
    repairAsApiAdmin(false)
    const confirmed = repairAsApiAdmin(true)
    const manual = confirmed.report.blocked.filter((b) => /pick REST API = /.test(b))
    if (manual.length) {
        // The admin opens the policy form and picks the REST API: a form write, which the platform stores (E2).
        const api = instance.row('sys_ws_definition', 'base_uri=/api/sn_em_connector/em')
        instance.updateRows('sys_api_access_policy', `name=${SHIPPED.emPolicy}`, { api: api?.sys_id ?? '' })
        repairAsApiAdmin(true)
    }
    return manual
}

export function snsDelivery(instance: Instance, endpoint: string): { status: number; body: string } {
    const response = instance.inbound({
        method: 'POST', url: endpoint, body: '{"Type":"Notification","Message":"{\\"AlarmName\\":\\"cpu\\",\\"NewStateValue\\":\\"ALARM\\"}"}',
        headers: { 'x-amz-sns-message-type': 'Notification', 'content-type': 'text/plain; charset=UTF-8' },
    })
    return { status: response.status, body: response.body }
}

/** Setup check, Repair, Generate with its probe, SNS delivery, watch and revoke on an instance made by instanceWithApp(). */
export function runWholeFlow(instance: Instance): void {
    const platform = instance.switches
    const expected = expectedOutcome(platform)
    // Setup check before anything: it reads, reports and never throws.
    expect(checkSetup().results.length).toBeGreaterThan(5)

    const manual = repairLikeAnAdmin(instance)
    expect(manual.length > 0).toBe(platform.policyApiWrite === 'ignored' && platform.emPolicyShipped === 'absent')
    expect(checkSetup().results.filter((r) => r.status === 'fail')).toEqual([])
    // Idempotent: another Repair changes nothing.
    expect(repairAsApiAdmin(true).report.changes).toEqual([])

    const connector = instance.row(CONNECTOR_TABLE, 'active=true')?.sys_id ?? ''
    const result = generateEndpointKey({ table: CONNECTOR_TABLE, sysId: connector, mode: 'generate' })
    if (expected === 'refused') {
        expect(result).toEqual({ ok: false, message: expect.stringMatching(/does not authenticate as the integration user .*nothing was handed over/) })
        expect(instance.rows('api_key')).toEqual([])
    } else if (expected === 'placeholder') {
        if (!result.ok) throw new Error(result.message)
        expect(result).toMatchObject({ tokenShown: false, probe: { outcome: 'not_probed', accepted: false } })
        expect(result.placeholderHelp).toMatch(/lock icon/)
    } else {
        if (!result.ok) throw new Error(result.message)
        expect(result.probe).toMatchObject({ outcome: 'accepted', accepted: true })
        expect(result.endpoint).toContain(CANARY)
        const endpointSysId = instance.row(TABLE.endpoint, `connector_sys_id=${connector}`)?.sys_id ?? ''
        // E37: the probe learned what the connector writes to em_event.source.
        const learned = instance.row(TABLE.endpoint, `sys_id=${endpointSysId}`)?.learned_event_source
        expect(learned).toBe(platform.eventSource === 'event_source_label' ? 'AWS CloudWatch' : 'aws')

        // What SNS will do with the exact endpoint: 200 and an event.
        expect(snsDelivery(instance, result.endpoint).status).toBe(200)

        // The watch: quiet for longer than the window, then alarms again.
        instance.setSessionUser('admin')
        instance.clock.advanceHours(30)
        runExpiryWatch()
        expect(instance.row(TABLE.endpoint, `sys_id=${endpointSysId}`)?.status).toBe('no_data')
        expect(instance.events.map((e) => e.parm2)).toEqual(['no_data'])
        expect(snsDelivery(instance, result.endpoint).status).toBe(200)
        runExpiryWatch()
        expect(instance.row(TABLE.endpoint, `sys_id=${endpointSysId}`)?.status).toBe('active')

        // Revoke: SNS then gets 401, in whichever wording the instance uses (E41).
        instance.setSessionUser('em.app.admin')
        expect(revokeEndpointKeys(endpointSysId).ok).toBe(true)
        const after = snsDelivery(instance, result.endpoint)
        expect(after.status).toBe(401)
        expect(JSON.parse(after.body).error.message).toBe(platform.unauthenticatedWording)
    }
    expect(instance.findSecret(CANARY)).toEqual([])
}

/** The ATF steps after Repair: setup passes; generate-probe-revoke passes exactly where the key works. */
export function runAtfFlow(instance: Instance): void {
    const platform = instance.switches
    instance.setSessionUser('em.platform.admin')
    const manual = repairLikeAnAdmin(instance)
    expect(manual.length > 0).toBe(platform.policyApiWrite === 'ignored' && platform.emPolicyShipped === 'absent')
    const setup = runAtfStep('setup-passes-after-repair.js', load)
    expect(setup.failed).toEqual([])
    const generate = runAtfStep('generate-probe-revoke.js', load)
    if (expectedOutcome(platform) === 'works') {
        expect(generate.failed).toEqual([])
    } else {
        // The ATF reports the instance where no safe key can be handed over: it must not pass.
        expect(generate.failed.length + (generate.returned === true ? 0 : 1)).toBeGreaterThan(0)
    }
    expect(generate.output).not.toContain(CANARY)
}
