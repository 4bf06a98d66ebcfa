// Where a secret (typically a canary token) ended up: every stored field except api_key.token (which only ever
// holds cipher text), logs, session messages, queued events, outbound request URLs, headers and bodies, and redirect URLs.
import type { Instance } from './instance.ts'

export interface SecretHit {
    /** e.g. 'x_em_aws_apikey_audit.detail', 'log', 'session message', 'event', 'outbound URL', 'redirect'. */
    place: string
    /** sys_id of the row, or the index in the captured list. */
    at: string
    text: string
}

export function findSecret(instance: Instance, needle: string): SecretHit[] {
    if (!needle) throw new Error('findSecret needs a non-empty string')
    const hits: SecretHit[] = []
    const check = (place: string, at: string | number, text: string | undefined) => {
        if (text && String(text).includes(needle)) hits.push({ place, at: String(at), text: String(text) })
    }
    for (const { table, row } of instance.db.store.all()) {
        const isKey = instance.db.schema.lineage(table).includes('api_key')
        for (const [field, value] of Object.entries(row)) {
            if (!(isKey && field === 'token')) check(`${table}.${field}`, row.sys_id, value)
        }
    }
    instance.logs.forEach((l, i) => check('log', i, `${l.message} ${l.source || ''}`))
    instance.sessionMessages.forEach((m, i) => check('session message', i, m.message))
    instance.events.forEach((e, i) => check('event', i, [e.name, e.table, e.sys_id, e.parm1, e.parm2, e.queue].join(' ')))
    instance.outbound.forEach((o, i) => {
        check('outbound URL', i, o.url)
        // Issue 15, item 7: the real key is never sent; a header or body that carries a secret is a leak too, named
        // with the host it went to.
        const host = /^[a-z]+:\/\/([^/?#]+)/i.exec(o.url)?.[1] ?? o.url
        check(`outbound header to ${host}`, i, Object.entries(o.headers).map(([k, v]) => `${k}: ${v}`).join('\n'))
        check(`outbound body to ${host}`, i, o.body)
    })
    instance.redirects.forEach((r, i) => check(r.kind === 'redirect' ? 'redirect' : 'return URL', i, r.url))
    return hits
}
