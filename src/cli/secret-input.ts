// Reading the endpoint or key from a file, stdin or the environment, and scrubbing secrets from all output.
import { Buffer } from 'node:buffer'
import { readFileSync, statSync } from 'node:fs'
import process from 'node:process'
import { maskApiKey, maskEndpoint } from '../server/endpoint/aws-endpoint.ts'
import { InputError } from './cli-args.ts'

export interface SecretText {
    value: string
    /** Where it came from, for messages: a path, "stdin" or the variable name. Never the value. */
    origin: string
    warnings: string[]
}

async function readStdin(): Promise<string> {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
    return Buffer.concat(chunks).toString('utf8')
}

function describeFsError(err: unknown): string {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return 'no such file'
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
    if (code === 'EISDIR') return 'it is a directory'
    return code ? `error ${code}` : 'unreadable'
}

/**
 * The secret from `filePath` (`-` = stdin), else from the environment variable. Surrounding whitespace
 * (the trailing newline of a file) is dropped; anything inside is left for validation to judge.
 */
export async function readSecret(what: string, flag: string, filePath: string | undefined, envName: string): Promise<SecretText> {
    const warnings: string[] = []
    let raw: string
    let origin: string
    if (filePath === '-') {
        raw = await readStdin()
        origin = 'stdin'
    } else if (filePath !== undefined) {
        origin = filePath
        try {
            raw = readFileSync(filePath, 'utf8')
        } catch (err) {
            throw new InputError(`${flag}: cannot read ${filePath}: ${describeFsError(err)}`)
        }
        try {
            if ((statSync(filePath).mode & 0o077) !== 0) {
                warnings.push(`${filePath} holds a secret but other users can read it; run chmod 600 on it`)
            }
        } catch {
            // The file was just read; a failing stat only loses the warning.
        }
    } else if (process.env[envName] !== undefined && process.env[envName] !== '') {
        raw = process.env[envName] as string
        origin = envName
    } else {
        throw new InputError(`no ${what} given: use ${flag} <path>, ${flag} - (stdin) or the ${envName} environment variable`)
    }
    const value = raw.trim()
    if (value === '') throw new InputError(`${flag}: the ${what} from ${origin} is empty`)
    return { value, origin, warnings }
}

/** Scrubs known secrets and anything key-shaped from text before it is printed. */
export class Redactor {
    private readonly secrets: { text: string; mask: string }[] = []

    /** Registers a secret in every form it could be printed in: raw, percent-encoded and JSON-escaped. */
    add(secret: string, mask: string): void {
        if (secret.length < 4) return
        const forms = new Set([secret, JSON.stringify(secret).slice(1, -1)])
        try {
            forms.add(encodeURIComponent(secret))
        } catch {
            // Unpaired surrogate: there is no encoded form to hide.
        }
        for (const text of forms) this.secrets.push({ text, mask })
        // Longest first, so a secret containing another is replaced whole.
        this.secrets.sort((a, b) => b.text.length - a.text.length)
    }

    addKey(key: string): void {
        this.add(key, maskApiKey(key))
    }

    addEndpoint(endpoint: string): void {
        this.add(endpoint, maskEndpoint(endpoint))
    }

    clean(text: string): string {
        let out = text
        for (const s of this.secrets) out = out.split(s.text).join(s.mask)
        // Query form (name=value) and JSON form ("name":"value"); prose such as "x-sn-apikey: contains" stays.
        out = out.replace(/(x-sn-apikey(?:=|%3D|"\s*:\s*"))([^&\s"'#\\]+)/gi, (_m, name: string, value: string) =>
            value.startsWith('now_…') || value === '…' ? name + value : name + '…',
        )
        return out.replace(/(^|[^A-Za-z0-9])now_([A-Za-z0-9._~%+/=-]{5,})/g, (m, lead: string, body: string) =>
            body.startsWith('…') ? m : lead + maskApiKey('now_' + body),
        )
    }
}
