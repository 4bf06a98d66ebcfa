// Basic Auth Restriction (E58): whether the integration user may authenticate with Basic auth now and once the
// restriction is enforced, and what that means for AWS subscriptions that still post with user:password@. Pure.
// Once enforced, Basic is allowed only for a Web-service-access-only user, an MFA one-time password (not possible
// for SNS), the role snc_basic_auth_api_access, or the users and roles the two allow-list properties name. The
// properties' defaults are not published: the check reports what it read, and a property that is not set as "not set".
import type { UserFact } from './setup-facts.ts'

export const BASIC_AUTH_PROPERTIES = {
    active: 'glide.authenticate.basic_auth.restriction.active',
    enforce: 'glide.authenticate.basic_auth.restriction.enforce',
    defaultDecision: 'glide.authenticate.basic_auth.restriction.default_decision',
    allowedRoles: 'glide.authenticate.basic_auth.allowed_roles',
    allowedUsers: 'glide.authenticate.basic_auth.allowed_users',
} as const

export const BASIC_AUTH_ROLE = 'snc_basic_auth_api_access'

/** The five properties as read; '' when not set on the instance. */
export type BasicAuthRestrictionFacts = { [K in keyof typeof BASIC_AUTH_PROPERTIES]: string }

export type Allowed = 'yes' | 'no' | 'unknown'

export interface BasicAuthVerdict {
    now: Allowed
    afterEnforcement: Allowed
    /** Why, in words, with the property values as read. */
    found: string[]
    /** What it means for subscriptions that still use Basic auth; '' when nothing needs doing. */
    advice: string
}

function list(value: string): string[] {
    return value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '')
}

const isOn = (value: string) => value.trim().toLowerCase() === 'true'

/** Why Basic stays allowed for `user` once enforced, or '' when nothing exempts it. */
function exemption(p: BasicAuthRestrictionFacts, user: UserFact): string {
    if (user.webServiceOnly) return 'the user is Web service access only'
    if (user.roles.indexOf(BASIC_AUTH_ROLE) >= 0) return `the user has the role ${BASIC_AUTH_ROLE}`
    const users = list(p.allowedUsers)
    if (users.indexOf(user.name) >= 0 || users.indexOf(user.sysId) >= 0) return `${BASIC_AUTH_PROPERTIES.allowedUsers} names the user`
    const roles = list(p.allowedRoles).filter((r) => user.roles.indexOf(r) >= 0)
    if (roles.length > 0) return `${BASIC_AUTH_PROPERTIES.allowedRoles} names its role ${roles[0]}`
    return ''
}

export function judgeBasicAuth(p: BasicAuthRestrictionFacts, user: UserFact | null, userName: string): BasicAuthVerdict {
    const shown = (k: keyof typeof BASIC_AUTH_PROPERTIES) => `${BASIC_AUTH_PROPERTIES[k]}=${p[k] === '' ? '(not set)' : p[k]}`
    const found = [shown('active'), shown('enforce'), shown('defaultDecision'), shown('allowedRoles'), shown('allowedUsers')]
    const enforcedNow = isOn(p.active) && isOn(p.enforce)
    if (!user) {
        found.push(`integration user ${userName}: not found yet, so not judged`)
        return { now: 'unknown', afterEnforcement: 'unknown', found, advice: '' }
    }
    const why = exemption(p, user)
    const after: Allowed = why ? 'yes' : 'no'
    const now: Allowed = enforcedNow ? after : 'yes'
    found.push(
        `Basic auth for ${user.name} now: ${now === 'yes' ? (enforcedNow ? `allowed (${why})` : 'allowed (the restriction is not enforced)') : 'refused (the restriction is enforced and nothing exempts the user)'}`,
        `after enforcement: ${after === 'yes' ? `allowed (${why})` : 'refused'}`,
    )
    const migrate = 'Move every AWS SNS subscription that posts with https://user:password@ to the API-key endpoint: sn-aws-verify migrate --topic-arn <arn> --endpoint-file <file> (sn-aws-verify doctor lists them).'
    if (now === 'no') {
        return {
            now,
            afterEnforcement: after,
            found,
            advice: `Any SNS subscription that still posts as ${user.name} with Basic auth gets 401 now; SNS never retries a 4xx, so those alarms are lost (or wait in its dead-letter queue). ${migrate}`,
        }
    }
    if (after === 'no') {
        return {
            now,
            afterEnforcement: after,
            found,
            advice: `Basic auth works for ${user.name} until the restriction is enforced (new instances restrict by default; the Brazil release prepares deprecation); then subscriptions using it lose every alarm. ${migrate}`,
        }
    }
    return { now, afterEnforcement: after, found, advice: '' }
}
