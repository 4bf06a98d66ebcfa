// `npm start` end to end: the playground runs as a child process (the command npm start runs), headless Chromium
// (test/support/chromium-executable.ts) drives its pages as a newcomer would, and the compiled sn-aws-verify checks
// the revealed endpoint through the playground's Event Management HTTPS stub with the command the playground printed.
// The plain token must never reach the playground's log, and stopping it must leave nothing in its temp dir.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, type Page, chromium } from 'playwright-core'
import { CANARY } from '../support/app-on-instance'
import { findChromium } from '../support/chromium-executable'

const ROOT = join(__dirname, '..', '..')
const TOPIC = 'arn:aws:sns:eu-west-1:210987654321:prod-alarms'

interface Started {
    child: ChildProcess
    tmp: string
    url: string
    verifyCommand: string
    /** Everything the playground printed so far, stdout and stderr. */
    output(): string
    exited: Promise<number | null>
}

/** Starts `node playground/start.cjs` (what npm start runs) with its own TMPDIR and waits for the URL it prints. */
function startPlayground(args: string[] = []): Promise<Started> {
    const tmp = mkdtempSync(join(tmpdir(), 'playground-test-'))
    const child = spawn(process.execPath, [join(ROOT, 'playground', 'start.cjs'), ...args], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] })
    let text = ''
    child.stdout?.on('data', (c: Buffer) => (text += c.toString('utf8')))
    child.stderr?.on('data', (c: Buffer) => (text += c.toString('utf8')))
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    let started = false
    return new Promise((resolve, reject) => {
        const timer = setInterval(() => {
            const url = /^Open: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(text)
            if (url) {
                clearInterval(timer)
                started = true
                const verify = /^ {2}(NODE_EXTRA_CA_CERTS=\S+ npx sn-aws-verify verify --endpoint-file - --connect-to \S+)$/m.exec(text)
                if (!verify) return reject(new Error(`no verify command in:\n${text}`))
                resolve({ child, tmp, url: url[1], verifyCommand: verify[1], output: () => text, exited })
            }
        }, 100)
        exited.then((code) => {
            if (started) return
            clearInterval(timer)
            rmSync(tmp, { recursive: true, force: true })
            reject(new Error(`the playground exited (${code}) before printing its URL:\n${text}`))
        })
    })
}

/** Stops it as Ctrl-C does; it must exit 0 and leave its temp dir empty. */
async function stopPlayground(started: Started): Promise<{ code: number | null; left: string[] }> {
    started.child.kill('SIGINT')
    const code = await started.exited
    const left = readdirSync(started.tmp)
    rmSync(started.tmp, { recursive: true, force: true })
    return { code, left }
}

/** Runs the printed command in a shell, in the repository folder, with the endpoint on stdin. */
function runPrinted(command: string, stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn('sh', ['-c', command], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME }, stdio: ['pipe', 'pipe', 'pipe'] })
        let stdout = ''
        let stderr = ''
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')))
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
        child.on('error', reject)
        child.on('close', (code) => resolve({ code, stdout, stderr }))
        child.stdin.end(stdin)
    })
}

let browser: Browser

beforeAll(async () => {
    const found = await findChromium()
    browser = await chromium.launch({
        executablePath: found.path,
        env: found.env,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
})

afterAll(async () => {
    await browser?.close()
})

async function openPage(url: string): Promise<Page> {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })
    const page = await context.newPage()
    // Repair with restrictions and Revoke ask with the browser's confirm(): the admin says yes.
    page.on('dialog', (d) => void d.accept())
    await page.goto(url)
    return page
}

/** Setup check, then Repair, then Repair and apply API restrictions on the run record Repair opened. */
async function repair(page: Page): Promise<string> {
    await page.getByRole('link', { name: 'Setup check' }).first().click()
    await page.getByRole('button', { name: 'Repair', exact: true }).click()
    await page.waitForURL(/x_em_aws_apikey_setup_run\.do\?sys_id=/)
    await page.getByRole('button', { name: 'Repair and apply API restrictions' }).click()
    await page.waitForLoadState()
    await page.getByRole('button', { name: 'Run setup check' }).click()
    await page.waitForLoadState()
    return page.locator('#messages').innerText()
}

async function openEndpointForm(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'AWS endpoints' }).click()
    await page.locator('table.list a').first().click()
    await page.waitForURL(/x_em_aws_apikey_endpoint\.do\?sys_id=/)
}

async function generate(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Generate API key & AWS endpoint' }).click()
    await page.locator('.x-em-aws-issue').click()
    await page.locator('.x-em-aws-reveal').waitFor()
}

