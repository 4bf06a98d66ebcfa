// What tests read back: stats, fault plans, snapshot/diff, captured logs/messages/events/redirects, findSecret.
import { GlideAggregate, GlideRecord, gs } from '@servicenow/glide'
import { FakeAction, freshInstance, type Instance } from '../../support/instance/index.ts'

const T = 'x_em_aws_apikey_audit'
let instance: Instance

beforeEach(() => {
    instance = freshInstance()
})

describe('stats', () => {
    test('counts Glide queries, gets, inserts, updates and deletes, per table too', () => {
        const gr = new GlideRecord(T)
        gr.initialize()
        gr.setValue('action', 'x')
        const id = String(gr.insert())
        const read = new GlideRecord(T)
        read.get(id)
        read.setValue('action', 'y')
        read.update()
        const list = new GlideRecord('sys_user')
        list.query()
        const agg = new GlideAggregate('sys_user')
        agg.addAggregate('COUNT', '')
        agg.query()
        read.deleteRecord()
        const { queries, aggregates, gets, inserts, updates, deletes } = instance.stats
        expect({ queries, aggregates, gets, inserts, updates, deletes }).toEqual({ queries: 2, aggregates: 1, gets: 1, inserts: 1, updates: 1, deletes: 1 })
        expect(instance.stats.table(T)).toEqual({ queries: 0, aggregates: 0, gets: 1, inserts: 1, updates: 1, deletes: 1 })
        expect(instance.stats.table('sys_user')).toEqual({ queries: 2, aggregates: 1, gets: 0, inserts: 0, updates: 0, deletes: 0 })
        expect(instance.stats.total()).toBe(6)
    })

    test('test-side access, gs.getProperty and gs.hasRole are not counted; resetStats clears', () => {
        instance.rows('sys_user')
        instance.insertRow(T, { action: 'a' })
        gs.getProperty('glide.servlet.uri')
        gs.hasRole('admin')
        expect(instance.stats.total()).toBe(0)
        new GlideRecord(T).query()
        expect(instance.stats.queries).toBe(1)
        instance.resetStats()
        expect(instance.stats.queries).toBe(0)
        expect(instance.stats.byTable).toEqual({})
    })
})

describe('fault plans', () => {
    function insert(action: string): string | null {
        const gr = new GlideRecord(T)
        gr.initialize()
        gr.setValue('action', action)
        const id = gr.insert()
        if (!id) lastError = gr.getLastErrorMessage()
        return id
    }
    let lastError = ''

    test('failNthInsert refuses exactly the n-th insert on that table, with the message', () => {
        instance.failNthInsert(T, 2, 'Aborted by test rule')
        expect(insert('one')).toMatch(/^[0-9a-f]{32}$/)
        expect(insert('two')).toBeNull()
        expect(lastError).toBe('Aborted by test rule')
        expect(insert('three')).toMatch(/^[0-9a-f]{32}$/)
        expect(instance.rows(T).map((r) => r.action)).toEqual(['one', 'three'])
    })

    test('the default message reads like a business-rule abort; other tables are not affected', () => {
        instance.failNthInsert(T, 1)
        const other = new GlideRecord('x_em_aws_apikey_endpoint')
        other.setValue('name', 'n')
        expect(other.insert()).not.toBeNull()
        expect(insert('x')).toBeNull()
        expect(lastError).toMatch(/aborted by Business Rule/)
    })

    test('failNthUpdate and failNthDelete', () => {
        const id = instance.insertRow(T, { action: 'a' })
        instance.failNthUpdate(T, 1, 'no update')
        instance.failNthDelete(T, 1, 'no delete')
        const gr = new GlideRecord(T)
        gr.get(id)
        gr.setValue('action', 'b')
        expect(gr.update()).toBeNull()
        expect(gr.getLastErrorMessage()).toBe('no update')
        expect(gr.deleteRecord()).toBe(false)
        expect(gr.getLastErrorMessage()).toBe('no delete')
        expect(instance.rows(T, `sys_id=${id}`)[0].action).toBe('a')
    })

    test('test-side writes are never refused', () => {
        instance.failNthInsert(T, 1)
        expect(() => instance.insertRow(T, { action: 'a' })).not.toThrow()
    })
})

