// API-key tokens: generated on insert, never readable from the row, decryptable only when allowed; and both ways the
// app may obtain a plain token (GlideTokenAuthClient.createToken and insert + getDecryptedValue) in every mode.
import { GlideRecord } from '@servicenow/glide'
import { GlideTokenAuthClient, GlideTokenAuthContext } from '@servicenow/glide/sn_auth'
import { freshInstance, type Instance } from '../../support/instance/index.ts'

const CANARY = 'now_CanaryToken0123456789abcdefghijklmnopqrstu'
let instance: Instance

beforeEach(() => {
    instance = freshInstance()
    instance.tokens.queue(CANARY)
})

function insertKey(): string {
    const gr = new GlideRecord('api_key')
    gr.initialize()
    gr.setValue('name', 'k1')
    gr.setValue('user', instance.user('admin')?.sys_id || '')
    gr.setValue('active', 'true')
    gr.setValue('token', 'ignored: the platform generates it')
    return String(gr.insert())
}

function readKey(sysId: string): GlideRecord {
    const gr = new GlideRecord('api_key')
    gr.get(sysId)
    return gr
}

describe('token generated on insert', () => {
    test('the row holds an opaque value; getValue and getDisplayValue never return the token', () => {
        const id = insertKey()
        const gr = readKey(id)
        const stored = gr.getValue('token')
        expect(stored).toBeTruthy()
        expect(stored).not.toContain(CANARY)
        expect(stored).not.toContain('now_')
        expect(gr.getDisplayValue('token')).toBe(stored)
        expect(gr.getElement('token').toString()).toBe(stored)
        // The value is drawn when first read: here by the test, standing for the platform's own inbound check.
        expect(instance.tokens.issued).toEqual([])
        expect(instance.tokens.plainFor(id)).toBe(CANARY)
        expect(instance.tokens.issued).toEqual([CANARY])
        expect(instance.findSecret(CANARY)).toEqual([])
    })

    test('default tokens start with now_ and differ', () => {
        instance = freshInstance()
        const ids = [insertKey(), insertKey()]
        const [a, b] = ids.map(readKey)
        for (const id of ids) instance.tokens.plainFor(id)
        expect(instance.tokens.issued).toHaveLength(2)
        expect(instance.tokens.issued[0]).toMatch(/^now_[A-Za-z0-9]{43}$/)
        expect(instance.tokens.issued[0]).not.toBe(instance.tokens.issued[1])
        expect(a.getValue('token')).not.toBe(b.getValue('token'))
    })

    test('tokens.use replaces the generator', () => {
        instance = freshInstance()
        let n = 0
        instance.tokens.use(() => `now_fixed_${++n}`)
        const ids = [insertKey(), insertKey()]
        expect(ids.map((id) => instance.tokens.plainFor(id))).toEqual(['now_fixed_1', 'now_fixed_2'])
        expect(instance.tokens.issued).toEqual(['now_fixed_1', 'now_fixed_2'])
    })
})

describe('getDecryptedValue on api_key.token', () => {
    test("'refused' (default) throws like a cross-scope refusal", () => {
        const gr = readKey(insertKey())
        expect(() => gr.getElement('token').getDecryptedValue()).toThrow(/refused due to the table's cross-scope access policy/)
    })

    test("'allowed' returns the plain token", () => {
        instance.tokenAccess.decrypt = 'allowed'
        expect(readKey(insertKey()).getElement('token').getDecryptedValue()).toBe(CANARY)
    })

    test("'empty' returns ''", () => {
        instance.tokenAccess.decrypt = 'empty'
        expect(readKey(insertKey()).getElement('token').getDecryptedValue()).toBe('')
    })

    test('other fields decrypt to their value', () => {
        expect(readKey(insertKey()).getElement('name').getDecryptedValue()).toBe('k1')
    })
})

describe('GlideTokenAuthClient.createToken', () => {
    function create(): { token: string; sysId: string } {
        const context = new GlideTokenAuthContext()
        context.setAPIKeyName('AWS key')
        context.setDescription('for SNS')
        context.setAuthScopeIDs([instance.row('sys_auth_scope', 'name=useraccount')?.sys_id])
        context.setMultipleTokensAllowed(true)
        const response = new GlideTokenAuthClient().createToken(context)
        return { token: response.getAPIToken(), sysId: response.getSysID() }
    }

    test("'works': inserts a key for the session user and returns the plain token", () => {
        const { token, sysId } = create()
        expect(token).toBe(CANARY)
        const row = instance.rows('api_key', `sys_id=${sysId}`)[0]
        const { token: stored, ...fields } = row
        expect(fields).toEqual({
            sys_id: sysId,
            sys_class_name: 'api_key',
            sys_created_on: '2026-06-01 09:00:00',
            sys_created_by: 'em.app.admin',
            sys_updated_on: '2026-06-01 09:00:00',
            sys_updated_by: 'em.app.admin',
            sys_mod_count: '0',
            sys_scope: '',
            name: 'AWS key',
            description: 'for SNS',
            active: 'true',
            user: instance.user('em.app.admin')?.sys_id,
            expires: '',
            auth_scope: instance.row('sys_auth_scope', 'name=useraccount')?.sys_id,
        })
        expect(stored).not.toBe('')
        expect(row.token).not.toContain(CANARY)
        expect(instance.stats.inserts).toBe(0)
    })

    test("'no-token': the key exists but getAPIToken() is ''", () => {
        instance.tokenAccess.client = 'no-token'
        const { token, sysId } = create()
        expect(token).toBe('')
        expect(instance.rows('api_key', `sys_id=${sysId}`)).toHaveLength(1)
    })

    test("'throws': createToken throws and no key is created", () => {
        instance.tokenAccess.client = 'throws'
        expect(() => create()).toThrow(/createToken/)
        expect(instance.rows('api_key')).toEqual([])
    })

    test('context getters return what was set', () => {
        const context = new GlideTokenAuthContext()
        context.setAPIKeyName('n')
        context.setDescription('d')
        context.setSource('s')
        context.setAuthScopeIDs(['a', 'b'])
        context.setMultipleTokensAllowed(true)
        expect([context.getAPIKeyName(), context.getDescription(), context.getSource(), context.getAuthScopeIDs(), context.areMultipleTokensAllowed()])
            .toEqual(['n', 'd', 's', ['a', 'b'], true])
    })

    test('with the plugin inactive there is no api_key table and createToken throws', () => {
        instance = freshInstance({ pluginActive: false })
        expect(new GlideRecord('api_key').isValid()).toBe(false)
        expect(() => create()).toThrow(/not active/)
    })

    test('a refused api_key insert makes createToken throw', () => {
        instance.failNthInsert('api_key', 1, 'blocked')
        expect(() => create()).toThrow(/blocked/)
    })
})
