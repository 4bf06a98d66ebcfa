// The reveal dialogs and the confirming buttons in headless Chromium (found by test/support/chromium-executable.ts,
// driven by playwright-core) with the platform's client globals (g_form, GlideAjax, GlideModal, g_modal, gsftSubmit)
// stubbed as UI16 and the Next Experience g_modal API document them. The GlideAjax stub makes a real POST to a
// loopback server, which answers like the AwsEndpointKeyAjax processor.
import { readFileSync } from 'node:fs'
import { type IncomingMessage, type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { type Browser, type Page, chromium } from 'playwright-core'
import { findChromium } from '../support/chromium-executable'

const ROOT = join(__dirname, '..', '..')
const script = (name: string): string => readFileSync(join(ROOT, 'src', 'browser', name), 'utf8')
const DIALOG_SCRIPT = script('reveal-dialog.client.js')
const CANARY = 'now_CANARYbrowserTOKEN0123456789'
const TOPIC = 'arn:aws:sns:eu-west-1:210987654321:prod-alarms'
const ENDPOINT = `https://dev12345.service-now.com/api/sn_em_connector/em/inbound_event?source=AWS&sys_id=${'a'.repeat(32)}&x-sn-apikey=${CANARY}`
const ACCEPTED = { outcome: 'accepted', accepted: true, summary: 'HTTP 200: the EM inbound API accepted the key on the query-parameter path.', advice: '' }
const REJECTED = {
    outcome: 'unauthenticated',
    accepted: false,
    summary: 'HTTP 401 "User is not authenticated": the EM inbound API rejected the new key.',
    advice: 'Run the setup check and Repair (is the EM policy active and mapped to the API-key profiles?).',
}

const reveal = {
    ok: true,
    endpoint: ENDPOINT,
    tokenShown: true,
    subscribeCommand: `aws sns subscribe --topic-arn '${TOPIC}' --protocol https --notification-endpoint '${ENDPOINT}'`,
    cloudFormation: `Type: AWS::SNS::Subscription\nProperties:\n  TopicArn: '${TOPIC}'\n  Endpoint:\n    Ref: ServiceNowEndpoint\n`,
    terraform: `variable "servicenow_endpoint" {\n  sensitive = true\n}\nvariable "topic_arn" {\n  default = "${TOPIC}"\n}\n`,
    topicArn: TOPIC,
    topicArnMissing: false,
    topicArnHelp: '',
    rules: ['AWS cannot change the endpoint of an existing subscription.'],
    runbook: [],
    placeholderHelp: '',
    keyRecordPath: `api_key.do?sys_id=${'b'.repeat(32)}`,
    endpointRecordPath: `x_em_aws_apikey_endpoint.do?sys_id=${'c'.repeat(32)}`,
    keyName: 'AWS SNS - connector - 2026-11-23',
    expires: '2027-02-21 10:00:00',
    strategy: 'token_auth_client',
    probe: ACCEPTED as object | null,
}
const NO_TOPIC = { ...reveal, subscribeCommand: '', cloudFormation: '', terraform: '', topicArn: '', topicArnMissing: true, topicArnHelp: 'No Topic ARN is set on this AWS endpoint; set Topic ARN on the AWS endpoint form.' }

// Client globals as UI16 provides them; GlideModal.renderWithContent / destroy per the GlideModal client API.
// window.__fields holds the form's field values; confirm() answers window.__confirmAnswer and records the question.
const PLATFORM_STUBS = `
window.__messages = [];
window.__alerts = [];
window.alert = function (x) { window.__alerts.push(String(x)) };
// UI16 renders a form message as HTML (the message area takes markup): the stub does the same, so markup injected
// through a record name would run here as it would on the instance.
window.__render = function (m) { var d = document.createElement('div'); d.className = 'g-form-message'; d.innerHTML = m; document.body.appendChild(d) };
window.__fields = { topic_arn: '${TOPIC}' };
window.__submits = [];
window.__questions = [];
window.__confirmAnswer = true;
window.confirm = function (q) { window.__questions.push(q); return window.__confirmAnswer };
window.gsftSubmit = function (control, form, actionName) { window.__submits.push([control, form && form.id, actionName]) };
window.g_form = {
    getTableName: function () { return 'x_em_aws_apikey_endpoint' },
    getUniqueValue: function () { return '${'c'.repeat(32)}' },
    isNewRecord: function () { return false },
    hasField: function (f) { return f in window.__fields },
    getValue: function (f) { return window.__fields[f] || '' },
    getFormElement: function () { return document.getElementById('f') },
    submit: function (actionName) { window.__submits.push([null, null, actionName]) },
    addErrorMessage: function (m) { window.__messages.push(['error', m]); window.__render(m) },
    addInfoMessage: function (m) { window.__messages.push(['info', m]); window.__render(m) },
};
window.GlideAjax = function (processor) { this.params = { sysparm_processor: processor } };
GlideAjax.prototype.addParam = function (k, v) { this.params[k] = v };
GlideAjax.prototype.getXMLAnswer = function (cb) {
    fetch('/xmlhttp.do', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(this.params).toString() })
        .then(function (r) { return r.text() }).then(cb);
};
window.GlideModal = function (id, readOnly, width) { this.id = id; this.node = null };
GlideModal.prototype.setTitle = function (t) { this.title = t };
GlideModal.prototype.renderWithContent = function (content) {
    this.node = document.createElement('div');
    this.node.className = 'modal';
    this.node.appendChild(content);
    document.body.appendChild(this.node);
};
GlideModal.prototype.destroy = function () { if (this.node) this.node.parentNode.removeChild(this.node); this.node = null };
`

// g_modal (Next Experience) as documented: alert(title, message, callback, style), confirm(title, message, callback(bool),
// style), showFields({ title, instruction, fields, confirmTitle, cancelTitle }) resolving { updatedFields }. Each modal
// is a DOM node removed when a button is clicked, like the platform's.
const WORKSPACE_STUBS = `
function modalNode(title, text) {
    var node = document.createElement('div');
    node.className = 'g-modal';
    var h = document.createElement('h2'); h.textContent = title; node.appendChild(h);
    var p = document.createElement('p'); p.className = 'g-modal-text'; p.textContent = text || ''; node.appendChild(p);
    document.body.appendChild(node);
    return node;
}
function modalButton(node, label, cls, onClick) {
    var b = document.createElement('button'); b.textContent = label; b.className = cls;
    b.onclick = function () { node.parentNode.removeChild(node); onClick() };
    node.appendChild(b);
}
window.g_modal = {
    alert: function (title, message, callback, style) {
        var node = modalNode(title, message);
        modalButton(node, (style && style.buttonTitle) || 'OK', 'g-modal-ok', function () { if (callback) callback() });
    },
    confirm: function (title, message, callback, style) {
        var node = modalNode(title, message);
        modalButton(node, (style && style.confirmTitle) || 'OK', 'g-modal-ok', function () { callback(true) });
        modalButton(node, (style && style.cancelTitle) || 'Cancel', 'g-modal-cancel', function () { callback(false) });
    },
    showFields: function (options) {
        return new Promise(function (resolve, reject) {
            var node = modalNode(options.title, options.instruction);
            options.fields.forEach(function (f) {
                var label = document.createElement('label'); label.textContent = f.label; node.appendChild(label);
                var input = document.createElement(f.type === 'textarea' ? 'textarea' : 'input');
                input.name = f.name; input.value = f.value || ''; input.className = 'g-modal-field';
                node.appendChild(input);
            });
            modalButton(node, options.confirmTitle || 'OK', 'g-modal-ok', function () {
                resolve({ updatedFields: options.fields.map(function (f) {
                    return { name: f.name, value: node.querySelector('[name="' + f.name + '"]').value }
                }) });
            });
            modalButton(node, options.cancelTitle || 'Cancel', 'g-modal-cancel', function () { reject(false) });
        });
    },
};
`

let server: Server
let browser: Browser
let origin = ''
const requests: { url: string; body: string }[] = []
let answer = JSON.stringify(reveal)

function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve) => {
        let body = ''
        req.on('data', (c) => (body += c))
        req.on('end', () => resolve(body))
    })
}

