// npm run deploy: build and pack the app, then `now-sdk install` it on an instance.
//
//   People: authenticate once with `npx now-sdk auth --add <instance> --type basic` (or oauth), then
//           `npm run deploy` (add `-- --auth <alias>` for a credential that is not the default).
//   Pipelines: SN_SDK_NODE_ENV=SN_SDK_CI_INSTALL, SN_SDK_INSTANCE_URL, and either SN_SDK_USER + SN_SDK_USER_PWD
//           or SN_SDK_AUTH_TYPE=oauth + SN_SDK_OAUTH_CLIENT_ID + SN_SDK_OAUTH_CLIENT_SECRET (`npx now-sdk explain ci-integration`).
//
// Options: --no-build installs the current dist/app as it is (`npm run deploy -- --no-build`: npm keeps options
// before `--` for itself). Every other argument goes to `now-sdk install`.
// DEPLOY_TIMEOUT_SECONDS (default 900) bounds the install: the SDK itself polls the install progress forever.
// Exit codes: 0 installed, 1 build or install failed, 2 no credential: the CI variables are missing or invalid, or
// (people) no stored credential (nothing was built or sent).
import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { redactor } from './lib/redact-secrets.mjs'
import { ROOT, run } from './lib/run.mjs'

const CI_MODE = 'SN_SDK_CI_INSTALL'
const NOW_SDK = join(ROOT, 'node_modules', '.bin', 'now-sdk')
// The deploy output must never show a secret. The SDK echoes up to 200 characters of a failed OAuth answer, and some
// servers echo the submitted form in it, so the child's output is filtered (scripts/lib/redact-secrets.mjs), not trusted.
const HELP = {
    SN_SDK_INSTANCE_URL: ['the instance to install to', 'export SN_SDK_INSTANCE_URL=https://<instance>.service-now.com'],
    SN_SDK_USER: ['an instance user with the admin role', 'export SN_SDK_USER=<user name>'],
    SN_SDK_USER_PWD: ["that user's password, from your secret store", 'export SN_SDK_USER_PWD="$SECRET_FROM_YOUR_STORE"'],
    SN_SDK_OAUTH_CLIENT_ID: ['client_id of the OAuth Application Registry entry', 'export SN_SDK_OAUTH_CLIENT_ID=<client id>'],
    SN_SDK_OAUTH_CLIENT_SECRET: ['its client_secret, from your secret store', 'export SN_SDK_OAUTH_CLIENT_SECRET="$SECRET_FROM_YOUR_STORE"'],
}

const has = (name) => (process.env[name] ?? '').trim() !== ''
/** The instance as printed: its origin only (set by checkCiEnv). */
let shownInstance = 'the instance'

function fail(code, lines) {
    console.error(lines.join('\n'))
    process.exit(code)
}

/** 127.0.0.0/8, localhost or [::1], as WHATWG URL normalises them (so 127.1 is already 127.0.0.1). */
function isLoopback(hostname) {
    return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
}

/** CI mode: every variable the SDK will need, checked before any build or network call. Returns a one-line summary. */
function checkCiEnv(env) {
    const authType = (env.SN_SDK_AUTH_TYPE ?? '').trim() || 'basic'
    if (authType !== 'basic' && authType !== 'oauth') {
        fail(2, [
            `ERROR: SN_SDK_AUTH_TYPE is "${env.SN_SDK_AUTH_TYPE}"; it must be "basic" (or unset) or "oauth".`,
            'Nothing was built or sent.',
        ])
    }
    const required =
        authType === 'basic'
            ? ['SN_SDK_INSTANCE_URL', 'SN_SDK_USER', 'SN_SDK_USER_PWD']
            : ['SN_SDK_INSTANCE_URL', 'SN_SDK_OAUTH_CLIENT_ID', 'SN_SDK_OAUTH_CLIENT_SECRET']
    const missing = required.filter((name) => !has(name))
    if (missing.length > 0) {
        const width = Math.max(...missing.map((n) => n.length))
        fail(2, [
            `ERROR: deploy in CI mode (SN_SDK_NODE_ENV=${CI_MODE}, ${authType} auth) is missing ${missing.length} environment variable${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`,
            'Set each one in the pipeline environment (secrets from its secret store, never in the repository):',
            ...missing.map((n) => `  ${n.padEnd(width)}  ${HELP[n][0]}:  ${HELP[n][1]}`),
            authType === 'basic'
                ? 'For OAuth instead: SN_SDK_AUTH_TYPE=oauth with SN_SDK_OAUTH_CLIENT_ID and SN_SDK_OAUTH_CLIENT_SECRET.'
                : 'For basic auth instead: unset SN_SDK_AUTH_TYPE and set SN_SDK_USER and SN_SDK_USER_PWD.',
            'In GitHub Actions, map repository secrets in the step, e.g. `env: { SN_SDK_USER_PWD: ${{ secrets.SN_PASSWORD }} }`.',
            'See `npx now-sdk explain ci-integration`. Nothing was built or sent.',
        ])
    }
    let url
    try {
        url = new URL(env.SN_SDK_INSTANCE_URL.trim())
    } catch {
        url = null
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
        // The value is not echoed: it may hold a password (user:password@...).
        fail(2, [
            'ERROR: SN_SDK_INSTANCE_URL must be a full URL such as https://<instance>.service-now.com; its value (not shown) is not one.',
            'Nothing was built or sent.',
        ])
    }
    // user:password@ in the URL would travel to the SDK and into logs; the credentials belong in their own variables.
    if (url.username !== '' || url.password !== '') {
        fail(2, [
            `ERROR: SN_SDK_INSTANCE_URL carries a user name or password (user:password@ before the host). Give only the instance, ${url.origin}, and the credentials in SN_SDK_USER and SN_SDK_USER_PWD (or the OAuth variables), from your secret store.`,
            'If a real password was in the URL, it may be in the pipeline log or history of whoever set it: consider changing it. Nothing was built or sent.',
        ])
    }
    // Over plain http the password (or client secret) and the session would cross the network readable by anyone on
    // the path. Only this machine's own addresses are exempt (a local stub or tunnel).
    if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
        fail(2, [
            `ERROR: SN_SDK_INSTANCE_URL is http://${url.host}: credentials would be sent unencrypted. Use https://${url.host}${url.pathname === '/' ? '' : url.pathname}.`,
            'http:// is accepted only for this machine (127.0.0.0/8, localhost, [::1]). Nothing was built or sent.',
        ])
    }
    // The SDK appends "/oauth_token.do" etc. to the raw value, so a trailing slash would make "//oauth_token.do".
    env.SN_SDK_INSTANCE_URL = env.SN_SDK_INSTANCE_URL.trim().replace(/\/+$/, '')
    // Only the origin is ever printed: nothing of a path or query the variable may carry.
    shownInstance = url.origin
    return authType === 'basic' ? `${url.origin} with basic auth as ${env.SN_SDK_USER}` : `${url.origin} with OAuth client credentials`
}

