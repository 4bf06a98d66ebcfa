// Issues one key with the first token strategy that works, and says which one did. Leaves at most one api_key
// record behind: a key whose token could not be read is kept only when no strategy could read one (placeholder).
import { deleteRowChecked, manualStepOf } from '../core/records.ts'
import { type IssuedKey, type KeyRequest, TOKEN_ISSUERS, type TokenIssuer } from './token-issuers.ts'

export interface IssueResult {
    key: IssuedKey
    /** What each strategy did, for the audit and the endpoint record (never the token). */
    attempts: string[]
}

export function issueKey(request: KeyRequest, issuers: TokenIssuer[] = TOKEN_ISSUERS): IssueResult {
    const attempts: string[] = []
    let unreadable: IssuedKey | null = null
    // E55: a refused insert into api_key; when no way works, its manual step (create this key by hand) is the answer.
    let refusedCreate: Error | null = null
    for (const issuer of issuers) {
        let key: IssuedKey
        try {
            key = issuer.issue(request)
        } catch (e) {
            const step = manualStepOf(e)
            if (step && step.operation === 'create' && step.table === 'api_key' && !refusedCreate) refusedCreate = e as Error
            attempts.push(`${issuer.strategy}: failed (${step ? `${step.operation} on ${step.table} refused: ${step.reason}` : (e as Error).message})`)
            continue
        }
        if (key.token) {
            attempts.push(`${issuer.strategy}: token read`)
            if (unreadable) {
                const problem = deleteRowChecked('api_key', unreadable.sysId)
                if (problem) {
                    // Two keys would be left; the caller undoes the one it tracks, so say which one stays behind.
                    deleteRowChecked('api_key', key.sysId)
                    throw new Error(`The unreadable key from ${unreadable.strategy} could not be removed: ${problem}.`)
                }
            }
            return { key, attempts }
        }
        attempts.push(`${issuer.strategy}: key created, token not readable from this scope`)
        if (unreadable) {
            const problem = deleteRowChecked('api_key', key.sysId)
            if (problem) throw new Error(`A second unreadable key could not be removed: ${problem}.`)
        } else unreadable = key
    }
    if (unreadable) return { key: unreadable, attempts }
    if (refusedCreate) {
        const step = manualStepOf(refusedCreate)
        if (step) step.reason = `${step.reason}; every way to create a key was tried: ${attempts.join('; ')}`
        throw refusedCreate
    }
    throw new Error(`No way to create an API key worked on this instance: ${attempts.join('; ')}.`)
}
