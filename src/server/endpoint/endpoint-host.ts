// Pure: which base URL the endpoint handed to AWS SNS uses. The instance's own URL (glide.servlet.uri, E47) unless
// x_em_aws_apikey.instance_base_url names another; a host other than the instance's own needs its explicit
// confirmation in x_em_aws_apikey.instance_base_url_confirmed_host (both properties: admin only). Rhino and Node.
import { PROPERTY } from '../core/app-names.ts'

export interface EndpointBase {
    /** Base URL of the endpoint SNS calls. */
    base: string
    /** The confirmed other host, '' when the endpoint uses the instance's own host. */
    otherHost: string
}

/** Lower-cased host (with port) of an absolute URL, '' when there is none. */
export function hostOf(url: string): string {
    const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(String(url || ''))
    return m ? m[1].toLowerCase().replace(/^[^@]*@/, '') : ''
}

export function endpointBase(override: string, confirmedHost: string, ownUrl: string): EndpointBase {
    if (!override) return { base: ownUrl, otherHost: '' }
    const host = hostOf(override)
    if (!host || host === hostOf(ownUrl)) return { base: override, otherHost: '' }
    if (confirmedHost === host) return { base: override, otherHost: host }
    throw new Error(
        `Property ${PROPERTY.instanceBaseUrl} points AWS SNS at ${host}, not at this instance (${hostOf(ownUrl) || 'glide.servlet.uri is not set'}). ` +
            `If ${host} forwards to this instance (a custom domain), confirm it: set ${PROPERTY.instanceBaseUrlConfirmedHost} to ${host} (admin only). Otherwise empty ${PROPERTY.instanceBaseUrl}.`,
    )
}
