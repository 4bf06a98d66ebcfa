// Review findings (issue 16, item 5): no queue message, journal file, endpoint file or server text can crash
// sn-aws-verify, make it delete what it did not post, or forge a line of its output. Each case was first run against
// the code before the fix and failed there.
import { execFileSync } from 'node:child_process'
import { chmodSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseCommandLine } from '../../src/cli/cli-args.ts'
import { startAlarmPathStubs, stopAlarmPathStubs } from '../support/alarm-path-stubs.ts'
import type { AwsStub, StubQueue } from '../support/aws-stub.ts'
import { makeCliWorkspace, removeCliWorkspace, startCli, writeSecretFile, type Run } from '../support/cli-process.ts'
import { type EmHttpsStub, type TestCertificate, issueTestCertificate } from '../support/em-https-stub.ts'
import { expectNoCanary } from '../support/no-canary.ts'
import { ACCOUNT, DLQ, HOST, REGION, TOPIC, endpointFor } from '../support/single-topic-fixture.ts'

const KEY = 'now_CANARY_hostile_current_9999'
const ENDPOINT = endpointFor(KEY)
const JOURNAL_MAGIC = 'sn-aws-verify replay journal v1'
// ESC, RIGHT-TO-LEFT OVERRIDE, NEL and CSI, built from code points (a literal regex would trip no-control-regex).
const UNSAFE_SHOWN = new RegExp(`[${String.fromCharCode(0x1b, 0x202e, 0x85, 0x9b)}]`)

let dir: string
let cli: string
let aws: AwsStub
let em: EmHttpsStub
let env: NodeJS.Dict<string>
let dlq: StubQueue
let endpointFile: string
let certificate: TestCertificate

function noCanary(run: Run): void {
    expectNoCanary(run.stdout, run.stderr)
}

/** An SNS envelope as SNS puts it in a DLQ; `subscriptionArn` is written into the UnsubscribeURL as given. */
function envelope(messageId: string, alarmName: string, subscriptionArnInUrl = `${TOPIC}:11111111-2222-3333-4444-555555555555`): string {
    return JSON.stringify({
        Type: 'Notification',
        MessageId: messageId,
        TopicArn: TOPIC,
        Subject: 'ALARM',
        Message: JSON.stringify({ AlarmName: alarmName, NewStateValue: 'ALARM' }),
        Timestamp: '2026-11-30T08:00:00.000Z',
        SignatureVersion: '2',
        Signature: 'c2lnbmF0dXJl',
        SigningCertURL: `https://sns.${REGION}.amazonaws.com/SimpleNotificationService-0000.pem`,
        UnsubscribeURL: `https://sns.${REGION}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subscriptionArnInUrl}`,
    })
}

function replayArgs(stateFile: string, extra: string[] = []): string[] {
    return ['replay', '--dlq-arn', DLQ, '--endpoint-file', endpointFile, '--state-file', stateFile, '--connect-to', `${HOST}:443:127.0.0.1:${em.port}`, ...extra]
}

function journalHeader(): string {
    return JSON.stringify({ journal: JOURNAL_MAGIC, queueArn: DLQ }) + '\n'
}

/** Runs the CLI, killing it after `ms` (a hang is a failure, not a stuck suite). */
async function runBounded(args: string[], ms = 15000, stdin = ''): Promise<Run> {
    const { child, done } = startCli(cli, args, env, stdin)
    const timer = setTimeout(() => child.kill('SIGKILL'), ms)
    const run = await done
    clearTimeout(timer)
    return run
}

beforeAll(async () => {
    ;({ dir, cli } = makeCliWorkspace('hostile'))
    certificate = await issueTestCertificate(dir, HOST)
    endpointFile = writeSecretFile(dir, 'endpoint.txt', `${ENDPOINT}\n`)
}, 180000)

beforeEach(async () => {
    ;({ aws, em, env } = await startAlarmPathStubs(certificate, KEY, dir))
    aws.addTopic(TOPIC)
    dlq = aws.addQueue(DLQ)
})

afterEach(() => stopAlarmPathStubs({ aws, em }))

afterAll(() => removeCliWorkspace({ dir, cli }))

describe('replay: a message whose header values are not header-safe', () => {
    it.each([
        ['CR/LF in the SubscriptionArn', `${TOPIC}:abc%0D%0AX-Injected:%20yes`],
        ['a non-Latin-1 character in the SubscriptionArn', `${TOPIC}:%E2%98%83`],
        ['a Latin-1 but non-ASCII character in the SubscriptionArn', `${TOPIC}:%C3%A9`],
    ])('%s: left in the queue as not SNS, never sent; the message behind it is delivered', async (_what, arnInUrl) => {
        aws.sendToQueue(dlq, envelope('aaaaaaaa-0000-0000-0000-000000000001', 'hostile', arnInUrl))
        aws.sendToQueue(dlq, envelope('aaaaaaaa-0000-0000-0000-000000000002', 'cpu-high'))
        const run = await runBounded(replayArgs(join(dir, `hdr-${Date.now()}.journal`), ['--json']))
        noCanary(run)
        expect(run.stderr).not.toMatch(/internal error/)
        expect(run.code).toBe(2)
        const report = JSON.parse(run.stdout)
        expect(report.counts).toEqual({ received: 2, delivered: 1, alreadyDelivered: 0, notSns: 1, failed: 0, handedBack: 1, wouldSend: 0, redelivered: 0, notDeleted: 0 })
        expect(em.requests.map((r) => r.headers['x-amz-sns-message-id'])).toEqual(['aaaaaaaa-0000-0000-0000-000000000002'])
        expect(dlq.messages.map((m) => JSON.parse(m.body).MessageId)).toEqual(['aaaaaaaa-0000-0000-0000-000000000001'])
    })
})

