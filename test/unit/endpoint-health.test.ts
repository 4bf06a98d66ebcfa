import { type HealthInput, judgeEndpoint } from '../../src/server/watch/endpoint-health'

const base: HealthInput = {
    now: '2026-11-23 06:00:00',
    status: 'active',
    keyExists: true,
    keyActive: true,
    expires: '2027-02-21 06:00:00',
    expiryWarningDays: 14,
    lastEventAt: '2026-11-23 05:00:00',
    eventSeen: true,
    issuedAt: '2026-11-01 00:00:00',
    lastProbeAt: '2026-11-01 00:00:00',
    noDataHours: 24,
}

describe('expiry and health watch rules', () => {
    it('keeps a healthy endpoint active without notifying', () => {
        expect(judgeEndpoint(base)).toMatchObject({ status: 'active', notify: null })
    })

    it('moves to expiring inside the warning window and notifies once', () => {
        const expiring = { ...base, expires: '2026-12-01 06:00:00' }
        expect(judgeEndpoint(expiring)).toMatchObject({ status: 'expiring', notify: 'expiring' })
        expect(judgeEndpoint({ ...expiring, status: 'expiring' })).toMatchObject({ status: 'expiring', notify: null })
    })

    it('moves to expired when the expiry has passed, the key is inactive, or the record is gone', () => {
        expect(judgeEndpoint({ ...base, expires: '2026-11-23 05:59:59' })).toMatchObject({ status: 'expired', notify: 'expired' })
        expect(judgeEndpoint({ ...base, keyActive: false })).toMatchObject({ status: 'expired' })
        const gone = judgeEndpoint({ ...base, keyExists: false, status: 'expiring' })
        expect(gone).toMatchObject({ status: 'expired', notify: 'expired' })
        expect(gone.reason).toMatch(/deleted by the platform/)
    })

    it('marks no data, and notifies, when a source seen before sent nothing inside the window', () => {
        expect(judgeEndpoint({ ...base, lastEventAt: '' })).toMatchObject({ status: 'no_data', notify: 'no_data' })
        expect(judgeEndpoint({ ...base, status: 'no_data', lastEventAt: '' })).toMatchObject({ status: 'no_data', notify: null })
        expect(judgeEndpoint({ ...base, lastEventAt: '', issuedAt: '2026-11-23 00:00:00' })).toMatchObject({ status: 'active' })
    })

    it('keeps "no data" unknown until an event from the endpoint has been seen', () => {
        const verdict = judgeEndpoint({ ...base, lastEventAt: '', eventSeen: false })
        expect(verdict).toMatchObject({ status: 'active', notify: null })
        expect(verdict.reason).toMatch(/cannot be judged yet/)
    })

    it('never makes an endpoint healthy when the event table cannot be read', () => {
        expect(judgeEndpoint({ ...base, lastEventAt: null, status: 'no_data' })).toMatchObject({ status: 'no_data' })
        expect(judgeEndpoint({ ...base, lastEventAt: null, status: 'failing' })).toMatchObject({ status: 'failing' })
        expect(judgeEndpoint({ ...base, lastEventAt: null })).toMatchObject({ status: 'active' })
    })

    it('keeps failing until an event arrives after the failed probe', () => {
        const failing = { ...base, status: 'failing' as const, lastProbeAt: '2026-11-23 05:30:00' }
        expect(judgeEndpoint({ ...failing, lastEventAt: '2026-11-23 05:00:00' })).toMatchObject({ status: 'failing' })
        expect(judgeEndpoint({ ...failing, lastEventAt: '' })).toMatchObject({ status: 'failing' })
        expect(judgeEndpoint({ ...failing, lastEventAt: '2026-11-23 05:45:00' })).toMatchObject({ status: 'active', notify: null })
    })

    it('recovers from no data when events arrive again', () => {
        expect(judgeEndpoint({ ...base, status: 'no_data' })).toMatchObject({ status: 'active', notify: null })
    })

    it('leaves revoked and new endpoints alone', () => {
        expect(judgeEndpoint({ ...base, status: 'revoked', keyActive: false })).toMatchObject({ status: 'revoked', notify: null })
        expect(judgeEndpoint({ ...base, status: 'new', keyExists: false })).toMatchObject({ status: 'new', notify: null })
    })
})
