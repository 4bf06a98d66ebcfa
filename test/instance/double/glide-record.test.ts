// GlideRecord double: reads, writes, system fields, display values, elements, property access, missing tables.
import { GlideRecord, GlideRecordSecure } from '@servicenow/glide'
import { freshInstance, type Instance } from '../../support/instance/index.ts'

const T = 'x_em_aws_apikey_endpoint'
let instance: Instance

beforeEach(() => {
    instance = freshInstance({ clock: '2026-11-23 10:00:00' })
})

describe('insert, get, update, delete', () => {
    test('insert stores strings, sets a 32-hex sys_id and the system fields from the clock and session user', () => {
        const gr = new GlideRecord(T)
        gr.initialize()
        gr.setValue('name', 'First')
        gr.setValue('count', 3)
        gr.setValue('enabled', true)
        const sysId = gr.insert()
        expect(sysId).toMatch(/^[0-9a-f]{32}$/)
        const row = instance.rows(T, `sys_id=${sysId}`)[0]
        expect(row).toEqual({
            sys_id: sysId, name: 'First', count: '3', enabled: 'true', sys_class_name: T, sys_created_on: '2026-11-23 10:00:00',
            sys_updated_on: '2026-11-23 10:00:00', sys_created_by: 'em.app.admin', sys_updated_by: 'em.app.admin', sys_mod_count: '0', sys_scope: '',
        })
        expect(gr.isNewRecord()).toBe(false)
        expect(gr.getUniqueValue()).toBe(sysId)
    })

    test('get(sys_id) and get(field, value); false when nothing matches', () => {
        const id = instance.insertRow(T, { name: 'A', source: 'AWS' })
        const byId = new GlideRecord(T)
        expect(byId.get(id)).toBe(true)
        expect(byId.getValue('name')).toBe('A')
        const byField = new GlideRecord(T)
        expect(byField.get('source', 'AWS')).toBe(true)
        expect(byField.getUniqueValue()).toBe(id)
        expect(new GlideRecord(T).get('0'.repeat(32))).toBe(false)
        expect(new GlideRecord(T).get('')).toBe(false)
    })

    test('update writes only what changed, bumps sys_updated_on and sys_mod_count', () => {
        const id = instance.insertRow(T, { name: 'A', status: 'new' })
        instance.clock.advanceDays(2)
        const gr = new GlideRecord(T)
        gr.get(id)
        gr.setValue('status', 'active')
        expect(gr.update()).toBe(id)
        expect(instance.rows(T, `sys_id=${id}`)).toEqual([{ sys_id: id, status: 'active', name: 'A', sys_class_name: T, sys_created_on: '2026-11-23 10:00:00', sys_created_by: 'em.app.admin', sys_updated_on: '2026-11-25 10:00:00', sys_updated_by: 'em.app.admin', sys_mod_count: '1', sys_scope: '' }])
    })

    test('an update that changes nothing writes nothing', () => {
        const id = instance.insertRow(T, { name: 'A' })
        const before = instance.snapshot()
        const gr = new GlideRecord(T)
        gr.get(id)
        gr.setValue('name', 'A')
        expect(gr.update()).toBe(id)
        expect(instance.diff(before).updated).toEqual([])
    })

    test('autoSysFields(false) leaves sys_updated_on alone', () => {
        const id = instance.insertRow(T, { name: 'A' })
        instance.clock.advanceDays(1)
        const gr = new GlideRecord(T)
        gr.get(id)
        gr.autoSysFields(false)
        gr.setValue('name', 'B')
        gr.update()
        expect(instance.rows(T, `sys_id=${id}`)).toEqual([{ sys_id: id, name: 'B', sys_class_name: T, sys_created_on: '2026-11-23 10:00:00', sys_created_by: 'em.app.admin', sys_updated_on: '2026-11-23 10:00:00', sys_updated_by: 'em.app.admin', sys_mod_count: '0', sys_scope: '' }])
    })

    test('update() on a record that was never inserted inserts it (GlideRecord.update docs)', () => {
        const gr = new GlideRecord(T)
        gr.initialize()
        gr.setValue('name', 'via update')
        const id = gr.update()
        expect(instance.rows(T, `sys_id=${id}`)).toHaveLength(1)
    })

    test('deleteRecord, deleteMultiple, updateMultiple', () => {
        const a = instance.insertRow(T, { name: 'a', status: 'old' })
        instance.insertRow(T, { name: 'b', status: 'old' })
        instance.insertRow(T, { name: 'c', status: 'new' })
        const one = new GlideRecord(T)
        one.get(a)
        expect(one.deleteRecord()).toBe(true)
        expect(instance.rows(T).map((r) => r.name)).toEqual(['b', 'c'])

        const many = new GlideRecord(T)
        many.addQuery('status', 'old')
        many.setValue('status', 'retired')
        many.updateMultiple()
        expect(instance.rows(T, 'status=retired').map((r) => r.name)).toEqual(['b'])

        const gone = new GlideRecord(T)
        gone.addQuery('status', 'retired')
        gone.deleteMultiple()
        expect(instance.rows(T).map((r) => r.name)).toEqual(['c'])
    })

    test('insert() on a loaded record inserts a copy with a new sys_id', () => {
        const id = instance.insertRow(T, { name: 'original' })
        const gr = new GlideRecord(T)
        gr.get(id)
        gr.setValue('name', 'copy')
        const copy = gr.insert()
        expect(copy).toMatch(/^[0-9a-f]{32}$/)
        expect(copy).not.toBe(id)
        expect(instance.rows(T, 'ORDERBYname').map((r) => r.name)).toEqual(['copy', 'original'])
    })

    test('newRecord assigns a sys_id and column defaults before insert', () => {
        const gr = new GlideRecord('sys_user')
        gr.newRecord()
        expect(gr.getUniqueValue()).toMatch(/^[0-9a-f]{32}$/)
        expect(gr.getValue('active')).toBe('true')
        gr.setValue('user_name', 'new.one')
        expect(gr.insert()).toBe(gr.getUniqueValue())
    })
})

