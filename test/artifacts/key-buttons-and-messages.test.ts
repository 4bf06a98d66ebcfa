// The shipped key buttons: the Topic ARN field, conditions that show each button only where it can succeed, the
// confirmations of Revoke and "Repair and apply API restrictions" (both halves of their scripts), and every button a
// message tells the admin to click being a shipped button where that message shows.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { runInNewContext } from 'node:vm'
import { APP_SCOPE_ID, PLATFORM, TABLE } from '../../src/server/core/app-names'
import { ROOT, loadArtifacts } from '../support/artifacts'

const artifacts = loadArtifacts()
const actions = artifacts.byTable('sys_ui_action')
const KEY_TABLES = [TABLE.endpoint, PLATFORM.pushConnectorInstanceTable]
const KEY_ACTIONS: Record<string, string> = {
    x_em_aws_apikey_generate: 'generate',
    x_em_aws_apikey_rotate: 'rotate',
    x_em_aws_apikey_revoke: 'revoke',
    // Send test alarm needs an active key, like Rotate.
    x_em_aws_apikey_send_test_alarm: 'rotate',
}

describe('Topic ARN field', () => {
    it('is an editable string on the AWS endpoint, long enough for any SNS topic ARN', () => {
        const column = artifacts.tableDefinition(TABLE.endpoint).columns.topic_arn
        expect(column).toStrictEqual({
            name: 'topic_arn', type: 'string', active: 'true', array: 'false', audit: 'false', unique: 'false', label: 'Topic ARN', max_length: '320',
            mandatory: 'false', read_only: 'false', choice: '0', display: 'false', function_field: 'false', attributes: '', spell_check: 'false',
            xml_view: 'false', table_reference: 'false', text_index: 'false', element_reference: 'false', primary: 'false',
        })
        // arn:aws-us-gov:sns:us-gov-west-1:<12 digits>:<256-character name> is 292 characters.
        expect(Number(column.max_length)).toBeGreaterThanOrEqual(292)
    })
})

describe('key buttons', () => {
    it('ships Generate, Rotate, Revoke and Send test alarm on both the AWS endpoint form and the push connector instance form', () => {
        for (const table of KEY_TABLES) {
            const onForm = actions.filter((a) => a.fields.table === table && a.fields.form_button === 'true').map((a) => a.fields.name)
            expect(onForm.sort()).toEqual(['Generate API key & AWS endpoint', 'Revoke API key', 'Rotate API key', 'Send test alarm'])
        }
    })

    it('shows each one only where it can succeed, through the conditions script include', () => {
        const keyActions = actions.filter((a) => KEY_TABLES.includes(a.fields.table as never))
        expect(keyActions).toHaveLength(8)
        for (const a of keyActions) {
            expect(a.fields.condition).toBe(`new AwsEndpointKeyButtons().visible('${KEY_ACTIONS[a.fields.action_name]}', current)`)
        }
        const include = artifacts.byField('sys_script_include', 'name', 'AwsEndpointKeyButtons')
        expect(include.fields.client_callable).toBe('false')
        expect(include.fields.script).toContain(".load('/src/server/actions/key-button-visibility.ts')")
        expect(include.fields.script).toContain('.keyButtonVisible(button,')
        const module = artifacts.byTable('sys_module').filter((m) => (m.fields.path ?? '').endsWith('/src/server/actions/key-button-visibility.ts'))
        expect(module).toHaveLength(1)
    })
})

/** Runs a UI-action script the way the platform does on the server: no window, with current and action. */
function runServerHalf(scriptText: string): { loaded: string[]; calls: unknown[][] } {
    const loaded: string[] = []
    const calls: unknown[][] = []
    const current = { tag: 'current' }
    const action = { tag: 'action' }
    const moduleProxy = new Proxy({}, { get: (_t, name) => (...args: unknown[]) => calls.push([String(name), ...args]) })
    function AwsSnsModuleLoader() {
        return { load: (path: string) => (loaded.push(path), moduleProxy) }
    }
    runInNewContext(scriptText, { current, action, AwsSnsModuleLoader })
    return { loaded, calls }
}

