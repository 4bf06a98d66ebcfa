// REST API key tokens. The platform generates `api_key.token` on insert (values start with `now_`) and stores it
// encrypted: reading the column returns an opaque blob, never the usable key (E22). The double keeps each plain
// token in a side map that only the inbound-auth model and an allowed getDecryptedValue() read. It draws a key's
// value when the value is first read (createToken, an allowed decrypt, or a test): no caller can tell this from a
// value drawn at insert, since an unread token cannot be sent, and it lets a test's queued canary land on the key
// the app actually reads.
import { randomBytes } from 'node:crypto'

/** How getElement('token').getDecryptedValue() behaves: the cross-scope outcome is unknown (platform-model.md). */
export type DecryptMode = 'allowed' | 'refused' | 'empty'
/** How sn_auth.GlideTokenAuthClient.createToken behaves. */
export type TokenClientMode = 'works' | 'throws' | 'no-token'

export interface TokenAccess {
    decrypt: DecryptMode
    client: TokenClientMode
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export function randomText(length: number, alphabet: string = ALPHABET): string {
    const bytes = randomBytes(length)
    let out = ''
    for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length]
    return out
}

export function randomSysId(): string {
    return randomBytes(16).toString('hex')
}

/** An opaque value shaped like the platform's field cipher text; it carries nothing of the token. */
export function encryptedBlob(): string {
    return `${randomSysId()}  1  ${randomBytes(18).toString('base64')}==${randomBytes(12).toString('base64')}`
}

export class ApiKeyTokens {
    private readonly queued: string[] = []
    private generator: () => string = () => `now_${randomText(43)}`
    private readonly plainBySysId = new Map<string, string>()
    private readonly sysIdByPlain = new Map<string, string>()
    /** E25, switch keyBinding: the user a createToken key was made for (the session user at creation). */
    private readonly boundUsers = new Map<string, string>()
    /** Every plain token drawn so far, in order. */
    readonly issued: string[] = []
    /** Keys created by the platform whose value nobody has read yet. */
    private readonly undrawn = new Set<string>()

    /** The next tokens to issue, e.g. a canary a test searches for later. */
    queue(...tokens: string[]): void {
        this.queued.push(...tokens)
    }

    /** Replaces the default `now_` + 43 random characters. */
    use(generator: () => string): void {
        this.generator = generator
    }

    next(): string {
        const token = this.queued.length ? String(this.queued.shift()) : this.generator()
        this.issued.push(token)
        return token
    }

    remember(sysId: string, plain: string): void {
        const previous = this.plainBySysId.get(sysId)
        if (previous !== undefined) this.sysIdByPlain.delete(previous)
        this.plainBySysId.set(sysId, plain)
        this.sysIdByPlain.set(plain, sysId)
    }

    bindToUser(sysId: string, userSysId: string): void {
        this.boundUsers.set(sysId, userSysId)
    }

    boundUserOf(sysId: string): string | undefined {
        return this.boundUsers.get(sysId)
    }

    /** A key the platform created: its value is drawn when first read. */
    register(sysId: string): void {
        this.undrawn.add(sysId)
    }

    plainFor(sysId: string): string | undefined {
        if (this.undrawn.has(sysId)) {
            this.undrawn.delete(sysId)
            this.remember(sysId, this.next())
        }
        return this.plainBySysId.get(sysId)
    }

    /** sys_id of the api_key row whose token this is. */
    keyFor(plain: string): string | undefined {
        return this.sysIdByPlain.get(plain)
    }
}