/** The form page: UI16 with the reveal dialog, or /workspace/<script> and /ui16/<script> for the other action scripts. */
function pageFor(url: string): string {
    const [, surface, name] = /^\/(workspace|ui16)\/([a-z-]+\.client\.js)$/.exec(url) || []
    const scripts = surface === 'workspace' ? [PLATFORM_STUBS, WORKSPACE_STUBS, script(name)] : [PLATFORM_STUBS, name ? script(name) : DIALOG_SCRIPT]
    return `<!doctype html><html><head><title>endpoint</title></head><body><form id="f"></form>` +
        scripts.map((s) => `<script>${s}</script>`).join('') + `</body></html>`
}

beforeAll(async () => {
    server = createServer(async (req, res) => {
        const body = await readBody(req)
        requests.push({ url: req.url || '', body })
        if (req.url === '/xmlhttp.do') {
            res.writeHead(200, { 'Content-Type': 'text/plain' }).end(answer)
            return
        }
        res.writeHead(200, { 'Content-Type': 'text/html' }).end(pageFor(req.url || ''))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const found = await findChromium()
    browser = await chromium.launch({
        executablePath: found.path,
        env: found.env,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
})

afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server.close(resolve))
})

beforeEach(() => {
    requests.length = 0
    answer = JSON.stringify(reveal)
})

async function openForm(path = '/x_em_aws_apikey_endpoint.do'): Promise<Page> {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })
    const page = await context.newPage()
    const console: string[] = []
    page.on('console', (m) => console.push(m.text()))
    ;(page as Page & { consoleText: string[] }).consoleText = console
    await page.goto(`${origin}${path}`)
    return page
}

