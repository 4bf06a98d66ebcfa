// The setup check's Basic Auth Restriction link (E58) against the instance double: the five properties are read with
// gs.getProperty as the instance has them (setBasicAuthRestriction), and judged for the integration user.
import { checkSetup } from '../../src/server/setup/setup-service'
import { instanceWithApp, repairAsApiAdmin } from '../support/app-on-instance'
import { BASIC_AUTH_RESTRICTION_STATES, setBasicAuthRestriction } from '../support/instance/basic-auth-restriction'

const linkOf = () => {
    const link = checkSetup().results.find((r) => r.id === 'basic_auth_restriction')
    if (!link) throw new Error('no basic_auth_restriction link')
    return link
}

describe('setup check: Basic Auth Restriction for the integration user (E58)', () => {
    it.each(BASIC_AUTH_RESTRICTION_STATES)('%s: the Web-service-only user Repair creates keeps Basic, now and after enforcement (pass)', (state) => {
        const instance = instanceWithApp()
        setBasicAuthRestriction(instance, state)
        repairAsApiAdmin(true)
        const link = linkOf()
        expect(link.status).toBe('pass')
        expect(link.found).toContain('after enforcement: allowed (the user is Web service access only)')
        expect(link.found).toContain(`glide.authenticate.basic_auth.restriction.enforce=${state === 'not_set' ? '(not set)' : state === 'enforced' ? 'true' : 'false'}`)
    })

    it.each([
        ['not_set', /until the restriction is enforced/, 'Basic auth for aws.sns.integration now: allowed (the restriction is not enforced)'],
        ['restricting', /until the restriction is enforced/, 'Basic auth for aws.sns.integration now: allowed (the restriction is not enforced)'],
        ['enforced', /gets 401 now; SNS never retries a 4xx/, 'Basic auth for aws.sns.integration now: refused (the restriction is enforced and nothing exempts the user)'],
    ] as const)('%s, the user not Web service only: a warning that names migrate', (state, advice, now) => {
        const instance = instanceWithApp()
        setBasicAuthRestriction(instance, state)
        repairAsApiAdmin(true)
        instance.updateRows('sys_user', 'user_name=aws.sns.integration', { web_service_access_only: 'false' })
        const link = linkOf()
        expect(link.status).toBe('warn')
        expect(link.found).toContain(now)
        expect(link.fix).toMatch(advice)
        expect(link.fix).toMatch(/sn-aws-verify migrate --topic-arn <arn>/)
    })

    it('enforced, with the user named in allowed_users: allowed (pass)', () => {
        const instance = instanceWithApp()
        setBasicAuthRestriction(instance, 'enforced', { users: 'aws.sns.integration' })
        repairAsApiAdmin(true)
        instance.updateRows('sys_user', 'user_name=aws.sns.integration', { web_service_access_only: 'false' })
        const link = linkOf()
        expect(link.found).toContain('after enforcement: allowed (glide.authenticate.basic_auth.allowed_users names the user)')
    })
})
