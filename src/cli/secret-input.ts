// Reading the endpoint or key from a file, stdin or the environment, and scrubbing secrets from all output.
import { Buffer } from 'node:buffer'
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import process from 'node:process'
import { maskApiKey, maskEndpoint } from '../server/endpoint/aws-endpoint.ts'
import { InputError } from './cli-args.ts'

export interface SecretText {
    value: string
    /** Where it came from, for messages: a path, "stdin" or the variable name. Never the value. */
    origin: string
    warnings: string[]
}

/** An endpoint is under 2 KB; anything far bigger is not one (and /dev/zero or an endless pipe must not fill memory). */
export const MAX_SECRET_BYTES = 16 * 1024

function tooBig(flag: string, origin: string): InputError {
    return new InputError(`${flag}: ${origin} is larger than ${MAX_SECRET_BYTES} bytes: not an endpoint or key file`)
}

async function readStdin(flag: string): Promise<string> {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of process.stdin) {
        const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
        size += b.length
        if (size > MAX_SECRET_BYTES) {
            process.stdin.destroy()
            throw tooBig(flag, 'stdin')
        }
        chunks.push(b)
    }
    return Buffer.concat(chunks).toString('utf8')
}

/** Reads a regular file of at most MAX_SECRET_BYTES; refuses FIFOs, devices and directories before reading. */
function readSmallRegularFile(filePath: string, flag: string): { text: string; mode: number } {
    let fd: number
    try {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; the fstat below refuses it anyway.
        fd = openSync(filePath, constants.O_RDONLY | constants.O_NONBLOCK)
    } catch (err) {
        throw new InputError(`${flag}: cannot read ${filePath}: ${describeFsError(err)}`)
    }
    try {
        const st = fstatSync(fd)
        if (st.isDirectory()) throw new InputError(`${flag}: cannot read ${filePath}: it is a directory`)
        if (!st.isFile()) throw new InputError(`${flag}: ${filePath} is not a regular file (a device, pipe or socket); give the path of a file`)
        if (st.size > MAX_SECRET_BYTES) throw tooBig(flag, filePath)
        const buffer = Buffer.alloc(MAX_SECRET_BYTES + 1)
        let read = 0
        for (;;) {
            const n = readSync(fd, buffer, read, buffer.length - read, null)
            if (n === 0) break
            read += n
            if (read > MAX_SECRET_BYTES) throw tooBig(flag, filePath)
        }
        return { text: buffer.subarray(0, read).toString('utf8'), mode: st.mode }
    } catch (err) {
        if (err instanceof InputError) throw err
        throw new InputError(`${flag}: cannot read ${filePath}: ${describeFsError(err)}`)
    } finally {
        closeSync(fd)
    }
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
        raw = await readStdin(flag)
        origin = 'stdin'
    } else if (filePath !== undefined) {
        origin = filePath
        const file = readSmallRegularFile(filePath, flag)
        raw = file.text
        if ((file.mode & 0o077) !== 0) warnings.push(`${filePath} holds a secret but other users can read it; run chmod 600 on it`)
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