/** Pipes a stream through `redact` line by line (a secret is never split across two writes) and keeps a tail. */
function relay(stream, sink, redact, tail) {
    let pending = ''
    const emit = (text) => {
        const clean = redact(text)
        sink.write(clean)
        tail.push(clean)
        if (tail.length > 400) tail.splice(0, tail.length - 400)
    }
    stream.setEncoding('utf8')
    stream.on('data', (chunk) => {
        pending += chunk
        const cut = pending.lastIndexOf('\n')
        if (cut < 0) return
        emit(pending.slice(0, cut + 1))
        pending = pending.slice(cut + 1)
    })
    return () => {
        if (pending) emit(pending)
        pending = ''
    }
}

function hintFor(output, ciMode, env) {
    const where = ciMode ? shownInstance : 'the instance'
    if (/fetch failed|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET/.test(output)) {
        return `Could not reach ${where}. Check the URL${ciMode ? ' in SN_SDK_INSTANCE_URL' : ''}, the network, and that the instance is awake (developer instances hibernate).`
    }
    if (/Default Credential has not been set|Could not find stored credentials/.test(output)) {
        return `No stored credential: run \`${ADD_CREDENTIAL}\` once (or pass \`-- --auth <alias>\`), or set the CI variables (see \`npx now-sdk explain ci-integration\`).`
    }
    if (/Unauthorized|\b401\b|invalid_client|access_denied|Insufficient permissions/.test(output)) {
        return ciMode && env.SN_SDK_AUTH_TYPE?.trim() === 'oauth'
            ? `${where} refused the OAuth client: check SN_SDK_OAUTH_CLIENT_ID and SN_SDK_OAUTH_CLIENT_SECRET, and the OAuth setup in \`npx now-sdk explain ci-integration\`.`
            : `${where} refused the login: check the user name and password${ciMode ? ' (SN_SDK_USER, SN_SDK_USER_PWD)' : ''} and that the user has the admin role.`
    }
    return 'The instance rejected the install; its message is above. The install log is in sys_upgrade_history on the instance.'
}

const ADD_CREDENTIAL = 'npx now-sdk auth --add https://<instance>.service-now.com --type basic'

/**
 * People: the stored credential the install will use (`alias`, or the default one), read with `now-sdk auth --list`
 * before anything is built. Returns null when there is one, else the lines that say what to do.
 */
