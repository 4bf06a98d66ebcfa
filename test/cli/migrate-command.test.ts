// sn-aws-verify migrate end to end: the compiled CLI, with the real AWS SDK v3 SNS client, against the loopback AWS
// stub (SNS with the SubscriptionConfirmation handshake) and the Event Management HTTPS stub (which accepts the old
// Basic-auth user and the new API key, and confirms subscriptions by fetching SubscribeURL, as the push connector does).
//
// The proof of "nothing lost": a publisher sends one alarm per simulated second (one real tick of SIM_SECOND_MS) all
// through the move, while the move is killed (SIGKILL) at every step and resumed from its journal. Every published
// MessageId must reach Event Management at least once; the duplicates of the overlap (both subscriptions confirmed)
// are counted and folded into one alert per alarm.
// assumption (S30): Event Management folds events with the same message_key into one alert, and the AWS push
// connector's message_key for a CloudWatch alarm notification is the alarm (its AlarmArn); the fold below is that
// assumption, not a fact proven here.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startAlarmPathStubs, stopAlarmPathStubs } from '../support/alarm-path-stubs.ts'
import type { AwsStub, StubSubscription } from '../support/aws-stub.ts'
import { makeCliWorkspace, removeCliWorkspace, runCli, startCli, writeSecretFile, type Run } from '../support/cli-process.ts'
import { type EmHttpsStub, type TestCertificate, issueTestCertificate } from '../support/em-https-stub.ts'
import { expectNoCanary } from '../support/no-canary.ts'
import { ACCOUNT, DLQ, HOST, REDRIVE_TO_DLQ, REGION, TOPIC, endpointFor } from '../support/single-topic-fixture.ts'
import { waitFor } from '../support/wait-for.ts'

const NEW_KEY = 'now_CANARY_migrate_newkey_4242'
const BASIC_USER = 'svc_aws_events'
const BASIC_PASSWORD = 'CANARY-Basic-Pa55word'
const NEW_ENDPOINT = endpointFor(NEW_KEY)
// ServiceNow's documented Basic-auth variant of the push connector URL.
const BASIC_ENDPOINT = `https://${BASIC_USER}:${BASIC_PASSWORD}@${HOST}/api/sn_em_connector/em/inbound_event?source=aws`
const OLD_ATTRIBUTES = {
    ...REDRIVE_TO_DLQ,
    DeliveryPolicy: JSON.stringify({ healthyRetryPolicy: { numRetries: 10, minDelayTarget: 5, maxDelayTarget: 60, backoffFunction: 'exponential' } }),
}
const SIM_SECOND_MS = 25

let dir: string
let cli: string
let aws: AwsStub
let em: EmHttpsStub
let env: NodeJS.Dict<string>
let endpointFile: string
let certificate: TestCertificate
let oldSub: StubSubscription

function noSecret(...texts: string[]): void {
    expectNoCanary(...texts)
    for (const text of texts) expect(text).not.toContain(encodeURIComponent(BASIC_PASSWORD))
}

function checkRun(run: Run): void {
    noSecret(run.stdout, run.stderr)
}

function migrateArgs(stateFile: string, extra: string[] = []): string[] {
    return ['migrate', '--topic-arn', TOPIC, '--endpoint-file', endpointFile, '--state-file', stateFile, '--connect-to', `${HOST}:443:127.0.0.1:${em.port}`, '--json', ...extra]
}

const isTestAlarm = (r: { body: string }) => r.body.includes('sn-aws-verify TEST')
const calls = (action: string) => aws.calls.filter((c) => c.action === action).length
const journalSteps = (path: string) =>
    readFileSync(path, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => JSON.parse(l).step as string)

let stopPublisher: (() => Promise<string[]>) | null = null

