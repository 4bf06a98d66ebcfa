// Reads the app's properties on the instance and validates them (see app-config.ts).
import { gs } from '@servicenow/glide'
import { type AppConfig, type RawProperties, parseAppConfig } from './app-config.ts'
import { PROPERTY } from './app-names.ts'

export function readAppConfig(): AppConfig {
    const raw: RawProperties = {}
    for (const key of Object.keys(PROPERTY) as (keyof typeof PROPERTY)[]) {
        const name = PROPERTY[key]
        const value = gs.getProperty(name)
        raw[name] = value === null || value === undefined ? undefined : String(value)
    }
    return parseAppConfig(raw)
}
