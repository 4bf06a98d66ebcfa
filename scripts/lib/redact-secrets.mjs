// Masks the deploy's secrets in the SDK's output: every secret variable as it is, URL- and form-encoded, JSON-escaped
// (a password with quotes or backslashes inside a JSON body), and the base64 `name:secret` pair of a Basic
// Authorization header, for the user's password and for the OAuth client's secret.
export const SECRET_VARS = ['SN_SDK_USER_PWD', 'SN_SDK_OAUTH_CLIENT_SECRET', 'SN_SDK_SESSION_TOKEN', 'SN_SDK_SESSION_COOKIE', 'SN_SDK_SESSION_BEARER_TOKEN']
// Basic header pairs: [name variable, secret variable].
const BASIC_PAIRS = [
    ['SN_SDK_USER', 'SN_SDK_USER_PWD'],
    ['SN_SDK_OAUTH_CLIENT_ID', 'SN_SDK_OAUTH_CLIENT_SECRET'],
]

/** Every form of every secret in `env` that the output could show. */
export function secretForms(env) {
    const forms = new Set()
    for (const name of SECRET_VARS) {
        const v = env[name]
        if (!v) continue
        forms.add(v)
        forms.add(encodeURIComponent(v))
        forms.add(new URLSearchParams({ v }).toString().slice(2))
        forms.add(JSON.stringify(v).slice(1, -1))
    }
    for (const [nameVar, secretVar] of BASIC_PAIRS) {
        if (!env[secretVar]) continue
        const basic = Buffer.from(`${env[nameVar] ?? ''}:${env[secretVar]}`, 'utf8').toString('base64')
        forms.add(basic)
        forms.add(basic.replace(/=+$/, '')) // unpadded, as some clients print it
    }
    // Longest first, so a form that contains another is masked whole.
    return [...forms].filter((f) => f.length > 0).sort((a, b) => b.length - a.length)
}

/** Returns a function replacing every secret form with ***. */
export function redactor(env) {
    const forms = secretForms(env)
    return (text) => forms.reduce((out, v) => out.split(v).join('***'), text)
}
