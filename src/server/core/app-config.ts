// Validation of the app's system properties (pure). A bad value stops the action with a message naming the property.
import { PROPERTY } from './app-names.ts'

export interface AppConfig {
    keyLifetimeDays: number
    expiryWarningDays: number
    /** '' = use the push connector definition's own source (E36); set only to force another value. */
    sourceOverride: string
    /** sys_ids of extra push connector definitions that parse AWS SNS alarms (besides source `aws`). */
    awsConnectorDefinitions: string[]
    /** Opt-in: map the app's header profile (and Basic) to the built-in Table API policies. */
    mapTableApiPolicies: boolean
    instanceBaseUrl: string
    /** The host of instanceBaseUrl as an admin confirmed it, when it is not the instance's own host. */
    instanceBaseUrlConfirmedHost: string
    integrationUserName: string
    keepBasicAuthMapped: boolean
    rotationGraceDays: number
    noDataHours: number
}

export type RawProperties = { [name: string]: string | undefined }

function integer(raw: RawProperties, name: string, fallback: number, min: number, max: number): number {
    const text = (raw[name] ?? '').trim()
    if (text === '') return fallback
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
        throw new Error(`Property ${name} must be a whole number from ${min} to ${max}; fix it under the app's Properties.`)
    }
    return Number(text)
}

function flag(raw: RawProperties, name: string, fallback: boolean): boolean {
    const text = (raw[name] ?? '').trim().toLowerCase()
    if (text === '') return fallback
    if (text !== 'true' && text !== 'false') throw new Error(`Property ${name} must be true or false.`)
    return text === 'true'
}

function sysIdList(raw: RawProperties, name: string): string[] {
    const items = (raw[name] ?? '').split(',').map((s) => s.trim()).filter(Boolean)
    const bad = items.filter((s) => !/^[0-9a-f]{32}$/.test(s))
    if (bad.length) throw new Error(`Property ${name} must be a comma-separated list of 32-character sys_ids; fix "${bad[0]}".`)
    return items
}

export function parseAppConfig(raw: RawProperties): AppConfig {
    const keyLifetimeDays = integer(raw, PROPERTY.keyLifetimeDays, 90, 1, 3650)
    const expiryWarningDays = integer(raw, PROPERTY.expiryWarningDays, 14, 0, 3650)
    if (expiryWarningDays >= keyLifetimeDays) {
        throw new Error(
            `Property ${PROPERTY.expiryWarningDays} (${expiryWarningDays}) must be smaller than ${PROPERTY.keyLifetimeDays} (${keyLifetimeDays}); otherwise every new key starts out "expiring".`,
        )
    }
    const integrationUserName = (raw[PROPERTY.integrationUser] ?? '').trim() || 'aws.sns.integration'
    if (!/^[A-Za-z0-9._@-]{1,100}$/.test(integrationUserName)) {
        throw new Error(`Property ${PROPERTY.integrationUser} must be a user name of letters, digits, '.', '_', '-' or '@'.`)
    }
    return {
        keyLifetimeDays,
        expiryWarningDays,
        // Checked against the endpoint rules when an endpoint is built (aws-endpoint.ts).
        sourceOverride: raw[PROPERTY.sourceOverride] ?? '',
        awsConnectorDefinitions: sysIdList(raw, PROPERTY.awsConnectorDefinitions),
        mapTableApiPolicies: flag(raw, PROPERTY.mapTableApiPolicies, false),
        instanceBaseUrl: (raw[PROPERTY.instanceBaseUrl] ?? '').trim(),
        instanceBaseUrlConfirmedHost: (raw[PROPERTY.instanceBaseUrlConfirmedHost] ?? '').trim().toLowerCase(),
        integrationUserName,
        keepBasicAuthMapped: flag(raw, PROPERTY.keepBasicAuthMapped, true),
        rotationGraceDays: integer(raw, PROPERTY.rotationGraceDays, 7, 0, 90),
        noDataHours: integer(raw, PROPERTY.noDataHours, 24, 1, 24 * 90),
    }
}
