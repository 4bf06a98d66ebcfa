// The deploy's output filter (scripts/lib/redact-secrets.mjs), run through node as the deploy runs it.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const MODULE = join(__dirname, '..', '..', 'scripts', 'lib', 'redact-secrets.mjs')

function redact(env: Record<string, string>, text: string): string {
    const script = `import { redactor } from ${JSON.stringify(MODULE)}
const [env, text] = JSON.parse(process.argv[1])
process.stdout.write(redactor(env)(text))`
    const res = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify([env, text])], { encoding: 'utf8' })
    if (res.status !== 0) throw new Error(res.stderr)
    return res.stdout
}

const PASSWORD = 'p"a\\\\ss w&rd=é' // quote, backslash, space, form and URL specials, non-ASCII
const basic = (pair: string): string => Buffer.from(pair, 'utf8').toString('base64')

describe('deploy output redaction', () => {
    const env = { SN_SDK_USER: 'deployer1', SN_SDK_USER_PWD: PASSWORD, SN_SDK_OAUTH_CLIENT_ID: 'cid', SN_SDK_OAUTH_CLIENT_SECRET: 'cs-1' }

    it.each([
        ['as it is', PASSWORD],
        ['URL-encoded', encodeURIComponent(PASSWORD)],
        ['form-encoded', new URLSearchParams({ v: PASSWORD }).toString().slice(2)],
        ['JSON-escaped', JSON.stringify(PASSWORD).slice(1, -1)],
        ['as the Basic header value of user:password', basic(`deployer1:${PASSWORD}`)],
        ['as the Basic header value of client_id:client_secret', basic('cid:cs-1')],
    ])('masks the secret %s', (_how, form) => {
        expect(redact(env, `before ${form} after`)).toBe('before *** after')
    })

    it('masks an unpadded Basic value and leaves other text alone', () => {
        const unpadded = basic(`deployer1:${PASSWORD}`).replace(/=+$/, '')
        expect(unpadded).not.toBe(basic(`deployer1:${PASSWORD}`)) // this pair does need padding, so the case is real
        expect(redact(env, `Authorization: Basic ${unpadded}`)).toBe('Authorization: Basic ***')
        expect(redact(env, 'deployer logged in to cid')).toBe('deployer logged in to cid')
    })

    // The SDK's pre-authenticated session variables (its auth module reads them before any stored credential).
    it.each(['SN_SDK_SESSION_TOKEN', 'SN_SDK_SESSION_COOKIE', 'SN_SDK_SESSION_BEARER_TOKEN'])('masks the session secret %s in every form', (name) => {
        const value = `glide_session_store=AB"c\\d/${name.length}+x`
        const text = [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)].join(' | ')
        expect(redact({ [name]: value }, text)).toBe('*** | *** | ***')
    })

    it('masks nothing when no secret is set', () => {
        expect(redact({ SN_SDK_USER: 'deployer' }, 'deployer: ZGVwbG95ZXI6')).toBe('deployer: ZGVwbG95ZXI6')
    })
})