describe('snapshot and diff', () => {
    test('reports inserted, updated (sys_updated_on-only changes too) and deleted rows', () => {
        const keep = instance.insertRow(T, { action: 'keep' })
        const drop = instance.insertRow(T, { action: 'drop' })
        const touch = instance.insertRow(T, { action: 'touch' })
        const snap = instance.snapshot()
        instance.clock.advanceSeconds(5)
        instance.updateRows(T, `sys_id=${keep}`, { action: 'kept' })
        instance.updateRows(T, `sys_id=${touch}`, { sys_updated_on: instance.clock.now() })
        instance.deleteRows(T, `sys_id=${drop}`)
        const added = instance.insertRow(T, { action: 'new' })
        const diff = instance.diff(snap)
        expect(diff.inserted.map((r) => r.sys_id)).toEqual([added])
        expect(diff.deleted.map((r) => r.action)).toEqual(['drop'])
        expect(diff.updated.map((u) => [u.before.action, u.after.action])).toEqual([['keep', 'kept'], ['touch', 'touch']])
        expect(diff.updated[1].after.sys_updated_on).not.toBe(diff.updated[1].before.sys_updated_on)
    })

    test('an unchanged instance has an empty diff', () => {
        const snap = instance.snapshot()
        new GlideRecord('sys_user').query()
        expect(instance.diff(snap)).toEqual({ inserted: [], updated: [], deleted: [] })
    })
})

describe('captured side effects', () => {
    test('gs logs with {n} substitution, session messages and events', () => {
        gs.info('Key {0} for {1}', 'k1', 'c1')
        gs.warn('careful')
        gs.error('bad {0}', 42)
        gs.debug('dbg')
        gs.log('plain', 'my.source')
        gs.addInfoMessage('Saved')
        gs.addErrorMessage('Failed')
        const gr = new GlideRecord(T)
        gr.setValue('action', 'a')
        gr.insert()
        gs.eventQueue('x_em_aws_apikey.key_expiry', gr, 'u1,u2', 'expiring')
        expect(instance.logs).toEqual([
            { level: 'info', message: 'Key k1 for c1' },
            { level: 'warn', message: 'careful' },
            { level: 'error', message: 'bad 42' },
            { level: 'debug', message: 'dbg' },
            { level: 'log', message: 'plain', source: 'my.source' },
        ])
        expect(instance.sessionMessages).toEqual([{ type: 'info', message: 'Saved' }, { type: 'error', message: 'Failed' }])
        expect(instance.events).toEqual([{ name: 'x_em_aws_apikey.key_expiry', table: T, sys_id: gr.getUniqueValue(), parm1: 'u1,u2', parm2: 'expiring', queue: '' }])
    })

    test('FakeAction captures redirect and return URLs; a record becomes its form URL', () => {
        const action = new FakeAction({ sysparm_view: 'default' })
        const gr = new GlideRecord(T)
        gr.setValue('action', 'a')
        const id = gr.insert()
        action.setRedirectURL(gr)
        action.setReturnURL('x_em_aws_apikey_endpoint_list.do')
        expect(instance.redirects).toEqual([
            { kind: 'redirect', url: `${T}.do?sys_id=${id}` },
            { kind: 'return', url: 'x_em_aws_apikey_endpoint_list.do' },
        ])
        expect(action.getRedirectURL()).toBe(`${T}.do?sys_id=${id}`)
        expect(action.getGlideURI().get('sysparm_view')).toBe('default')
        expect(action.getGlideURI().toString('x.do')).toBe('x.do?sysparm_view=default')
    })
})

describe('findSecret', () => {
    const canary = 'now_CANARY_f00d'

    test('finds the string in rows, logs, messages, events, outbound URLs and redirects', () => {
        instance.insertRow(T, { detail: `token was ${canary}` })
        gs.info(`log ${canary}`)
        gs.addErrorMessage(`msg ${canary}`)
        gs.eventQueue('e', null, canary, '')
        instance.outbound.push({ method: 'GET', url: `https://x/?k=${canary}`, headers: {}, body: '', timeoutMs: null, logLevel: '' })
        new FakeAction().setRedirectURL(`page.do?t=${canary}`)
        expect(instance.findSecret(canary).map((h) => h.place).sort()).toEqual([`${T}.detail`, 'event', 'log', 'outbound URL', 'redirect', 'session message'].sort())
    })

    test('api_key.token never counts (it holds cipher text); other api_key fields do', () => {
        instance.tokens.queue(canary)
        const keyId = instance.insertRow('api_key', { name: 'k' })
        expect(instance.findSecret(canary)).toEqual([])
        instance.updateRows('api_key', `sys_id=${keyId}`, { description: canary })
        expect(instance.findSecret(canary)).toEqual([{ place: 'api_key.description', at: keyId, text: canary }])
    })
})
