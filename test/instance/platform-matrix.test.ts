// The whole flow (setup check, Repair, generate with its probe, an SNS delivery, the watch, revoke, the ATF steps)
// under pairwise combinations of every platform switch the evidence leaves unknown (platform-switches.ts). Each
// combination either works end to end or refuses with a clear message where no safe action exists.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { instanceWithApp } from '../support/app-on-instance'
import { ROOT } from '../support/artifacts'
import { type PlatformSwitches, pairwiseCombinations, SWITCH_NAMES, SWITCH_SETTINGS } from '../support/instance'
import { expectedOutcome, runAtfFlow, runWholeFlow } from '../support/whole-flow'

const COMBINATIONS = pairwiseCombinations() as unknown as PlatformSwitches[]

afterAll(() => {
    const line = `platform matrix: ${COMBINATIONS.length} combinations ran, covering every pair of settings of ${SWITCH_NAMES.length} switches`
    mkdirSync(join(ROOT, '.test-results'), { recursive: true })
    writeFileSync(join(ROOT, '.test-results', 'platform-matrix.txt'), `${line}\n`)
    console.log(line)
})

describe('the combinations', () => {
    it('cover every pair of settings of every two switches, with fewer runs than the full product', () => {
        for (let i = 0; i < SWITCH_NAMES.length; i++) {
            for (let j = i + 1; j < SWITCH_NAMES.length; j++) {
                const [a, b] = [SWITCH_NAMES[i], SWITCH_NAMES[j]]
                for (const va of SWITCH_SETTINGS[a]) {
                    for (const vb of SWITCH_SETTINGS[b]) expect(COMBINATIONS.some((c) => c[a] === va && c[b] === vb)).toBe(true)
                }
            }
        }
        const product = SWITCH_NAMES.reduce((n, name) => n * SWITCH_SETTINGS[name].length, 1)
        expect(COMBINATIONS.length).toBeLessThan(product / 100)
    })
})

describe.each(COMBINATIONS.map((c, i) => [i + 1, c] as const))('combination %i', (_n, platform) => {
    it(`${JSON.stringify(platform)}: ${expectedOutcome(platform)}`, () => {
        runWholeFlow(instanceWithApp({ platform }))
    })

    it('ATF steps: setup passes; generate-probe-revoke passes exactly where the key works', () => {
        runAtfFlow(instanceWithApp({ platform }))
    })
})