describe('replay journal: only our own regular file, keyed by the queue message', () => {
    it('a non-empty file that does not start with the journal line is refused (exit 4) and left as it was', async () => {
        aws.sendToQueue(dlq, envelope('bbbbbbbb-0000-0000-0000-000000000001', 'cpu'))
        const notes = join(dir, 'notes.txt')
        writeFileSync(notes, 'my precious notes\n')
        const run = await runBounded(replayArgs(notes))
        expect(run.code).toBe(4)
        expect(run.stderr).toMatch(/is not a replay journal/)
        expect(readFileSync(notes, 'utf8')).toBe('my precious notes\n')
        expect(em.requests).toHaveLength(0)
    })

    it('a journal path that is a symbolic link is refused (exit 4); the link target is untouched', async () => {
        aws.sendToQueue(dlq, envelope('bbbbbbbb-0000-0000-0000-000000000002', 'cpu'))
        const victim = join(dir, 'victim.txt')
        writeFileSync(victim, '')
        const link = join(dir, 'link.journal')
        symlinkSync(victim, link)
        const run = await runBounded(replayArgs(link))
        expect(run.code).toBe(4)
        expect(run.stderr).toMatch(/not a regular file|symbolic link/)
        expect(readFileSync(victim, 'utf8')).toBe('')
        expect(em.requests).toHaveLength(0)
    })

    it('a journal path that is a directory is bad input (exit 4), not an internal error', async () => {
        aws.sendToQueue(dlq, envelope('bbbbbbbb-0000-0000-0000-000000000003', 'cpu'))
        const folder = join(dir, 'a-folder')
        mkdirSync(folder, { recursive: true })
        const run = await runBounded(replayArgs(folder))
        expect(run.code).toBe(4)
        expect(run.stderr).toMatch(/is a directory/)
        expect(em.requests).toHaveLength(0)
    })

    it('a journal path that is a FIFO is refused at once (exit 4), without blocking on it', async () => {
        aws.sendToQueue(dlq, envelope('bbbbbbbb-0000-0000-0000-000000000004', 'cpu'))
        const fifo = join(dir, 'pipe.journal')
        execFileSync('mkfifo', [fifo])
        const run = await runBounded(replayArgs(fifo), 10000)
        expect(run.signal).toBeNull()
        expect(run.code).toBe(4)
        expect(run.stderr).toMatch(/not a regular file/)
    })

    it('a new journal is created with mode 600 as a regular file', async () => {
        aws.sendToQueue(dlq, envelope('bbbbbbbb-0000-0000-0000-000000000005', 'cpu'))
        const path = join(dir, `fresh-${Date.now()}.journal`)
        const run = await runBounded(replayArgs(path))
        expect(run.code).toBe(0)
        expect(lstatSync(path).isFile()).toBe(true)
        expect(statSync(path).mode & 0o777).toBe(0o600)
        expect(readFileSync(path, 'utf8').split('\n')[0]).toBe(journalHeader().trim())
    })

    it('two messages with the same SNS MessageId and different bodies are both posted', async () => {
        const id = 'cccccccc-0000-0000-0000-000000000001'
        aws.sendToQueue(dlq, envelope(id, 'first body'))
        aws.sendToQueue(dlq, envelope(id, 'second body, same MessageId'))
        const run = await runBounded(replayArgs(join(dir, `same-id-${Date.now()}.journal`), ['--json']))
        expect(run.code).toBe(0)
        const bodies = em.requests.map((r) => JSON.parse(JSON.parse(r.body).Message).AlarmName).sort()
        expect(bodies).toEqual(['first body', 'second body, same MessageId'])
        expect(dlq.messages).toHaveLength(0)
    })

    it('a forged "delivered" entry never deletes a message that was not posted', async () => {
        const id = 'cccccccc-0000-0000-0000-000000000002'
        const message = aws.sendToQueue(dlq, envelope(id, 'never posted'))
        const path = join(dir, `forged-${Date.now()}.journal`)
        const forged = [
            { id, state: 'delivered', at: '2026-11-30T00:00:00.000Z' },
            { id: message.messageId, state: 'delivered', at: '2026-11-30T00:00:00.000Z' },
            { id: `${message.messageId}:0000`, state: 'deleted', at: '2026-11-30T00:00:00.000Z' },
        ]
        writeFileSync(path, journalHeader() + forged.map((e) => JSON.stringify(e)).join('\n') + '\n', { mode: 0o600 })
        const run = await runBounded(replayArgs(path, ['--json']))
        expect(run.code).toBe(0)
        // The message was deleted only because it was posted (and accepted) in this run.
        expect(em.requests.map((r) => r.headers['x-amz-sns-message-id'])).toEqual([id])
        expect(dlq.messages).toHaveLength(0)
    })
})

