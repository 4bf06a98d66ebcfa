// HTML of the playground: a list and a form per table, shaped like UI16 enough for the shipped client scripts
// (form#f, g_form, the action buttons), plus the home page. Every value is escaped; the page never holds a token.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ShippedRecord } from '../test/support/artifacts'
import type { Row } from '../test/support/instance'

const PLATFORM_GLOBALS = readFileSync(join(__dirname, 'client', 'platform-globals.js'), 'utf8')

export function escapeHtml(text: string): string {
    return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** A script's text inside <script>: only a closing tag could end it early. */
function inlineScript(text: string): string {
    return `<script>${text.replace(/<\/(script)/gi, '<\\/$1')}</script>`
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d2733; background: #f4f6f8 }
header { background: #293e40; color: #fff; padding: 10px 20px } header a { color: #9fe0d0; margin-right: 16px }
main { padding: 16px 20px; max-width: 1100px }
.card { background: #fff; border: 1px solid #d5dbe1; border-radius: 4px; padding: 12px 16px; margin-bottom: 16px }
.btn { margin: 0 6px 6px 0; padding: 6px 12px; border: 1px solid #8a96a3; border-radius: 3px; background: #fff; cursor: pointer }
.btn-primary { background: #1f8476; color: #fff; border-color: #1f8476 } .btn-danger, .btn-destructive { background: #c62828; color: #fff; border-color: #c62828 }
table.fields td { padding: 3px 10px 3px 0; vertical-align: top } table.fields td:first-child { color: #56606b; white-space: nowrap }
pre { white-space: pre-wrap; margin: 0 } input[type=text] { width: 38em; padding: 4px }
.msg-info { background: #e6f4ea; border: 1px solid #2e7d32; padding: 6px 10px; margin-bottom: 6px }
.msg-error { background: #fdecea; border: 1px solid #c62828; padding: 6px 10px; margin-bottom: 6px }
.modal { position: fixed; inset: 0; background: rgba(0,0,0,.35); display: flex; align-items: flex-start; justify-content: center; overflow: auto }
.modal-dialog { background: #fff; margin-top: 40px; padding: 16px 20px; border-radius: 4px; max-width: 760px; width: 90% }
.list td, .list th { text-align: left; padding: 3px 12px 3px 0; border-bottom: 1px solid #e3e7eb; vertical-align: top }
`

export interface Page {
    title: string
    /** Random per run; the platform's g_ck: every POST must carry it. */
    ck: string
    sessionUser: string
    messages: { type: 'info' | 'error'; message: string }[]
    body: string
    /** The shipped client scripts of the buttons on this page. */
    clientScripts: string[]
    form?: { table: string; sysId: string }
}

export function renderPage(page: Page): string {
    const scripts = [...new Set(page.clientScripts)]
    const formInfo = JSON.stringify(page.form ?? { table: '', sysId: '' }).replace(/</g, '\\u003c')
    return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(page.title)} - AWS SNS API keys playground</title><style>${STYLE}</style></head><body>
<header><strong>AWS SNS API keys playground</strong> &nbsp; <a href="/">Home</a><a href="/x_em_aws_apikey_setup_run_list.do">Setup check</a><a href="/x_em_aws_apikey_endpoint_list.do">AWS endpoints</a><a href="/sn_em_connector_push_instance_list.do">Push connectors</a><a href="/sys_api_access_policy_list.do">API access policies</a><span>signed in as ${escapeHtml(page.sessionUser)}</span></header>
<main><div id="messages">${page.messages.map((m) => `<div class="msg-${m.type}">${escapeHtml(m.message)}</div>`).join('')}</div>
${page.body}</main>
${inlineScript(`window.g_ck = ${JSON.stringify(page.ck)}; window.__record = ${formInfo};\n${PLATFORM_GLOBALS}`)}
${scripts.map(inlineScript).join('\n')}
</body></html>`
}

/** A button per UI action: client actions run their onclick; server actions submit the form with their action name. */
export function actionButtons(actions: ShippedRecord[]): string {
    return actions
        .map((a) => {
            const style = a.fields.form_style || a.fields.list_style
            const cls = `btn${style ? ` btn-${escapeHtml(style)}` : ''}`
            const title = escapeHtml(a.fields.hint)
            if (a.fields.client === 'true') return `<button type="button" class="${cls}" title="${title}" onclick="${escapeHtml(a.fields.onclick)}">${escapeHtml(a.fields.name)}</button>`
            return `<button type="button" class="${cls}" title="${title}" onclick="gsftSubmit(this, g_form.getFormElement(), ${escapeHtml(JSON.stringify(a.fields.action_name))})">${escapeHtml(a.fields.name)}</button>`
        })
        .join('')
}

function fieldValue(value: string): string {
    return value.includes('\n') ? `<pre>${escapeHtml(value)}</pre>` : escapeHtml(value)
}

/** The choices of a reference field the form offers as a select (value: the referenced sys_id). */
export type FieldChoices = { [field: string]: { value: string; label: string }[] }

function editableField(field: string, value: string, choices: FieldChoices): string {
    const id = `fld-${escapeHtml(field)}`
    const options = choices[field]
    if (!options) return `<input type="text" id="${id}" name="${escapeHtml(field)}" value="${escapeHtml(value)}">`
    const option = (o: { value: string; label: string }) => `<option value="${escapeHtml(o.value)}"${o.value === value ? ' selected' : ''}>${escapeHtml(o.label)}</option>`
    return `<select id="${id}" name="${escapeHtml(field)}">${[{ value: '', label: '-- None --' }, ...options].map(option).join('')}</select>`
}

/** The record's fields (set ones, and the editable ones); editable fields are inputs the client scripts can read. */
export function formBody(table: string, label: string, row: Row, editable: string[], buttons: string, ck: string, choices: FieldChoices = {}): string {
    const shown = [...editable, ...Object.keys(row).filter((k) => !editable.includes(k) && !k.startsWith('sys_') && row[k] !== '')]
    const fields = shown
        .map((k) => editable.includes(k)
            ? `<tr><td><label for="fld-${escapeHtml(k)}">${escapeHtml(k)}</label></td><td>${editableField(k, row[k] ?? '', choices)}</td></tr>`
            : `<tr><td>${escapeHtml(k)}</td><td class="fld-${escapeHtml(k)}">${fieldValue(row[k] ?? '')}</td></tr>`)
        .join('')
    const save = editable.length ? `<button type="button" class="btn" onclick="gsftSubmit(this, g_form.getFormElement(), 'sysverb_update')">Update</button>` : ''
    return `<div class="card"><h2>${escapeHtml(label)}</h2>
<form id="f" method="post" action="/ui_action.do"><input type="hidden" name="sysparm_ck" value="${escapeHtml(ck)}"><input type="hidden" name="sys_target" value="${escapeHtml(table)}"><input type="hidden" name="sys_uniqueValue" value="${escapeHtml(row.sys_id ?? '')}"><input type="hidden" name="sys_action" value="">
<div class="actions">${save}${buttons}</div>
<table class="fields">${fields}</table></form></div>`
}

export function listBody(table: string, label: string, rows: Row[], columns: string[], buttons: string, ck: string): string {
    const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')
    const body = rows
        .map((r) => `<tr>${columns.map((c, i) => `<td>${i === 0 ? `<a href="/${escapeHtml(table)}.do?sys_id=${escapeHtml(r.sys_id ?? '')}">${escapeHtml(r[c] || '(open)')}</a>` : fieldValue(r[c] ?? '')}</td>`).join('')}</tr>`)
        .join('')
    return `<div class="card"><h2>${escapeHtml(label)}</h2>
<form id="f" method="post" action="/ui_action.do"><input type="hidden" name="sysparm_ck" value="${escapeHtml(ck)}"><input type="hidden" name="sys_target" value="${escapeHtml(table)}"><input type="hidden" name="sys_uniqueValue" value=""><input type="hidden" name="sys_action" value="">
<div class="actions">${buttons}</div></form>
<table class="list"><tr>${head}</tr>${body || `<tr><td colspan="${columns.length}">No records yet.</td></tr>`}</table></div>`
}

export function activityBody(events: Row[], audit: Row[]): string {
    const rows = (list: Row[], columns: string[]) => list.map((r) => `<tr>${columns.map((c) => `<td>${fieldValue(r[c] ?? '')}</td>`).join('')}</tr>`).join('')
    return `<div class="card" id="activity"><h3>On the instance: Event Management events (em_event), newest first</h3>
<table class="list em-events"><tr><th>created</th><th>source</th><th>type</th><th>description</th><th>created by</th></tr>${rows(events, ['sys_created_on', 'source', 'type', 'description', 'sys_created_by']) || '<tr><td colspan="5">None yet: Send test alarm, or run sn-aws-verify verify.</td></tr>'}</table>
<h3>Audit trail (x_em_aws_apikey_audit), newest first</h3>
<table class="list audit"><tr><th>created</th><th>action</th><th>outcome</th><th>detail</th></tr>${rows(audit, ['sys_created_on', 'action', 'outcome', 'detail']) || '<tr><td colspan="4">Nothing yet.</td></tr>'}</table></div>`
}
