// A real instance as a fixture: the file "Export instance facts" writes (src/server/setup/instance-facts.ts) turned
// into freshInstance() options. Its `switches` become platform settings, validated against SWITCH_SETTINGS (an
// unknown switch name or setting fails loudly, so a real instance that answers in a way the double does not model
// shows up at once); the facts the double can honour set the fixture: plugin states, the Event Management
// Connectors version, or its absence. Everything else in the file is for the developer reading it.
import { readFileSync } from 'node:fs'
import type { FixtureOptions } from './fixture.ts'
import { TOKEN_AUTH_PLUGIN } from './fixture.ts'
import type { Instance } from './instance.ts'
import { type PlatformSwitches, resolveSwitches, SWITCH_NAMES } from './platform-switches.ts'

const FORMAT_PREFIX = 'x_em_aws_apikey.instance-facts/'

/** The parts of an instance-facts file the double reads (the file holds more). */
export interface InstanceFactsFixture {
    format: string
    switches: { [name: string]: string }
    versions?: { emConnector?: { version: string; active: boolean } | null }
    plugins?: { [id: string]: boolean }
    unobserved?: { switch: string; why: string }[]
}

/** Checks the file's shape and its switch names; returns the switches it sets (settings checked by resolveSwitches). */
export function factsSwitches(file: InstanceFactsFixture): Partial<PlatformSwitches> {
    if (!file || typeof file !== 'object' || typeof file.format !== 'string' || file.format.indexOf(FORMAT_PREFIX) !== 0) {
        throw new Error(`Not an instance-facts file: format must start with ${FORMAT_PREFIX}`)
    }
    if (!file.switches || typeof file.switches !== 'object') throw new Error('Instance-facts file without a switches object')
    const unknown = Object.keys(file.switches).filter((name) => !(SWITCH_NAMES as string[]).includes(name))
    if (unknown.length) throw new Error(`Unknown platform switch(es) in instance-facts file: ${unknown.join(', ')} (known: ${SWITCH_NAMES.join(', ')})`)
    const switches = file.switches as Partial<PlatformSwitches>
    resolveSwitches(switches) // throws on an unknown setting
    return switches
}

/** freshInstance() options for the file; `platform` given by the caller wins over the file's switches. */
export function fixtureOptionsFromFacts(file: InstanceFactsFixture, options: FixtureOptions = {}): FixtureOptions {
    const switches = factsSwitches(file)
    const plugins = file.plugins || {}
    const em = file.versions ? file.versions.emConnector : undefined
    return {
        ...(TOKEN_AUTH_PLUGIN in plugins ? { pluginActive: plugins[TOKEN_AUTH_PLUGIN] } : {}),
        ...(em === null ? { emApp: false } : {}),
        ...options,
        platform: { ...switches, ...options.platform },
    }
}

/** After the fixture loaded: the facts that are records or plugin states rather than options. */
export function applyFactsToInstance(instance: Instance, file: InstanceFactsFixture): void {
    for (const [id, active] of Object.entries(file.plugins || {})) {
        // The Explicit Roles plugin follows the switch (fixture.ts) when the file sets it.
        if (id === 'com.glide.explicit_roles' && file.switches.explicitRoles) continue
        instance.plugins.set(id, active === true)
    }
    const em = file.versions ? file.versions.emConnector : undefined
    if (em && instance.hasTable('sys_scope')) {
        instance.updateRows('sys_scope', 'scope=sn_em_connector', { version: String(em.version), active: String(em.active !== false) })
    }
}

export function readFactsFile(path: string): InstanceFactsFixture {
    return JSON.parse(readFileSync(path, 'utf8')) as InstanceFactsFixture
}