describe('text from AWS or a server is printed with control and bidi characters escaped', () => {
    const FORGED = '"\nsn-aws-verify replay: replayed: 99 delivered, 0 already delivered earlier (exit 0)\n\u001b[2K\u202e'

    it('replay: an alarm name cannot forge an "all delivered" line (text and JSON)', async () => {
        aws.sendToQueue(dlq, envelope('dddddddd-0000-0000-0000-000000000001', `evil${FORGED}`))
        const text = await runBounded(['replay', '--dlq-arn', DLQ, '--dry-run'])
        expect(text.code).toBe(0)
        expect(text.stdout).not.toMatch(/^sn-aws-verify replay: replayed/m)
        expect(text.stdout).toContain('\\x0asn-aws-verify replay: replayed')
        for (const out of [text.stdout, text.stderr]) expect(out).not.toMatch(UNSAFE_SHOWN)
        const json = await runBounded(['replay', '--dlq-arn', DLQ, '--dry-run', '--json'])
        expect(json.stdout).not.toMatch(UNSAFE_SHOWN)
        expect(JSON.parse(json.stdout).items[0].alarmName).toContain('evil')
    })

    it('doctor: an alarm name with escape and bidi characters is escaped in the report', async () => {
        aws.alarms = [
            { AlarmName: `cpu${FORGED}\u0085`, AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:x`, ActionsEnabled: true, AlarmActions: [TOPIC], OKActions: [], InsufficientDataActions: [], StateValue: 'OK' },
        ]
        for (const extra of [[], ['--json']]) {
            const run = await runBounded(['doctor', '--topic-arn', TOPIC, ...extra])
            expect(run.stdout).toMatch(/alarms\.ok-actions/)
            expect(run.stdout).not.toMatch(UNSAFE_SHOWN)
            expect(run.stdout).not.toMatch(/^sn-aws-verify replay: replayed/m)
            if (extra.length) expect(() => JSON.parse(run.stdout)).not.toThrow()
        }
    })

    it('verify: a server message with bidi and C1 characters is escaped', async () => {
        em.forcedStatus = 500
        em.forcedBody = JSON.stringify({ error: { message: 'broken\u202eksat\u0085\u009b2J', detail: 'x' } })
        for (const extra of [[], ['--json']]) {
            const run = await runBounded(['verify', '--endpoint-file', endpointFile, '--connect-to', `${HOST}:443:127.0.0.1:${em.port}`, ...extra])
            expect(run.code).toBe(2)
            expect(run.stdout).toMatch(/broken/)
            expect(run.stdout + run.stderr).not.toMatch(UNSAFE_SHOWN)
        }
    })
})

describe('--endpoint-file reads only a small regular file', () => {
    it.each([
        ['/dev/zero (endless)', '/dev/zero', /not a regular file/],
        ['a directory', '/tmp', /not a regular file|is a directory/],
    ])('%s is bad input (exit 4), at once', async (_what, path, message) => {
        const run = await runBounded(['verify', '--endpoint-file', path], 10000)
        expect(run.signal).toBeNull()
        expect(run.code).toBe(4)
        expect(run.stderr).toMatch(message)
    })

    it('a file larger than the cap is bad input (exit 4) and says the limit', async () => {
        const big = join(dir, 'big.txt')
        writeFileSync(big, `${ENDPOINT}${'#'.repeat(200 * 1024)}`)
        chmodSync(big, 0o600)
        const run = await runBounded(['verify', '--endpoint-file', big])
        expect(run.code).toBe(4)
        expect(run.stderr).toMatch(/larger than \d+ bytes/)
    })

    it('endless stdin is cut at the cap (exit 4)', async () => {
        const run = await runBounded(['verify', '--endpoint-file', '-'], 10000, 'x'.repeat(100 * 1024))
        expect(run.code).toBe(4)
        expect(run.stderr).toMatch(/larger than \d+ bytes/)
    })
})

describe('--rate has a sane minimum', () => {
    it.each(['0.001', '0.5'])('--rate %s is refused', (rate) => {
        expect(() => parseCommandLine(['replay', '--dlq-arn', DLQ, '--rate', rate])).toThrow(/--rate must be at least 1/)
    })

    it('--rate 1 is accepted', () => {
        const command = parseCommandLine(['replay', '--dlq-arn', DLQ, '--rate', '1'])
        expect(command.kind === 'replay' && command.options.rate).toBe(1)
    })
})