describe('reading values', () => {
    test('getValue returns null for empty fields and fields the table does not have', () => {
        const id = instance.insertRow('sys_user', { user_name: 'x.y', email: '' })
        const gr = new GlideRecord('sys_user')
        gr.get(id)
        expect(gr.getValue('email')).toBeNull()
        expect(gr.getValue('no_such_field')).toBeNull()
        expect(gr.getValue('user_name')).toBe('x.y')
    })

    test('setValue on a field a strict table lacks is ignored', () => {
        const gr = new GlideRecord('sys_user_role')
        gr.initialize()
        gr.setValue('name', 'r1')
        gr.setValue('bogus', 'x')
        const id = gr.insert()
        expect(instance.rows('sys_user_role', `sys_id=${id}`)).toEqual([
            { sys_id: id, name: 'r1', description: '', sys_class_name: 'sys_user_role', sys_created_on: '2026-11-23 10:00:00', sys_created_by: 'em.app.admin', sys_updated_on: '2026-11-23 10:00:00', sys_updated_by: 'em.app.admin', sys_mod_count: '0', sys_scope: '' },
        ])
    })

    test('booleanValues numeric makes getValue return 1/0 while queries still accept true', () => {
        instance = freshInstance({ booleanValues: 'numeric' })
        const gr = new GlideRecord('sys_user')
        gr.addQuery('active', 'true')
        gr.addQuery('user_name', 'admin')
        gr.query()
        expect(gr.next()).toBe(true)
        expect(gr.getValue('active')).toBe('1')
        expect(gr.getValue('locked_out')).toBe('0')
        expect(gr.getDisplayValue('active')).toBe('true')
    })

    test('getDisplayValue shows the referenced record; the record display is its name', () => {
        const admin = instance.user('admin')
        const role = instance.row('sys_user_has_role', `user=${admin?.sys_id}`)
        const gr = new GlideRecord('sys_user_has_role')
        gr.get(String(role?.sys_id))
        expect(gr.getValue('user')).toBe(admin?.sys_id)
        expect(gr.getDisplayValue('user')).toBe('System Administrator')
        expect(gr.getDisplayValue('role')).toBe('admin')
        const user = new GlideRecord('sys_user')
        user.get(String(admin?.sys_id))
        // The declarations require a field name; the platform also accepts none (the record's display value).
        expect((user.getDisplayValue as () => string)()).toBe('System Administrator')
    })

    test('glide_list display values join the referenced names', () => {
        const scope = instance.row('sys_auth_scope', 'name=useraccount')
        const id = instance.insertRow('api_key', { name: 'k', auth_scope: String(scope?.sys_id) })
        const gr = new GlideRecord('api_key')
        gr.get(id)
        expect(gr.getDisplayValue('auth_scope')).toBe('useraccount')
    })

    test('getRowCount, hasNext, isValidRecord', () => {
        for (const name of ['a', 'b']) instance.insertRow(T, { name })
        const gr = new GlideRecord(T)
        gr.query()
        expect(gr.getRowCount()).toBe(2)
        expect(gr.isValidRecord()).toBe(false)
        expect(gr.hasNext()).toBe(true)
        gr.next()
        expect(gr.isValidRecord()).toBe(true)
        expect(gr.hasNext()).toBe(true)
        gr.next()
        expect(gr.hasNext()).toBe(false)
        expect(gr.next()).toBe(false)
    })

    test('getElement: toString, getValue, getDisplayValue, nil, getRefRecord', () => {
        const admin = instance.user('admin')
        const role = instance.row('sys_user_has_role', `user=${admin?.sys_id}`)
        const gr = new GlideRecord('sys_user_has_role')
        gr.get(String(role?.sys_id))
        const element = gr.getElement('user')
        expect(element.toString()).toBe(admin?.sys_id)
        expect(element.getValue()).toBe(admin?.sys_id)
        expect(element.getDisplayValue()).toBe('System Administrator')
        expect(element.nil()).toBe(false)
        expect(element.getReferenceTable()).toBe('sys_user')
        const user = element.getRefRecord()
        expect(user.getValue('user_name')).toBe('admin')
        expect(gr.getElement('inherited').getValue()).toBe('false')
    })

    test('property access: gr.field is an element, gr.field = value sets it', () => {
        const gr = new GlideRecord(T)
        gr.initialize()
        const fields = gr as unknown as Record<string, unknown>
        fields.name = 'by property'
        fields.status = 'new'
        const id = gr.insert()
        const back = new GlideRecord(T)
        back.get(String(id))
        expect(back.name.toString()).toBe('by property')
        expect(String(back.status)).toBe('new')
        expect(back.status.getDisplayValue()).toBe('new')
        expect((back as unknown as Record<string, unknown>).not_a_field).toBeUndefined()
    })

    test('fields named like internal state (state, name, active) stay fields', () => {
        const gr = new GlideRecord('sys_user_has_role')
        gr.addQuery('state', 'active')
        gr.query()
        expect(gr.next()).toBe(true)
        expect(gr.state.toString()).toBe('active')
    })
})

