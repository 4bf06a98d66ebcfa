// The real `npm run deploy` (scripts/deploy.mjs -> now-sdk install) in CI mode, against a loopback instance stub.
// One build for the whole suite: the first deploy builds and packs in a private copy of the project, every later case
// installs that copy's dist/app with --no-build. Cases run one after another (jest runs a file's tests in order).
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { closedPort, startDeployStub, STUB_TRACKER, type DeployStub, type StubOptions } from '../support/deploy-stub'
import { builtRecordFiles, cleanEnv, copyProject, removeCopy, ROOT, runDeploy, type DeployRun } from './helpers'

const nowConfig = JSON.parse(readFileSync(join(ROOT, 'now.config.json'), 'utf8')) as { scope: string; scopeId: string }
const appVersion = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version
const CI = { SN_SDK_NODE_ENV: 'SN_SDK_CI_INSTALL' }
const FLOWS = 'POST /api/now/wfa_fluent/activate_flows' // only sent when the app has flows
const INSTALL_CALLS = [
    'GET /api/now/table/sys_upgrade_history',
    'GET /api/now/table/sys_scope',
    'POST /sn_appclient_upload_processor.do',
    `GET /api/sn_cicd/progress/${STUB_TRACKER}`,
]
const BASIC_CALLS = ['POST /angular.do?sysparm_type=view_form.login', 'POST /angular.do?sysparm_type=get_user', ...INSTALL_CALLS]
const OAUTH_CALLS = [
    'POST /oauth_token.do',
    'POST /angular.do?sysparm_type=get_user',
    'GET /api/now/table/sys_scope',
    'POST /angular.do?sysparm_type=get_user',
    ...INSTALL_CALLS,
]

const basicEnv = (stub: DeployStub, extra: Record<string, string> = {}): NodeJS.ProcessEnv =>
    cleanEnv({ ...CI, SN_SDK_INSTANCE_URL: stub.url, SN_SDK_USER: stub.options.user, SN_SDK_USER_PWD: stub.options.password, ...extra })
const oauthEnv = (stub: DeployStub, extra: Record<string, string> = {}): NodeJS.ProcessEnv =>
    cleanEnv({
        ...CI,
        SN_SDK_AUTH_TYPE: 'oauth',
        SN_SDK_INSTANCE_URL: stub.url,
        SN_SDK_OAUTH_CLIENT_ID: stub.options.clientId,
        SN_SDK_OAUTH_CLIENT_SECRET: stub.options.clientSecret,
        ...extra,
    })

let work = ''
let suiteStarted = 0
let first: DeployRun
let firstStub: DeployStub
const stubs: DeployStub[] = []

async function stub(options: StubOptions = {}): Promise<DeployStub> {
    const s = await startDeployStub(options)
    stubs.push(s)
    return s
}

const secretsOf = (s: DeployStub): string[] => [s.options.password, s.options.clientSecret]

/** Fails with the deploy output in the message, every stub secret masked, so a failing test cannot print one. */
function expectExit(run: DeployRun, code: number, s: DeployStub): void {
    if (run.code === code) return
    const masked = secretsOf(s).reduce((out, secret) => out.split(secret).join('<secret>'), run.output)
    throw new Error(`deploy exited ${run.code}, expected ${code} (${run.ms} ms). Output, secrets masked:\n${masked}`)
}

function expectNoSecret(run: DeployRun, s: DeployStub): void {
    const leaked = secretsOf(s).filter((secret) => run.output.includes(secret)).length
    expect(leaked).toBe(0)
}

/** The recorded calls, without the flow activation the SDK sends only for apps with flows. */
const calls = (s: DeployStub): string[] => s.sequence().filter((c) => c !== FLOWS)

