// The whole flow one instance goes through, end to end: setup check, Repair as an admin would (doing each manual step
// it names), Generate with its probe (clicked as the app's admin or as the real admin), what SNS gets from the exact
// endpoint, the watch, revoke; and the ATF steps. The platform matrix runs it under pairwise switch combinations, the
// instance fixtures (test/fixtures/instances/*.json) under what real instances reported.
import { TABLE } from '../../src/server/core/app-names'
import type { ManualStep } from '../../src/server/core/manual-step'
import { type GenerateResult, generateEndpointKey } from '../../src/server/keys/generate-service'
import { revokeEndpointKeys } from '../../src/server/keys/revoke-service'
import { checkSetup } from '../../src/server/setup/setup-service'
import { runExpiryWatch } from '../../src/server/watch/expiry-watch'
import { CANARY, expectOnlyRealRefusals, followManualSteps, repairAsApiAdmin, repairLikeAnAdmin } from './app-on-instance'
import { runAtfStep } from './atf-runner'
import { type Instance, LITERAL_EVENT_SOURCE, type PlatformSwitches, SNS_SIGNATURE_MADE_BY_AWS, writeRefused } from './instance'

const CONNECTOR_TABLE = 'sn_em_connector_push_instance'
const load = (path: string) => jest.requireActual<object>(path)

export type Expected = 'works' | 'placeholder' | 'refused' | 'self_call_blocked' | 'signature_checked' | 'identity_unproven'

/** Who clicks Generate: the app's admin fixture (no Event Management role), and the real `admin` (passes every role check). */
export const CLICKERS = ['em.app.admin', 'admin'] as const
export type Clicker = (typeof CLICKERS)[number] | 'em.platform.admin'

/** What a correct app must do on an instance with these settings, when this user clicks Generate. */
export function expectedOutcome(p: PlatformSwitches, clicker: Clicker): Expected {
    // E55: where api_key refuses our create, the admin creates the key by hand (the manual step) and Generate adopts
    // it; its token stays unreadable to the app unless decrypting is allowed (E23).
    if (writeRefused(p.apiKeyWrites, 'create') && p.tokenDecrypt === 'refused') return 'placeholder'
    const tokenApi = p.tokenDecrypt === 'refused' // the insert path sets the user on insert (E20); else createToken (E25)
    if (tokenApi && p.tokenClient === 'no_token') return 'placeholder'
    // E65: a call to itself that never reaches the REST layer says nothing about the key.
    if (p.selfCall !== 'allowed') return 'self_call_blocked'
    // A creator-bound key of a user without evt_mgmt_integration gets a role 403 (E25): refused and deleted.
    if (tokenApi && p.keyBinding === 'creator' && clicker !== 'admin') return 'refused'
    if (p.snsSignature === 'checked') return 'signature_checked' // E64: no event, so nothing more is known
    if (!tokenApi) return 'works' // bound by its record (E20) whoever writes the event
    if (p.eventCreatedBy === 'system') return 'identity_unproven' // E53 switch: the event names nobody
    // The event names the admin who clicked: wrong identity, refused and deleted.
    return p.keyBinding === 'creator' ? 'refused' : 'works'
}

/** Clicks Generate; where it names a manual step (a refused write, E55), the admin does it on its form and clicks again. */
function generateLikeAnAdmin(instance: Instance, connector: string): GenerateResult {
    const steps: ManualStep[] = []
    const click = () => generateEndpointKey({ table: CONNECTOR_TABLE, sysId: connector, mode: 'generate' })
    const result = followManualSteps(instance, click, (r) => (!r.ok && r.manualStep ? [r.manualStep] : []), steps)
    expectOnlyRealRefusals(instance.switches, steps)
    return result
}

/** What SNS sends: an envelope AWS signed (E64), with the alarm as a JSON string (E54). */
export function snsDelivery(instance: Instance, endpoint: string): { status: number; body: string } {
    const body = JSON.stringify({ Type: 'Notification', Signature: SNS_SIGNATURE_MADE_BY_AWS, Message: JSON.stringify({ AlarmName: 'cpu', NewStateValue: 'ALARM' }) })
    const response = instance.inbound({
        method: 'POST', url: endpoint, body,
        headers: { 'x-amz-sns-message-type': 'Notification', 'content-type': 'text/plain; charset=UTF-8' },
    })
    return { status: response.status, body: response.body }
}