describe('tables', () => {
    test('a table that does not exist: isValid false, query finds nothing, insert returns null', () => {
        const gr = new GlideRecord('no_such_table')
        expect(gr.isValid()).toBe(false)
        gr.query()
        expect(gr.next()).toBe(false)
        gr.initialize()
        gr.setValue('name', 'x')
        expect(gr.insert()).toBeNull()
        expect(gr.getLastErrorMessage()).toMatch(/Invalid table/)
        expect(gr.get('0'.repeat(32))).toBe(false)
    })

    test('isValidField, getTableName, getRecordClassName, can* and GlideRecordSecure', () => {
        const gr = new GlideRecordSecure('sys_user')
        expect(gr.isValidField('user_name')).toBe(true)
        expect(gr.isValidField('nope')).toBe(false)
        expect(gr.getTableName()).toBe('sys_user')
        expect(gr.getRecordClassName()).toBe('sys_user')
        // The session user (em.app.admin) lacks itil, the read role the fixture gives sys_user.
        expect([gr.canRead(), gr.canWrite(), gr.canCreate(), gr.canDelete()]).toEqual([false, true, true, true])
    })

    test('canRead follows the table\'s read roles: a holder, admin and system pass; a table without roles is readable', () => {
        const canRead = (table: string) => new GlideRecord(table).canRead()
        expect([canRead('em_event'), canRead('sys_user'), canRead('sn_em_connector_listener')]).toEqual([false, false, true])
        instance.insertRow('sys_user_role', { name: 'evt_mgmt_user' })
        instance.createUser('em.user', { roles: ['evt_mgmt_user', 'itil'] })
        instance.setSessionUser('em.user')
        expect([canRead('em_event'), canRead('sys_user')]).toEqual([true, true])
        instance.setSessionUser('admin')
        expect([canRead('em_event'), canRead('sys_user')]).toEqual([true, true])
        instance.session.userName = 'system'
        expect([canRead('em_event'), canRead('sys_user')]).toEqual([true, true])
    })

    test('the app tables are open: any field can be written and queried', () => {
        const id = instance.insertRow('x_em_aws_apikey_audit', { action: 'generate', detail: 'd' })
        expect(instance.rows('x_em_aws_apikey_audit', 'action=generate^outcomeISEMPTY').map((r) => r.sys_id)).toEqual([id])
    })

    test('setWorkflow is accepted and reported', () => {
        const gr = new GlideRecord(T)
        gr.setWorkflow(false)
        expect(gr.isWorkflow()).toBe(false)
    })
})