describe('confirmations', () => {
    const confirming: [string, string, string, string][] = [
        [TABLE.endpoint, 'x_em_aws_apikey_revoke', '/src/server/actions/revoke-action.ts', 'revokeKeyAction'],
        [PLATFORM.pushConnectorInstanceTable, 'x_em_aws_apikey_revoke', '/src/server/actions/revoke-action.ts', 'revokeKeyAction'],
        [TABLE.setupRun, 'x_em_aws_apikey_run_repair_restrict', '/src/server/actions/setup-check-actions.ts', 'runRepairWithRestrictionsAction'],
        [TABLE.setupRun, 'x_em_aws_apikey_undo_repair', '/src/server/actions/setup-check-actions.ts', 'runUndoRepairAction'],
    ]

    it.each(confirming)('%s %s asks in the browser, then submits itself to the server', (table, actionName) => {
        const a = artifacts.one('sys_ui_action', (r) => r.fields.table === table && r.fields.action_name === actionName)
        expect(a.fields.client).toBe('true')
        const fn = /^(\w+)\(\)$/.exec(a.fields.onclick)?.[1] as string
        expect(fn).toBeTruthy()
        const body = a.fields.script.slice(a.fields.script.indexOf(`function ${fn}()`))
        expect(body.indexOf('confirm(')).toBeGreaterThan(0)
        expect(body.indexOf(`gsftSubmit(null, g_form.getFormElement(), '${actionName}')`)).toBeGreaterThan(body.indexOf('confirm('))
    })

    it.each(confirming)('%s %s runs its server module only on the server', (table, actionName, path, fn) => {
        const a = artifacts.one('sys_ui_action', (r) => r.fields.table === table && r.fields.action_name === actionName)
        expect(runServerHalf(a.fields.script)).toEqual({ loaded: [path], calls: [[fn, { tag: 'current' }, { tag: 'action' }]] })
        // In the browser (window defined) the server half does nothing.
        expect(runServerHalf(`var window = {};\n${a.fields.script}`)).toEqual({ loaded: [], calls: [] })
        const modules = artifacts.byTable('sys_module').filter((m) => (m.fields.path ?? '').startsWith('x_em_aws_apikey/') && (m.fields.path ?? '').endsWith(path))
        expect(modules).toHaveLength(1)
        expect(modules[0].fields.script ?? modules[0].fields.content ?? JSON.stringify(modules[0].fields)).toContain(fn)
    })

    it('Repair and apply API restrictions is a form button on the run record only, where Repair lists its warnings', () => {
        const a = artifacts.byField('sys_ui_action', 'action_name', 'x_em_aws_apikey_run_repair_restrict')
        // Its script (ask, then submit itself) is run by the confirmations above.
        const { sys_id: sysId, sys_update_name: updateName, script, ...fields } = a.fields
        expect([sysId, updateName]).toEqual([a.sysId, `sys_ui_action_${a.sysId}`])
        expect(script).toMatch(/^\/\* "Repair and apply API restrictions" \(Setup Check run form\)/)
        expect(fields).toStrictEqual({
            sys_scope: APP_SCOPE_ID, action_name: 'x_em_aws_apikey_run_repair_restrict', active: 'true', client: 'true', client_script_v2: '', comments: '',
            condition: '', form_action: 'true', form_button: 'true', form_button_v2: 'false', form_context_menu: 'false', form_link: 'false',
            form_menu_button_v2: 'false', form_style: 'destructive', format_for_configurable_workspace: 'false',
            hint: 'Repair, including the changes Repair listed as restricting an API (for example activating the EM policy)', isolate_script: 'false',
            list_action: 'false', list_banner_button: 'false', list_button: 'false', list_choice: 'false', list_context_menu: 'false', list_link: 'false',
            list_save_with_form_button: 'false', list_style: '', messages: '', name: 'Repair and apply API restrictions', onclick: 'xEmAwsConfirmRestrictedRepair()',
            order: '300', show_insert: 'false', show_multiple_update: 'false', show_query: 'false', show_update: 'true', sys_name: 'Repair and apply API restrictions',
            sys_overrides: '', table: TABLE.setupRun, ui11_compatible: 'false', ui16_compatible: 'true',
        })
    })

    it('Revoke API key in Workspace confirms with g_modal before submitting', () => {
        const a = artifacts.one('sys_ui_action', (r) => r.fields.table === TABLE.endpoint && r.fields.action_name === 'x_em_aws_apikey_revoke')
        const v2 = a.fields.client_script_v2
        expect(a.fields.form_button_v2).toBe('true')
        expect(v2.indexOf("g_form.submit('x_em_aws_apikey_revoke')")).toBeGreaterThan(v2.indexOf('g_modal.confirm('))
    })
})

