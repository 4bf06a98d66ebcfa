// Topic ARN rules, the `aws sns subscribe` line (proved through a real /bin/sh) and the CloudFormation YAML.
import { spawnSync } from 'node:child_process'
import {
    awsSubscribeCommand,
    cloudFormationSubscription,
    formatAwsEndpoint,
    parseTopicArn,
    quoteShellArg,
} from '../../src/server/endpoint/aws-endpoint.ts'

const KEY = 'now_CANARY_verify_123'
const SYS_ID = '0123456789abcdef0123456789abcdef'
const ARN = 'arn:aws:sns:us-east-1:123456789012:cloudwatch-alarms'
const endpoint = formatAwsEndpoint({ instance: 'dev12345', source: 'AWS', connectorSysId: SYS_ID, apiKey: KEY })
const base = 'https://dev12345.service-now.com/api/sn_em_connector/em/inbound_event'

function messageOf(fn: () => unknown): string {
    try {
        fn()
    } catch (err) {
        expect(Object.getPrototypeOf(err)).toBe(Error.prototype)
        return (err as Error).message
    }
    throw new Error('expected a throw')
}

/** Runs `script` in /bin/sh with `aws` replaced by a function that prints each argument NUL-terminated. */
function shellArgs(line: string): string[] {
    const res = spawnSync('/bin/sh', ['-c', `aws() { printf '%s\\0' "$@"; }\n${line}`], { encoding: 'utf8' })
    expect(res.stderr).toBe('')
    expect(res.status).toBe(0)
    return res.stdout.split('\0').slice(0, -1)
}

describe('parseTopicArn', () => {
    it.each([
        ['arn:aws:sns:us-east-1:123456789012:alarms', 'aws', 'us-east-1', 'alarms'],
        ['arn:aws:sns:ap-southeast-2:123456789012:A_b-9', 'aws', 'ap-southeast-2', 'A_b-9'],
        ['arn:aws-us-gov:sns:us-gov-west-1:123456789012:gov', 'aws-us-gov', 'us-gov-west-1', 'gov'],
        ['arn:aws-cn:sns:cn-north-1:123456789012:cn-topic', 'aws-cn', 'cn-north-1', 'cn-topic'],
        [`arn:aws:sns:eu-central-1:123456789012:${'t'.repeat(256)}`, 'aws', 'eu-central-1', 't'.repeat(256)],
    ])('accepts %s', (arn, partition, region, topicName) => {
        expect(parseTopicArn(arn)).toEqual({ arn, partition, region, accountId: '123456789012', topicName })
    })

    it.each([
        ['', /is empty/],
        ['arn:aws:sns:us-east-1:123456789012', /must look like arn:<partition>:sns/],
        ['arn:aws:sqs:us-east-1:123456789012:q', /service part must be sns/],
        ['arn:aws-iso:sns:us-iso-east-1:123456789012:t', /partition must be aws, aws-us-gov or aws-cn/],
        ['arn:aws:sns:useast1:123456789012:t', /region must look like us-east-1/],
        ['arn:aws:sns:us-gov-west-1:123456789012:t', /region us-gov-west-1 belongs to partition aws-us-gov, not aws/],
        ['arn:aws-cn:sns:us-east-1:123456789012:t', /belongs to partition aws, not aws-cn/],
        ['arn:aws:sns:us-east-1:12345678901:t', /account must be exactly 12 digits/],
        ['arn:aws:sns:us-east-1:123456789012:bad.name', /topic name must be 1 to 256/],
        [`arn:aws:sns:us-east-1:123456789012:${'t'.repeat(257)}`, /topic name must be 1 to 256/],
        ['arn:aws:sns:us-east-1:123456789012:', /topic name must be 1 to 256/],
        ['arn:aws:sns:us-east-1:123456789012:alarms.fifo', /FIFO topics cannot deliver to HTTPS endpoints/],
        ['arn:aws:sns:us-east-1:123456789012:alarms ', /whitespace/],
    ])('rejects %j naming topicArn', (arn, expected) => {
        const message = messageOf(() => parseTopicArn(arn))
        expect(message.startsWith('topicArn: ')).toBe(true)
        expect(message).toMatch(expected)
    })
})

