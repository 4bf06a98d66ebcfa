// npm start --instance <fixture>: which file a choice names, and what a fixture may hold (playground/instance-facts.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadInstanceFacts } from '../../playground/instance-facts'
import { SWITCH_NAMES, defaultSwitches } from '../support/instance'

let dir: string
let fixtures: string

beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'instance-facts-'))
    fixtures = join(dir, 'instances')
    mkdirSync(fixtures)
})

afterEach(() => rmSync(dir, { recursive: true, force: true }))

function fixture(path: string, content: unknown): string {
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
    return path
}

describe('loadInstanceFacts', () => {
    it('plays the default instance without a choice', () => {
        // The evidence defaults, but for the REST API write (E2), so a first run goes straight through.
        expect(loadInstanceFacts(undefined, fixtures, dir)).toEqual({ label: 'default', source: '', switches: { ...defaultSwitches(), policyApiWrite: 'stored' }, ignored: [] })
    })

    it('finds a fixture by name in the fixture folder and applies its switches over the defaults', () => {
        const path = fixture(join(fixtures, 'locked-down.json'), { switches: { tablePolicies: 'inactive', tokenDecrypt: 'allowed' }, notes: 'x', plugins: {} })
        expect(loadInstanceFacts('locked-down', fixtures, dir)).toEqual({
            label: 'locked-down',
            source: path,
            switches: { ...defaultSwitches(), tablePolicies: 'inactive', tokenDecrypt: 'allowed' },
            ignored: ['notes', 'plugins'],
        })
    })

    it('takes a path relative to the working folder when no fixture has that name', () => {
        const path = fixture(join(dir, 'mine.json'), { switches: { keyBinding: 'creator' } })
        expect(loadInstanceFacts('mine.json', join(dir, 'no-such-folder'), dir)).toEqual({
            label: 'mine', source: path, switches: { ...defaultSwitches(), keyBinding: 'creator' }, ignored: [],
        })
    })

    it.each([
        ['a missing fixture, listing the ones there are', 'nope', () => fixture(join(fixtures, 'hard.json'), { switches: {} }), /--instance nope: no such fixture\. Fixtures: hard; or a path to a JSON file/],
        ['invalid JSON', 'broken', () => fixture(join(fixtures, 'broken.json'), '{ switches: '), /broken\.json is not valid JSON/],
        ['an array', 'list', () => fixture(join(fixtures, 'list.json'), [1]), /must hold a JSON object with "switches"/],
        ['switches that are not an object', 'flat', () => fixture(join(fixtures, 'flat.json'), { switches: ['a'] }), /"switches" must be an object/],
        ['an unknown switch', 'typo', () => fixture(join(fixtures, 'typo.json'), { switches: { tokenDecrypted: 'allowed' } }), new RegExp(`unknown platform switch tokenDecrypted\\. Known switches: ${SWITCH_NAMES.join(', ')}\\.`)],
        ['an unknown setting', 'bad', () => fixture(join(fixtures, 'bad.json'), { switches: { eventSource: 'teapot' } }), /platform switch eventSource has no setting "teapot"\. Settings: url_source, event_source_label, literal\./],
    ])('refuses %s with a message that says what to fix', (_what, choice, make, message) => {
        make()
        expect(() => loadInstanceFacts(choice, fixtures, dir)).toThrow(message)
    })
})