function filesUnder(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name)
        return statSync(path).isDirectory() ? filesUnder(path) : [path]
    })
}

// Where the messages of each source show: key messages on the two key forms, setup messages on the setup run record,
// watch messages (status, email) on the AWS endpoint.
function tablesShowing(file: string): string[] {
    if (/src\/server\/setup\/|setup-check-actions|repair-restrictions/.test(file)) return [TABLE.setupRun]
    if (/src\/server\/watch\/|sysevent_email_action/.test(file)) return [TABLE.endpoint]
    if (/reveal-workspace|revoke-workspace/.test(file)) return [TABLE.endpoint]
    return KEY_TABLES
}

/**
 * Quoted names right after "click", "use", "run", "press" or "or": what a message tells the admin to click. A name
 * followed by "from the setup check" is a button of the setup check list, wherever the message shows.
 */
function namedButtons(text: string): { name: string; onSetupCheck: boolean }[] {
    const code = text.split('\n').filter((line) => !/^\s*(\/\/|\/?\*)/.test(line)).join('\n')
    return [...code.matchAll(/\b(?:click|use|run|press|or)\s+\\?"([A-Z][^"\\]{2,60})\\?"( from the setup check\b)?/gi)]
        .map((m) => ({ name: m[1], onSetupCheck: !!m[2] }))
}

describe('messages name buttons the admin can see', () => {
    const sources = [...filesUnder(join(ROOT, 'src', 'server')), ...filesUnder(join(ROOT, 'src', 'browser'))].map((path) => ({
        where: relative(ROOT, path),
        text: readFileSync(path, 'utf8'),
    }))
    for (const note of artifacts.byTable('sysevent_email_action')) {
        sources.push({ where: `sysevent_email_action ${note.fields.name}`, text: `${note.fields.subject}\n${note.fields.message_text}\n${note.fields.message_html}` })
    }
    const named = sources.flatMap((s) => namedButtons(s.text).map((button) => ({ where: s.where, ...button })))

    it('finds the button names the messages use', () => {
        // Every button a message may name is one the app ships; the next test checks each is where its message shows.
        expect([...new Set(named.map((n) => n.name))].sort()).toStrictEqual([
            'Generate API key & AWS endpoint', 'Repair', 'Repair and apply API restrictions', 'Revoke API key', 'Rotate API key', 'Send test alarm', 'Undo Repair',
        ])
    })

    it('every one is a shipped button on the form or list where that message shows', () => {
        const missing = named
            .flatMap((n) => (n.onSetupCheck ? [TABLE.setupRun] : tablesShowing(n.where)).map((table) => ({ ...n, table })))
            .filter((n) => !actions.some((a) => a.fields.name === n.name && a.fields.table === n.table))
            .map((n) => `${n.where}: "${n.name}" on ${n.table}`)
        expect(missing).toEqual([])
    })
})
