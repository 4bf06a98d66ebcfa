// "Export instance facts" on the double, and the double loading such a file: the export is role-checked, keeps no
// secret or personal data, reads refusals and probe outcomes, and tells the truth about every switch it observes
// (round trip: export -> load as a fixture -> the loaded double exports the same switches).
import { GlideRecord } from '@servicenow/glide'
import { TABLE } from '../../src/server/core/app-names'
import { exportInstanceFactsAction } from '../../src/server/actions/setup-check-actions'
import { exportInstanceFacts } from '../../src/server/setup/export-instance-facts'
import type { InstanceFactsFile } from '../../src/server/setup/instance-facts'
import { CANARY, instanceWithApp } from '../support/app-on-instance'
import {
    defaultSwitches, FakeAction, FIXTURE_USERS, freshInstance, type Instance, instanceFromFacts, MATRIX_SWITCH_SETTINGS, type PlatformSwitches, pairwiseCombinations, SWITCH_SETTINGS,
} from '../support/instance'
import { runWholeFlow } from '../support/whole-flow'

const exportAs = (instance: Instance, userName: string) => {
    instance.setSessionUser(userName)
    return exportInstanceFacts()
}

/** Every string the instance holds that the file must never carry: sys_ids, user names, emails, names, the host. */
function personalAndIds(instance: Instance): string[] {
    const out = new Set<string>([new URL(instance.baseUrl).hostname, CANARY])
    for (const table of ['sys_user', 'sys_user_role', 'api_key', 'sys_api_access_policy', 'http_key_auth', 'sys_auth_profile_mapping', 'sys_ws_definition', 'sys_scope']) {
        if (!instance.hasTable(table)) continue
        for (const row of instance.rows(table)) out.add(row.sys_id)
    }
    for (const user of instance.rows('sys_user')) for (const v of [user.user_name, user.email, user.name]) if (v && v !== 'system') out.add(v)
    return [...out]
}

describe('Export instance facts', () => {
    it('is refused without the app admin role, with an audit row and nothing else written', () => {
        const instance = instanceWithApp()
        const before = instance.snapshot()
        instance.setSessionUser('plain.user')
        expect(() => exportInstanceFacts()).toThrow(/Only users with the x_em_aws_apikey.admin role can export instance facts/)
        const diff = instance.diff(before)
        expect(diff.inserted.map((r) => [r.sys_class_name, r.action, r.outcome])).toEqual([[TABLE.audit, 'export_facts', 'denied']])
        expect(diff.updated).toEqual([])
        expect(diff.deleted).toEqual([])
    })

    it('the UI action records the JSON on a new Setup Check Run, opens it, and says how to send it', () => {
        const instance = instanceWithApp()
        instance.setSessionUser('em.app.admin')
        exportInstanceFactsAction(new GlideRecord(TABLE.setupRun), new FakeAction() as never)
        const run = instance.row(TABLE.setupRun, 'kind=facts_export')
        expect(run).toBeDefined()
        const file = JSON.parse(run?.instance_facts ?? '') as InstanceFactsFile
        expect(file.format).toBe('x_em_aws_apikey.instance-facts/1')
        expect(run?.summary).toBe(`Instance facts exported: ${Object.keys(file.switches).length} platform switches observed, ${file.unobserved.length} not, 0 refused writes.`)
        expect(instance.redirects).toEqual([{ kind: 'redirect', url: `${TABLE.setupRun}.do?sys_id=${run?.sys_id}` }])
        expect(instance.sessionMessages).toEqual([{
            type: 'info',
            message: `${Object.keys(file.switches).length} platform switches observed. Copy the &quot;Instance facts (JSON)&quot; field into a file named instance-facts.json and attach it to your bug report.`,
        }])
        expect(instance.rows(TABLE.audit, 'action=export_facts').map((r) => r.outcome)).toEqual(['success'])
    })

    it('after the whole flow, the file holds no token, sys_id, user name, email or host of this instance', () => {
        const instance = instanceWithApp({ platform: { tokenDecrypt: 'allowed', eventCreatedBy: 'system' } })
        runWholeFlow(instance)
        const { json, runSysId } = exportAs(instance, 'admin')
        for (const needle of personalAndIds(instance)) expect(json.includes(needle) ? needle : '').toBe('')
        for (const u of FIXTURE_USERS) expect(json).not.toContain(u.password)
        expect(instance.row(TABLE.setupRun, `sys_id=${runSysId}`)?.instance_facts).toBe(json)
        expect(instance.findSecret(CANARY)).toEqual([])
    })

    it('lists the writes the foreign-write door refused (audit manual_step rows) and probe outcomes by class only', () => {
        const instance = instanceWithApp()
        for (const detail of ['refused create api_key: open api_key.do?sys_id=-1', 'refused delete sys_auth_profile_mapping: ...', 'refused create api_key: again']) {
            instance.insertRow(TABLE.audit, { action: 'manual_step', outcome: 'failure', detail })
        }
        instance.insertRow(TABLE.audit, { action: 'probe', outcome: 'failure', detail: 'Test alarm NOT accepted: HTTP 401 ...' })
        instance.clock.advanceSeconds(1)
        instance.insertRow(TABLE.audit, { action: 'generate', outcome: 'success', detail: 'Key k expires. Probe: no_event - Accepted, but no event seen' })
        const { file } = exportAs(instance, 'em.app.admin')
        expect(file.refusedWrites).toEqual([{ operation: 'create', table: 'api_key', count: 2 }, { operation: 'delete', table: 'sys_auth_profile_mapping', count: 1 }])
        expect(file.probes).toEqual([{ from: 'generate', outcome: 'success', verdict: 'no_event' }, { from: 'probe', outcome: 'failure', verdict: '' }])
    })
})

