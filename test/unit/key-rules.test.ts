import { addDays, daysBetween, formatStamp, keyDescription, keyExpiry, keyName, parseStamp } from '../../src/server/keys/key-rules'

describe('key expiry', () => {
    const now = '2026-11-23 10:00:00'

    it('defaults to now plus the lifetime', () => {
        expect(keyExpiry(now, 90)).toBe('2027-02-21 10:00:00')
    })

    it('accepts an earlier expiry within the lifetime', () => {
        expect(keyExpiry(now, 90, '2027-01-01 00:00:00')).toBe('2027-01-01 00:00:00')
    })

    it.each([
        ['2026-11-23 09:59:59', /in the past/],
        ['2026-11-23 10:00:00', /in the past/],
        ['2027-02-21 10:00:01', /beyond the allowed key lifetime of 90 days/],
        ['2027-02-30 00:00:00', /use the form YYYY-MM-DD HH:mm:ss/],
        ['tomorrow', /use the form/],
        ['2027-01-01T00:00:00Z', /use the form/],
    ])('rejects expiry %s and names the field', (requested, message) => {
        expect(() => keyExpiry(now, 90, requested)).toThrow(message)
        expect(() => keyExpiry(now, 90, requested)).toThrow(/^expires: /)
    })
})

describe('date stamps', () => {
    it('round-trips and adds days', () => {
        expect(formatStamp(parseStamp('2026-02-28 23:59:59'))).toBe('2026-02-28 23:59:59')
        expect(addDays('2026-02-28 12:00:00', 1)).toBe('2026-03-01 12:00:00')
        expect(daysBetween('2026-11-23 00:00:00', '2026-12-07 00:00:00')).toBe(14)
        expect(parseStamp('2026-13-01 00:00:00')).toBeNaN()
    })
})

describe('key naming', () => {
    it('names the connector and date and strips odd characters', () => {
        expect(keyName('Prod <AWS> "alarms"', '2026-11-23 10:00:00')).toBe('AWS SNS - Prod AWS alarms - 2026-11-23')
        expect(keyName('***', '2026-11-23 10:00:00')).toBe('AWS SNS - connector - 2026-11-23')
    })

    it('describes who, when and which connector', () => {
        const text = keyDescription('em.app.admin', '2026-11-23 10:00:00', 'AWS', 'a'.repeat(32))
        expect(text).toContain('em.app.admin')
        expect(text).toContain('2026-11-23 10:00:00')
        expect(text).toContain('a'.repeat(32))
    })
})