/** Every place other than the visible dialog text where the token could linger. */
async function leaks(page: Page): Promise<string[]> {
    const found = await page.evaluate((token) => {
        const found: string[] = []
        document.querySelectorAll('*').forEach((el) => {
            for (const attr of Array.from(el.attributes)) if (attr.value.includes(token)) found.push(`attribute ${attr.name} on ${el.tagName}`)
        })
        document.querySelectorAll('input, textarea').forEach((el) => {
            if ((el as HTMLInputElement).value.includes(token)) found.push('field value')
        })
        if (document.body.innerText.includes(token)) found.push('visible text')
        if (document.documentElement.outerHTML.includes(token)) found.push('DOM')
        if (location.href.includes(token) || document.referrer.includes(token)) found.push('URL')
        if (history.state && JSON.stringify(history.state).includes(token)) found.push('history state')
        if (document.cookie.includes(token)) found.push('cookie')
        for (const store of [localStorage, sessionStorage]) {
            for (let i = 0; i < store.length; i++) {
                const k = store.key(i) as string
                if (k.includes(token) || (store.getItem(k) || '').includes(token)) found.push('web storage')
            }
        }
        return found
    }, CANARY)
    if ((page as Page & { consoleText: string[] }).consoleText.some((t) => t.includes(CANARY))) found.push('console')
    return found
}

type Win = { xEmAwsKeyReveal: { request(m: string): void }; __messages: string[][]; __fields: Record<string, string> }

/** Clicks the UI16 button, optionally picks an earlier expiry in the prompt, and confirms the prompt. */
async function clickGenerate(page: Page, mode = 'generate', expiresDay = ''): Promise<void> {
    await page.evaluate((m) => (window as unknown as Win).xEmAwsKeyReveal.request(m), mode)
    await page.locator('.x-em-aws-prompt').waitFor()
    if (expiresDay) await page.locator('.x-em-aws-expires').fill(expiresDay)
    await page.locator('.x-em-aws-issue').click()
}

