// Validation of the app's system properties (pure). A bad value stops the action with a message naming the property.
import { PROPERTY } from './app-names.ts'

export interface AppConfig {
    keyLifetimeDays: number
    expiryWarningDays: number
    defaultSource: string
    instanceBaseUrl: string
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
        defaultSource: raw[PROPERTY.defaultSource] ?? 'AWS',
        instanceBaseUrl: (raw[PROPERTY.instanceBaseUrl] ?? '').trim(),
        integrationUserName,
        keepBasicAuthMapped: flag(raw, PROPERTY.keepBasicAuthMapped, true),
        rotationGraceDays: integer(raw, PROPERTY.rotationGraceDays, 7, 0, 90),
        noDataHours: integer(raw, PROPERTY.noDataHours, 24, 1, 24 * 90),
    }
}
