// Command-line parsing for sn-aws-verify. Secrets (endpoint, key) are refused on argv: other users can read
// argv with ps or /proc, and shells keep it in history. No argument value is ever echoed back.
import { parseConcurrency, parseRegions, parseRoleName, parseTopicName } from './fleet-rules.ts'

export const DEFAULT_TOPIC_ARN = 'arn:aws:sns:us-east-1:000000000000:sn-aws-verify-test'
export const DEFAULT_TIMEOUT_S = 15 // what SNS waits for an answer
export const MIN_TIMEOUT_S = 1
export const MAX_TIMEOUT_S = 60

/** Bad input: the CLI exits 4 with this message. The message must never contain an argument value. */
export class InputError extends Error {
    constructor(message: string) {
        super(message)
        this.name = 'InputError'
    }
}

export interface ConnectTo {
    host: string // '' matches any host
    port: string // '' matches any port
    toHost: string // '' keeps the host
    toPort: string // '' keeps the port
}

export interface VerifyOptions {
    mode: 'endpoint' | 'table-api'
    endpointFile?: string
    instance?: string
    keyFile?: string
    topicArn: string
    timeoutMs: number
    connectTo: ConnectTo[]
    json: boolean
}

export interface DoctorArgs {
    /** Single-topic mode; '' in fleet mode. */
    topicArn: string
    endpointFile?: string
    timeoutMs: number
    json: boolean
    /** Fleet mode (--topic-name with --accounts or --org): see doctor-fleet.ts. */
    fleet?: {
        topicName: string
        roleName: string
        regions: string[]
        accountsFile: string | null
        org: boolean
        concurrency: number
    }
}

export interface ReplayArgs {
    dlqArn?: string
    queueUrl?: string
    endpointFile?: string
    stateFile?: string
    /** Messages per second; null = as fast as the endpoint answers. */
    rate: number | null
    /** Posts in flight at once. */
    concurrency: number
    dryRun: boolean
    timeoutMs: number
    connectTo: ConnectTo[]
    json: boolean
}

export interface MigrateArgs {
    topicArn: string
    endpointFile?: string
    stateFile?: string
    dryRun: boolean
    /** How long to wait for SNS to show the new subscription confirmed, in ms. */
    confirmWaitMs: number
    timeoutMs: number
    connectTo: ConnectTo[]
    json: boolean
}

export type Command =
    | { kind: 'help'; command?: string }
    | { kind: 'verify'; options: VerifyOptions }
    | { kind: 'doctor'; options: DoctorArgs }
    | { kind: 'replay'; options: ReplayArgs }
    | { kind: 'migrate'; options: MigrateArgs }

const COMMANDS = ['verify', 'doctor', 'replay', 'migrate']

const SECRET_ON_ARGV =
    'the endpoint URL and the API key are secrets and are never read from the command line ' +
    '(other users see arguments in ps, and shells keep them in history). ' +
    'Use --endpoint-file <path>, --endpoint-file - (stdin) or SN_AWS_ENDPOINT; for --instance use ' +
    '--key-file <path>, --key-file - or SN_API_KEY. If a real key was typed, consider rotating it.'

const SECRET_FLAGS = ['--endpoint', '--url', '--key', '--api-key', '--apikey', '--x-sn-apikey', '--token']
const VALUE_FLAGS: { [command: string]: string[] } = {
    verify: ['--endpoint-file', '--instance', '--key-file', '--topic-arn', '--timeout', '--connect-to'],
    doctor: ['--topic-arn', '--endpoint-file', '--timeout', '--topic-name', '--accounts', '--regions', '--role-name', '--concurrency'],
    replay: ['--dlq-arn', '--queue-url', '--endpoint-file', '--state-file', '--rate', '--concurrency', '--timeout', '--connect-to'],
    migrate: ['--topic-arn', '--endpoint-file', '--state-file', '--confirm-wait', '--timeout', '--connect-to'],
}
const BOOLEAN_FLAGS: { [command: string]: string[] } = { verify: ['--json'], doctor: ['--json', '--org'], replay: ['--json', '--dry-run'], migrate: ['--json', '--dry-run'] }