async function clipboardAfter(page: Page, click: () => Promise<void>): Promise<string> {
    await page.evaluate(() => navigator.clipboard.writeText('clipboard before'))
    await click()
    await page.getByText('Copied').first().waitFor()
    return page.evaluate(() => navigator.clipboard.readText())
}

function ajaxParams(): URLSearchParams {
    const ajax = requests.filter((r) => r.url === '/xmlhttp.do')
    expect(ajax).toHaveLength(1)
    return new URLSearchParams(ajax[0].body)
}

describe('UI16 reveal dialog', () => {
    it('shows a green verdict when the probe proved the key, then the exact endpoint and snippets, copied byte for byte, leaving no trace', async () => {
        const page = await openForm()
        await clickGenerate(page)
        const verdict = page.locator('.x-em-aws-verdict')
        await verdict.waitFor()
        // The verdict is the first thing in the dialog.
        expect(await page.locator('.x-em-aws-reveal > *').first().getAttribute('class')).toContain('x-em-aws-verdict-accepted')
        expect(await verdict.innerText()).toContain(ACCEPTED.summary)
        expect(await page.getByText('Do not subscribe SNS yet').count()).toBe(0)
        const values = page.locator('.x-em-aws-value')
        expect(await values.allTextContents()).toEqual([ENDPOINT, reveal.subscribeCommand, reveal.cloudFormation, reveal.terraform])
        expect(await leaks(page)).toEqual(['visible text', 'DOM'])

        expect(await clipboardAfter(page, () => page.locator('.x-em-aws-copy').nth(0).click())).toBe(ENDPOINT)
        expect(await clipboardAfter(page, () => page.locator('.x-em-aws-copy').nth(2).click())).toBe(reveal.cloudFormation)

        await page.locator('.x-em-aws-close').click()
        expect(await page.locator('.x-em-aws-reveal').count()).toBe(0)
        expect(await leaks(page)).toEqual([])
        // The request carried the table, the record and the form's Topic ARN, never a token.
        const params = ajaxParams()
        expect(params.get('sysparm_name')).toBe('generate')
        expect(params.get('sysparm_topic_arn')).toBe(TOPIC)
        expect(params.get('sysparm_expires')).toBeNull()
        expect(requests.some((r) => r.url.includes(CANARY) || r.body.includes(CANARY))).toBe(false)
        await page.context().close()
    })

    const DO_NOT = 'Do not subscribe SNS yet'
    const NOT_PROVEN = 'Not proven yet: do the step below before you rely on this endpoint'
    it.each([
        ['a rejected key', REJECTED, REJECTED.summary, REJECTED.advice, DO_NOT],
        ['an inconclusive probe', { outcome: 'inconclusive', accepted: false, summary: 'HTTP 405: the answer proves nothing.', advice: 'Click Send test alarm after fixing the cause.' }, 'HTTP 405: the answer proves nothing.', 'Click Send test alarm after fixing the cause.', DO_NOT],
        ['a key that was not probed', null, 'the key was not tested', 'sn-aws-verify verify', DO_NOT],
        // Issue 15, item 2: identity unproven blocks exactly as a failed probe, with or without the accepted flag.
        ['an unproven identity', { outcome: 'identity_unproven', accepted: false, keyProblem: true, summary: 'Nothing shows whom this key authenticates as.', advice: 'Do not use this key: click "Revoke API key".' }, 'Nothing shows whom', 'Revoke API key', DO_NOT],
        ['an unproven identity without the accepted flag', { outcome: 'identity_unproven', summary: 'Nothing shows whom this key authenticates as.', advice: 'Revoke API key' }, 'Nothing shows whom', 'Revoke API key', DO_NOT],
        ['a 200 without an event', { outcome: 'accepted_no_event', accepted: false, keyProblem: false, summary: 'No event was found.', advice: 'Search All Events.' }, 'No event was found.', 'Search All Events.', NOT_PROVEN],
        ['an instance that cannot call itself', { outcome: 'self_call_blocked', accepted: false, keyProblem: false, summary: 'The instance could not call its own EM endpoint.', advice: 'run npx sn-aws-verify verify --endpoint-file <file>' }, 'could not call its own', 'sn-aws-verify verify --endpoint-file', NOT_PROVEN],
    ])('blocks copying for %s until "Copy anyway", then copies byte for byte', async (_name, probe, reason, fix, title) => {
        answer = JSON.stringify({ ...reveal, probe })
        const page = await openForm()
        await clickGenerate(page)
        const verdict = page.locator('.x-em-aws-verdict-blocked')
        await verdict.waitFor()
        expect(await verdict.getAttribute('role')).toBe('alert')
        expect(await verdict.locator('h4').innerText()).toBe(title)
        expect(await verdict.locator('.x-em-aws-reason').innerText()).toContain(reason)
        expect(await verdict.locator('.x-em-aws-fix').innerText()).toContain(fix)
        // Nothing to select or copy: no value, no copy button, and the token is not in the page at all.
        expect(await page.locator('.x-em-aws-value').count()).toBe(0)
        expect(await page.locator('.x-em-aws-copy').count()).toBe(0)
        expect(await leaks(page)).toEqual([])
        await page.keyboard.press('Control+A')
        expect(await page.evaluate(() => String(window.getSelection()))).not.toContain(CANARY)

        await page.locator('.x-em-aws-copy-anyway').click()
        expect(await page.locator('.x-em-aws-value').allTextContents()).toEqual([ENDPOINT, reveal.subscribeCommand, reveal.cloudFormation, reveal.terraform])
        expect(await clipboardAfter(page, () => page.locator('.x-em-aws-copy').nth(1).click())).toBe(reveal.subscribeCommand)
        // The warning stays at the top after Copy anyway.
        expect(await page.locator('.x-em-aws-verdict-blocked').count()).toBe(1)
        await page.locator('.x-em-aws-close').click()
        expect(await leaks(page)).toEqual([])
        await page.context().close()
    })

    it('without GlideModal (the in-page overlay) leaves no trace of the key in the page after Close', async () => {
        const page = await openForm()
        await page.evaluate(() => delete (window as unknown as { GlideModal?: unknown }).GlideModal)
        await clickGenerate(page)
        await page.locator('.x-em-aws-overlay .x-em-aws-value').first().waitFor()
        expect(await leaks(page)).toEqual(['visible text', 'DOM'])
        await page.locator('.x-em-aws-close').click()
        expect(await page.locator('.x-em-aws-overlay').count()).toBe(0)
        expect(await leaks(page)).toEqual([])
        await page.context().close()
    })

    it('treats a verdict without the accepted flag by its outcome', async () => {
        answer = JSON.stringify({ ...reveal, probe: { outcome: 'accepted', summary: 'HTTP 200.', advice: '' } })
        const page = await openForm()
        await clickGenerate(page)
        await page.locator('.x-em-aws-verdict-accepted').waitFor()
        expect(await page.locator('.x-em-aws-copy').count()).toBe(4)
        await page.context().close()
    })

    it('without a Topic ARN shows the endpoint only, says where to set it, and prints no ARN', async () => {
        answer = JSON.stringify(NO_TOPIC)
        const page = await openForm()
        await page.evaluate(() => ((window as unknown as Win).__fields.topic_arn = ''))
        await page.evaluate(() => (window as unknown as Win).xEmAwsKeyReveal.request('generate'))
        expect(await page.locator('.x-em-aws-topic').innerText()).toMatch(/No Topic ARN is set on this form.*Set Topic ARN and save first/)
        await page.locator('.x-em-aws-issue').click()
        await page.locator('.x-em-aws-reveal').waitFor()
        expect(await page.locator('.x-em-aws-value').allTextContents()).toEqual([ENDPOINT])
        expect(await page.locator('.x-em-aws-topic-help').innerText()).toBe(NO_TOPIC.topicArnHelp)
        expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/arn:aws|123456789012|aws sns subscribe --topic-arn/)
        expect(ajaxParams().get('sysparm_topic_arn')).toBeNull()
        await page.context().close()
    })

    it('shows the Topic ARN it will use in the prompt and passes an earlier expiry to the instance', async () => {
        const page = await openForm()
        await page.evaluate(() => (window as unknown as Win).xEmAwsKeyReveal.request('rotate'))
        expect(await page.locator('.x-em-aws-topic').innerText()).toContain(TOPIC)
        expect(await page.locator('.x-em-aws-prompt').innerText()).toContain('The old key stays active for the grace period')
        await page.locator('.x-em-aws-expires').fill('2027-01-15')
        await page.locator('.x-em-aws-issue').click()
        await page.locator('.x-em-aws-reveal').waitFor()
        const params = ajaxParams()
        expect(params.get('sysparm_name')).toBe('rotate')
        expect(params.get('sysparm_expires')).toBe('2027-01-15 00:00:00')
        await page.context().close()
    })

    it('creates nothing when the prompt is cancelled', async () => {
        const page = await openForm()
        await page.evaluate(() => (window as unknown as Win).xEmAwsKeyReveal.request('generate'))
        await page.locator('.x-em-aws-cancel').click()
        expect(await page.locator('.x-em-aws-prompt').count()).toBe(0)
        expect(requests.filter((r) => r.url === '/xmlhttp.do')).toEqual([])
        await page.context().close()
    })

    it('shows the server message and no dialog when generation fails', async () => {
        answer = JSON.stringify({ ok: false, message: 'The plugin com.glide.tokenbased_auth is not active.' })
        const page = await openForm()
        await clickGenerate(page)
        await page.waitForFunction(() => (window as unknown as Win).__messages.length > 0)
        expect(await page.evaluate(() => (window as unknown as Win).__messages)).toEqual([['error', 'The plugin com.glide.tokenbased_auth is not active.']])
        expect(await page.locator('.x-em-aws-reveal').count()).toBe(0)
        await page.context().close()
    })

    it('shows a server message that carries a hostile record name as text, never as markup', async () => {
        const message = 'Push connector instance "<img src=x onerror=alert(1)>" is inactive. Activate it first.'
        answer = JSON.stringify({ ok: false, message })
        const page = await openForm()
        await clickGenerate(page)
        await page.locator('.g-form-message').waitFor()
        expect(await page.locator('.g-form-message').innerText()).toBe(message)
        expect(await page.locator('.g-form-message img').count()).toBe(0)
        await page.waitForTimeout(200)
        expect(await page.evaluate(() => (window as unknown as { __alerts: string[] }).__alerts)).toEqual([])
        await page.context().close()
    })

    it('shows the placeholder help when the instance would not let the app read the key', async () => {
        const placeholder = ENDPOINT.replace(CANARY, 'PASTE-API-KEY-HERE')
        answer = JSON.stringify({ ...reveal, endpoint: placeholder, tokenShown: false, placeholderHelp: 'click the lock icon next to Token', probe: null })
        const page = await openForm()
        await clickGenerate(page)
        await page.locator('.x-em-aws-copy-anyway').click()
        expect(await page.locator('.x-em-aws-value').first().textContent()).toBe(placeholder)
        expect(await page.locator('.x-em-aws-lead').textContent()).toContain('lock icon')
        expect(await page.locator('a').getAttribute('href')).toBe(reveal.keyRecordPath)
        await page.context().close()
    })
})