describe('round trip: export -> fixture -> the same observed switches', () => {
    const combinations = pairwiseCombinations(MATRIX_SWITCH_SETTINGS) as unknown as PlatformSwitches[]
    const defaultSwitchesOf = (names: string[]) => Object.fromEntries(names.map((n) => [n, defaultSwitches()[n as keyof PlatformSwitches]]))

    function exportAfterFlow(instance: Instance): InstanceFactsFile {
        runWholeFlow(instance)
        return exportAs(instance, 'em.app.admin').file
    }

    it.each(combinations.map((c, i) => [i + 1, c] as const))('combination %i: every observed switch is the setting it ran under, and survives the round trip', (_n, platform) => {
        const first = exportAfterFlow(instanceWithApp({ platform }))
        const observed = Object.keys(first.switches) as (keyof PlatformSwitches)[]
        expect(observed.length).toBeGreaterThanOrEqual(6)
        expect(Object.fromEntries(observed.map((name) => [name, first.switches[name]]))).toEqual(Object.fromEntries(observed.map((name) => [name, platform[name]])))

        const reloaded = instanceWithApp({ facts: JSON.parse(JSON.stringify(first)) })
        expect(Object.fromEntries(observed.map((name) => [name, reloaded.switches[name]]))).toEqual(first.switches)
        const second = exportAfterFlow(reloaded)
        // What the first export left unobserved took the double's default, which may let the flow show more.
        expect(second.switches).toEqual({ ...defaultSwitchesOf(Object.keys(second.switches)), ...first.switches })
    })
})

describe('the double loads an instance-facts file', () => {
    const file = (switches: { [name: string]: string }, extra: object = {}) => ({ format: 'x_em_aws_apikey.instance-facts/1', switches, ...extra })

    it('fails loudly on an unknown switch name or setting, and on a file that is not one', () => {
        expect(() => freshInstance({ facts: file({ noSuchSwitch: 'on' }) })).toThrow(/Unknown platform switch\(es\) in instance-facts file: noSuchSwitch/)
        const [name] = Object.keys(SWITCH_SETTINGS)
        expect(() => freshInstance({ facts: file({ [name]: 'no-such-setting' }) })).toThrow(`Unknown setting no-such-setting for platform switch ${name}`)
        expect(() => freshInstance({ facts: { format: 'something else', switches: {} } })).toThrow(/Not an instance-facts file/)
    })

    it('accepts every setting of every switch the double has', () => {
        for (const [name, settings] of Object.entries(SWITCH_SETTINGS)) {
            for (const setting of settings) expect(instanceFromFacts(file({ [name]: setting })).switches[name as keyof PlatformSwitches]).toBe(setting)
        }
    })

    it('honours the facts it can: the EM connector version, plugin states, no EM app; a caller\'s platform option wins', () => {
        const loaded = instanceFromFacts(file({ tablePolicies: 'inactive' }, {
            versions: { emConnector: { version: '2.11.0', active: true } }, plugins: { 'com.glide.rest.policy': false },
        }), { platform: { tablePolicies: 'active' } })
        expect(loaded.row('sys_scope', 'scope=sn_em_connector')?.version).toBe('2.11.0')
        expect(loaded.plugins.get('com.glide.rest.policy')).toBe(false)
        expect(loaded.switches.tablePolicies).toBe('active')
        const bare = instanceFromFacts(file({}, { versions: { emConnector: null }, plugins: { 'com.glide.tokenbased_auth': false } }))
        expect([bare.hasTable('sn_em_connector_push_instance'), bare.hasTable('api_key'), bare.plugins.get('com.glide.tokenbased_auth')]).toEqual([false, false, false])
    })
})
