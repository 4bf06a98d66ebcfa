import { BASIC_AUTH_ROLE, judgeBasicAuth, type BasicAuthRestrictionFacts } from '../../src/server/setup/basic-auth-restriction'
import type { UserFact } from '../../src/server/setup/setup-facts'

const notSet: BasicAuthRestrictionFacts = { active: '', enforce: '', defaultDecision: '', allowedRoles: '', allowedUsers: '' }
const enforced: BasicAuthRestrictionFacts = { ...notSet, active: 'true', enforce: 'true', defaultDecision: 'deny' }
const restricting: BasicAuthRestrictionFacts = { ...enforced, enforce: 'false' }
const user = (over: Partial<UserFact> = {}): UserFact => ({ sysId: 'u1', name: 'aws.sns.integration', active: true, lockedOut: false, webServiceOnly: false, roles: ['evt_mgmt_integration'], ...over })

describe('Basic Auth Restriction (E58) for the integration user', () => {
    it.each([
        ['not set', notSet, user(), 'yes', 'no'],
        ['active, not enforced', restricting, user(), 'yes', 'no'],
        ['enforced', enforced, user(), 'no', 'no'],
        ['enforced, Web service access only', enforced, user({ webServiceOnly: true }), 'yes', 'yes'],
        [`enforced, role ${BASIC_AUTH_ROLE}`, enforced, user({ roles: ['evt_mgmt_integration', BASIC_AUTH_ROLE] }), 'yes', 'yes'],
        ['enforced, named in allowed_users', { ...enforced, allowedUsers: 'someone, aws.sns.integration' }, user(), 'yes', 'yes'],
        ['enforced, its role in allowed_roles', { ...enforced, allowedRoles: 'itil,evt_mgmt_integration' }, user(), 'yes', 'yes'],
        ['enforced, another role allowed', { ...enforced, allowedRoles: 'itil' }, user(), 'no', 'no'],
    ] as const)('%s: now %s, after enforcement %s', (_what, props, u, now, after) => {
        const v = judgeBasicAuth(props, u, u.name)
        expect([v.now, v.afterEnforcement]).toEqual([now, after])
        expect(v.advice === '').toBe(now === 'yes' && after === 'yes')
    })

    it('says what a refusal now means for Basic-auth subscriptions, and names migrate', () => {
        const v = judgeBasicAuth(enforced, user(), 'aws.sns.integration')
        expect(v.advice).toMatch(/gets 401 now; SNS never retries a 4xx, so those alarms are lost/)
        expect(v.advice).toMatch(/sn-aws-verify migrate --topic-arn <arn> --endpoint-file <file>/)
        expect(v.found).toContain('glide.authenticate.basic_auth.restriction.enforce=true')
        expect(v.found).toContain('glide.authenticate.basic_auth.allowed_users=(not set)')
    })

    it('does not judge a user that does not exist yet', () => {
        const v = judgeBasicAuth(enforced, null, 'aws.sns.integration')
        expect([v.now, v.afterEnforcement, v.advice]).toEqual(['unknown', 'unknown', ''])
        expect(v.found.at(-1)).toBe('integration user aws.sns.integration: not found yet, so not judged')
    })
})