describe('npm start (the playground)', () => {
    let started: Started

    beforeAll(async () => {
        started = await startPlayground()
    }, 120000)

    afterAll(async () => {
        if (started && started.child.exitCode === null) await stopPlayground(started)
    })

    it('prints one URL to open, on loopback, and the verify command through its EM stub', () => {
        expect(started.output().match(/https?:\/\/[^\s/]+/g)?.filter((u) => !u.includes('service-now.com'))).toEqual([started.url.slice(0, -1)])
        expect(started.verifyCommand).toMatch(new RegExp(`^NODE_EXTRA_CA_CERTS=${started.tmp}/sn-aws-playground-\\w+/em-ca\\.crt npx sn-aws-verify verify --endpoint-file - --connect-to dev00000\\.service-now\\.com:443:127\\.0\\.0\\.1:\\d+$`))
    })

    it('runs Repair, Generate shows the verdict and the endpoint to copy, and sn-aws-verify gets it accepted, then refused after Revoke', async () => {
        const page = await openPage(started.url)
        expect(await repair(page)).toBe('All links pass.')

        await openEndpointForm(page)
        const buttons = () => page.locator('#f .actions button').allTextContents()
        // Each button shows where its shipped condition (AwsEndpointKeyButtons) says it can succeed.
        expect(await buttons()).toEqual(['Update', 'Generate API key & AWS endpoint'])
        await page.locator('#fld-topic_arn').fill(TOPIC)
        await page.getByRole('button', { name: 'Update' }).click()
        await page.waitForLoadState()
        expect(await page.locator('#messages').innerText()).toBe('Record updated.')
        await generate(page)
        const verdict = page.locator('.x-em-aws-verdict-accepted')
        expect(await verdict.innerText()).toMatch(/Probe passed: the key works/)
        const values = await page.locator('.x-em-aws-value').allTextContents()
        const endpoint = values[0]
        const connector = /sys_id=([0-9a-f]{32})/.exec(endpoint)?.[1]
        const token = /x-sn-apikey=([^&]+)$/.exec(endpoint)?.[1] ?? ''
        expect(endpoint).toBe(`https://dev00000.service-now.com/api/sn_em_connector/em/inbound_event?source=aws&sys_id=${connector}&x-sn-apikey=${token}`)
        expect(token).toMatch(/^now_\w{20,}$/)
        expect(values[1]).toBe(`aws sns subscribe --topic-arn '${TOPIC}' --protocol https --notification-endpoint '${endpoint}'`)
        await page.locator('.x-em-aws-copy').first().click()
        await page.waitForFunction(() => document.querySelector('.x-em-aws-copy')?.textContent === 'Copied')
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(endpoint)
        await page.locator('.x-em-aws-close').click()
        expect(await page.locator('.x-em-aws-reveal').count()).toBe(0)
        expect(await page.content()).not.toContain(token)
        await page.reload()
        expect(await buttons()).toEqual(['Update', 'Rotate API key', 'Send test alarm', 'Revoke API key'])

        const accepted = await runPrinted(started.verifyCommand, `${endpoint}\n`)
        expect({ code: accepted.code, stderr: accepted.stderr }).toEqual({ code: 0, stderr: '' })
        expect(accepted.stdout).toMatch(/accepted/i)
        // The alarm sn-aws-verify sent became an event on the instance, in the integration user's session.
        await page.reload()
        expect(await page.locator('table.em-events tr').nth(1).innerText()).toMatch(/aws.*aws\.sns\.integration/is)

        await page.getByRole('button', { name: 'Revoke API key' }).click()
        await page.waitForLoadState()
        expect(await page.locator('.msg-info').innerText()).toMatch(/revoked/i)
        const refused = await runPrinted(started.verifyCommand, `${endpoint}\n`)
        expect(refused.code).toBe(2)
        expect(refused.stdout).toMatch(/401/)

        // The playground logged each EM request, with the key hidden, and never the token anywhere.
        expect(started.output()).toMatch(/\[em\] POST \/api\/sn_em_connector\/em\/inbound_event\?source=aws&sys_id=[0-9a-f]{32}&x-sn-apikey=\(hidden\) -> 200/)
        expect(started.output()).toMatch(/x-sn-apikey=\(hidden\) -> 401/)
        expect(started.output()).not.toContain(token)
        expect(started.output()).not.toContain(CANARY)
        await page.context().close()
    })

    it('Send test alarm runs the shipped server script and records the verdict on the form', async () => {
        const page = await openPage(started.url)
        await openEndpointForm(page)
        await generate(page)
        await page.locator('.x-em-aws-close').click()
        await page.reload()
        await page.getByRole('button', { name: 'Send test alarm' }).click()
        await page.waitForLoadState()
        expect(await page.locator('.msg-error').count()).toBe(0)
        expect(await page.locator('.msg-info').innerText()).toMatch(/accepted/i)
        expect(await page.locator('td.fld-last_probe_result').innerText()).toMatch(/^accepted/)
        await page.context().close()
    })

    it('refuses a POST without the session token and a request under another host name', async () => {
        const port = new URL(started.url).port
        const ajax = await fetch(`${started.url}xmlhttp.do`, { method: 'POST', body: 'sysparm_processor=x_em_aws_apikey.AwsEndpointKeyAjax&sysparm_name=generate' })
        expect(ajax.status).toBe(401)
        // fetch() will not send another Host header; http.request does, as a DNS-rebinding page would reach it.
        const rebound = await new Promise<number>((resolve, reject) => {
            http.get({ host: '127.0.0.1', port, path: '/', headers: { Host: `attacker.example:${port}` } }, (res) => {
                res.resume()
                resolve(res.statusCode ?? 0)
            }).on('error', reject)
        })
        expect(rebound).toBe(421)
    })

    it('stops on Ctrl-C, closes its servers and leaves nothing in its temp dir', async () => {
        const { code, left } = await stopPlayground(started)
        expect({ code, left }).toEqual({ code: 0, left: [] })
        await expect(fetch(started.url)).rejects.toThrow()
    })
})

