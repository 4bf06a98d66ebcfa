// GlideSecureRandomUtil double, on Node's CSPRNG. The static side is checked in signature-checks.ts.
import { randomBytes, randomInt } from 'node:crypto'
import { randomText } from './api-key-tokens.ts'

export class GlideSecureRandomUtil {
    static getSecureRandomInt(): number {
        return randomBytes(4).readInt32BE(0)
    }

    /** 0 <= n < bound. */
    static getSecureRandomIntBound(bound: number): number {
        return randomInt(0, bound)
    }

    static getSecureRandomLong(): number {
        return Number(randomBytes(6).readUIntBE(0, 6)) - 2 ** 47
    }

    /** Letters and digits, like the platform's. */
    static getSecureRandomString(length: number): string {
        return randomText(length)
    }
}
