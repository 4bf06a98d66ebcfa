// The whole flow (setup check, Repair, generate with its probe, an SNS delivery, the watch, revoke, the ATF steps)
// under pairwise combinations of every platform switch the evidence leaves unknown (platform-switches.ts). Each
// combination either works end to end or refuses with a clear message where no safe action exists.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { SHIPPED, TABLE } from '../../src/server/core/app-names'
import { generateEndpointKey } from '../../src/server/keys/generate-service'
import { revokeEndpointKeys } from '../../src/server/keys/revoke-service'
import { checkSetup } from '../../src/server/setup/setup-service'
import { runExpiryWatch } from '../../src/server/watch/expiry-watch'
import type { ManualStep } from '../../src/server/core/manual-step'
import { CANARY, doManualStep, instanceWithApp, repairAsApiAdmin } from '../support/app-on-instance'
import { ROOT } from '../support/artifacts'
import { runAtfStep } from '../support/atf-runner'
import {
    type Instance, LITERAL_EVENT_SOURCE, type PlatformSwitches, MATRIX_SWITCH_SETTINGS, pairwiseCombinations, SWITCH_NAMES, SWITCH_SETTINGS, TABLE_WRITE_SWITCHES, writeRefused,
} from '../support/instance'

const COMBINATIONS = pairwiseCombinations(MATRIX_SWITCH_SETTINGS) as unknown as PlatformSwitches[]
const MATRIX_NAMES = Object.keys(MATRIX_SWITCH_SETTINGS) as (keyof PlatformSwitches)[]
const CONNECTOR_TABLE = 'sn_em_connector_push_instance'
const load = (path: string) => jest.requireActual<object>(path)

type Expected = 'works' | 'placeholder' | 'refused'

/** What a correct app must do on an instance with these settings. */
function expectedOutcome(p: PlatformSwitches): Expected {
    const insertRefused = writeRefused(p.apiKeyWrites, 'create')
    if (insertRefused && writeRefused(p.apiKeyWrites, 'update')) {
        // E55: neither way can make the key, so the admin creates it by hand from the manual step; the app then reads
        // its token where decrypting is allowed.
        return p.tokenDecrypt === 'allowed' ? 'works' : 'placeholder'
    }
    if (p.tokenDecrypt === 'allowed' && !insertRefused) return 'works' // the insert path sets the user on insert
    if (p.tokenClient === 'no_token') return 'placeholder'
    return p.keyBinding === 'creator' ? 'refused' : 'works'
}

/** Every manual step names a write this instance's Application Access really refuses (E55): none is spurious. */
function expectRefusedByInstance(platform: PlatformSwitches, steps: ManualStep[]): void {
    for (const step of steps) {
        const name = (TABLE_WRITE_SWITCHES as { [table: string]: keyof PlatformSwitches })[step.table]
        expect({ step: `${step.operation} ${step.table}`, refused: !!name && writeRefused(platform[name] as never, step.operation) }).toEqual({
            step: `${step.operation} ${step.table}`, refused: true,
        })
    }
}

/**
 * Repair as an admin would: preview, confirm, do each manual step Repair names (a refused write, E55, or picking the
 * REST API on the policy form, E2), and run Repair again until it has nothing left to ask.
 */
function repairLikeAnAdmin(instance: Instance): { apiPicked: boolean; manualSteps: ManualStep[] } {
    repairAsApiAdmin(false)
    const manualSteps: ManualStep[] = []
    let apiPicked = false
    for (let round = 0; round < 12; round++) {
        const run = repairAsApiAdmin(true)
        if (run.report.manualSteps.length) {
            for (const step of run.report.manualSteps) doManualStep(instance, step)
            manualSteps.push(...run.report.manualSteps)
            continue
        }
        if (!apiPicked && run.report.blocked.some((b) => /pick REST API = /.test(b))) {
            // The admin opens the policy form and picks the REST API: a form write, which the platform stores (E2).
            const api = instance.row('sys_ws_definition', 'base_uri=/api/sn_em_connector/em')
            instance.updateRows('sys_api_access_policy', `name=${SHIPPED.emPolicy}`, { api: api?.sys_id ?? '' })
            apiPicked = true
            continue
        }
        return { apiPicked, manualSteps }
    }
    throw new Error('Repair still asks for manual steps after 12 rounds')
}

