// The playground: the instance double with the app as dist/app ships it, a loopback web server with a list and a form
// per table running the shipped UI actions, and the Event Management HTTPS stub answering as the double does, so an
// endpoint the reveal dialog shows can be checked from outside with sn-aws-verify.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GlideRecord } from '@servicenow/glide'
import { PLATFORM, TABLE } from '../src/server/core/app-names'
import { API_ACCESS_ADMIN, instanceWithApp } from '../test/support/app-on-instance'
import { type Artifacts, loadArtifacts } from '../test/support/artifacts'
import { EmHttpsStub, issueTestCertificate } from '../test/support/em-https-stub'
import type { Instance, Row } from '../test/support/instance'
import type { InstanceFacts } from './instance-facts'
import { activityBody, actionButtons, escapeHtml, type FieldChoices, formBody, listBody, renderPage } from './pages'
import { PlatformScripts } from './platform-scripts'

export interface PlaygroundOptions {
    facts: InstanceFacts
    /** 0 (default): any free port. */
    port?: number
    /** Where the playground reports what happens (the server's log). */
    log: (line: string) => void
}

export interface Playground {
    url: string
    /** The exact command that checks a revealed endpoint through the EM stub (the endpoint on stdin). */
    verifyCommand: string
    instance: Instance
    close(): Promise<void>
}

interface TableView {
    label: string
    listColumns: string[]
    /** Fields the form lets the admin change (Update). */
    editable: string[]
    /** Reference fields offered as a select, with the records they may point at. */
    choices?: (instance: Instance) => FieldChoices
    /**
     * Update is the admin's own form write, as on the platform's form: it is not a script of this app, so neither E2
     * (a script's write of the policy's REST API is ignored) nor E55 (Application Access) applies.
     */
    formWrite?: boolean
}

const VIEWS: { [table: string]: TableView } = {
    [TABLE.setupRun]: { label: 'Setup check run', listColumns: ['summary', 'kind', 'passed', 'failed', 'warnings', 'sys_created_on'], editable: [] },
    [TABLE.endpoint]: { label: 'AWS endpoint', listColumns: ['name', 'status', 'topic_arn', 'key_name', 'expires'], editable: ['name', 'topic_arn'] },
    [PLATFORM.pushConnectorInstanceTable]: { label: 'Push connector instance', listColumns: ['name', 'active', 'description'], editable: [] },
    // Where Repair names the form step of E2: pick the REST API on the policy form, then save.
    sys_api_access_policy: {
        label: 'API access policy',
        listColumns: ['name', 'active', 'api_path'],
        editable: ['api'],
        choices: (instance) => ({ api: instance.rows('sys_ws_definition').map((d) => ({ value: d.sys_id, label: d.name })) }),
        formWrite: true,
    },
}

const SYS_ID = /^[0-9a-f]{32}$/
const MAX_BODY = 1 << 20

/** The key is a secret: logged request URLs never carry it. */
export function maskKey(text: string): string {
    return text.replace(/(x-sn-apikey=)[^&\s]*/gi, '$1(hidden)')
}

function shellQuote(text: string): string {
    return /^[\w./:=@-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
}

function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        let size = 0
        const chunks: Buffer[] = []
        req.on('data', (c: Buffer) => {
            size += c.length
            if (size > MAX_BODY) req.destroy(new Error('request body too large'))
            else chunks.push(c)
        })
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
        req.on('error', reject)
    })
}

function headerValues(headers: NodeJS.Dict<string | string[]>): { [name: string]: string } {
    const out: { [name: string]: string } = {}
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value
    return out
}

