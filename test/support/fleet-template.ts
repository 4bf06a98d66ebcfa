// The fleet templates of src/aws/ read as CloudFormation would: parsed from YAML, and the heartbeat schedule's
// Input resolved (Fn::Sub with the pseudo parameters, then EventBridge Scheduler's <aws.scheduler.scheduled-time>)
// into the exact message the schedule publishes, for the template tests and the heartbeat tests.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

// js-yaml 4 (a pinned devDependency) ships no types of its own; see test/ci/workflows.test.ts.
const loadYaml = (createRequire(__filename)('js-yaml') as { load(text: string): unknown }).load

type Doc = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const AWS_DIR = join(__dirname, '..', '..', 'src', 'aws')

export function loadTemplate(file: 'fleet-stackset.yaml' | 'doctor-role.yaml'): Doc {
    return loadYaml(readFileSync(join(AWS_DIR, file), 'utf8')) as Doc
}

export function templateText(file: 'fleet-stackset.yaml' | 'doctor-role.yaml'): string {
    return readFileSync(join(AWS_DIR, file), 'utf8')
}

/** Fn::Sub on a string: every ${Name} from `values`; an unknown name throws (the template would not deploy). */
export function substitute(text: string, values: Record<string, string>): string {
    return text.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
        if (!(name in values)) throw new Error(`Fn::Sub: no value for ${name}`)
        return values[name]
    })
}

/** The message the heartbeat schedule of `account` / `region` publishes at `scheduledTime` (ISO 8601). */
export function heartbeatMessage(opts: { account: string; region: string; minutes: string; scheduledTime: string; partition?: string }): string {
    const input = loadTemplate('fleet-stackset.yaml').Resources.HeartbeatSchedule.Properties.Target.Input['Fn::Sub'] as string
    const resolved = substitute(input, { 'AWS::AccountId': opts.account, 'AWS::Region': opts.region, 'AWS::Partition': opts.partition ?? 'aws', HeartbeatMinutes: opts.minutes })
    return resolved.split('<aws.scheduler.scheduled-time>').join(opts.scheduledTime)
}
