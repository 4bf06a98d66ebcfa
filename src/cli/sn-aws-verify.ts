#!/usr/bin/env node
// sn-aws-verify: checks from any machine that AWS SNS can deliver alarms to ServiceNow Event Management with a
// REST API key, and that the AWS side (topic, subscriptions, dead-letter queue, alarms) is set up to deliver them.
// Every line printed goes through the Redactor, so no key leaves unmasked.
import process from 'node:process'
import {
    DEFAULT_TIMEOUT_S,
    DEFAULT_TOPIC_ARN,
    InputError,
    MAX_TIMEOUT_S,
    MIN_TIMEOUT_S,
    parseCommandLine,
} from './cli-args.ts'
import { EXIT, badInputOutcome } from './outcome.ts'
import { Redactor } from './secret-input.ts'
import { safeJson, safeText } from './terminal-text.ts'
import { DOCTOR_FLEET_HELP, formatFleetReport } from './fleet-rules.ts'
import { formatReport, verify } from './verify.ts'

export const HELP = `sn-aws-verify: check that AWS SNS can deliver alarms to ServiceNow Event Management with a REST API key.

Usage:
  sn-aws-verify verify [--endpoint-file <path>|-] [--topic-arn <arn>] [options]
  sn-aws-verify verify --instance <name|https-url> [--key-file <path>|-] [options]
  sn-aws-verify doctor --topic-arn <arn> [--endpoint-file <path>|-] [--json] [--timeout <s>]
  sn-aws-verify doctor --topic-name <name> (--accounts <file> | --org) --regions <r1,r2,...> --role-name <role>
                       [--endpoint-file <path>|-] [--json] [--concurrency <n>]
  sn-aws-verify replay (--dlq-arn <arn> | --queue-url <url>) [--endpoint-file <path>|-] [--state-file <path>]
                       [--dry-run] [--rate <messages/s>] [--concurrency <n>] [--json] [--timeout <s>]
  sn-aws-verify migrate --topic-arn <arn> --endpoint-file <path>|- [--dry-run] [--state-file <path>] [--json]
  sn-aws-verify --help            (sn-aws-verify migrate --help: the migrate command's own help)

verify --endpoint-file <path>   (or --endpoint-file - for stdin, or SN_AWS_ENDPOINT)
  POSTs one test notification the way SNS does (x-amz-sns-* headers, SNS envelope, CloudWatch alarm
  JSON in Message, marked "sn-aws-verify TEST - safe to ignore", state OK) to the endpoint
  https://<host>/api/sn_em_connector/em/inbound_event?source=...&sys_id=...&x-sn-apikey=...
  and tells whether the instance accepts it, and if not, what to fix.

verify --instance <name|https-url> --key-file <path>   (or --key-file -, or SN_API_KEY)
  A second opinion on the key: GET /api/now/table/incident?sysparm_limit=1 with the x-sn-apikey header.
  It tests the Table API with the header variant, not the Event Management API that SNS calls with
  the key in the query string, so either can pass while the other fails.

doctor --topic-arn <arn>   (optionally --endpoint-file <path>|- or SN_AWS_ENDPOINT: the current endpoint)
  Checks the AWS side with your AWS credentials (environment, profile, SSO; region from the ARN): the topic
  exists and is Standard; its policy lets CloudWatch publish; its KMS key lets CloudWatch in; the
  subscriptions to the instance are confirmed, without raw delivery, with a dead-letter queue; no duplicate
  or stale (older key) subscription; no subscription with user:password@ (Basic auth: names the migrate
  command); the dead-letter queue exists and lets SNS in; the alarms that use the topic also send OK. Each
  finding is PASS, WARN, FAIL or ERROR (could not check: names the IAM action).
  Exit codes: 0 no FAIL, 2 a FAIL or a check blocked by credentials/permissions, 3 AWS unreachable, 4 bad input,
  5 AWS kept throttling after backing off (run again later).

${DOCTOR_FLEET_HELP}
replay (--dlq-arn <arn> | --queue-url <url>) --endpoint-file <path>|-   (or SN_AWS_ENDPOINT)
  Re-posts every SNS notification in the subscription's dead-letter queue to the current endpoint exactly as
  SNS would (headers, envelope, original MessageId) and deletes each message (DeleteMessageBatch) only after a
  2xx. The first message goes alone; after its 2xx up to --concurrency <n> posts are in flight (default 4,
  1 to 32). The first refusal stops the run (nothing more is sent with a bad key). --dry-run lists what would
  be sent. --state-file <path> is the journal that makes an interrupted run safe to start again (default
  ./sn-aws-replay-<account>-<region>-<queue>.journal; a regular file of yours, created 0600). --rate <n> sends
  at most n messages per second (1 to 1000). A message whose values cannot go into an SNS header is left in
  the queue as "not SNS". Ctrl-C finishes the messages in flight and hands the rest back to the queue; a
  second Ctrl-C stops at once.
  Exit codes: 0 all delivered (or the queue is empty), 2 the endpoint refused a message or messages that are
  not SNS notifications were left in the queue, 3 network/TLS/timeout, 4 bad input, 5 AWS kept throttling,
  130 interrupted.

migrate --topic-arn <arn> --endpoint-file <path>|-
  Moves the topic's Basic-auth subscriptions (https://user:password@...) to the API-key endpoint,
  make-before-break: subscribe, wait until confirmed, prove with a test notification, then unsubscribe the old
  one. See sn-aws-verify migrate --help.

The endpoint and the key are secrets: they are read only from a file, stdin or the environment, never
from the command line (other users see arguments in ps; shells keep history). Output masks the key.
--endpoint-file reads a regular file (or stdin) of at most 16 KB. Text from AWS or a server (alarm names,
bodies, errors) is printed with control and bidi characters escaped.

Options:
  --topic-arn <arn>            topic ARN in the test notification
                               (default ${DEFAULT_TOPIC_ARN})
  --timeout <seconds>          give up after this long, ${MIN_TIMEOUT_S} to ${MAX_TIMEOUT_S} (default ${DEFAULT_TIMEOUT_S}, as SNS)
  --connect-to <h1:p1:h2:p2>   like curl: connect to h2:p2 instead of h1:p1 while SNI, Host and the
                               certificate check keep h1. Repeatable. Empty parts match anything.
  --json                       print one JSON object: class, status, httpStatus, endpoint (masked),
                               advice, durationMs, exitCode, summary, serverMessage, detail, ...
  -h, --help                   this text

TLS verification is never turned off. To trust a private CA, set NODE_EXTRA_CA_CERTS=<pem file>.

Result classes: accepted, rejected-401, rejected-403, rejected-404, rejected-other, server-5xx,
network, tls, timeout, bad-input.

Exit codes:
  0  accepted (2xx)
  2  rejected: the instance answered with 4xx, 5xx or another non-2xx status
  3  network or TLS failure, including the timeout
  4  bad input: missing or invalid endpoint, key or option, or a secret on the command line
  5  AWS kept throttling the calls (doctor, replay, migrate)
  1  unexpected internal error
`