describe('npm start -- --instance <fixture>', () => {
    let dir: string
    beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'playground-fixture-'))))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('plays the instance the fixture describes: without a readable token the dialog blocks ("Not proven yet") and offers nothing to copy', async () => {
        const fixture = join(dir, 'no-token.json')
        writeFileSync(fixture, JSON.stringify({ switches: { tokenClient: 'no_token', emPolicyShipped: 'query_and_header' } }))
        const started = await startPlayground(['--instance', fixture])
        try {
            expect(started.output()).toContain(`Instance facts: no-token, platform switches from ${fixture}.`)
            const page = await openPage(started.url)
            // The switches the instance double runs with, as the home page reads them from it.
            expect(await page.locator('table.switches').innerText()).toMatch(/emPolicyShipped\s+query_and_header[^]*tokenClient\s+no_token/)
            await repair(page)
            await openEndpointForm(page)
            await generate(page)
            // Not proven (no readable token, nothing says the key is bad): the dialog blocks, nothing to copy.
            expect(await page.locator('.x-em-aws-verdict-blocked h4').innerText()).toBe('Not proven yet: do the step below before you rely on this endpoint')
            expect(await page.locator('.x-em-aws-value').count()).toBe(0)
            await page.context().close()
        } finally {
            const { code, left } = await stopPlayground(started)
            expect({ code, left }).toEqual({ code: 0, left: [] })
        }
    }, 120000)

    it('plays E2: Repair names the REST API form step; the admin picks it on the policy form, and the key is proven', async () => {
        const fixture = join(dir, 'api-write-ignored.json')
        writeFileSync(fixture, JSON.stringify({ switches: { policyApiWrite: 'ignored' } }))
        const started = await startPlayground(['--instance', fixture])
        try {
            const page = await openPage(started.url)
            const policyName = 'AWS SNS Event API Keys - Event Management inbound API'
            // Repair stops before anything restricts; the check's report names the form step, with the form's link.
            expect(await repair(page)).toBe('1 link(s) fail. 1 change(s) need confirmation.')
            const report = await page.locator('.fld-report').innerText()
            const policySysId = new RegExp(`found: policy ${policyName} \\(([0-9a-f]{32})\\)`).exec(report)?.[1]
            const step = `Open the API access policy "${policyName}" (sys_api_access_policy.do?sys_id=${policySysId}) and pick REST API = "Event Management Inbound", then save (the instance ignores this field when a script writes it).`
            // Named where the check says what to do, and in the list of what blocked Repair.
            expect(report.split('\n').filter((line) => line.includes('pick REST API'))).toEqual([`    to do: ${step}`, `  - ${step}`])
            // The form the step names: the admin picks the REST API and saves (a form write, which the instance keeps).
            await page.getByRole('link', { name: 'API access policies' }).click()
            await page.getByRole('link', { name: policyName }).click()
            await page.waitForURL(/sys_api_access_policy\.do\?sys_id=/)
            await page.locator('#fld-api').selectOption({ label: 'Event Management Inbound' })
            await page.getByRole('button', { name: 'Update' }).click()
            await page.waitForLoadState()
            expect(await page.locator('#messages').innerText()).toBe('Record updated.')
            expect(await repair(page)).toBe('All links pass.')
            await openEndpointForm(page)
            await generate(page)
            expect(await page.locator('.x-em-aws-verdict-accepted').innerText()).toMatch(/Probe passed: the key works/)
            await page.context().close()
        } finally {
            const { code, left } = await stopPlayground(started)
            expect({ code, left }).toEqual({ code: 0, left: [] })
        }
    }, 120000)

    it('names the fixture problem and exits without starting', async () => {
        const fixture = join(dir, 'bad.json')
        writeFileSync(fixture, JSON.stringify({ switches: { tokenClient: 'sometimes' } }))
        await expect(startPlayground(['--instance', fixture])).rejects.toThrow(/platform switch tokenClient has no setting "sometimes"\. Settings: returns_token, no_token\./)
    })
})
