// gs, GlideDateTime, GlideAggregate, GlideSecureRandomUtil and GlidePluginManager doubles.
import { GlideAggregate, GlideDateTime, GlidePluginManager, GlideSecureRandomUtil, gs } from '@servicenow/glide'
import { freshInstance, type Instance } from '../../support/instance/index.ts'

let instance: Instance

beforeEach(() => {
    instance = freshInstance({ clock: '2026-11-23 10:00:00' })
})

describe('gs', () => {
    test('getProperty reads sys_properties, with the default when missing; setProperty writes', () => {
        const scope = instance.row('sys_auth_scope', 'name=useraccount')
        expect(gs.getProperty('glide.oauth.token.scope.useraccount')).toBe(scope?.sys_id)
        expect(gs.getProperty('glide.servlet.uri')).toBe('https://dev00000.service-now.com/')
        expect(gs.getProperty('x.missing', 'fallback')).toBe('fallback')
        expect(gs.getProperty('x.missing')).toBeNull()
        gs.setProperty('x_em_aws_apikey.key_lifetime_days', '30')
        gs.setProperty('x_em_aws_apikey.key_lifetime_days', '45')
        expect(instance.rows('sys_properties', 'name=x_em_aws_apikey.key_lifetime_days').map((r) => r.value)).toEqual(['45'])
    })

    test('session user: id, name, display name, getUser()', () => {
        const me = instance.user('em.app.admin')
        expect(gs.getUserID()).toBe(me?.sys_id)
        expect(gs.getUserName()).toBe('em.app.admin')
        expect(gs.getUserDisplayName()).toBe('EM App Admin')
        expect(gs.getUser().getID()).toBe(me?.sys_id)
        expect(gs.getUser().getName()).toBe('em.app.admin')
        expect(gs.getUser().hasRole('x_em_aws_apikey.admin')).toBe(true)
        instance.setSessionUser('plain.user')
        expect(gs.getUserName()).toBe('plain.user')
        expect(() => instance.setSessionUser('nobody')).toThrow(/No sys_user/)
    })

    test('hasRole: granted roles, comma lists, and always true for admin', () => {
        expect(gs.hasRole('x_em_aws_apikey.admin')).toBe(true)
        expect(gs.hasRole('itil')).toBe(false)
        expect(gs.hasRole('itil,x_em_aws_apikey.admin')).toBe(true)
        instance.setSessionUser('plain.user')
        expect(gs.hasRole('x_em_aws_apikey.admin')).toBe(false)
        instance.grantRole('plain.user', 'itil')
        expect(gs.hasRole('itil')).toBe(true)
        instance.setSessionUser('admin')
        expect(gs.hasRole('x_em_aws_apikey.auditor')).toBe(true)
        expect(gs.hasRole('role_that_does_not_exist')).toBe(true)
    })

    test('getMessage substitutes {n}; nil; generateGUID; isInteractive; tableExists', () => {
        expect(gs.getMessage('Key {0} expires {1}', ['k', 'soon'])).toBe('Key k expires soon')
        expect(gs.getMessage('Hello {0}', 'you')).toBe('Hello you')
        expect(gs.getMessage('plain')).toBe('plain')
        expect([gs.nil(''), gs.nil(null), gs.nil('x')]).toEqual([true, true, false])
        expect(gs.generateGUID()).toMatch(/^[0-9a-f]{32}$/)
        expect(gs.isInteractive()).toBe(true)
        instance.session.interactive = false
        expect(gs.isInteractive()).toBe(false)
        expect(gs.tableExists('api_key')).toBe(true)
        expect(gs.tableExists('nope')).toBe(false)
    })

    test('date helpers follow the instance clock', () => {
        expect(gs.nowDateTime()).toBe('2026-11-23 10:00:00')
        expect(gs.daysAgo(2)).toBe('2026-11-21 10:00:00')
        expect(gs.daysAgoStart(1)).toBe('2026-11-22 00:00:00')
        expect(gs.dateGenerate('2026-01-31', 'end')).toBe('2026-01-31 23:59:59')
        expect(gs.nowGlideDateTime().getValue()).toBe('2026-11-23 10:00:00')
    })
})

