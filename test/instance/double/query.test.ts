// Queries of the GlideRecord double: every operator, encoded-query parsing (^, ^OR, ORDERBY/ORDERBYDESC), dropped
// invalid conditions, dot-walks and table inheritance.
import { GlideRecord } from '@servicenow/glide'
import { freshInstance, type Instance } from '../../support/instance/index.ts'

const T = 'x_test_item'
let instance: Instance

function names(configure: (gr: GlideRecord) => void, table = T): string[] {
    const gr = new GlideRecord(table)
    configure(gr)
    gr.query()
    const out: string[] = []
    while (gr.next()) out.push(gr.getValue('name'))
    return out
}

beforeEach(() => {
    instance = freshInstance()
    instance.defineTable(T, { columns: { name: 'string', size: 'integer', due: 'glide_date_time', tag: 'string', active: 'boolean', owner: { type: 'reference', reference: 'sys_user' } } })
    const admin = instance.user('admin')?.sys_id || ''
    instance.insertRow(T, { name: 'alpha', size: '5', due: '2026-01-10 08:00:00', tag: 'red', active: 'true', owner: admin })
    instance.insertRow(T, { name: 'beta', size: '20', due: '2026-02-10 08:00:00', tag: '', active: 'false' })
    instance.insertRow(T, { name: 'gamma', size: '100', due: '2026-03-10 08:00:00', tag: 'red,blue', active: 'true' })
})

describe('addQuery operators', () => {
    test.each([
        ['=', 'beta', ['beta']],
        ['!=', 'beta', ['alpha', 'gamma']],
        ['IN', 'alpha,gamma,zeta', ['alpha', 'gamma']],
        ['NOT IN', 'alpha,gamma', ['beta']],
        ['STARTSWITH', 'gam', ['gamma']],
        ['ENDSWITH', 'ta', ['beta']],
        ['LIKE', 'mm', ['gamma']],
        ['CONTAINS', 'lp', ['alpha']],
        ['NOT LIKE', 'a', []],
        ['DOES NOT CONTAIN', 'et', ['alpha', 'gamma']],
    ])('name %s %s', (operator, value, expected) => {
        expect(names((gr) => gr.addQuery('name', operator, value))).toEqual(expected)
    })

    test('two-argument form means =', () => {
        expect(names((gr) => gr.addQuery('name', 'alpha'))).toEqual(['alpha'])
    })

    test('numbers compare numerically and dates as text', () => {
        expect(names((gr) => gr.addQuery('size', '>', '10'))).toEqual(['beta', 'gamma'])
        expect(names((gr) => gr.addQuery('size', '<=', '20'))).toEqual(['alpha', 'beta'])
        expect(names((gr) => gr.addQuery('size', '<', '20'))).toEqual(['alpha'])
        expect(names((gr) => gr.addQuery('size', '>=', '100'))).toEqual(['gamma'])
        expect(names((gr) => gr.addQuery('due', '<', '2026-02-10 08:00:00'))).toEqual(['alpha'])
        expect(names((gr) => gr.addQuery('due', '>=', '2026-02-10 08:00:00'))).toEqual(['beta', 'gamma'])
    })

    test('empty values never satisfy < or >', () => {
        expect(names((gr) => gr.addQuery('tag', '<', 'zzz'))).toEqual(['alpha', 'gamma'])
    })

    test('ISEMPTY, ISNOTEMPTY, addNullQuery, addNotNullQuery', () => {
        expect(names((gr) => gr.addQuery('tag', 'ISEMPTY', ''))).toEqual(['beta'])
        expect(names((gr) => gr.addQuery('tag', 'ISNOTEMPTY', ''))).toEqual(['alpha', 'gamma'])
        expect(names((gr) => gr.addNullQuery('tag'))).toEqual(['beta'])
        expect(names((gr) => gr.addNotNullQuery('tag'))).toEqual(['alpha', 'gamma'])
    })

    test('booleans match true/false and 1/0; addActiveQuery', () => {
        expect(names((gr) => gr.addQuery('active', true))).toEqual(['alpha', 'gamma'])
        expect(names((gr) => gr.addQuery('active', '0'))).toEqual(['beta'])
        expect(names((gr) => gr.addActiveQuery())).toEqual(['alpha', 'gamma'])
    })

    test('addOrCondition joins the clause of its addQuery', () => {
        expect(names((gr) => {
            gr.addQuery('name', 'alpha').addOrCondition('name', 'beta')
            gr.addQuery('active', 'true')
        })).toEqual(['alpha'])
    })

    test('an unknown operator is an error, not a silent match', () => {
        const gr = new GlideRecord(T)
        expect(() => gr.addQuery('name', 'SOUNDSLIKE', 'x')).toThrow(/does not support the addQuery operator/)
    })
})

