// Every server entry point checks the app's role itself; the UI action's role list is not enough.
import { gs } from '@servicenow/glide'
import { PLATFORM, ROLE } from './app-names.ts'

/** Throws when the session user lacks the app admin role (users with admin pass, as gs.hasRole documents). */
export function requireAppAdmin(what: string): void {
    if (!gs.hasRole(ROLE.admin)) {
        throw new Error(`Only users with the ${ROLE.admin} role can ${what}. Ask an administrator to grant the role.`)
    }
}

export function canReadApp(): boolean {
    return gs.hasRole(ROLE.admin) || gs.hasRole(ROLE.auditor)
}

/** Throws unless the session user may change instance-wide API access: admin or api_service_admin (E49). */
export function requireApiAccessAdmin(what: string): void {
    if (!PLATFORM.apiAccessAdminRoles.some((role) => gs.hasRole(role))) {
        throw new Error(
            `Only users with ${PLATFORM.apiAccessAdminRoles.join(' or ')} (on top of ${ROLE.admin}) can ${what}: it changes API access policies, creates the integration user and grants its role. Ask an administrator.`,
        )
    }
}
