// The whole flow (setup check, Repair, generate with its probe, an SNS delivery, the watch, revoke, the ATF steps)
// under pairwise combinations of every platform switch the evidence leaves unknown (platform-switches.ts), except the
// E55 table-write switches (foreign-write-refusals.test.ts runs those setting by setting). Each combination either
// works end to end, or ends in its exact not-proven outcome or a clear refusal where no safe action exists.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { instanceWithApp } from '../support/app-on-instance'
import { ROOT } from '../support/artifacts'
import { MATRIX_SWITCH_SETTINGS, type PlatformSwitches, pairwiseCombinations, SWITCH_NAMES, SWITCH_SETTINGS } from '../support/instance'
import { CLICKERS, expectedOutcome, runAtfFlow, runWholeFlow } from '../support/whole-flow'

const COMBINATIONS = pairwiseCombinations(MATRIX_SWITCH_SETTINGS) as unknown as PlatformSwitches[]
const MATRIX_NAMES = Object.keys(MATRIX_SWITCH_SETTINGS) as (keyof PlatformSwitches)[]

afterAll(() => {
    const settings = MATRIX_NAMES.reduce((n, name) => n + SWITCH_SETTINGS[name].length, 0)
    const line = `platform matrix: ${COMBINATIONS.length} combinations ran (Generate clicked as ${CLICKERS.join(' and as ')}), covering every pair of settings of ${MATRIX_NAMES.length} switches (${settings} settings); ${SWITCH_NAMES.length} switches in all, the ${SWITCH_NAMES.length - MATRIX_NAMES.length} E55 table-write switches run setting by setting in foreign-write-refusals.test.ts`
    mkdirSync(join(ROOT, '.test-results'), { recursive: true })
    writeFileSync(join(ROOT, '.test-results', 'platform-matrix.txt'), `${line}\n`)
    console.log(line)
})

describe('the combinations', () => {
    it('cover every pair of settings of every two switches, with fewer runs than the full product', () => {
        for (let i = 0; i < MATRIX_NAMES.length; i++) {
            for (let j = i + 1; j < MATRIX_NAMES.length; j++) {
                const [a, b] = [MATRIX_NAMES[i], MATRIX_NAMES[j]]
                for (const va of SWITCH_SETTINGS[a]) {
                    for (const vb of SWITCH_SETTINGS[b]) expect(COMBINATIONS.some((c) => c[a] === va && c[b] === vb)).toBe(true)
                }
            }
        }
        const product = MATRIX_NAMES.reduce((n, name) => n * SWITCH_SETTINGS[name].length, 1)
        expect(COMBINATIONS.length).toBeLessThan(product / 100)
    })
})

describe.each(COMBINATIONS.map((c, i) => [i + 1, c] as const))('combination %i', (_n, platform) => {
    it.each(CLICKERS.map((clicker) => [clicker, expectedOutcome(platform, clicker)] as const))(`${JSON.stringify(platform)}: Generate as %s: %s`, (clicker) => {
        runWholeFlow(instanceWithApp({ platform }), clicker)
    })

    it('ATF steps: setup passes; generate-probe-revoke passes exactly where the key works', () => {
        runAtfFlow(instanceWithApp({ platform }))
    })
})