/** The app's own records, as `now-sdk install` would leave the instance: dist/app plus the server modules' paths. */
function installApp(facts: InstanceFacts, artifacts: Artifacts): { instance: Instance; endpoint: string } {
    const instance = instanceWithApp({ platform: facts.switches })
    instance.session.userName = 'system'
    if (!instance.hasTable('sys_module')) instance.defineTable('sys_module', { columns: { name: 'string', path: 'string' } })
    for (const m of artifacts.byTable('sys_module')) if (m.fields.path) instance.insertRow('sys_module', { name: m.fields.name ?? '', path: m.fields.path })
    instance.setSessionUser(API_ACCESS_ADMIN)
    // The AWS endpoint an admin creates from the app menu: a name and the fixture's AWS push connector instance.
    const connector = instance.row(PLATFORM.pushConnectorInstanceTable, 'active=true')
    const endpoint = instance.insertRow(TABLE.endpoint, { name: 'AWS alarms (playground)', connector_sys_id: connector?.sys_id ?? '', status: 'new' })
    instance.resetStats()
    return { instance, endpoint }
}

export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
    const { log, facts } = options
    const artifacts = loadArtifacts()
    const { instance, endpoint } = installApp(facts, artifacts)
    const scripts = new PlatformScripts(artifacts, instance)
    const ck = randomBytes(24).toString('hex')
    const emHost = new URL(instance.baseUrl).hostname
    const tmp = mkdtempSync(join(tmpdir(), 'sn-aws-playground-'))
    let logged = 0

    function flushInstanceLogs(): void {
        for (; logged < instance.logs.length; logged++) {
            const entry = instance.logs[logged]
            log(`[instance] ${entry.level}: ${entry.message}`)
        }
    }

    let stub: EmHttpsStub | null = null
    let server: Server | null = null
    try {
        stub = new EmHttpsStub(await issueTestCertificate(tmp, emHost))
        stub.answerWith = (request) => {
            const answer = instance.inbound({ method: request.method, url: `${instance.baseUrl}${request.url}`, headers: headerValues(request.headers), body: request.body })
            log(`[em] ${request.method} ${maskKey(request.url)} -> ${answer.status}`)
            flushInstanceLogs()
            return { status: answer.status, body: answer.body }
        }
        await stub.start()
        server = createServer((req, res) => {
            handle(req, res).catch((e: Error) => {
                log(`[playground] ${req.method} ${maskKey(req.url ?? '')} failed: ${e.message}`)
                if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' })
                res.end('The playground failed on this request; see its log.')
            })
        })
        await new Promise<void>((resolve, reject) => {
            ;(server as Server).once('error', reject)
            ;(server as Server).listen(options.port ?? 0, '127.0.0.1', resolve)
        })
    } catch (e) {
        await stub?.stop()
        rmSync(tmp, { recursive: true, force: true })
        throw e
    }
    const port = (server.address() as AddressInfo).port
    const origin = `http://127.0.0.1:${port}`
    const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
    const verifyCommand = `NODE_EXTRA_CA_CERTS=${shellQuote(join(tmp, 'em-ca.crt'))} npx sn-aws-verify verify --endpoint-file - --connect-to ${emHost}:443:127.0.0.1:${stub.port}`

    function takeMessages(): { type: 'info' | 'error'; message: string }[] {
        return instance.sessionMessages.splice(0, instance.sessionMessages.length).map((m) => ({ type: m.type, message: m.message }))
    }

    function newestFirst(table: string, limit = 10): Row[] {
        return instance.rows(table).slice(-limit).reverse()
    }

    function page(title: string, body: string, clientScripts: string[] = [], form?: { table: string; sysId: string }): string {
        const activity = activityBody(newestFirst('em_event', 5), newestFirst(TABLE.audit, 8))
        return renderPage({ title, ck, sessionUser: instance.session.userName, messages: takeMessages(), body: body + activity, clientScripts, form })
    }

    function homePage(): string {
        const switches = Object.entries(instance.switches).map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('')
        const body = `<div class="card"><h2>Try the app without an instance</h2>
<p>This is the app exactly as <code>now-sdk build</code> ships it (dist/app), running on an in-memory ServiceNow instance
(${escapeHtml(instance.baseUrl)}) with Event Management and an AWS push connector. The buttons run the app's real client
scripts and server code. Nothing here reaches a real instance or AWS.</p>
<ol>
<li><a href="/${TABLE.setupRun}_list.do">Setup check</a>: click <b>Run setup check</b>, then <b>Repair</b>. On the run record,
<b>Repair and apply API restrictions</b> makes the changes Repair only lists.</li>
<li><a href="/${TABLE.endpoint}.do?sys_id=${endpoint}">AWS endpoint</a>: set a Topic ARN if you like, click <b>Update</b>, then
<b>Generate API key &amp; AWS endpoint</b>. The dialog shows the probe's verdict and the endpoint once: copy it.</li>
<li>Check the endpoint from outside, the way AWS SNS calls it (run this in the repository folder, paste the endpoint, then press Ctrl-D):
<pre class="verify-command">${escapeHtml(verifyCommand)}</pre></li>
<li>Then try <b>Send test alarm</b>, <b>Rotate API key</b> and <b>Revoke API key</b>, and watch the events and the audit trail below.</li>
</ol></div>
<div class="card"><h3>Instance facts: ${escapeHtml(facts.label)}</h3><table class="fields switches">${switches}</table></div>`
        return page('Home', body)
    }

    function viewOf(table: string): TableView {
        const view = VIEWS[table]
        if (!view) throw new Error(`unknown table ${table}`)
        return view
    }

    function formPage(table: string, sysId: string): string | null {
        const view = viewOf(table)
        const current = new GlideRecord(table)
        if (!SYS_ID.test(sysId) || !current.get(sysId)) return null
        const actions = scripts.actionsOf(table).filter((a) => a.fields.form_button === 'true' && a.fields.show_update === 'true' && scripts.visible(a, current))
        const row = instance.row(table, `sys_id=${sysId}`) as Row
        const body = formBody(table, `${view.label}: ${row.name || row.summary || sysId}`, row, view.editable, actionButtons(actions), ck, view.choices ? view.choices(instance) : {})
        const clientScripts = actions.filter((a) => a.fields.client === 'true').map((a) => a.fields.script)
        return page(view.label, body, clientScripts, { table, sysId })
    }

    function listPage(table: string): string {
        const view = viewOf(table)
        const current = new GlideRecord(table)
        const actions = scripts.actionsOf(table).filter((a) => a.fields.list_banner_button === 'true' && scripts.visible(a, current))
        const body = listBody(table, `${view.label}s`, newestFirst(table, 50), view.listColumns, actionButtons(actions), ck)
        return page(`${view.label}s`, body, actions.filter((a) => a.fields.client === 'true').map((a) => a.fields.script), { table, sysId: '' })
    }

    /** A form or list submit: Update, or a server UI action (its script runs with current and action). */
    function submit(form: URLSearchParams): string {
        const table = form.get('sys_target') ?? ''
        const sysId = form.get('sys_uniqueValue') ?? ''
        const actionName = form.get('sys_action') ?? ''
        const view = viewOf(table)
        const back = sysId ? `/${table}.do?sys_id=${sysId}` : `/${table}_list.do`
        const current = new GlideRecord(table)
        if (sysId && (!SYS_ID.test(sysId) || !current.get(sysId))) {
            instance.sessionMessages.push({ type: 'error', message: 'The record no longer exists.' })
            return `/${table}_list.do`
        }
        if (actionName === 'sysverb_update') {
            if (!sysId || !view.editable.length) return back
            const values: { [field: string]: string } = {}
            for (const field of view.editable) if (form.has(field)) values[field] = String(form.get(field)).trim()
            if (view.formWrite) instance.updateRows(table, `sys_id=${sysId}`, values)
            else {
                for (const field of Object.keys(values)) current.setValue(field, values[field])
                current.update()
            }
            instance.sessionMessages.push({ type: 'info', message: 'Record updated.' })
            log(`[playground] ${instance.session.userName} updated ${table} ${sysId}`)
            return back
        }
        const shown = scripts.actionsOf(table).filter((a) => (sysId ? a.fields.form_button === 'true' : a.fields.list_banner_button === 'true'))
        const action = shown.find((a) => a.fields.action_name === actionName)
        if (!action) {
            instance.sessionMessages.push({ type: 'error', message: `No action ${actionName} on this ${sysId ? 'form' : 'list'}.` })
            return back
        }
        log(`[playground] ${instance.session.userName} clicked "${action.fields.name}" on ${table}${sysId ? ` ${sysId}` : ''}`)
        const run = scripts.runAction(action, current)
        if (run.error) {
            instance.sessionMessages.push({ type: 'error', message: run.error })
            log(`[playground] ${run.error}`)
        }
        return run.redirect ? `/${run.redirect}` : back
    }

    function xmlAnswer(params: URLSearchParams, answer: string): string {
        const attr = (v: string) => v.replace(/[&<>"\r\n\t]/g, (c) => `&#${c.charCodeAt(0)};`)
        return `<?xml version="1.0" encoding="UTF-8"?><xml sysparm_processor="${attr(params.get('sysparm_processor') ?? '')}" sysparm_name="${attr(params.get('sysparm_name') ?? '')}" answer="${attr(answer)}"/>`
    }

    async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const send = (status: number, type: string, body: string, headers: { [name: string]: string } = {}) => {
            res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'no-referrer', ...headers })
            res.end(body)
        }
        // Loopback only, and only under the name it was opened with (no DNS rebinding).
        if (!allowedHosts.has(req.headers.host ?? '')) return send(421, 'text/plain', 'Open the playground at the URL it printed.')
        const url = new URL(req.url ?? '/', origin)
        const path = url.pathname
        if (req.method === 'GET') {
            if (path === '/') return send(200, 'text/html; charset=utf-8', homePage())
            const list = /^\/(\w+)_list\.do$/.exec(path)
            if (list && VIEWS[list[1]]) return send(200, 'text/html; charset=utf-8', listPage(list[1]))
            const form = /^\/(\w+)\.do$/.exec(path)
            if (form && VIEWS[form[1]]) {
                const html = formPage(form[1], url.searchParams.get('sys_id') ?? '')
                return html ? send(200, 'text/html; charset=utf-8', html) : send(404, 'text/plain', 'No such record.')
            }
            return send(404, 'text/plain; charset=utf-8', `The playground has pages for the setup check, AWS endpoints, push connectors and API access policies only; on an instance this would open ${path}. Start at ${origin}/.`)
        }
        if (req.method !== 'POST') return send(405, 'text/plain', 'Method not allowed.')
        const body = new URLSearchParams(await readBody(req))
        if (path === '/xmlhttp.do') {
            // The platform's session token (X-UserToken): a page from another site cannot make the call.
            if (req.headers['x-usertoken'] !== ck) return send(401, 'text/plain', 'Missing or wrong X-UserToken.')
            log(`[playground] ${instance.session.userName} GlideAjax ${body.get('sysparm_processor') ?? ''}.${body.get('sysparm_name') ?? ''}`)
            const { status, answer } = scripts.ajax(body)
            flushInstanceLogs()
            log(`[playground] GlideAjax answered ${status}`)
            return status === 200 ? send(200, 'text/xml; charset=utf-8', xmlAnswer(body, answer)) : send(status, 'text/plain', 'Not allowed.')
        }
        if (path === '/ui_action.do') {
            if (body.get('sysparm_ck') !== ck) return send(401, 'text/plain', 'Missing or wrong sysparm_ck.')
            const location = submit(body)
            flushInstanceLogs()
            return send(303, 'text/plain', '', { Location: location })
        }
        return send(404, 'text/plain', 'Not found.')
    }

    let closed = false
    return {
        url: `${origin}/`,
        verifyCommand,
        instance,
        async close() {
            if (closed) return
            closed = true
            const web = server as Server
            web.closeAllConnections()
            await new Promise<void>((resolve) => web.close(() => resolve()))
            await stub?.stop()
            rmSync(tmp, { recursive: true, force: true })
        },
    }
}