describe('GlideDateTime', () => {
    test('now comes from the instance clock, which tests move', () => {
        expect(new GlideDateTime().getValue()).toBe('2026-11-23 10:00:00')
        instance.clock.advanceDays(3)
        expect(new GlideDateTime().getValue()).toBe('2026-11-26 10:00:00')
        instance.clock.set('2027-01-01 00:00:00')
        expect(new GlideDateTime().getDisplayValue()).toBe('2027-01-01 00:00:00')
    })

    test('parse, add, compare', () => {
        const a = new GlideDateTime('2026-01-31 23:00:00')
        a.addDaysUTC(1)
        expect(a.getValue()).toBe('2026-02-01 23:00:00')
        a.addSeconds(3600)
        expect(a.getValue()).toBe('2026-02-02 00:00:00')
        a.addDaysLocalTime(-2)
        expect(a.getValue()).toBe('2026-01-31 00:00:00')
        const b = new GlideDateTime(a)
        expect(b.equals(a)).toBe(true)
        b.setValue('2026-03-01 00:00:00')
        expect(a.before(b)).toBe(true)
        expect(b.after(a)).toBe(true)
        expect(a.compareTo(b)).toBe(-1)
        expect(b.compareTo(a)).toBe(1)
        expect(a.compareTo('2026-01-31 00:00:00')).toBe(0)
        expect(b.getNumericValue() - a.getNumericValue()).toBe(29 * 86_400_000)
        expect(a.getDate().getDisplayValue()).toBe('2026-01-31')
    })

    test('invalid values are reported by isValid()', () => {
        expect(new GlideDateTime('2026-02-30 00:00:00').isValid()).toBe(false)
        expect(new GlideDateTime('not a date').getValue()).toBe('')
        expect(new GlideDateTime('2026-02-28').getValue()).toBe('2026-02-28 00:00:00')
    })

    test('GlideDateTime.subtract gives a duration', () => {
        const d = GlideDateTime.subtract(new GlideDateTime('2026-01-01 00:00:00'), new GlideDateTime('2026-01-03 06:30:00'))
        expect(d.getDayPart()).toBe(2)
        expect(d.getDisplayValue()).toBe('2 Days 6 Hours 30 Minutes')
        expect(d.getDurationValue()).toBe('2 06:30:00')
    })
})

describe('GlideAggregate', () => {
    beforeEach(() => {
        instance.insertRow('em_event', { source: 'AWS', sys_created_on: '2026-11-20 08:00:00' })
        instance.insertRow('em_event', { source: 'AWS', sys_created_on: '2026-11-22 09:00:00' })
        instance.insertRow('em_event', { source: 'Azure', sys_created_on: '2026-11-21 07:00:00' })
    })

    test('MAX and COUNT grouped by a field, groups in order', () => {
        const agg = new GlideAggregate('em_event')
        agg.addAggregate('MAX', 'sys_created_on')
        agg.addAggregate('COUNT', '')
        agg.groupBy('source')
        agg.query()
        const out: string[] = []
        while (agg.next()) out.push(`${agg.getValue('source')} ${agg.getAggregate('COUNT', '')} ${agg.getAggregate('MAX', 'sys_created_on')}`)
        expect(out).toEqual(['AWS 2 2026-11-22 09:00:00', 'Azure 1 2026-11-21 07:00:00'])
    })

    test('without groupBy there is one result, even with no rows; MIN; conditions apply', () => {
        const agg = new GlideAggregate('em_event')
        agg.addQuery('source', '=', 'AWS')
        agg.addAggregate('MIN', 'sys_created_on')
        agg.addAggregate('COUNT', '')
        agg.query()
        expect(agg.next()).toBe(true)
        expect(agg.getAggregate('MIN', 'sys_created_on')).toBe('2026-11-20 08:00:00')
        expect(agg.getAggregate('COUNT', '')).toBe('2')
        expect(agg.next()).toBe(false)
        const none = new GlideAggregate('em_event')
        none.addEncodedQuery('source=GCP')
        none.addAggregate('COUNT', '')
        none.query()
        expect(none.next()).toBe(true)
        expect(none.getAggregate('COUNT', '')).toBe('0')
    })
})

describe('GlideSecureRandomUtil and GlidePluginManager', () => {
    test('random strings have the length asked for and differ', () => {
        const a = GlideSecureRandomUtil.getSecureRandomString(24)
        expect(a).toMatch(/^[A-Za-z0-9]{24}$/)
        expect(GlideSecureRandomUtil.getSecureRandomString(24)).not.toBe(a)
        const n = GlideSecureRandomUtil.getSecureRandomIntBound(10)
        expect(n).toBeGreaterThanOrEqual(0)
        expect(n).toBeLessThan(10)
        expect(Number.isInteger(GlideSecureRandomUtil.getSecureRandomInt())).toBe(true)
    })

    test('isActive reads instance.plugins', () => {
        expect(GlidePluginManager.isActive('com.glide.tokenbased_auth')).toBe(true)
        for (const p of ['com.glide.rest.policy', 'com.glide.auth.scope', 'com.glide.rest.auth.scope']) expect(GlidePluginManager.isActive(p)).toBe(true)
        expect(GlidePluginManager.isActive('com.snc.unknown')).toBe(false)
        instance.plugins.set('com.glide.tokenbased_auth', false)
        expect(GlidePluginManager.isActive('com.glide.tokenbased_auth')).toBe(false)
    })
})
