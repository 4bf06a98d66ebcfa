#!/usr/bin/env node
// sn-aws-verify: checks from any machine that AWS SNS can deliver alarms to ServiceNow Event Management with a
// REST API key, and that the AWS side (topic, subscriptions, dead-letter queue, alarms) is set up to deliver them.
// Every line printed goes through the Redactor, so no key leaves unmasked.
import process from 'node:process'
import { InputError, parseCommandLine } from './cli-args.ts'
import { EXIT, badInputOutcome } from './outcome.ts'
import { Redactor } from './secret-input.ts'
import { safeJson, safeText } from './terminal-text.ts'
import { DOCTOR_FLEET_HELP, formatFleetReport } from './fleet-rules.ts'
import { formatReport, verify } from './verify.ts'

export const HELP = `sn-aws-verify: check that AWS SNS can deliver alarms to ServiceNow Event Management with a REST API key.

Usage:
  sn-aws-verify verify ...   POST one test notification the way SNS does; say whether the instance accepts it
  sn-aws-verify doctor ...   check the AWS side: topic, policies, KMS key, subscriptions, dead-letter queue, alarms
  sn-aws-verify replay ...   re-post the alarms kept in a subscription's dead-letter queue
  sn-aws-verify migrate ...  move Basic-auth subscriptions to the API-key endpoint, make-before-break
  sn-aws-verify <command> --help   that command's options, output and exit codes (also: sn-aws-verify help <command>)
  sn-aws-verify --help             this text

The endpoint and the key are secrets: they are read only from a file, stdin or the environment, never
from the command line (other users see arguments in ps; shells keep history). Output masks the key.
--endpoint-file reads a regular file (or stdin) of at most 16 KB. Text from AWS or a server (alarm names,
bodies, errors) is printed with control and bidi characters escaped.

Proxy: doctor and replay send their AWS calls through HTTPS_PROXY (or https_proxy; NO_PROXY hosts go direct).
Requests to the instance (verify, and replay's re-posts) never use a proxy: SNS reaches the instance straight
from AWS, so they connect directly, as SNS does.

TLS verification is never turned off. To trust a private CA, set NODE_EXTRA_CA_CERTS=<pem file>.

Exit codes shared by every command: 0 success, 4 bad input (nothing was sent), 5 AWS kept throttling (doctor, replay, migrate), 1 unexpected internal error.
`

/** Each command's own help text, loaded only when asked for. */
const COMMAND_HELP: { [command: string]: () => Promise<string> } = {
    verify: async () => (await import('./verify.ts')).VERIFY_HELP,
    doctor: async () => `${(await import('./doctor.ts')).DOCTOR_HELP}\n${DOCTOR_FLEET_HELP}`,
    replay: async () => (await import('./replay.ts')).REPLAY_HELP,
    migrate: async () => (await import('./migrate.ts')).MIGRATE_HELP,
}


async function main(argv: string[]): Promise<number> {
    const redactor = new Redactor()
    const out = (text: string) => process.stdout.write(redactor.clean(text))
    const err = (text: string) => process.stderr.write(redactor.clean(text))
    const wantsJson = argv.includes('--json')
    try {
        const command = parseCommandLine(argv)
        if (command.kind === 'help') {
            const commandHelp = command.command === undefined ? undefined : COMMAND_HELP[command.command]
            out(commandHelp ? await commandHelp() : HELP)
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