/** Heuristic for a value that carries a key or an endpoint, so it is refused instead of used or echoed. */
export function looksSecret(value: string): boolean {
    return (
        /x-sn-apikey/i.test(value) ||
        /(^|[^A-Za-z0-9])now_[A-Za-z0-9_-]{6,}/.test(value) ||
        (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value) && /[?@]/.test(value))
    )
}

function optionName(arg: string): string {
    const eq = arg.indexOf('=')
    return eq < 0 ? arg : arg.slice(0, eq)
}

export function parseCommandLine(argv: readonly string[]): Command {
    if (argv.length === 0) throw new InputError('no command given; run sn-aws-verify --help')
    for (const arg of argv) {
        if (SECRET_FLAGS.indexOf(optionName(arg)) >= 0) {
            throw new InputError(`${optionName(arg)} is not accepted: ${SECRET_ON_ARGV}`)
        }
    }
    // `<command> --help` and `help <command>` give that command's own help; anything else the overview.
    if (argv[0] === 'help') return COMMANDS.indexOf(argv[1]) >= 0 ? { kind: 'help', command: argv[1] } : { kind: 'help' }
    if (argv.some((a) => a === '--help' || a === '-h')) return COMMANDS.indexOf(argv[0]) >= 0 ? { kind: 'help', command: argv[0] } : { kind: 'help' }
    const command = argv[0]
    if (COMMANDS.indexOf(command) < 0) {
        throw new InputError(looksSecret(command) ? `a URL or key was given as an argument: ${SECRET_ON_ARGV}` : 'unknown command (not shown); the commands are verify, doctor, replay and migrate')
    }
    const { values, connectTo, flags } = parseFlags(command, argv)
    const json = flags.has('--json')
    if (command === 'doctor') return { kind: 'doctor', options: doctorArgs(values, json, flags) }
    if (command === 'replay') return { kind: 'replay', options: replayArgs(values, connectTo, flags) }
    if (command === 'migrate') return { kind: 'migrate', options: migrateArgs(values, connectTo, flags) }
    const instance = values['--instance']
    const endpointFile = values['--endpoint-file']
    const keyFile = values['--key-file']
    if (instance !== undefined && endpointFile !== undefined) {
        throw new InputError('give either --endpoint-file (test the SNS endpoint) or --instance (test the key on the Table API), not both')
    }
    if (instance === undefined && keyFile !== undefined) {
        throw new InputError('--key-file belongs with --instance; the SNS endpoint already holds the key')
    }
    if (instance !== undefined && values['--topic-arn'] !== undefined) {
        throw new InputError('--topic-arn belongs with --endpoint-file; --instance sends no SNS notification')
    }
    return {
        kind: 'verify',
        options: {
            mode: instance !== undefined ? 'table-api' : 'endpoint',
            endpointFile,
            instance,
            keyFile,
            topicArn: values['--topic-arn'] ?? DEFAULT_TOPIC_ARN,
            timeoutMs: parseTimeout(values['--timeout']),
            connectTo,
            json,
        },
    }
}

