import { classifyProbe } from '../../src/server/probe/probe-rules'

describe('probe answer classes', () => {
    it.each([
        [200, 'accepted'],
        [400, 'accepted'],
        [405, 'accepted'],
        [401, 'unauthenticated'],
        [403, 'forbidden'],
        [404, 'not_found'],
        [500, 'server_error'],
        [503, 'server_error'],
    ])('HTTP %i is %s', (status, outcome) => {
        expect(classifyProbe({ status, body: '', error: '' }, []).outcome).toBe(outcome)
    })

    it('treats no answer as a network problem', () => {
        expect(classifyProbe({ status: 0, body: '', error: 'Connection timed out' }, []).outcome).toBe('network')
    })

    it('names the failing setup links on a 401 and warns that SNS does not retry', () => {
        const verdict = classifyProbe({ status: 401, body: '{"error":{"message":"User is not authenticated"}}', error: '' }, ['EM policy: inactive'])
        expect(verdict.advice).toContain('EM policy: inactive')
        expect(verdict.advice).toMatch(/does not retry/)
    })
})