function missingStoredCredential(alias, env) {
    const list = spawnSync(NOW_SDK, ['auth', '--list'], { cwd: ROOT, env: { ...env, FORCE_COLOR: '0' }, encoding: 'utf8' })
    // eslint-disable-next-line no-control-regex -- colour codes around the alias names
    const text = `${list.stdout ?? ''}${list.stderr ?? ''}`.replace(/\u001b\[[0-9;]*m/g, '')
    const entries = [...text.matchAll(/^(\*?)\[(.+)\]\s*$/gm)].map((m) => ({ alias: m[2], isDefault: m[1] === '*' }))
    const found = alias === undefined ? entries.some((e) => e.isDefault) : entries.some((e) => e.alias === alias)
    if (list.status === 0 && found) return null
    const what = alias === undefined ? 'no default stored credential' : `no stored credential named "${alias}"`
    return [
        `ERROR: deploy needs an instance credential and found ${what} (npx now-sdk auth --list).`,
        `Add one once: ${ADD_CREDENTIAL}`,
        '  (--type oauth for an OAuth client; `npx now-sdk auth --use <alias>` makes an existing one the default,',
        '  `npm run deploy -- --auth <alias>` picks one for this run).',
        `Pipelines: set SN_SDK_NODE_ENV=${CI_MODE} and the SN_SDK_* variables instead (npx now-sdk explain ci-integration).`,
        'Nothing was built or sent.',
    ]
}

const args = process.argv.slice(2)
const build = !args.includes('--no-build')
const installArgs = args.filter((a) => a !== '--no-build')
const env = { ...process.env }
const ciMode = env.SN_SDK_NODE_ENV === CI_MODE

const aliasArg = installArgs.findIndex((a) => a === '--auth' || a === '-a')
const alias = aliasArg >= 0 ? installArgs[aliasArg + 1] : installArgs.find((a) => a.startsWith('--auth='))?.slice(7)
let target = alias ? `the instance of stored credential "${alias}"` : 'the instance of the default stored credential'
if (ciMode) {
    target = checkCiEnv(env)
    if (alias !== undefined) {
        console.log('WARN: --auth is ignored in CI mode; the SN_SDK_* variables are used.')
    }
    for (const name of ['SN_SDK_SESSION_TOKEN', 'SN_SDK_SESSION_BEARER_TOKEN']) {
        if (has(name)) console.log(`WARN: ${name} is set; the SDK uses that session instead of the CI credentials.`)
    }
} else {
    if (has('SN_SDK_NODE_ENV')) console.log(`WARN: SN_SDK_NODE_ENV is "${env.SN_SDK_NODE_ENV}", not ${CI_MODE}: CI mode is off.`)
    const ignored = ['SN_SDK_USER', 'SN_SDK_USER_PWD', 'SN_SDK_OAUTH_CLIENT_ID', 'SN_SDK_OAUTH_CLIENT_SECRET'].filter(has)
    if (ignored.length > 0) {
        console.log(`WARN: ${ignored.join(', ')} ${ignored.length > 1 ? 'are' : 'is'} ignored unless SN_SDK_NODE_ENV=${CI_MODE}; using the stored credential.`)
    }
    // A pre-authenticated session (SN_SDK_SESSION_*) replaces the stored credential in the SDK.
    const session = has('SN_SDK_SESSION_TOKEN') || has('SN_SDK_SESSION_BEARER_TOKEN')
    const missing = session ? null : missingStoredCredential(alias, env)
    if (missing) fail(2, missing)
}

if (build) {
    // build.mjs builds and packs; install then packs dist/app again, so the upload is always this build.
    if (run(process.execPath, [join(ROOT, 'scripts', 'build.mjs')]) !== 0) {
        fail(1, ['ERROR: deploy stopped: the build failed, nothing was installed.'])
    }
} else {
    console.log('Skipping the build (--no-build): installing dist/app as it is.')
}

const timeoutSeconds = Number(env.DEPLOY_TIMEOUT_SECONDS ?? '') > 0 ? Number(env.DEPLOY_TIMEOUT_SECONDS) : 900
console.log(`Deploying to ${target} ...`)
const started = Date.now()
const redact = redactor(env)
const tail = []
const child = spawn(NOW_SDK, ['install', ...installArgs], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
const flushOut = relay(child.stdout, process.stdout, redact, tail)
const flushErr = relay(child.stderr, process.stderr, redact, tail)
// A cancelled pipeline signals this process; pass it on so the SDK does not outlive it.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
let timedOut = false
const timer = setTimeout(() => {
    timedOut = true
    child.kill('SIGTERM')
    setTimeout(() => child.kill('SIGKILL'), 5000).unref()
}, timeoutSeconds * 1000)

const result = await new Promise((resolve) => {
    child.on('error', (error) => resolve({ code: 127, error }))
    child.on('close', (code, signal) => resolve({ code, signal }))
})
clearTimeout(timer)
flushOut()
flushErr()
const seconds = ((Date.now() - started) / 1000).toFixed(1)

if (result.error) fail(127, [`ERROR: could not start ${NOW_SDK}: ${result.error.message}. Run npm ci first.`])
if (timedOut) {
    fail(1, [
        `ERROR: now-sdk install did not finish within ${timeoutSeconds} s and was stopped (DEPLOY_TIMEOUT_SECONDS).`,
        'The instance may still be installing: check sys_upgrade_history there before deploying again.',
    ])
}
if (result.code !== 0) {
    fail(result.code || 1, [
        `ERROR: deploy failed: now-sdk install exited with ${result.code ?? result.signal} after ${seconds} s; its error is above.`,
        hintFor(tail.join(''), ciMode, env),
    ])
}
console.log(`Deployed in ${seconds} s.`)