async function main(argv: string[]): Promise<number> {
    const redactor = new Redactor()
    const out = (text: string) => process.stdout.write(redactor.clean(text))
    const err = (text: string) => process.stderr.write(redactor.clean(text))
    const wantsJson = argv.includes('--json')
    try {
        const command = parseCommandLine(argv)
        if (command.kind === 'help') {
            if (command.subcommand === 'migrate') {
                const { MIGRATE_HELP } = await import('./migrate.ts')
                out(MIGRATE_HELP)
            } else out(HELP)
            return EXIT.accepted
        }
        // doctor and replay load the AWS SDK only when used, so verify keeps to Node built-ins.
        if (command.kind === 'doctor' && command.options.fleet) {
            const { doctorFleet, fleetJson, fleetOptions } = await import('./doctor-fleet.ts')
            const options = fleetOptions(command.options)
            const warnings: string[] = []
            const report = await doctorFleet(options, redactor, warnings)
            for (const w of warnings) err(`warning: ${w}\n`)
            out(options.json ? fleetJson(report) + '\n' : formatFleetReport(report))
            return report.exitCode
        }
        if (command.kind === 'doctor') {
            const { doctor, formatDoctorReport } = await import('./doctor.ts')
            const warnings: string[] = []
            const report = await doctor(command.options, redactor, warnings)
            for (const w of warnings) err(`warning: ${safeText(w)}\n`)
            out(command.options.json ? safeJson(report) + '\n' : formatDoctorReport(report))
            return report.exitCode
        }
        if (command.kind === 'migrate') {
            const { formatMigrateReport, migrate } = await import('./migrate.ts')
            const warnings: string[] = []
            let interrupts = 0
            process.on('SIGINT', () => {
                interrupts++
                if (interrupts > 1) {
                    err('sn-aws-verify migrate: stopped at once; run the same command again to continue from the journal\n')
                    process.exit(EXIT.interrupted)
                }
                err('\nsn-aws-verify migrate: finishing the step in progress, then stopping (Ctrl-C again to stop at once; the journal makes it safe to resume)\n')
            })
            const report = await migrate(command.options, redactor, warnings, { err, interrupted: () => interrupts > 0 })
            for (const w of warnings) err(`warning: ${safeText(w)}\n`)
            out(command.options.json ? safeJson(report) + '\n' : formatMigrateReport(report))
            return report.exitCode
        }
        if (command.kind === 'replay') {
            const { formatReplayReport, replay } = await import('./replay.ts')
            const warnings: string[] = []
            let interrupts = 0
            process.on('SIGINT', () => {
                interrupts++
                if (interrupts > 1) {
                    err('sn-aws-verify replay: stopped at once; messages not yet deleted come back after their visibility timeout\n')
                    process.exit(EXIT.interrupted)
                }
                err('\nsn-aws-verify replay: finishing the message in flight, then stopping (Ctrl-C again to stop at once; nothing is lost)\n')
            })
            const report = await replay(command.options, redactor, warnings, {
                err,
                progress: (text) => process.stderr.write(redactor.clean(text)),
                interrupted: () => interrupts > 0,
                stderrIsTty: process.stderr.isTTY === true,
            })
            for (const w of warnings) err(`warning: ${safeText(w)}\n`)
            out(command.options.json ? safeJson(report) + '\n' : formatReplayReport(report))
            return report.exitCode
        }
        const report = await verify(command.options, redactor)
        if (command.options.json) {
            out(safeJson(report) + '\n')
        } else {
            for (const w of report.warnings) err(`warning: ${safeText(w)}\n`)
            out(formatReport(report))
        }
        return report.exitCode
    } catch (e) {
        if (e instanceof InputError) {
            if (wantsJson) {
                const report = { ...badInputOutcome(e.message), endpoint: null, durationMs: 0, advice: [e.message] }
                out(safeJson(report) + '\n')
            } else {
                err(`sn-aws-verify: ${safeText(e.message)}\nRun sn-aws-verify --help for usage.\n`)
            }
            return EXIT.badInput
        }
        err(`sn-aws-verify: internal error: ${safeText(e instanceof Error ? e.message : String(e))}\n`)
        return EXIT.internal
    }
}

main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code
    },
    () => {
        process.exitCode = EXIT.internal
    },
)
