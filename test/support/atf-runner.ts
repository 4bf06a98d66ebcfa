// Runs a shipped ATF server-script step (src/atf/*.js) against the instance double, the way the ATF runner does:
// the step's function gets outputs, steps, params, stepResult and assertEqual, and the global Glide APIs. The
// AwsSnsEventKeysTestApi script include is the shipped file itself; only its module loader is replaced by a
// require() of the same server module (the platform looks the path up in sys_module).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runInNewContext } from 'node:vm'
import { GlideRecord, gs } from '@servicenow/glide'
import { ROOT } from './artifacts'

export interface AtfAssertion {
    name: string
    shouldbe: unknown
    value: unknown
}

export interface AtfStepRun {
    returned: unknown
    assertions: AtfAssertion[]
    failed: AtfAssertion[]
    output: string
}

/** Class.create as Prototype.js (and the platform) defines it: the constructor calls initialize. */
const Class = {
    create(): unknown {
        return function (this: { initialize?: (...a: unknown[]) => void }, ...args: unknown[]) {
            if (this.initialize) this.initialize(...args)
        }
    },
}

export function runAtfStep(file: 'setup-passes-after-repair.js' | 'generate-probe-revoke.js', requireModule: (path: string) => unknown): AtfStepRun {
    const assertions: AtfAssertion[] = []
    let output = ''
    function AwsSnsModuleLoader(this: { load: (suffix: string) => unknown }) {
        this.load = (suffix: string) => requireModule(join(ROOT, suffix))
    }
    const context: Record<string, unknown> = {
        GlideRecord, gs, JSON, Class, AwsSnsModuleLoader,
        outputs: {}, steps: () => ({}), params: {},
        stepResult: { setOutputMessage: (m: string) => (output = String(m)) },
        assertEqual: (a: AtfAssertion) => assertions.push(a),
    }
    const include = readFileSync(join(ROOT, 'src', 'script-includes', 'aws-sns-event-keys-test-api.js'), 'utf8')
    runInNewContext(`${include}\nx_em_aws_apikey = { AwsSnsEventKeysTestApi: AwsSnsEventKeysTestApi }`, context)
    const step = readFileSync(join(ROOT, 'src', 'atf', file), 'utf8').replace(/^\(function/, 'result = (function')
    runInNewContext(step, context)
    const failed = assertions.filter((a) => JSON.stringify(a.shouldbe) !== JSON.stringify(a.value))
    return { returned: context.result, assertions, failed, output }
}