describe('Workspace reveal (g_modal)', () => {
    async function clickInWorkspace(page: Page, expiresDay = ''): Promise<void> {
        await page.evaluate(() => (window as unknown as { onClick(f: unknown): void }).onClick((window as unknown as { g_form: unknown }).g_form))
        const prompt = page.locator('.g-modal', { hasText: 'Generate API key & AWS endpoint' })
        expect(await prompt.locator('.g-modal-text').innerText()).toContain(TOPIC)
        if (expiresDay) await prompt.locator('[name="expires"]').fill(expiresDay)
        await prompt.locator('.g-modal-ok').click()
    }

    const textareas = (page: Page) => page.locator('textarea.g-modal-field').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value))

    it('shows the green verdict, then the endpoint and snippets to copy, and passes the earlier expiry', async () => {
        const page = await openForm('/workspace/reveal-workspace.client.js')
        await clickInWorkspace(page, '2027-01-15')
        const verdict = page.locator('.g-modal', { hasText: 'Probe passed: the key works' })
        expect(await verdict.innerText()).toContain(ACCEPTED.summary)
        expect(await leaks(page)).toEqual([])
        await verdict.locator('.g-modal-ok').click()
        expect(await textareas(page)).toEqual([ENDPOINT, reveal.subscribeCommand, reveal.cloudFormation, reveal.terraform])
        // Select and copy from the text area, as the admin does.
        await page.locator('textarea.g-modal-field').first().focus()
        await page.keyboard.press('Control+A')
        await page.keyboard.press('Control+C')
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ENDPOINT)
        await page.locator('.g-modal .g-modal-ok').click()
        expect(await leaks(page)).toEqual([])
        const params = ajaxParams()
        expect(params.get('sysparm_expires')).toBe('2027-01-15 00:00:00')
        expect(params.get('sysparm_topic_arn')).toBe(TOPIC)
        await page.context().close()
    })

    it('blocks with "Do not subscribe SNS yet" and keeps the endpoint out of the page until Copy anyway', async () => {
        answer = JSON.stringify({ ...reveal, probe: REJECTED })
        const page = await openForm('/workspace/reveal-workspace.client.js')
        await clickInWorkspace(page)
        const warning = page.locator('.g-modal', { hasText: 'Do not subscribe SNS yet' })
        const text = await warning.locator('.g-modal-text').innerText()
        expect(text).toContain(`Reason: ${REJECTED.summary}`)
        expect(text).toContain(`Fix: ${REJECTED.advice}`)
        expect(await warning.locator('.g-modal-ok').innerText()).toBe('Copy anyway')
        expect(await leaks(page)).toEqual([])
        await warning.locator('.g-modal-ok').click()
        expect(await textareas(page)).toEqual([ENDPOINT, reveal.subscribeCommand, reveal.cloudFormation, reveal.terraform])
        await page.locator('.g-modal .g-modal-ok').click()
        expect(await leaks(page)).toEqual([])
        await page.context().close()
    })

    it('shows a server message that carries a hostile record name as text, never as markup', async () => {
        const message = 'Push connector instance "<img src=x onerror=alert(1)>" is inactive. Activate it first.'
        answer = JSON.stringify({ ok: false, message })
        const page = await openForm('/workspace/reveal-workspace.client.js')
        await clickInWorkspace(page)
        await page.locator('.g-form-message').waitFor()
        expect(await page.locator('.g-form-message').innerText()).toBe(message)
        expect(await page.locator('.g-form-message img').count()).toBe(0)
        await page.waitForTimeout(200)
        expect(await page.evaluate(() => (window as unknown as { __alerts: string[] }).__alerts)).toEqual([])
        await page.context().close()
    })

    it('says "not proven yet" for a verdict that is not a key problem, and still hides the endpoint until Copy anyway', async () => {
        answer = JSON.stringify({ ...reveal, probe: { outcome: 'signature_checked', accepted: false, keyProblem: false, summary: 'The connector checks SNS signatures.', advice: 'aws sns publish --topic-arn x' } })
        const page = await openForm('/workspace/reveal-workspace.client.js')
        await clickInWorkspace(page)
        const warning = page.locator('.g-modal', { hasText: 'Not proven yet: do the step below before you rely on this endpoint' })
        expect(await warning.locator('.g-modal-text').innerText()).toContain('Fix: aws sns publish --topic-arn x')
        expect(await leaks(page)).toEqual([])
        await page.context().close()
    })

    it('closing the warning shows nothing and names the buttons to use next', async () => {
        answer = JSON.stringify({ ...NO_TOPIC, probe: null })
        const page = await openForm('/workspace/reveal-workspace.client.js')
        await clickInWorkspace(page)
        await page.locator('.g-modal', { hasText: 'Do not subscribe SNS yet' }).locator('.g-modal-cancel').click()
        expect(await page.locator('.g-modal').count()).toBe(0)
        expect(await page.evaluate(() => (window as unknown as Win).__messages)).toEqual([
            ['error', 'The endpoint was not shown. The new key is still active: click "Revoke API key", fix the cause, then click "Generate API key & AWS endpoint" again.'],
        ])
        expect(await leaks(page)).toEqual([])
        await page.context().close()
    })

    it('without a Topic ARN shows only the endpoint and no ARN', async () => {
        answer = JSON.stringify(NO_TOPIC)
        const page = await openForm('/workspace/reveal-workspace.client.js')
        await clickInWorkspace(page)
        await page.locator('.g-modal', { hasText: 'Probe passed' }).locator('.g-modal-ok').click()
        expect(await textareas(page)).toEqual([ENDPOINT])
        const shown = await page.locator('.g-modal').innerText()
        expect(shown).toContain(NO_TOPIC.topicArnHelp)
        expect(shown).not.toMatch(/arn:aws|123456789012/)
        await page.context().close()
    })
})