function parseFlags(command: string, argv: readonly string[]) {
    const values: { [flag: string]: string } = {}
    const connectTo: ConnectTo[] = []
    const flags = new Set<string>()
    for (let i = 1; i < argv.length; i++) {
        const arg = argv[i]
        if (BOOLEAN_FLAGS[command].indexOf(arg) >= 0) {
            flags.add(arg)
            continue
        }
        const name = optionName(arg)
        if (!arg.startsWith('--')) {
            throw new InputError(
                looksSecret(arg)
                    ? `a URL or key was given as an argument: ${SECRET_ON_ARGV}`
                    : `unexpected argument #${i + 1} (not shown, it may be a secret); see --help`,
            )
        }
        if (VALUE_FLAGS[command].indexOf(name) < 0) {
            // Only the part before '=' is echoed, and only when it looks like an option name.
            const shown = /^--[a-z0-9-]{1,30}$/.test(name) ? ` ${name}` : ''
            throw new InputError(`unknown option${shown} for ${command}; see --help`)
        }
        let value: string
        if (name !== arg) {
            value = arg.slice(name.length + 1)
        } else {
            if (i + 1 >= argv.length) throw new InputError(`${name} needs a value`)
            value = argv[++i]
        }
        if (looksSecret(value)) throw new InputError(`${name} got a value that looks like a URL with a key: ${SECRET_ON_ARGV}`)
        if (name === '--connect-to') {
            connectTo.push(parseConnectTo(value))
            continue
        }
        if (Object.prototype.hasOwnProperty.call(values, name)) throw new InputError(`${name} was given twice`)
        values[name] = value
    }
    return { values, connectTo, flags }
}

const FLEET_ONLY = ['--accounts', '--regions', '--role-name', '--concurrency']

function doctorArgs(values: { [flag: string]: string }, json: boolean, flags: Set<string>): DoctorArgs {
    if (values['--topic-name'] !== undefined) {
        if (values['--topic-arn'] !== undefined) throw new InputError('give either --topic-arn (one topic) or --topic-name with --accounts/--org (a fleet), not both')
        const org = flags.has('--org')
        if (org === (values['--accounts'] !== undefined)) throw new InputError('the fleet doctor needs exactly one of --accounts <file> or --org')
        return {
            topicArn: '',
            endpointFile: values['--endpoint-file'],
            timeoutMs: parseTimeout(values['--timeout']),
            json,
            fleet: {
                topicName: parseTopicName(values['--topic-name']),
                roleName: parseRoleName(values['--role-name']),
                regions: parseRegions(values['--regions']),
                accountsFile: org ? null : values['--accounts'],
                org,
                concurrency: parseConcurrency(values['--concurrency']),
            },
        }
    }
    const stray = [...FLEET_ONLY.filter((f) => values[f] !== undefined), ...(flags.has('--org') ? ['--org'] : [])]
    if (stray.length) throw new InputError(`${stray[0]} belongs to the fleet doctor: give --topic-name <name> with --accounts <file> or --org`)
    const topicArn = values['--topic-arn']
    if (topicArn === undefined) throw new InputError('doctor needs --topic-arn <arn of the SNS topic the alarms publish to>, or --topic-name <name> with --accounts <file> or --org for a fleet')
    return { topicArn, endpointFile: values['--endpoint-file'], timeoutMs: parseTimeout(values['--timeout']), json }
}

export const MAX_RATE = 1000
/** Below one message a second a batch of 10 outlives its visibility timeout before it is posted. */
export const MIN_RATE = 1
export const DEFAULT_CONCURRENCY = 4
export const MAX_CONCURRENCY = 32
export const DEFAULT_CONFIRM_WAIT_S = 300
export const MAX_CONFIRM_WAIT_S = 3600

function replayArgs(values: { [flag: string]: string }, connectTo: ConnectTo[], flags: Set<string>): ReplayArgs {
    const dlqArn = values['--dlq-arn']
    const queueUrl = values['--queue-url']
    if ((dlqArn === undefined) === (queueUrl === undefined)) {
        throw new InputError('replay needs exactly one of --dlq-arn <arn of the dead-letter queue> or --queue-url <its URL>')
    }
    let rate: number | null = null
    if (values['--rate'] !== undefined) {
        if (!/^[0-9]+(\.[0-9]+)?$/.test(values['--rate'])) throw new InputError('--rate must be a number of messages per second')
        rate = Number(values['--rate'])
        if (rate < MIN_RATE || rate > MAX_RATE) throw new InputError(`--rate must be at least ${MIN_RATE} and at most ${MAX_RATE} messages per second`)
    }
    let concurrency = DEFAULT_CONCURRENCY
    if (values['--concurrency'] !== undefined) {
        if (!/^[0-9]{1,3}$/.test(values['--concurrency'])) throw new InputError('--concurrency must be a whole number of requests in flight')
        concurrency = Number(values['--concurrency'])
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) throw new InputError(`--concurrency must be between 1 and ${MAX_CONCURRENCY}`)
    }
    return {
        dlqArn,
        queueUrl,
        endpointFile: values['--endpoint-file'],
        stateFile: values['--state-file'],
        rate,
        concurrency,
        dryRun: flags.has('--dry-run'),
        timeoutMs: parseTimeout(values['--timeout']),
        connectTo,
        json: flags.has('--json'),
    }
}