describe('addEncodedQuery', () => {
    test.each([
        ['name=beta', ['beta']],
        ['name!=beta', ['alpha', 'gamma']],
        ['nameINalpha,beta', ['alpha', 'beta']],
        ['nameNOT INalpha,beta', ['gamma']],
        ['nameSTARTSWITHal', ['alpha']],
        ['nameENDSWITHma', ['gamma']],
        ['nameLIKEet', ['beta']],
        ['nameNOT LIKEet', ['alpha', 'gamma']],
        ['tagISEMPTY', ['beta']],
        ['tagISNOTEMPTY', ['alpha', 'gamma']],
        ['size>5', ['beta', 'gamma']],
        ['size>=20', ['beta', 'gamma']],
        ['size<20', ['alpha']],
        ['size<=5', ['alpha']],
        ['active=true^size>5', ['gamma']],
        ['name=alpha^ORname=gamma', ['alpha', 'gamma']],
        ['name=alpha^ORname=beta^active=true', ['alpha']],
        ['active=false^ORsize>50^nameSTARTSWITHg', ['gamma']],
        ['nameANYTHING', ['alpha', 'beta', 'gamma']],
        ['name=alpha^EQ', ['alpha']],
    ])('%s', (query, expected) => {
        expect(names((gr) => gr.addEncodedQuery(query))).toEqual(expected)
    })

    test('ORDERBY and ORDERBYDESC, several terms in order', () => {
        expect(names((gr) => gr.addEncodedQuery('ORDERBYDESCsize'))).toEqual(['gamma', 'beta', 'alpha'])
        expect(names((gr) => gr.addEncodedQuery('active=true^ORDERBYDESCname'))).toEqual(['gamma', 'alpha'])
        expect(names((gr) => gr.addEncodedQuery('ORDERBYactive^ORDERBYDESCname'))).toEqual(['beta', 'gamma', 'alpha'])
    })

    test('orderBy / orderByDesc, setLimit and chooseWindow', () => {
        expect(names((gr) => gr.orderByDesc('due'))).toEqual(['gamma', 'beta', 'alpha'])
        expect(names((gr) => {
            gr.orderBy('name')
            gr.setLimit(2)
        })).toEqual(['alpha', 'beta'])
        expect(names((gr) => {
            gr.orderBy('name')
            gr.chooseWindow(1, 3, false)
        })).toEqual(['beta', 'gamma'])
    })

    test('a value with ^ splits the query, as on the platform (encoded-query injection)', () => {
        expect(names((gr) => gr.addEncodedQuery('name=nobody^ORname=alpha'))).toEqual(['alpha'])
    })

    test('dot-walks through reference fields', () => {
        expect(names((gr) => gr.addEncodedQuery('owner.user_name=admin'))).toEqual(['alpha'])
    })

    test('getEncodedQuery reflects the conditions', () => {
        const gr = new GlideRecord(T)
        gr.addEncodedQuery('name=alpha^ORname=beta')
        gr.addQuery('size', '>', 1)
        gr.orderByDesc('name')
        expect(gr.getEncodedQuery()).toBe('name=alpha^ORname=beta^size>1^ORDERBYDESCname')
    })

    test('javascript: values and ^NQ are refused loudly', () => {
        const gr = new GlideRecord(T)
        expect(() => gr.addEncodedQuery('due<javascript:gs.daysAgo(1)')).toThrow(/javascript: values/)
        expect(() => gr.addEncodedQuery('name=a^NQname=b')).toThrow(/\^NQ/)
    })
})

describe('invalid conditions (GlideRecord docs: the invalid part is dropped)', () => {
    test('an unknown field is dropped, the query runs on the rest, and the drop is reported', () => {
        expect(names((gr) => gr.addEncodedQuery('nmae=alpha^active=true'))).toEqual(['alpha', 'gamma'])
        expect(instance.invalidQueries).toEqual([{ table: T, term: 'nmae=alpha' }])
        expect(instance.logs.some((l) => l.level === 'warn' && /Invalid query detected/.test(l.message))).toBe(true)
    })

    test('glide.invalid_query.returns_no_rows=true returns nothing instead', () => {
        instance.insertRow('sys_properties', { name: 'glide.invalid_query.returns_no_rows', value: 'true' })
        expect(names((gr) => gr.addQuery('nmae', 'alpha'))).toEqual([])
    })

    test('get(field, value) on an unknown field finds the first row, like the platform', () => {
        const gr = new GlideRecord(T)
        expect(gr.get('nmae', 'gamma')).toBe(true)
        expect(gr.getValue('name')).toBe('alpha')
    })

    test('test-side rows() refuses invalid terms instead', () => {
        expect(() => instance.rows(T, 'nmae=alpha')).toThrow(/invalid query term/)
    })
})

describe('table inheritance', () => {
    beforeEach(() => {
        instance.insertRow('http_key_auth', { name: 'Key profile', active: 'true' })
    })

    test('a query on the parent returns child rows with sys_class_name set', () => {
        const gr = new GlideRecord('inbound_auth_profile')
        gr.orderBy('name')
        gr.query()
        const found: string[] = []
        while (gr.next()) found.push(`${gr.getValue('name')}:${gr.getRecordClassName()}`)
        expect(found).toEqual(['BasicAuth for none public processors:std_http_auth', 'Key profile:http_key_auth'])
    })

    test('a query on a child returns only its own rows; child fields are not fields of the parent', () => {
        expect(names(() => undefined, 'std_http_auth')).toEqual(['BasicAuth for none public processors'])
        const parent = new GlideRecord('inbound_auth_profile')
        parent.addQuery('name', 'BasicAuth for none public processors')
        parent.query()
        parent.next()
        expect(parent.getValue('type')).toBeNull()
        const child = new GlideRecord('std_http_auth')
        child.get(parent.getUniqueValue())
        expect(child.getValue('type')).toBe('basic_auth')
    })

    test('defineTable extends and the rows inherit the parent columns', () => {
        instance.defineTable('x_child', { extends: T, columns: { extra: 'string' } })
        instance.insertRow('x_child', { name: 'delta', extra: 'e' })
        expect(names((gr) => gr.addQuery('name', 'delta'))).toEqual(['delta'])
        expect(instance.rows(T, 'name=delta')[0].sys_class_name).toBe('x_child')
    })
})
