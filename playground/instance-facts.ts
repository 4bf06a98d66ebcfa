// --instance <fixture>: an instance-fact fixture ({ "switches": { <platform switch>: <setting> }, ... }) to play a
// hard instance. A name is looked up in test/fixtures/instances/<name>.json; anything else is a path to a JSON file.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { type PlatformSwitches, SWITCH_NAMES, SWITCH_SETTINGS, resolveSwitches } from '../test/support/instance'

export const FIXTURE_DIR = join(__dirname, '..', 'test', 'fixtures', 'instances')

export interface InstanceFacts {
    /** What the playground plays: 'default' or the fixture's file name. */
    label: string
    /** The fixture file, '' for the default. */
    source: string
    switches: PlatformSwitches
    /** Keys of the fixture other than switches, which the playground does not apply. */
    ignored: string[]
}

function fixtureNames(dir: string): string[] {
    return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).sort() : []
}

function fixturePath(choice: string, dir: string, cwd: string): string {
    const named = join(dir, `${choice}.json`)
    if (/^[\w.-]+$/.test(choice) && !choice.endsWith('.json') && existsSync(named)) return named
    const path = resolve(cwd, choice)
    if (existsSync(path)) return path
    const names = fixtureNames(dir)
    throw new Error(`--instance ${choice}: no such fixture. ${names.length ? `Fixtures: ${names.join(', ')}; or` : 'Give'} a path to a JSON file with { "switches": { ... } }.`)
}

/**
 * The default instance: every switch at its evidence default, except that Repair's script write of the policy's REST
 * API is stored (E2), so a first run goes straight through. `--instance evidence-defaults` plays the form step: pick
 * the REST API on the API access policy form, as on an instance.
 */
export const PLAYGROUND_DEFAULTS: Partial<PlatformSwitches> = { policyApiWrite: 'stored' }

/** The switches of a fixture, checked name by name and setting by setting (resolveSwitches checks the settings). */
export function loadInstanceFacts(choice: string | undefined, dir = FIXTURE_DIR, cwd = process.cwd()): InstanceFacts {
    if (!choice) return { label: 'default', source: '', switches: resolveSwitches(PLAYGROUND_DEFAULTS), ignored: [] }
    const path = fixturePath(choice, dir, cwd)
    let doc: unknown
    try {
        doc = JSON.parse(readFileSync(path, 'utf8'))
    } catch (e) {
        throw new Error(`--instance ${choice}: ${path} is not valid JSON (${(e as Error).message}).`)
    }
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`--instance ${choice}: ${path} must hold a JSON object with "switches".`)
    const { switches = {}, ...rest } = doc as { switches?: unknown }
    if (!switches || typeof switches !== 'object' || Array.isArray(switches)) throw new Error(`--instance ${choice}: "switches" must be an object of platform switch names and settings.`)
    const unknown = Object.keys(switches).filter((name) => !(SWITCH_NAMES as string[]).includes(name))
    if (unknown.length) throw new Error(`--instance ${choice}: unknown platform switch ${unknown.join(', ')}. Known switches: ${SWITCH_NAMES.join(', ')}.`)
    for (const [name, setting] of Object.entries(switches)) {
        const settings = SWITCH_SETTINGS[name as keyof PlatformSwitches] as readonly string[]
        if (!settings.includes(setting as string)) throw new Error(`--instance ${choice}: platform switch ${name} has no setting ${JSON.stringify(setting)}. Settings: ${settings.join(', ')}.`)
    }
    return { label: basename(path, '.json'), source: path, switches: resolveSwitches(switches as Partial<PlatformSwitches>), ignored: Object.keys(rest) }
}
