// UI actions, script-include bridges, the watch job and notification, and a scan of everything shipped for secrets.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { APP_SCOPE_ID, ROLE } from '../../src/server/core/app-names'
import { APP_DIR, loadArtifacts } from '../support/artifacts'

const artifacts = loadArtifacts()
const adminRoleId = artifacts.byField('sys_user_role', 'name', ROLE.admin).sysId

describe('UI actions', () => {
    const actions = artifacts.byTable('sys_ui_action')

    it('restricts every action to the app admin role', () => {
        expect(actions.length).toBe(13)
        for (const action of actions) {
            const roles = artifacts.byTable('sys_ui_action_role').filter((r) => r.fields.sys_ui_action === action.sysId)
            expect(roles.map((r) => r.fields.sys_user_role)).toEqual([adminRoleId])
        }
    })

    it('runs Generate and Rotate in the browser through the reveal dialog, never as a server redirect', () => {
        const reveal = actions.filter((a) => a.fields.client === 'true' && a.fields.onclick.startsWith('xEmAwsKeyReveal.'))
        expect(reveal.map((a) => `${a.fields.table}:${a.fields.onclick}`).sort()).toEqual([
            "sn_em_connector_push_instance:xEmAwsKeyReveal.request('generate')",
            "sn_em_connector_push_instance:xEmAwsKeyReveal.request('rotate')",
            "x_em_aws_apikey_endpoint:xEmAwsKeyReveal.request('generate')",
            "x_em_aws_apikey_endpoint:xEmAwsKeyReveal.request('rotate')",
        ])
        const dialog = readFileSync(join(__dirname, '..', '..', 'src', 'browser', 'reveal-dialog.client.js'), 'utf8')
        for (const a of reveal) expect(a.fields.script).toBe(dialog)
    })

    it('adds the workspace variants of Generate and Revoke on the AWS endpoint form', () => {
        const source = (name: string) => readFileSync(join(__dirname, '..', '..', 'src', 'browser', name), 'utf8')
        const withV2 = actions.filter((a) => a.fields.client_script_v2)
        expect(withV2.map((a) => `${a.fields.table}:${a.fields.name}`).sort()).toEqual([
            'x_em_aws_apikey_endpoint:Generate API key & AWS endpoint',
            'x_em_aws_apikey_endpoint:Revoke API key',
        ])
        const v2 = Object.fromEntries(withV2.map((a) => [a.fields.name, a.fields.client_script_v2]))
        expect(v2['Generate API key & AWS endpoint']).toBe(source('reveal-workspace.client.js'))
        expect(v2['Revoke API key']).toBe(source('revoke-workspace.client.js'))
        for (const a of withV2) expect(a.fields.form_button_v2).toBe('true')
    })
})

