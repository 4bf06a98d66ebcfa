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

const EXPIRED_LOST = 'SNS deliveries get HTTP 401 and are lost.'
const VALID = 'Key valid; newest event at 2026-11-23 05:00:00 UTC.'
const NO_DATA = 'No event from this source in the last 24 h. Check the SNS subscription and the alarms (sn-aws-verify doctor).'
const UNREADABLE = 'The event table is not readable by the app, so event flow was not checked.'
const STILL_FAILING = 'The last probe failed and no event has arrived since. Use "Send test alarm" after fixing the cause.'

describe('expiry and health watch rules', () => {
    it('keeps a healthy endpoint active without notifying', () => {
        expect(judgeEndpoint(base)).toStrictEqual({ status: 'active', notify: null, reason: VALID })
    })

    it('moves to expiring inside the warning window and notifies once', () => {
        const expiring = { ...base, expires: '2026-12-01 06:00:00' }
        const reason = 'The key expires on 2026-12-01 06:00:00 UTC, within 14 days. Rotate it and create a new SNS subscription.'
        expect(judgeEndpoint(expiring)).toStrictEqual({ status: 'expiring', notify: 'expiring', reason })
        expect(judgeEndpoint({ ...expiring, status: 'expiring' })).toStrictEqual({ status: 'expiring', notify: null, reason })
    })

    it('moves to expired when the expiry has passed, the key is inactive, or the record is gone', () => {
        expect(judgeEndpoint({ ...base, expires: '2026-11-23 05:59:59' })).toStrictEqual({
            status: 'expired',
            notify: 'expired',
            reason: `The key expired on 2026-11-23 05:59:59 UTC. ${EXPIRED_LOST}`,
        })
        expect(judgeEndpoint({ ...base, keyActive: false })).toStrictEqual({ status: 'expired', notify: 'expired', reason: `The key is inactive. ${EXPIRED_LOST}` })
        expect(judgeEndpoint({ ...base, keyExists: false, status: 'expiring' })).toStrictEqual({
            status: 'expired',
            notify: 'expired',
            reason: `The key record is gone (deleted by the platform after expiry). ${EXPIRED_LOST}`,
        })
    })

    it('marks no data, and notifies, when a source seen before sent nothing inside the window', () => {
        expect(judgeEndpoint({ ...base, lastEventAt: '' })).toStrictEqual({ status: 'no_data', notify: 'no_data', reason: NO_DATA })
        expect(judgeEndpoint({ ...base, status: 'no_data', lastEventAt: '' })).toStrictEqual({ status: 'no_data', notify: null, reason: NO_DATA })
        expect(judgeEndpoint({ ...base, lastEventAt: '', issuedAt: '2026-11-23 00:00:00' })).toStrictEqual({
            status: 'active',
            notify: null,
            reason: 'Key issued recently; waiting for events.',
        })
    })

    it('keeps "no data" unknown until an event from the endpoint has been seen', () => {
        expect(judgeEndpoint({ ...base, lastEventAt: '', eventSeen: false })).toStrictEqual({
            status: 'active',
            notify: null,
            reason: 'No event from this endpoint has been seen yet, so its event source is not known: "no data" cannot be judged yet.',
        })
    })

    it('never makes an endpoint healthy when the event table cannot be read', () => {
        expect(judgeEndpoint({ ...base, lastEventAt: null, status: 'no_data' })).toStrictEqual({ status: 'no_data', notify: null, reason: UNREADABLE })
        expect(judgeEndpoint({ ...base, lastEventAt: null, status: 'failing' })).toStrictEqual({ status: 'failing', notify: null, reason: UNREADABLE })
        expect(judgeEndpoint({ ...base, lastEventAt: null })).toStrictEqual({ status: 'active', notify: null, reason: UNREADABLE })
    })

    it('keeps failing until an event arrives after the failed probe', () => {
        const failing = { ...base, status: 'failing' as const, lastProbeAt: '2026-11-23 05:30:00' }
        expect(judgeEndpoint({ ...failing, lastEventAt: '2026-11-23 05:00:00' })).toStrictEqual({ status: 'failing', notify: null, reason: STILL_FAILING })
        expect(judgeEndpoint({ ...failing, lastEventAt: '' })).toStrictEqual({ status: 'failing', notify: null, reason: STILL_FAILING })
        expect(judgeEndpoint({ ...failing, lastEventAt: '2026-11-23 05:45:00' })).toStrictEqual({
            status: 'active',
            notify: null,
            reason: 'An event arrived at 2026-11-23 05:45:00 UTC, after the failed probe: the key works.',
        })
    })

    it('recovers from no data when events arrive again', () => {
        expect(judgeEndpoint({ ...base, status: 'no_data' })).toStrictEqual({ status: 'active', notify: null, reason: VALID })
    })

    it('leaves revoked and new endpoints alone', () => {
        expect(judgeEndpoint({ ...base, status: 'revoked', keyActive: false })).toStrictEqual({ status: 'revoked', notify: null, reason: 'Endpoint is revoked; nothing to watch.' })
        expect(judgeEndpoint({ ...base, status: 'new', keyExists: false })).toStrictEqual({ status: 'new', notify: null, reason: 'Endpoint is new; nothing to watch.' })
    })
})