function migrateArgs(values: { [flag: string]: string }, connectTo: ConnectTo[], flags: Set<string>): MigrateArgs {
    const topicArn = values['--topic-arn']
    if (topicArn === undefined) throw new InputError('migrate needs --topic-arn <arn of the topic whose Basic-auth subscriptions move to the API key>')
    let confirmWaitS = DEFAULT_CONFIRM_WAIT_S
    if (values['--confirm-wait'] !== undefined) {
        if (!/^[0-9]{1,4}$/.test(values['--confirm-wait'])) throw new InputError('--confirm-wait must be a whole number of seconds')
        confirmWaitS = Number(values['--confirm-wait'])
        if (confirmWaitS < 1 || confirmWaitS > MAX_CONFIRM_WAIT_S) throw new InputError(`--confirm-wait must be between 1 and ${MAX_CONFIRM_WAIT_S} seconds`)
    }
    return {
        topicArn,
        endpointFile: values['--endpoint-file'],
        stateFile: values['--state-file'],
        dryRun: flags.has('--dry-run'),
        confirmWaitMs: confirmWaitS * 1000,
        timeoutMs: parseTimeout(values['--timeout']),
        connectTo,
        json: flags.has('--json'),
    }
}

export function parseTimeout(value: string | undefined): number {
    if (value === undefined) return DEFAULT_TIMEOUT_S * 1000
    if (!/^[0-9]+(\.[0-9]+)?$/.test(value)) throw new InputError('--timeout must be a number of seconds')
    const seconds = Number(value)
    if (seconds < MIN_TIMEOUT_S || seconds > MAX_TIMEOUT_S) {
        throw new InputError(`--timeout must be between ${MIN_TIMEOUT_S} and ${MAX_TIMEOUT_S} seconds`)
    }
    return Math.round(seconds * 1000)
}

const HOST_PART = /^([a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)?$/i
const PORT_PART = /^([0-9]{1,5})?$/

/** curl's --connect-to HOST1:PORT1:HOST2:PORT2; an empty part matches anything (1) or keeps the original (2). */
export function parseConnectTo(spec: string): ConnectTo {
    const parts = spec.split(':')
    if (parts.length !== 4) throw new InputError('--connect-to must be host:port:connect-host:connect-port (IPv6 is not supported)')
    const [host, port, toHost, toPort] = parts
    if (!HOST_PART.test(host) || !HOST_PART.test(toHost)) throw new InputError('--connect-to has an invalid host name')
    for (const p of [port, toPort]) {
        if (!PORT_PART.test(p) || (p !== '' && (Number(p) < 1 || Number(p) > 65535))) {
            throw new InputError('--connect-to has an invalid port (1 to 65535)')
        }
    }
    return { host: host.toLowerCase(), port, toHost, toPort }
}

/** Where to open the TCP connection for host:port; the TLS name and Host header stay `host`. */
export function resolveConnectTo(rules: readonly ConnectTo[], host: string, port: number): { host: string; port: number } {
    for (const rule of rules) {
        if ((rule.host === '' || rule.host === host) && (rule.port === '' || Number(rule.port) === port)) {
            return { host: rule.toHost || host, port: rule.toPort ? Number(rule.toPort) : port }
        }
    }
    return { host, port }
}