/** One alarm per simulated second until stopped; returns the MessageIds SNS gave each Publish. */
function startPublisher(): { stop: () => Promise<string[]> } {
    let running = true
    const ids: string[] = []
    const loop = (async () => {
        for (let second = 0; running; second++) {
            const before = aws.published.length
            const alarm = { AlarmName: `alarm-${second}`, AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:alarm-${second}`, NewStateValue: 'ALARM', NewStateReason: 'threshold crossed', Region: 'EU (Ireland)' }
            await aws.publish(TOPIC, `ALARM: "alarm-${second}"`, JSON.stringify(alarm), em.deliver())
            ids.push(...aws.published.slice(before))
            await new Promise((r) => setTimeout(r, SIM_SECOND_MS))
        }
    })()
    const stop = async () => {
        running = false
        await loop
        stopPublisher = null
        return ids
    }
    stopPublisher = stop
    return { stop }
}

beforeAll(async () => {
    ;({ dir, cli } = makeCliWorkspace('migrate'))
    certificate = await issueTestCertificate(dir, HOST)
    endpointFile = writeSecretFile(dir, 'endpoint.txt', `${NEW_ENDPOINT}\n`)
}, 180000)

beforeEach(async () => {
    ;({ aws, em, env } = await startAlarmPathStubs(certificate, NEW_KEY, dir))
    em.acceptedBasic = { user: BASIC_USER, password: BASIC_PASSWORD }
    // SNS reaches the endpoint; the connector confirms by a GET on SubscribeURL, which lands on the AWS stub.
    aws.httpsDelivery = em.deliver()
    em.subscribeUrlFetcher = async (url) => {
        const u = new URL(url)
        await fetch(`${aws.url}/${u.search}`)
    }
    aws.addTopic(TOPIC)
    aws.addQueue(DLQ)
    oldSub = aws.subscribe(TOPIC, BASIC_ENDPOINT, { attributes: OLD_ATTRIBUTES })
})

afterEach(async () => {
    // A failed scenario must not leave the publisher running into the next test or past the suite.
    if (stopPublisher) await stopPublisher()
    aws.releaseHung()
    await stopAlarmPathStubs({ aws, em })
})

afterAll(() => removeCliWorkspace({ dir, cli }))

describe('scenario: Basic auth to API key with a kill at every step, nothing lost', () => {
    it('every published alarm reaches Event Management; duplicates are counted and fold into one alert per alarm; no Basic-auth subscription is left', async () => {
        const stateFile = join(dir, 'scenario.journal')
        const publisher = startPublisher()
        const runs: Run[] = []
        const killAt = async (arm: () => void, reached: () => boolean, what: string) => {
            arm()
            const { child, done } = startCli(cli, migrateArgs(stateFile), env)
            await waitFor(reached, what)
            await new Promise((r) => setTimeout(r, 3 * SIM_SECOND_MS)) // a few alarms while it hangs there
            child.kill('SIGKILL')
            const run = await done
            expect(run.signal).toBe('SIGKILL')
            runs.push(run)
        }
        await new Promise((r) => setTimeout(r, 5 * SIM_SECOND_MS))

        // Step 2, Subscribe: killed before SNS answered.
        await killAt(() => aws.hangOn.set('Subscribe', 0), () => calls('Subscribe') >= 1, 'the Subscribe call')
        aws.hangOn.clear()
        aws.releaseHung()
        expect(journalSteps(stateFile)).toEqual(['subscribing'])

        // Step 3, waiting for the confirmation: the connector got the SubscriptionConfirmation but has not confirmed yet.
        em.holdConfirmations = true
        const polls = () => calls('GetSubscriptionAttributes')
        const pollsBefore = polls()
        await killAt(() => undefined, () => polls() >= pollsBefore + 3, 'polls of the pending subscription')
        expect(aws.subscriptions.filter((s) => s.endpoint === NEW_ENDPOINT).map((s) => s.confirmed)).toEqual([false])
        expect(journalSteps(stateFile)).toEqual(['subscribing', 'subscribing', 'subscribed'])
        em.holdConfirmations = false
        await em.releaseConfirmations()
        expect(aws.subscriptions.filter((s) => s.endpoint === NEW_ENDPOINT).map((s) => s.confirmed)).toEqual([true])

        // Step 4, the proof: killed while the test notification is in flight (both subscriptions deliver meanwhile).
        em.delayWhen = (r) => (isTestAlarm(r) ? 10000 : 0)
        await killAt(() => undefined, () => em.requests.some(isTestAlarm), 'the test notification')
        em.delayWhen = null

        // Step 5, Unsubscribe of the Basic-auth subscription: killed before SNS acted.
        await killAt(() => aws.hangOn.set('Unsubscribe', 0), () => calls('Unsubscribe') >= 1, 'the Unsubscribe call')
        aws.hangOn.clear()
        aws.releaseHung()
        expect(aws.subscriptions.some((s) => s.arn === oldSub.arn)).toBe(true)

        // Resume to the end.
        const last = await runCli(cli, migrateArgs(stateFile), env)
        runs.push(last)
        expect(last.code).toBe(0)
        const report = JSON.parse(last.stdout)
        expect(report.summary).toMatch(/^moved: cloudwatch-alarms delivers to the API-key endpoint/)
        await new Promise((r) => setTimeout(r, 5 * SIM_SECOND_MS))
        // Enforcement comes: Basic answers 401 from now on. Nothing may depend on it any more.
        em.basicRestricted = true
        await new Promise((r) => setTimeout(r, 5 * SIM_SECOND_MS))
        const published = await publisher.stop()

        // Nothing lost: every MessageId SNS gave a Publish was accepted by Event Management at least once.
        const notifications = em.requests.filter((r) => r.headers['x-amz-sns-message-type'] === 'Notification' && !isTestAlarm(r))
        const accepted = notifications.filter((r) => r.status === 200)
        const perId = new Map<string, number>()
        for (const r of accepted) perId.set(String(r.headers['x-amz-sns-message-id']), (perId.get(String(r.headers['x-amz-sns-message-id'])) ?? 0) + 1)
        expect(published.length).toBeGreaterThan(40)
        expect(published.filter((id) => !perId.has(id))).toEqual([])
        expect(notifications.filter((r) => r.status !== 200)).toEqual([])
        // Duplicates: the overlap, when both subscriptions were confirmed, delivered some alarms twice.
        const duplicates = [...perId.values()].reduce((n, c) => n + c - 1, 0)
        expect(duplicates).toBeGreaterThan(0)
        expect(duplicates).toBe(accepted.length - published.length)
        // Both paths really carried alarms: Basic (Authorization header) before, the key after.
        expect(accepted.some((r) => String(r.headers.authorization ?? '').startsWith('Basic '))).toBe(true)
        expect(accepted.some((r) => r.url.includes('x-sn-apikey='))).toBe(true)
        // Folded by message_key (assumption S30: the alarm): one alert per alarm, however many copies arrived.
        const alerts = new Set(accepted.map((r) => JSON.parse(JSON.parse(r.body).Message).AlarmArn))
        expect(alerts.size).toBe(published.length)

        // No Basic-auth subscription left; the new one is confirmed and took the old one's policies.
        expect(aws.subscriptions.map((s) => ({ endpoint: s.endpoint, confirmed: s.confirmed, attributes: s.attributes }))).toEqual([
            { endpoint: NEW_ENDPOINT, confirmed: true, attributes: { ...OLD_ATTRIBUTES, RawMessageDelivery: 'false' } },
        ])
        expect(journalSteps(stateFile).slice(-1)).toEqual(['done'])
        for (const run of runs) checkRun(run)
        noSecret(readFileSync(stateFile, 'utf8'))
        expect(readFileSync(stateFile, 'utf8')).not.toContain(BASIC_USER)
    }, 120000)
})

describe('migrate, other paths', () => {
    it('--dry-run prints the plan (inherited policies, the old subscription masked) and changes nothing', async () => {
        oldSub.attributes.FilterPolicy = JSON.stringify({ severity: ['critical'] })
        const run = await runCli(cli, ['migrate', '--topic-arn', TOPIC, '--endpoint-file', endpointFile, '--dry-run'], env)
        checkRun(run)
        expect(run.code).toBe(0)
        expect(run.stdout).toMatch(/^sn-aws-verify migrate: dry run: 1 Basic-auth subscription\(s\) would move to the API-key endpoint \(exit 0\)$/m)
        expect(run.stdout).toContain(`basic   : ${oldSub.arn} https://…@${HOST}/api/sn_em_connector/em/inbound_event?source=aws`)
        expect(run.stdout).toMatch(/planned +subscribe: aws sns subscribe the API-key endpoint with RedrivePolicy, DeliveryPolicy, FilterPolicy, RawMessageDelivery|planned +subscribe: aws sns subscribe the API-key endpoint with DeliveryPolicy, FilterPolicy, RedrivePolicy, RawMessageDelivery/)
        expect(run.stdout).toContain(`planned  unsubscribe-old: unsubscribe ${oldSub.arn}`)
        expect(calls('Subscribe') + calls('Unsubscribe')).toBe(0)
        expect(aws.subscriptions).toHaveLength(1)
        expect(em.requests).toHaveLength(0)
    })

    it('step 3 fails (the connector never confirms: the key is refused): the new subscription is removed, the old one kept (exit 2)', async () => {
        em.acceptedKey = 'now_some_other_key_entirely_0000'
        const stateFile = join(dir, 'unconfirmed.journal')
        const run = await runCli(cli, migrateArgs(stateFile, ['--confirm-wait', '2']), env)
        checkRun(run)
        expect(run.code).toBe(2)
        const report = JSON.parse(run.stdout)
        expect(report.summary).toMatch(/not moved: SNS did not show the new subscription confirmed; it was removed/)
        expect(report.steps.map((s: { step: string; result: string }) => `${s.step}:${s.result}`)).toEqual(['find:done', 'subscribe:done', 'wait-confirmed:failed', 'rollback:done'])
        expect(aws.subscriptions.map((s) => s.arn)).toEqual([oldSub.arn])
        expect(journalSteps(stateFile)).toEqual(['subscribing', 'subscribed', 'rolled-back'])
    })

    it('step 4 fails (the test notification times out): the new subscription is removed, the old one kept (exit 3)', async () => {
        em.delayWhen = (r) => (isTestAlarm(r) ? 3000 : 0)
        const run = await runCli(cli, migrateArgs(join(dir, 'unproven.journal'), ['--timeout', '1']), env)
        checkRun(run)
        expect(run.code).toBe(3)
        const report = JSON.parse(run.stdout)
        expect(report.steps.map((s: { step: string; result: string }) => `${s.step}:${s.result}`)).toEqual(['find:done', 'subscribe:done', 'wait-confirmed:done', 'prove:failed', 'rollback:done'])
        expect(aws.subscriptions.map((s) => s.arn)).toEqual([oldSub.arn])
    })

    it('a second run after the move has nothing to do (exit 0)', async () => {
        const stateFile = join(dir, 'twice.journal')
        expect((await runCli(cli, migrateArgs(stateFile), env)).code).toBe(0)
        const again = await runCli(cli, migrateArgs(stateFile), env)
        checkRun(again)
        expect(again.code).toBe(0)
        expect(JSON.parse(again.stdout).summary).toBe('nothing to move: cloudwatch-alarms delivers with the API key only')
    })

    it('no Basic-auth subscription to this instance and no API-key one: nothing is changed (exit 2)', async () => {
        aws.subscriptions.splice(0)
        aws.subscribe(TOPIC, `https://u:p@other.service-now.com/api/sn_em_connector/em/inbound_event?source=aws`)
        const run = await runCli(cli, migrateArgs(join(dir, 'none.journal')), env)
        checkRun(run)
        expect(run.code).toBe(2)
        expect(JSON.parse(run.stdout).summary).toBe('nothing to move: no Basic-auth subscription to this instance and connector')
        expect(calls('Subscribe')).toBe(0)
    })

    it('a journal of another topic is bad input (exit 4)', async () => {
        const stateFile = join(dir, 'other-topic.journal')
        writeFileSync(stateFile, `${JSON.stringify({ journal: 'sn-aws-verify migrate journal v1', topicArn: `${TOPIC}-other` })}\n`)
        const run = await runCli(cli, migrateArgs(stateFile), env)
        expect(run.code).toBe(4)
        expect(run.stdout + run.stderr).toMatch(/belongs to another topic/)
        expect(calls('Subscribe')).toBe(0)
    })

    it('doctor reports the Basic-auth subscription as a finding that names the exact migrate command', async () => {
        const run = await runCli(cli, ['doctor', '--topic-arn', TOPIC, '--endpoint-file', endpointFile, '--json'], env)
        checkRun(run)
        const finding = JSON.parse(run.stdout).findings.filter((f: { id: string }) => f.id === 'subscription.basic-auth')
        expect(finding).toEqual([
            {
                id: 'subscription.basic-auth',
                level: 'warn',
                summary: `${oldSub.arn} delivers to https://…@${HOST}/api/sn_em_connector/em/inbound_event?source=aws with Basic auth (user:password in the URL): once ServiceNow's Basic Auth Restriction is enforced for that user the instance answers 401, SNS never retries it, and every alarm is lost`,
                fix: [
                    `sn-aws-verify migrate --topic-arn ${TOPIC} --endpoint-file endpoint.txt --dry-run`,
                    `sn-aws-verify migrate --topic-arn ${TOPIC} --endpoint-file endpoint.txt   (moves it to the API-key endpoint, make-before-break)`,
                ],
            },
        ])
        // After the move the same check passes.
        expect((await runCli(cli, migrateArgs(join(dir, 'doctor-after.journal')), env)).code).toBe(0)
        const after = JSON.parse((await runCli(cli, ['doctor', '--topic-arn', TOPIC, '--json'], env)).stdout)
        expect(after.findings.filter((f: { id: string }) => f.id === 'subscription.basic-auth').map((f: { level: string }) => f.level)).toEqual(['pass'])
    })

    it('migrate --help prints its own usage, steps and exit codes', async () => {
        const run = await runCli(cli, ['migrate', '--help'], env)
        expect(run.code).toBe(0)
        expect(run.stdout).toMatch(/^sn-aws-verify migrate: move an SNS topic's Basic-auth subscriptions/)
        expect(run.stdout).toMatch(/^ {2}130 +interrupted/m)
        expect(run.stdout).toMatch(/^ {2}5 +AWS kept throttling/m)
    })
})