/**
 * E2: the admin picks the REST API on the policy form when the instance ignored Repair's script write of it; not when
 * Repair adopts the instance's policy, nor when the update was refused outright (E55), whose manual step sets it.
 */
function apiPickExpected(platform: PlatformSwitches): boolean {
    return platform.policyApiWrite === 'ignored' && platform.emPolicyShipped === 'absent' && !writeRefused(platform.policyWrites, 'update')
}

/** Setup check, Repair, Generate (clicked by `clicker`) with its probe, SNS delivery, watch and revoke on an instance made by instanceWithApp(). */
export function runWholeFlow(instance: Instance, clicker: Clicker = 'em.app.admin'): void {
    const platform = instance.switches
    const expected = expectedOutcome(platform, clicker)
    // Setup check before anything: it reads, reports and never throws.
    expect(checkSetup().results.length).toBeGreaterThan(5)

    const repaired = repairLikeAnAdmin(instance)
    expect(repaired.apiPicked).toBe(apiPickExpected(platform))
    expect(checkSetup().results.filter((r) => r.status === 'fail')).toEqual([])
    // Idempotent: another Repair changes nothing.
    expect(repairAsApiAdmin(true).report.changes).toEqual([])

    const connector = instance.row(CONNECTOR_TABLE, 'active=true')?.sys_id ?? ''
    instance.setSessionUser(clicker)
    const result = generateLikeAnAdmin(instance, connector)
    const endpointRow = () => instance.row(TABLE.endpoint, `connector_sys_id=${connector}`)
    if (expected === 'refused') {
        expect(result).toEqual({ ok: false, message: expect.stringMatching(/does not authenticate as the integration user .*nothing was handed over/) })
        expect(instance.rows('api_key')).toEqual([])
    } else if (expected === 'placeholder') {
        if (!result.ok) throw new Error(result.message)
        expect([result.tokenShown, result.probe?.outcome, result.probe?.accepted, result.probe?.keyProblem]).toEqual([false, 'not_probed', false, false])
        expect(result.placeholderHelp).toMatch(/lock icon/)
    } else if (expected !== 'works') {
        // Not proven: the reveal comes back with accepted false (the dialog blocks), one exact manual step, and the
        // key is kept: nothing here says the key is bad (E64, E65), or the admin revokes it (identity unproven).
        if (!result.ok) throw new Error(result.message)
        expect([result.probe?.outcome, result.probe?.accepted, result.probe?.keyProblem]).toEqual([expected, false, expected === 'identity_unproven'])
        expect(result.probe?.advice).toMatch(expected === 'self_call_blocked' ? /sn-aws-verify verify --endpoint-file/ : expected === 'signature_checked' ? /aws sns publish --topic-arn/ : /Revoke API key/)
        expect(instance.rows('api_key', 'active=true').map((k) => `api_key.do?sys_id=${k.sys_id}`)).toEqual([result.keyRecordPath])
        expect([endpointRow()?.status, endpointRow()?.last_verified ?? '']).toEqual(['failing', ''])
    } else {
        if (!result.ok) throw new Error(result.message)
        expect([result.probe?.outcome, result.probe?.accepted, result.probe?.keyProblem, result.probe?.advice]).toEqual(['accepted', true, false, ''])
        expect(result.endpoint).toContain(CANARY)
        const endpointSysId = endpointRow()?.sys_id ?? ''
        // E37: the probe learned what the connector writes to em_event.source.
        expect(endpointRow()?.learned_event_source).toBe({ event_source_label: 'AWS CloudWatch', literal: LITERAL_EVENT_SOURCE, url_source: 'aws' }[platform.eventSource])

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
        instance.setSessionUser(clicker)
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
    const repaired = repairLikeAnAdmin(instance)
    expect(repaired.apiPicked).toBe(apiPickExpected(platform))
    const setup = runAtfStep('setup-passes-after-repair.js', load)
    expect(setup.failed).toEqual([])
    const generate = runAtfStep('generate-probe-revoke.js', load)
    if (expectedOutcome(platform, 'em.platform.admin') === 'works') {
        expect(generate.failed).toEqual([])
    } else {
        // The ATF reports the instance where no safe key can be handed over: it must not pass.
        expect(generate.failed.length + (generate.returned === true ? 0 : 1)).toBeGreaterThan(0)
    }
    expect(generate.output).not.toContain(CANARY)
}