describe('awsSubscribeCommand', () => {
    it('is the documented one-line command with every argument single-quoted', () => {
        expect(awsSubscribeCommand({ topicArn: ARN, endpoint })).toBe(
            `aws sns subscribe --topic-arn '${ARN}' --protocol https --notification-endpoint '${endpoint}'`,
        )
    })

    // Endpoints the parser accepts that a shell would mangle unquoted: &, ', $, ;, !, (, ), *.
    // Injected commands are inert (id, ls, echo) in case the quoting ever breaks.
    const nasty = [
        endpoint,
        formatAwsEndpoint({ instance: 'dev12345', source: "it's $HOME; `id` & (x)!*", connectorSysId: SYS_ID, apiKey: "now_'$(id)`;&" }),
        `${base}?source=a'b'$HOME;ls&sys_id=${SYS_ID}&x-sn-apikey=now_$(id);'`,
        `${base}?x-sn-apikey=''''&sys_id=${SYS_ID}&source=$'%5Cx41'`,
        `${base}?source=!!&sys_id=${SYS_ID}&x-sn-apikey=*;(x)`,
    ]

    it.each(nasty)('survives /bin/sh byte for byte: %s', (url) => {
        const line = awsSubscribeCommand({ topicArn: ARN, endpoint: url })
        expect(line).not.toContain('\n')
        expect(shellArgs(line)).toEqual(['sns', 'subscribe', '--topic-arn', ARN, '--protocol', 'https', '--notification-endpoint', url])
    })

    it('quotes any string so the shell returns it unchanged, including backticks, newlines and empty', () => {
        const words = ['', "'", "''", '`id`', '$(id)', '${HOME}', 'a\nb', 'tab\there', '\\', '"', '; echo injected', 'é☁😀', "'\\''"]
        const line = `aws ${words.map(quoteShellArg).join(' ')}`
        expect(shellArgs(line)).toEqual(words)
    })

    it('rejects a backtick left raw in the endpoint (servers refuse it) and names the field', () => {
        const message = messageOf(() => awsSubscribeCommand({ topicArn: ARN, endpoint: `${base}?source=\`id\`&sys_id=${SYS_ID}&x-sn-apikey=${KEY}` }))
        expect(message).toMatch(/^endpoint source: contains a character that must be percent-encoded/)
    })

    it.each([
        [{ topicArn: 'arn:aws:sns:us-east-1:123456789012:a.fifo', endpoint }, /^topicArn: .*FIFO/],
        [{ topicArn: ARN, endpoint: endpoint.replace('https:', 'http:') }, /^endpoint: must use https/],
        [{ topicArn: ARN, endpoint: 'https://dev12345.service-now.com/' }, /^endpoint: path must be/],
        [{ topicArn: ARN, endpoint: `${endpoint}\n; curl evil` }, /^endpoint: contains whitespace or control/],
    ])('rejects bad input without echoing the key (%#)', (input, expected) => {
        for (const fn of [awsSubscribeCommand, cloudFormationSubscription]) {
            const message = messageOf(() => fn(input))
            expect(message).toMatch(expected)
            expect(message).not.toContain('CANARY')
        }
    })
})

describe('cloudFormationSubscription', () => {
    const url = `${base}?source=it's&sys_id=${SYS_ID}&x-sn-apikey=now_'quoted'`
    const yaml = cloudFormationSubscription({ topicArn: ARN, endpoint: url })
    const lines = yaml.split('\n')

    it('warns in comments that the endpoint is a secret and cannot be edited', () => {
        const comments = lines.filter((l) => l.startsWith('#')).join(' ')
        expect(comments).toMatch(/NoEcho/)
        expect(comments).toMatch(/API key/)
        expect(comments).toMatch(/cannot be edited/)
        expect(comments).not.toContain('now_')
    })

    it('never contains the endpoint or the key, even when one is given', () => {
        expect(yaml).not.toContain('x-sn-apikey=')
        expect(yaml).not.toContain('quoted')
        expect(yaml).toBe(cloudFormationSubscription({ topicArn: ARN }))
    })

    it('is two-space indented YAML without tabs', () => {
        expect(yaml.endsWith('\n')).toBe(true)
        expect(yaml).not.toContain('\t')
        const body = lines.filter((l) => l !== '' && !l.startsWith('#'))
        for (const l of body) expect((l.length - l.trimStart().length) % 2).toBe(0)
    })
})
