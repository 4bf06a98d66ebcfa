// Assertions over every record the build ships (dist/app), whatever feature it belongs to.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { APP_SCOPE_ID } from '../../src/server/core/app-names'
import { ROOT, loadArtifacts } from '../support/artifacts'

const nowConfig = JSON.parse(readFileSync(join(ROOT, 'now.config.json'), 'utf8')) as { scope: string; scopeId: string }

// Every table this app may ship a record to. A new table must be added here on purpose.
const KNOWN_TABLES = new Set([
    'sys_app',
    'sys_module',
    'sys_user_role',
    'sys_db_object',
    'sys_dictionary',
    // The Topic ARN column's hint (label and hint text of one field).
    'sys_documentation',
    'sys_choice_set',
    'sys_choice',
    'sys_properties',
    'sys_security_acl',
    'sys_security_acl_role',
    'sys_scope_privilege',
    'sys_app_application',
    'sys_app_module',
    'http_key_auth',
    'sys_api_access_policy',
    'sys_auth_profile_mapping',
    'sys_ui_action',
    'sys_ui_action_role',
    'sys_script_include',
    'sysauto_script',
    'sysevent_register',
    'sysevent_email_action',
    'sys_atf_test',
    'sys_atf_step',
    'sys_variable_value',
    'sys_atf_test_suite',
    'sys_atf_test_suite_test',
])
// Rows inside a choice container carry the scope on the container, not on each sys_choice.
const SCOPE_EXEMPT = new Set(['sys_app', 'sys_choice', 'sys_variable_value'])

describe('shipped records', () => {
    const artifacts = loadArtifacts()

    it('ships the scoped app record with the configured scope', () => {
        const app = artifacts.one('sys_app', () => true)
        expect(app.sysId).toBe(nowConfig.scopeId)
        expect(app.fields.scope).toBe(nowConfig.scope)
    })

    it('names the same scope sys_id in the server code as in now.config.json', () => {
        expect(APP_SCOPE_ID).toBe(nowConfig.scopeId)
    })

    it('ships records only to known tables', () => {
        const unknown = artifacts.all.filter((r) => !KNOWN_TABLES.has(r.table)).map((r) => `${r.table} (${r.file})`)
        expect(unknown).toEqual([])
    })

    it('has no duplicate sys_ids', () => {
        const seen = new Map<string, string>()
        const dupes: string[] = []
        for (const r of artifacts.all) {
            const prior = seen.get(r.sysId)
            if (prior) dupes.push(`${r.sysId}: ${prior} and ${r.file}`)
            seen.set(r.sysId, r.file)
        }
        expect(dupes).toEqual([])
    })

    it('gives every record a 32-hex sys_id and our scope', () => {
        const bad = artifacts.all
            .filter((r) => !SCOPE_EXEMPT.has(r.table))
            .filter((r) => !/^[0-9a-f]{32}$/.test(r.sysId) || r.fields.sys_scope !== nowConfig.scopeId)
            .map((r) => r.file)
        expect(bad).toEqual([])
    })

    it('ships the two app roles, neither delegable', () => {
        const roles = artifacts.byTable('sys_user_role').map((r) => [r.fields.name, r.fields.can_delegate])
        expect(roles.sort()).toEqual([
            ['x_em_aws_apikey.admin', 'false'],
            ['x_em_aws_apikey.auditor', 'false'],
        ])
    })

    it('calls every module-backed UI action as fn(current, action)', () => {
        // sdk-facts.md: the platform binds the second parameter only when it is named `action`.
        const moduleActions = artifacts.byTable('sys_ui_action').filter((r) => r.fields.script.includes('@fluent-module'))
        // Revoke and "Repair and apply API restrictions" confirm in the browser first; key-buttons-and-messages.test.ts
        // checks that their server half calls the module as fn(current, action).
        expect(moduleActions.map((a) => a.fields.name).sort()).toEqual(['Export instance facts', 'Repair', 'Run setup check', 'Send test alarm', 'Send test alarm'])
        for (const action of moduleActions) {
            const fn = /^\/\/ @fluent-module (\w+);/.exec(action.fields.script)?.[1]
            expect(fn).toBeTruthy()
            expect(action.fields.script).toContain(`${fn}(current, action);`)
        }
    })
})