describe('buttons that ask first', () => {
    type Submits = { __submits: unknown[][]; __questions: string[]; __confirmAnswer: boolean }
    const state = (page: Page) => page.evaluate(() => {
        const w = window as unknown as Submits
        return { submits: w.__submits, questions: w.__questions }
    })

    it.each([
        [
            'Revoke API key', 'revoke-key.client.js', 'xEmAwsConfirmRevoke', 'x_em_aws_apikey_revoke',
            'Revoke every API key of this AWS endpoint now? AWS SNS deliveries with these keys get HTTP 401 at once and are lost (SNS does not retry them). This cannot be undone.',
        ],
        [
            'Repair and apply API restrictions', 'repair-restrictions.client.js', 'xEmAwsConfirmRestrictedRepair', 'x_em_aws_apikey_run_repair_restrict',
            'Apply the changes that restrict who can call an API (for example activating the Event Management policy)? Callers that use an authentication method not mapped to those policies then get HTTP 401. Read the warnings of the last Repair first.',
        ],
    ])('%s submits to the server only after the admin confirms', async (_name, file, fn, actionName, question) => {
        const page = await openForm(`/ui16/${file}`)
        await page.evaluate(() => ((window as unknown as Submits).__confirmAnswer = false))
        expect(await page.evaluate((f) => (window as unknown as Record<string, () => boolean>)[f](), fn)).toBe(false)
        expect(await state(page)).toStrictEqual({ submits: [], questions: [question] })
        await page.evaluate(() => ((window as unknown as Submits).__confirmAnswer = true))
        expect(await page.evaluate((f) => (window as unknown as Record<string, () => boolean>)[f](), fn)).toBe(true)
        expect((await state(page)).submits).toEqual([[null, 'f', actionName]])
        await page.context().close()
    })

    it('Revoke API key in Workspace submits only after g_modal.confirm', async () => {
        const page = await openForm('/workspace/revoke-workspace.client.js')
        const click = () => page.evaluate(() => (window as unknown as { onClick(f: unknown): void }).onClick((window as unknown as { g_form: unknown }).g_form))
        await click()
        const modal = page.locator('.g-modal', { hasText: 'Revoke every API key of this AWS endpoint now?' })
        await modal.locator('.g-modal-cancel').click()
        expect((await state(page)).submits).toEqual([])
        await click()
        await modal.locator('.g-modal-ok').click()
        expect((await state(page)).submits).toEqual([[null, null, 'x_em_aws_apikey_revoke']])
        await page.context().close()
    })
})
