// Command-line parsing for sn-aws-verify. Secrets (endpoint, key) are refused on argv: other users can read
// argv with ps or /proc, and shells keep it in history. No argument value is ever echoed back.

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
    topicArn: string
    endpointFile?: string
    timeoutMs: number
    json: boolean
}

export interface ReplayArgs {
    dlqArn?: string
    queueUrl?: string
    endpointFile?: string
    stateFile?: string
    /** Messages per second; null = as fast as the endpoint answers. */
    rate: number | null
    dryRun: boolean
    timeoutMs: number
    connectTo: ConnectTo[]
    json: boolean
}

export type Command =
    | { kind: 'help'; command?: string }
    | { kind: 'verify'; options: VerifyOptions }
    | { kind: 'doctor'; options: DoctorArgs }
    | { kind: 'replay'; options: ReplayArgs }

const COMMANDS = ['verify', 'doctor', 'replay']

const SECRET_ON_ARGV =
    'the endpoint URL and the API key are secrets and are never read from the command line ' +
    '(other users see arguments in ps, and shells keep them in history). ' +
    'Use --endpoint-file <path>, --endpoint-file - (stdin) or SN_AWS_ENDPOINT; for --instance use ' +
    '--key-file <path>, --key-file - or SN_API_KEY. If a real key was typed, consider rotating it.'

const SECRET_FLAGS = ['--endpoint', '--url', '--key', '--api-key', '--apikey', '--x-sn-apikey', '--token']
const VALUE_FLAGS: { [command: string]: string[] } = {
    verify: ['--endpoint-file', '--instance', '--key-file', '--topic-arn', '--timeout', '--connect-to'],
    doctor: ['--topic-arn', '--endpoint-file', '--timeout'],
    replay: ['--dlq-arn', '--queue-url', '--endpoint-file', '--state-file', '--rate', '--timeout', '--connect-to'],
}
const BOOLEAN_FLAGS: { [command: string]: string[] } = { verify: ['--json'], doctor: ['--json'], replay: ['--json', '--dry-run'] }

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
        throw new InputError(looksSecret(command) ? `a URL or key was given as an argument: ${SECRET_ON_ARGV}` : 'unknown command (not shown); the commands are verify, doctor and replay')
    }
    const { values, connectTo, flags } = parseFlags(command, argv)
    const json = flags.has('--json')
    if (command === 'doctor') return { kind: 'doctor', options: doctorArgs(values, json) }
    if (command === 'replay') return { kind: 'replay', options: replayArgs(values, connectTo, flags) }
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

function doctorArgs(values: { [flag: string]: string }, json: boolean): DoctorArgs {
    const topicArn = values['--topic-arn']
    if (topicArn === undefined) throw new InputError('doctor needs --topic-arn <arn of the SNS topic the alarms publish to>')
    return { topicArn, endpointFile: values['--endpoint-file'], timeoutMs: parseTimeout(values['--timeout']), json }
}

export const MAX_RATE = 1000

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
        if (rate <= 0 || rate > MAX_RATE) throw new InputError(`--rate must be more than 0 and at most ${MAX_RATE} messages per second`)
    }
    return {
        dlqArn,
        queueUrl,
        endpointFile: values['--endpoint-file'],
        stateFile: values['--state-file'],
        rate,
        dryRun: flags.has('--dry-run'),
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
