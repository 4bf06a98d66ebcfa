// The reveal dialog in headless Chromium (found by test/support/chromium-executable.ts, driven by playwright-core)
// with the platform's client globals (g_form, GlideAjax, GlideModal) stubbed as UI16 documents them. The GlideAjax stub makes a real POST to a
// loopback server, which answers like the AwsEndpointKeyAjax processor.
import { readFileSync } from 'node:fs'
import { type IncomingMessage, type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { type Browser, type Page, chromium } from 'playwright-core'
import { findChromium } from '../support/chromium-executable'

const ROOT = join(__dirname, '..', '..')
const DIALOG_SCRIPT = readFileSync(join(ROOT, 'src', 'browser', 'reveal-dialog.client.js'), 'utf8')
const CANARY = 'now_CANARYbrowserTOKEN0123456789'
const ENDPOINT = `https://dev12345.service-now.com/api/sn_em_connector/em/inbound_event?source=AWS&sys_id=${'a'.repeat(32)}&x-sn-apikey=${CANARY}`

const reveal = {
    ok: true,
    endpoint: ENDPOINT,
    tokenShown: true,
    subscribeCommand: `aws sns subscribe --topic-arn 'arn:aws:sns:us-east-1:123456789012:alarms' --protocol https --notification-endpoint '${ENDPOINT}'`,
    cloudFormation: `Type: AWS::SNS::Subscription\nProperties:\n  Endpoint: '${ENDPOINT}'`,
    topicArnIsExample: false,
    rules: ['AWS cannot change the endpoint of an existing subscription.'],
    runbook: [],
    placeholderHelp: '',
    keyRecordPath: `api_key.do?sys_id=${'b'.repeat(32)}`,
    endpointRecordPath: `x_em_aws_apikey_endpoint.do?sys_id=${'c'.repeat(32)}`,
    keyName: 'AWS SNS - connector - 2026-11-23',
    expires: '2027-02-21 10:00:00',
    strategy: 'token_auth_client',
    probe: null,
}

// Client globals as UI16 provides them; GlideModal.renderWithContent / destroy per the GlideModal client API.
const PLATFORM_STUBS = `
window.__messages = [];
window.g_form = {
    getTableName: function () { return 'x_em_aws_apikey_endpoint' },
    getUniqueValue: function () { return '${'c'.repeat(32)}' },
    isNewRecord: function () { return false },
    addErrorMessage: function (m) { window.__messages.push(['error', m]) },
    addInfoMessage: function (m) { window.__messages.push(['info', m]) },
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

beforeAll(async () => {
    server = createServer(async (req, res) => {
        const body = await readBody(req)
        requests.push({ url: req.url || '', body })
        if (req.url === '/xmlhttp.do') {
            res.writeHead(200, { 'Content-Type': 'text/plain' }).end(answer)
            return
        }
        res.writeHead(200, { 'Content-Type': 'text/html' }).end(
            `<!doctype html><html><head><title>endpoint</title></head><body><form id="f"></form>` +
                `<script>${PLATFORM_STUBS}</script><script>${DIALOG_SCRIPT}</script></body></html>`,
        )
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

async function openForm(): Promise<Page> {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })
    const page = await context.newPage()
    await page.goto(`${origin}/x_em_aws_apikey_endpoint.do`)
    return page
}

/** Every place other than the visible dialog text where the token could linger. */
async function leaks(page: Page): Promise<string[]> {
    return page.evaluate((token) => {
        const found: string[] = []
        document.querySelectorAll('*').forEach((el) => {
            for (const attr of Array.from(el.attributes)) if (attr.value.includes(token)) found.push(`attribute ${attr.name} on ${el.tagName}`)
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
}

describe('reveal dialog', () => {
    it('shows the exact endpoint, copies it byte for byte, and leaves no trace after close', async () => {
        requests.length = 0
        const page = await openForm()
        await page.evaluate(() => (window as unknown as { xEmAwsKeyReveal: { request(m: string): void } }).xEmAwsKeyReveal.request('generate'))
        const values = page.locator('.x-em-aws-value')
        await values.first().waitFor()
        expect(await values.nth(0).textContent()).toBe(ENDPOINT)
        expect(await values.nth(1).textContent()).toBe(reveal.subscribeCommand)
        expect(await values.nth(2).textContent()).toBe(reveal.cloudFormation)
        expect(await leaks(page)).toEqual(['visible text', 'DOM'])

        await page.locator('.x-em-aws-copy').first().click()
        await page.getByText('Copied').first().waitFor()
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ENDPOINT)

        await page.locator('.x-em-aws-close').click()
        expect(await page.locator('.x-em-aws-reveal').count()).toBe(0)
        expect(await leaks(page)).toEqual([])
        // The request to the instance carried only the table and record, never a token.
        const ajax = requests.filter((r) => r.url === '/xmlhttp.do')
        expect(ajax).toHaveLength(1)
        expect(new URLSearchParams(ajax[0].body).get('sysparm_name')).toBe('generate')
        expect(requests.some((r) => r.url.includes(CANARY) || r.body.includes(CANARY))).toBe(false)
        await page.context().close()
    })

    it('shows the server message and no dialog when generation fails', async () => {
        answer = JSON.stringify({ ok: false, message: 'The plugin com.glide.tokenbased_auth is not active.' })
        try {
            const page = await openForm()
            await page.evaluate(() => (window as unknown as { xEmAwsKeyReveal: { request(m: string): void } }).xEmAwsKeyReveal.request('generate'))
            await page.waitForFunction(() => (window as unknown as { __messages: unknown[] }).__messages.length > 0)
            expect(await page.evaluate(() => (window as unknown as { __messages: unknown[] }).__messages)).toEqual([
                ['error', 'The plugin com.glide.tokenbased_auth is not active.'],
            ])
            expect(await page.locator('.x-em-aws-reveal').count()).toBe(0)
            await page.context().close()
        } finally {
            answer = JSON.stringify(reveal)
        }
    })

    it('shows the placeholder help when the instance would not let the app read the key', async () => {
        const placeholder = ENDPOINT.replace(CANARY, 'PASTE-API-KEY-HERE')
        answer = JSON.stringify({ ...reveal, endpoint: placeholder, tokenShown: false, placeholderHelp: 'click the lock icon next to Token' })
        try {
            const page = await openForm()
            await page.evaluate(() => (window as unknown as { xEmAwsKeyReveal: { request(m: string): void } }).xEmAwsKeyReveal.request('generate'))
            await page.locator('.x-em-aws-value').first().waitFor()
            expect(await page.locator('.x-em-aws-value').first().textContent()).toBe(placeholder)
            expect(await page.locator('.x-em-aws-lead').textContent()).toContain('lock icon')
            expect(await page.locator('a').getAttribute('href')).toBe(reveal.keyRecordPath)
            await page.context().close()
        } finally {
            answer = JSON.stringify(reveal)
        }
    })
})