describe('script-include bridges', () => {
    const modulePaths = artifacts.byTable('sys_module').map((m) => m.fields.path ?? '')

    it('load only server modules that ship, through the module loader', () => {
        const includes = artifacts.byTable('sys_script_include')
        expect(includes.map((i) => i.fields.name).sort()).toEqual(['AwsEndpointKeyAjax', 'AwsEndpointKeyButtons', 'AwsSnsEventKeysTestApi', 'AwsSnsModuleLoader'])
        // UI actions with a browser half load their server module the same way.
        const scripts = [...includes, ...artifacts.byTable('sys_ui_action')].map((r) => r.fields.script)
        const loads = [...new Set(scripts.flatMap((s) => [...s.matchAll(/\.load\('([^']+)'\)/g)].map((m) => m[1])))]
        expect(loads.sort()).toEqual([
            '/src/server/actions/atf-entry.ts',
            '/src/server/actions/key-ajax.ts',
            '/src/server/actions/key-button-visibility.ts',
            '/src/server/actions/revoke-action.ts',
            '/src/server/actions/setup-check-actions.ts',
        ])
        for (const suffix of loads) expect(modulePaths.filter((p) => p.startsWith('x_em_aws_apikey/') && p.endsWith(suffix))).toHaveLength(1)
    })

    it('makes only the GlideAjax processor client-callable, behind an execute ACL for the app admin', () => {
        const callable = artifacts.byTable('sys_script_include').filter((i) => i.fields.client_callable === 'true').map((i) => i.fields.name)
        expect(callable).toEqual(['AwsEndpointKeyAjax'])
        const acl = artifacts.one('sys_security_acl', (a) => a.fields.type === 'client_callable_script_include')
        const { sys_id: sysId, sys_update_name: updateName, ...fields } = acl.fields
        expect([sysId, updateName]).toEqual([acl.sysId, `sys_security_acl_${acl.sysId}`])
        expect(fields).toStrictEqual({
            sys_scope: APP_SCOPE_ID, active: 'true', admin_overrides: 'true', advanced: 'false', applies_to: '', condition: '', decision_type: 'allow',
            description: 'Only app admins may call the key-issuing GlideAjax processor.', local_or_existing: 'Local',
            name: 'x_em_aws_apikey.AwsEndpointKeyAjax', operation: 'execute', script: '', security_attribute: '', type: 'client_callable_script_include',
        })
        const roles = artifacts.byTable('sys_security_acl_role').filter((r) => r.fields.sys_security_acl === acl.sysId)
        expect(roles.map((r) => r.fields.sys_user_role)).toEqual([adminRoleId])
    })

    it('never ships a server module from outside src/server or a test file', () => {
        const sources = modulePaths.filter((p) => p.includes('/src/'))
        expect(sources.length).toBeGreaterThan(10)
        for (const p of sources) expect(p).toMatch(/\/src\/server\/[^]*\.ts$/)
        expect(sources.filter((p) => /\.test\.ts$|\/cli\//.test(p))).toEqual([])
    })
})

describe('expiry watch', () => {
    it('ships the daily job, its event and a notification that names the event and never a key', () => {
        const job = artifacts.one('sysauto_script', (r) => String(r.fields.script).includes('runExpiryWatchJob()'))
        expect(job.fields.run_type).toBe('daily')
        const event = artifacts.one('sysevent_register', (r) => r.fields.event_name === 'x_em_aws_apikey.key_expiry')
        const note = artifacts.one('sysevent_email_action', (r) => r.fields.event_name === event.fields.event_name)
        expect(`${note.fields.subject} ${note.fields.message_text}`).not.toMatch(/token|x-sn-apikey|api_key_sys_id/i)
    })
})

describe('heartbeat watch', () => {
    it('ships a job every 15 minutes, its event on the heartbeat table and a notification that never names a key', () => {
        const job = artifacts.one('sysauto_script', (r) => String(r.fields.script).includes('runHeartbeatWatchJob()'))
        expect([job.fields.run_type, job.fields.run_period, job.fields.active]).toEqual(['periodically', '1970-01-01 00:15:00', 'true'])
        const event = artifacts.one('sysevent_register', (r) => r.fields.event_name === 'x_em_aws_apikey.heartbeat')
        expect(event.fields.table).toBe('x_em_aws_apikey_heartbeat')
        const note = artifacts.one('sysevent_email_action', (r) => r.fields.event_name === event.fields.event_name)
        expect(note.fields.collection).toBe('x_em_aws_apikey_heartbeat')
        expect(`${note.fields.subject} ${note.fields.message_text}`).not.toMatch(/token|x-sn-apikey|api_key_sys_id/i)
        // Every artifact of both jobs is accounted for: two jobs, two events, two notifications.
        expect([artifacts.byTable('sysauto_script').length, artifacts.byTable('sysevent_register').length, artifacts.byTable('sysevent_email_action').length]).toEqual([2, 2, 2])
    })
})

function allFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name)
        return statSync(path).isDirectory() ? allFiles(path) : [path]
    })
}

describe('secrets', () => {
    it('ships no API key value, credential or endpoint with a key in any file', () => {
        const offending: string[] = []
        for (const file of allFiles(APP_DIR)) {
            const text = readFileSync(file, 'utf8')
            // A real key starts with now_ (platform-model.md); a key-bearing endpoint has x-sn-apikey=<value>.
            if (/\bnow_[A-Za-z0-9_-]{16,}/.test(text)) offending.push(`${file}: now_ key`)
            for (const m of text.matchAll(/x-sn-apikey=([A-Za-z0-9_.~%-]{8,})/g)) {
                if (m[1] !== 'PASTE-API-KEY-HERE') offending.push(`${file}: x-sn-apikey=${m[1].slice(0, 4)}…`)
            }
            if (/password\s*[:=]\s*['"][^'"]+['"]/i.test(text)) offending.push(`${file}: password literal`)
        }
        expect(offending).toEqual([])
    })
})
