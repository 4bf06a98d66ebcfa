// The Basic Auth Restriction properties (E58) on the instance double: sys_properties rows, read with gs.getProperty.
// E58 names the five properties and says new instances restrict by default; their default values are not published,
// so each state below is a fixture choice the tests run the check under (assumption: 'not_set' is an older instance
// that never had them; 'restricting' has the feature on but not enforced; 'enforced' blocks Basic except for the
// documented exemptions).
import type { Instance } from './instance.ts'

export const BASIC_AUTH_RESTRICTION_STATES = ['not_set', 'restricting', 'enforced'] as const
export type BasicAuthRestrictionState = (typeof BASIC_AUTH_RESTRICTION_STATES)[number]

export function setBasicAuthRestriction(
    instance: Instance,
    state: BasicAuthRestrictionState,
    allow: { roles?: string; users?: string } = {},
): void {
    if (state === 'not_set') return
    const set = (name: string, value: string) => instance.insertRow('sys_properties', { name, value, type: 'string' })
    set('glide.authenticate.basic_auth.restriction.active', 'true') // E58
    set('glide.authenticate.basic_auth.restriction.enforce', state === 'enforced' ? 'true' : 'false') // E58
    set('glide.authenticate.basic_auth.restriction.default_decision', 'deny') // E58 (value set: assumption)
    if (allow.roles !== undefined) set('glide.authenticate.basic_auth.allowed_roles', allow.roles) // E58
    if (allow.users !== undefined) set('glide.authenticate.basic_auth.allowed_users', allow.users) // E58
}