/** Generate as the admin would: follow a manual step (a refused write, E55) and click again. */
function generateLikeAnAdmin(instance: Instance, connector: string, manualSteps: ManualStep[]): ReturnType<typeof generateEndpointKey> {
    let result = generateEndpointKey({ table: CONNECTOR_TABLE, sysId: connector, mode: 'generate' })
    for (let round = 0; round < 3 && !result.ok && result.manualStep; round++) {
        doManualStep(instance, result.manualStep)
        manualSteps.push(result.manualStep)
        result = generateEndpointKey({ table: CONNECTOR_TABLE, sysId: connector, mode: 'generate' })
    }
    return result
}

function snsDelivery(instance: Instance, endpoint: string): { status: number; body: string } {
    const response = instance.inbound({
        method: 'POST', url: endpoint, body: '{"Type":"Notification","Message":"{\\"AlarmName\\":\\"cpu\\",\\"NewStateValue\\":\\"ALARM\\"}"}',
        headers: { 'x-amz-sns-message-type': 'Notification', 'content-type': 'text/plain; charset=UTF-8' },
    })
    return { status: response.status, body: response.body }
}

afterAll(() => {
    const line = `platform matrix: ${COMBINATIONS.length} combinations ran, covering every pair of settings of ${MATRIX_NAMES.length} switches (${SWITCH_NAMES.length} switches in all; the ${SWITCH_NAMES.length - MATRIX_NAMES.length} E55 table-write switches run setting by setting in foreign-write-refusals.test.ts)`
    mkdirSync(join(ROOT, '.test-results'), { recursive: true })
    writeFileSync(join(ROOT, '.test-results', 'platform-matrix.txt'), `${line}\n`)
    console.log(line)
})

describe('the combinations', () => {
    it('cover every pair of settings of every two switches, with fewer runs than the full product', () => {
        for (let i = 0; i < MATRIX_NAMES.length; i++) {
            for (let j = i + 1; j < MATRIX_NAMES.length; j++) {
                const [a, b] = [MATRIX_NAMES[i], MATRIX_NAMES[j]]
                for (const va of SWITCH_SETTINGS[a]) {
                    for (const vb of SWITCH_SETTINGS[b]) expect(COMBINATIONS.some((c) => c[a] === va && c[b] === vb)).toBe(true)
                }
            }
        }
        const product = MATRIX_NAMES.reduce((n, name) => n * SWITCH_SETTINGS[name].length, 1)
        expect(COMBINATIONS.length).toBeLessThan(product / 100)
    })
})

describe.each(COMBINATIONS.map((c, i) => [i + 1, c] as const))('combination %i', (_n, platform) => {
    const expected = expectedOutcome(platform)

    it(`${JSON.stringify(platform)}: ${expected}`, () => {
        const instance = instanceWithApp({ platform })
        // Setup check before anything: it reads, reports and never throws.
        expect(checkSetup().results.length).toBeGreaterThan(5)

        const repaired = repairLikeAnAdmin(instance)
        expect(repaired.apiPicked).toBe(platform.policyApiWrite === 'ignored' && platform.emPolicyShipped === 'absent')
        expect(checkSetup().results.filter((r) => r.status === 'fail')).toEqual([])
        // Idempotent: another Repair changes nothing.
        expect(repairAsApiAdmin(true).report.changes).toEqual([])

        const connector = instance.row(CONNECTOR_TABLE, 'active=true')?.sys_id ?? ''
        const result = generateLikeAnAdmin(instance, connector, repaired.manualSteps)
        expectRefusedByInstance(platform, repaired.manualSteps)
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
            expect(learned).toBe({ event_source_label: 'AWS CloudWatch', literal: LITERAL_EVENT_SOURCE, url_source: 'aws' }[platform.eventSource])

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
    })

    it('ATF steps: setup passes; generate-probe-revoke passes exactly where the key works', () => {
        const instance = instanceWithApp({ platform })
        instance.setSessionUser('em.platform.admin')
        const repaired = repairLikeAnAdmin(instance)
        expect(repaired.apiPicked).toBe(platform.policyApiWrite === 'ignored' && platform.emPolicyShipped === 'absent')
        const setup = runAtfStep('setup-passes-after-repair.js', load)
        expect(setup.failed).toEqual([])
        const generate = runAtfStep('generate-probe-revoke.js', load)
        if (expected === 'works') {
            expect(generate.failed).toEqual([])
        } else {
            // The ATF reports the instance where no safe key can be handed over: it must not pass.
            expect(generate.failed.length + (generate.returned === true ? 0 : 1)).toBeGreaterThan(0)
        }
        expect(generate.output).not.toContain(CANARY)
    })
})