function recordsIn(zip: Buffer): Map<string, Uint8Array> {
    const files = unzipSync(new Uint8Array(zip))
    const out = new Map<string, Uint8Array>()
    for (const [name, bytes] of Object.entries(files)) {
        const rel = name.replace(/^\//, '')
        if (/^(scope|update)\/.+\.xml$/.test(rel)) out.set(rel, bytes)
    }
    return out
}

beforeAll(async () => {
    suiteStarted = Date.now()
    work = copyProject()
    firstStub = await stub()
    // The one build of the suite, through npm exactly as a pipeline runs it.
    first = await runDeploy(work, basicEnv(firstStub), [], { viaNpm: true, limitMs: 150_000 })
}, 170_000)

afterAll(async () => {
    await Promise.all(stubs.map((s) => s.close()))
    removeCopy(work)
})

describe('npm run deploy in CI mode', () => {
    it('builds, packs, then installs with basic auth', () => {
        expectExit(first, 0, firstStub)
        const out = first.output
        expect(out).toContain('Installable zip: target/')
        expect(out.indexOf('Installable zip:')).toBeLessThan(out.indexOf('Deploying to'))
        expect(out).not.toContain('Skipping the build')
        expect(out).toContain(`Deploying to ${firstStub.url} with basic auth as ${firstStub.options.user}`)
        expect(out).toContain('Installation completed')
        expect(calls(firstStub)).toEqual(BASIC_CALLS)
        // Only the CSRF hand-off answers 401; the stub refuses anything without the session cookie and X-UserToken.
        expect(firstStub.requests.filter((r) => r.path !== '/api/now/wfa_fluent/activate_flows').map((r) => r.status)).toEqual([200, 401, 200, 200, 200, 200])
        const upload = firstStub.requests.find((r) => r.path === '/sn_appclient_upload_processor.do')
        // A synchronous, tracked install of this scope at package.json's version.
        expect(upload?.query).toStrictEqual({
            sysparm_track_fluent_install: 'true',
            sysparm_async_fluent_install: 'false',
            sysparm_fluent_scope_id: nowConfig.scopeId,
            sysparm_fluent_scope_name: nowConfig.scope,
            sysparm_fluent_app_version: appVersion,
            sysparm_request_type: 'custom_app',
        })
        expectNoSecret(first, firstStub)
    })

    it('uploads, as attachFile, a zip holding every record XML of the fresh build, byte for byte', () => {
        expectExit(first, 0, firstStub)
        const appDir = join(work, 'dist', 'app')
        // Built by this deploy, not left over.
        expect(statSync(join(appDir, 'scope', `sys_app_${nowConfig.scopeId}.xml`)).mtimeMs).toBeGreaterThanOrEqual(suiteStarted - 1000)
        expect(firstStub.uploads).toHaveLength(1)
        const uploaded = recordsIn(firstStub.uploads[0])
        const built = builtRecordFiles(appDir)
        expect(built.length).toBeGreaterThan(1)
        expect([...uploaded.keys()].sort()).toEqual(built)
        const differing = built.filter((f) => !Buffer.from(uploaded.get(f) ?? []).equals(readFileSync(join(appDir, f))))
        expect(differing).toEqual([])
        expect(Object.keys(unzipSync(new Uint8Array(firstStub.uploads[0]))).map((n) => n.replace(/^\//, ''))).toContain('package_inventory.csv')
    })

    it('installs with OAuth client credentials', async () => {
        const s = await stub()
        const run = await runDeploy(work, oauthEnv(s), ['--no-build'])
        expectExit(run, 0, s)
        expect(run.output).toContain('Skipping the build (--no-build)')
        expect(run.output).toContain('with OAuth client credentials')
        expect(calls(s)).toEqual(OAUTH_CALLS)
        const token = new URLSearchParams(s.requests[0].body.toString('utf8'))
        expect(token.get('grant_type')).toBe('client_credentials')
        // The bearer token only attaches a UI session (the sys_scope call); the install itself runs on that
        // session's cookie and CSRF token, like basic auth.
        expect(s.requests[2].headers.authorization).toMatch(/^Bearer at-/)
        const upload = s.requests.find((r) => r.path === '/sn_appclient_upload_processor.do')
        expect(upload?.headers.authorization).toBeUndefined()
        expect(upload?.headers['x-usertoken']).toMatch(/^[0-9a-f]{24}$/)
        expect([...recordsIn(s.uploads[0]).keys()].sort()).toEqual(builtRecordFiles(join(work, 'dist', 'app')))
        expectNoSecret(run, s)
    })

    it('fails on a refused login, with the SDK error and what to check', async () => {
        const s = await stub({ mode: 'bad-login' })
        const run = await runDeploy(work, basicEnv(s), ['--no-build'])
        expectExit(run, 1, s)
        expect(run.output).toContain('[now-sdk] ERROR: Unauthorized')
        expect(run.output).toContain(`${s.url} refused the login`)
        expect(run.output).toContain('SN_SDK_USER_PWD')
        expect(calls(s)).toEqual(['POST /angular.do?sysparm_type=view_form.login'])
        expect(s.uploads).toHaveLength(0)
        expectNoSecret(run, s)
    })

    it('fails when the instance cannot be reached', async () => {
        const s = await stub() // never contacted: it only provides the credentials
        const port = await closedPort()
        const run = await runDeploy(work, basicEnv(s, { SN_SDK_INSTANCE_URL: `http://127.0.0.1:${port}` }), ['--no-build'])
        expectExit(run, 1, s)
        expect(run.output).toContain('[now-sdk] ERROR: fetch failed')
        expect(run.output).toContain(`Could not reach http://127.0.0.1:${port}`)
        expectNoSecret(run, s)
    })

    it("fails when the install ends in status '3', showing the instance's status message", async () => {
        const s = await stub({ mode: 'install-error', pendingPolls: 1 })
        const run = await runDeploy(work, basicEnv(s), ['--no-build'])
        expectExit(run, 1, s)
        expect(run.output).toContain(`[now-sdk] ERROR: ${s.options.statusMessage}`)
        expect(run.output).toContain('ERROR: deploy failed')
        expect(run.output).not.toContain('Installation completed')
        expect(calls(s)).toEqual([...BASIC_CALLS, `GET /api/sn_cicd/progress/${STUB_TRACKER}`])
        expect(s.uploads).toHaveLength(1)
        expectNoSecret(run, s)
    })

    it('refuses to start without the basic-auth variables, naming each, before building or sending anything', async () => {
        const s = await stub()
        // No --no-build: the check must come before the build.
        const run = await runDeploy(work, cleanEnv({ ...CI, SN_SDK_INSTANCE_URL: s.url }), [])
        expectExit(run, 2, s)
        expect(run.output).toContain('is missing 2 environment variables: SN_SDK_USER, SN_SDK_USER_PWD.')
        expect(run.output).toMatch(/^ {2}SN_SDK_USER +.*export SN_SDK_USER=/m)
        expect(run.output).toMatch(/^ {2}SN_SDK_USER_PWD +.*export SN_SDK_USER_PWD=/m)
        expect(run.output).not.toMatch(/^ {2}SN_SDK_INSTANCE_URL/m)
        expect(run.output).not.toContain('Installable zip')
        expect(run.output).not.toContain('[now-sdk]')
        expect(s.requests).toHaveLength(0)
    })

    it('people: a stored credential that does not exist stops the deploy before the build, with the --type basic hint', async () => {
        const s = await stub() // never contacted
        const alias = `no-such-alias-${process.pid}`
        // No --no-build and no SN_SDK_NODE_ENV: the stored-credential check must come before the build.
        const run = await runDeploy(work, cleanEnv({}), ['--auth', alias])
        expectExit(run, 2, s)
        expect(run.output).toContain(`ERROR: deploy needs an instance credential and found no stored credential named "${alias}"`)
        expect(run.output).toContain('Add one once: npx now-sdk auth --add https://<instance>.service-now.com --type basic')
        expect(run.output).toContain('Nothing was built or sent.')
        expect(run.output).not.toContain('Installable zip')
        expect(run.output).not.toContain('Deploying to')
        expect(s.requests).toHaveLength(0)
    })

    it('names every missing OAuth variable', async () => {
        const s = await stub()
        const run = await runDeploy(work, cleanEnv({ ...CI, SN_SDK_AUTH_TYPE: 'oauth' }), ['--no-build'])
        expectExit(run, 2, s)
        expect(run.output).toContain(
            'is missing 3 environment variables: SN_SDK_INSTANCE_URL, SN_SDK_OAUTH_CLIENT_ID, SN_SDK_OAUTH_CLIENT_SECRET.',
        )
        for (const name of ['SN_SDK_INSTANCE_URL', 'SN_SDK_OAUTH_CLIENT_ID', 'SN_SDK_OAUTH_CLIENT_SECRET']) {
            expect(run.output).toMatch(new RegExp(`^ {2}${name} +.*export ${name}=`, 'm'))
        }
        expect(run.output).not.toContain('[now-sdk]')
    })

    it('masks a secret that the instance echoes back in an error: raw, form-encoded, JSON-escaped and as a Basic pair', async () => {
        const s = await stub({ echoOAuthForm: true })
        const wrong = `cs"wr\\ong-${Date.now()}` // a quote and a backslash: JSON escapes both
        const env = oauthEnv(s, { SN_SDK_OAUTH_CLIENT_SECRET: wrong })
        const run = await runDeploy(work, env, ['--no-build'])
        expectExit(run, 1, s)
        // The stub echoed the secret; the SDK printed it; the deploy masked it.
        expect(s.requests[0].status).toBe(401)
        expect(run.output).toContain('"secret":"***"')
        expect(run.output).toContain('Basic ***')
        const jsonEscaped = JSON.stringify(wrong).slice(1, -1)
        const basic = Buffer.from(`${env.SN_SDK_OAUTH_CLIENT_ID}:${wrong}`).toString('base64')
        for (const form of [wrong, jsonEscaped, encodeURIComponent(wrong), basic, basic.replace(/=+$/, '')]) expect(run.output).not.toContain(form)
        expect(run.output).toContain('refused the OAuth client')
        expectNoSecret(run, s)
    })

    it.each([
        ['a remote host', 'http://dev12345.service-now.com'],
        ['a name that only starts like a loopback address', 'http://127.0.0.1.example.com:8080'],
        ['a private-range address', 'http://10.0.0.5'],
    ])('refuses an http:// instance URL for %s, before building or sending anything', async (_what, url) => {
        const s = await stub()
        const run = await runDeploy(work, basicEnv(s, { SN_SDK_INSTANCE_URL: url }), ['--no-build'])
        expectExit(run, 2, s)
        expect(run.output).toContain('credentials would be sent unencrypted. Use https://')
        expect(run.output).toContain('http:// is accepted only for this machine (127.0.0.0/8, localhost, [::1])')
        expect(run.output).not.toContain('[now-sdk]')
        expect(s.requests).toHaveLength(0)
        expectNoSecret(run, s)
    })

    it.each([
        ['user:password@ in the URL', 'https://admin:Sup3r-CANARY-pw@dev12345.service-now.com', true],
        ['a user name alone in the URL', 'https://admin-CANARY@dev12345.service-now.com/', true],
        ['a value that is not a URL and holds a password', 'admin:Sup3r-CANARY-pw@dev12345', false],
    ])('refuses %s, printing only the origin, before building or sending anything', async (_what, url, isUrl) => {
        const s = await stub()
        const run = await runDeploy(work, basicEnv(s, { SN_SDK_INSTANCE_URL: url }), ['--no-build'])
        expectExit(run, 2, s)
        expect(run.output).not.toContain('CANARY')
        expect(run.output).not.toContain('admin')
        if (isUrl) {
            expect(run.output).toContain('carries a user name or password (user:password@ before the host). Give only the instance, https://dev12345.service-now.com,')
        } else {
            expect(run.output).toContain('its value (not shown) is not one')
        }
        expect(s.requests).toHaveLength(0)
    })

    it('stops an install that never finishes at DEPLOY_TIMEOUT_SECONDS', async () => {
        const s = await stub({ mode: 'install-hangs' })
        const run = await runDeploy(work, basicEnv(s, { DEPLOY_TIMEOUT_SECONDS: '4' }), ['--no-build'], { limitMs: 30_000 })
        expectExit(run, 1, s)
        expect(run.output).toContain('did not finish within 4 s and was stopped')
        expect(run.ms).toBeLessThan(20_000)
        expectNoSecret(run, s)
    })
})
