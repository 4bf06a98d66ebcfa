// Every instance-facts file in test/fixtures/instances/ (an "Export instance facts" file from a real instance, or
// one of the shipped ones) becomes an instance double, and the whole flow runs against it: setup check, Repair with
// any manual step, Generate with its probe, SNS delivery, watch, revoke, and the ATF steps.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { exportInstanceFacts } from '../../src/server/setup/export-instance-facts'
import { checkSetup } from '../../src/server/setup/setup-service'
import { instanceWithApp } from '../support/app-on-instance'
import { ROOT } from '../support/artifacts'
import { factsSwitches, type InstanceFactsFixture, readFactsFile, resolveSwitches, TOKEN_AUTH_PLUGIN } from '../support/instance'
import { expectedOutcome, runAtfFlow, runWholeFlow } from '../support/whole-flow'

const DIR = join(ROOT, 'test', 'fixtures', 'instances')
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()
const load = (name: string): InstanceFactsFixture => readFactsFile(join(DIR, name))

/** A file from an instance without the plugin or the EM app describes where the app cannot work at all. */
const appCanWork = (file: InstanceFactsFixture) => file.plugins?.[TOKEN_AUTH_PLUGIN] !== false && file.versions?.emConnector !== null

afterAll(() => console.log(`instance fixtures: ${FILES.length} files from test/fixtures/instances ran the whole flow`))

it('ships the evidence defaults and the hardest plausible instance', () => {
    // Further exports may be dropped into the folder; these two must be among them.
    expect(FILES.filter((f) => f === 'evidence-defaults.json' || f === 'hardest-plausible.json').sort()).toEqual(['evidence-defaults.json', 'hardest-plausible.json'])
})

describe.each(FILES)('%s', (name) => {
    const file = load(name)

    it('is an export: every key an export writes, and switches the double knows', () => {
        instanceWithApp().setSessionUser('em.app.admin')
        const exported = exportInstanceFacts().file
        // A kept fixture adds one hand-written key, its description; every other key is one the export writes.
        expect(Object.keys(file).sort()).toEqual([...Object.keys(exported), 'description'].sort())
        expect(() => factsSwitches(file)).not.toThrow()
    })

    it(`whole flow: ${appCanWork(file) ? 'setup check, Repair, Generate, SNS, watch, revoke' : 'the setup check names what is missing'}`, () => {
        const instance = instanceWithApp({ facts: file })
        for (const [switchName, setting] of Object.entries(file.switches)) expect([switchName, instance.switches[switchName as never]]).toEqual([switchName, setting])
        if (!appCanWork(file)) {
            const missing = file.versions?.emConnector === null ? 'em_app' : 'plugin'
            expect(checkSetup().results.filter((r) => r.status === 'fail' && r.id === missing).map((r) => r.id)).toEqual([missing])
            return
        }
        runWholeFlow(instance)
    })

    if (appCanWork(file)) {
        it(`ATF steps: setup passes; generate-probe-revoke ${expectedOutcome(resolveSwitches(factsSwitches(file)), 'em.platform.admin') === 'works' ? 'passes' : 'must not pass'}`, () => {
            runAtfFlow(instanceWithApp({ facts: file }))
        })
    }
})
