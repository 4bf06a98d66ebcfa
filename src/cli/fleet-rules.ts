// Pure rules of the fleet doctor: its inputs (accounts file, regions, role and topic names, concurrency), the worst
// level of a cell, the exit code of the whole fleet, and the account x region matrix printed for a person.
// Every text that came from AWS (account names, findings that quote alarm names or AWS errors) goes through
// safeText before it is printed.
import { InputError } from './cli-args.ts'
import type { Finding, Level } from './doctor.ts'
import { EXIT } from './outcome.ts'
import { safeText } from './terminal-text.ts'

export interface FleetAccount {
    id: string
    /** From the accounts file or AWS Organizations; '' when unknown. Foreign text: print through safeText. */
    name: string
}

export interface FleetCell {
    account: string
    region: string
    worst: Level
    findings: Finding[]
}

export interface FleetReport {
    command: 'doctor'
    mode: 'fleet'
    topicName: string
    roleName: string
    regions: string[]
    accounts: FleetAccount[]
    /** Masked; null when no endpoint was given. */
    endpoint: string | null
    cells: FleetCell[]
    exitCode: number
    summary: string
}

export const DEFAULT_CONCURRENCY = 16
export const MAX_CONCURRENCY = 64
export const MAX_CELLS = 5000
/** The finding of every cell of an account whose role could not be assumed. */
export const ASSUME_FINDING = 'account.assume-role'

/** The fleet part of `sn-aws-verify doctor --help` (here, with no AWS SDK import, so --help loads no SDK). */
export const DOCTOR_FLEET_HELP = `doctor --topic-name <name> (--accounts <file> | --org) --regions <r1,r2,...> --role-name <role>
       [--endpoint-file <path>|-] [--json] [--concurrency <n>] [--timeout <s>]
  The same checks on arn:aws:sns:<region>:<account>:<name> in every account and region. In each account it
  assumes the read-only role <role> with STS (deploy src/aws/doctor-role.yaml through its StackSet first), and
  prints an account x region matrix with the worst level of each cell and the finding behind it, then every
  finding that is not a pass with its fix. An account whose role cannot be assumed is "could not check" in
  its own row; the others are still checked.
  --accounts <file>    one 12-digit account id a line, optionally followed by a name; # starts a comment
                       (aws organizations list-accounts --query 'Accounts[].[Id,Name]' --output text > accounts.txt)
  --org                every ACTIVE account of the organization (organizations:ListAccounts, from the management
                       account or a delegated administrator)
  --regions <list>     comma-separated region codes, one partition per run
  --role-name <role>   the role name in each account (the doctor builds arn:<partition>:iam::<account>:role/<role>)
  --concurrency <n>    account-regions checked at once, 1 to ${MAX_CONCURRENCY} (default ${DEFAULT_CONCURRENCY}); the AWS SDK's adaptive
                       retry slows down by itself when AWS throttles
  --json               { "exitCode", "cells": [ { "account", "region", "worst": "pass|warn|fail|error", "findings" } ] }
  Exit code: the worst of all cells (0 no FAIL, 2 a FAIL or a check blocked by permissions, 3 AWS unreachable,
  4 bad input).
`

const ACCOUNT_ID = /^[0-9]{12}$/

/**
 * An accounts file: one account a line, `<12-digit id>` optionally followed by a tab, comma or spaces and a name
 * (the output of `aws organizations list-accounts --query 'Accounts[].[Id,Name]' --output text` works as is).
 * Blank lines and lines starting with # are skipped. Line numbers are named in errors; values are never echoed.
 */
export function parseAccountsFile(text: string): FleetAccount[] {
    const out: FleetAccount[] = []
    const seen = new Set<string>()
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
    lines.forEach((raw, i) => {
        const line = raw.trim()
        if (!line || line.startsWith('#')) return
        const m = /^([^\s,]+)(?:[\s,]+(.*))?$/.exec(line) as RegExpExecArray
        if (!ACCOUNT_ID.test(m[1])) throw new InputError(`--accounts: line ${i + 1} does not start with a 12-digit AWS account id`)
        if (seen.has(m[1])) return
        seen.add(m[1])
        out.push({ id: m[1], name: (m[2] ?? '').trim().slice(0, 100) })
    })
    if (out.length === 0) throw new InputError('--accounts: the file lists no account (one 12-digit account id a line)')
    return out
}

/** --regions r1,r2,...: lower-case region codes, no duplicates; whether AWS knows them is checked by the caller. */
export function parseRegions(value: string | undefined): string[] {
    if (value === undefined || value.trim() === '') throw new InputError('--regions is required with --topic-name: a comma-separated list such as eu-west-1,us-east-1')
    const regions: string[] = []
    for (const part of value.split(',')) {
        const r = part.trim()
        if (!r) continue
        if (!/^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$/.test(r)) throw new InputError('--regions: each region must look like eu-west-1 (lower case, comma-separated)')
        if (!regions.includes(r)) regions.push(r)
    }
    if (regions.length === 0) throw new InputError('--regions lists no region')
    return regions
}

/** SNS topic name rules: 1 to 256 of A-Z a-z 0-9 _ -, and .fifo at the end for FIFO topics. */
export function parseTopicName(value: string | undefined): string {
    if (value === undefined || !/^[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(value) || value.length > 256) {
        throw new InputError('--topic-name must be an SNS topic name (1 to 256 letters, digits, _ or -), not an ARN')
    }
    return value
}

/** IAM role name, optionally with a path (a/b/name); the doctor builds arn:<partition>:iam::<account>:role/<this>. */
export function parseRoleName(value: string | undefined): string {
    if (value === undefined) throw new InputError('--role-name is required with --topic-name: the read-only role the doctor assumes in each account')
    if (!/^([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/.test(value) || value.length > 512) throw new InputError('--role-name must be an IAM role name (letters, digits and +=,.@_-), without arn:')
    return value
}

export function parseConcurrency(value: string | undefined): number {
    if (value === undefined) return DEFAULT_CONCURRENCY
    if (!/^[0-9]{1,3}$/.test(value) || Number(value) < 1 || Number(value) > MAX_CONCURRENCY) {
        throw new InputError(`--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}`)
    }
    return Number(value)
}

// pass < warn < fail < error: "could not check" is the worst a cell can be, as nothing is known about it.
const RANK: Record<Level, number> = { pass: 0, warn: 1, fail: 2, error: 3 }

export function worstLevel(findings: Finding[]): Level {
    let worst: Level = 'pass'
    for (const f of findings) if (RANK[f.level] > RANK[worst]) worst = f.level
    return worst
}

/** The finding that sets a cell's level: the first one at the worst level. */
export function worstFinding(cell: FleetCell): Finding | null {
    return cell.worst === 'pass' ? null : (cell.findings.find((f) => f.level === cell.worst) ?? null)
}

/** The worst exit code over every cell, with the single-topic rules: a FAIL or a blocked check is 2, AWS unreachable 3. */
export function fleetExitCode(cells: FleetCell[], singleTopicExitCode: (findings: Finding[]) => number): number {
    const codes = cells.map((c) => singleTopicExitCode(c.findings))
    if (codes.includes(EXIT.rejected)) return EXIT.rejected
    if (codes.includes(EXIT.unreachable)) return EXIT.unreachable
    return EXIT.accepted
}

export function fleetSummary(cells: FleetCell[]): string {
    const n: Record<Level, number> = { pass: 0, warn: 0, fail: 0, error: 0 }
    for (const c of cells) n[c.worst]++
    return `${cells.length} account-regions: ${n.pass} pass, ${n.warn} warn, ${n.fail} fail, ${n.error} could not be checked`
}

const MARK: Record<Level, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', error: 'ERROR' }

function cellText(cell: FleetCell): string {
    const f = worstFinding(cell)
    return f ? `${MARK[cell.worst]} ${f.id}` : MARK[cell.worst]
}

/** The matrix (accounts down, regions across), then every finding that is not a pass, with its fix. */
export function formatFleetReport(report: FleetReport): string {
    const lines = [`sn-aws-verify doctor: topic ${report.topicName} in ${report.accounts.length} account(s) x ${report.regions.length} region(s), role ${report.roleName}`]
    if (report.endpoint) lines.push(`  current endpoint: ${report.endpoint}`)
    const byKey = new Map(report.cells.map((c) => [`${c.account} ${c.region}`, c]))
    const label = (a: FleetAccount) => (a.name ? `${a.id} (${safeText(a.name)})` : a.id)
    const first = Math.max('account'.length, ...report.accounts.map((a) => label(a).length)) + 2
    const widths = report.regions.map((r) => Math.max(r.length, ...report.accounts.map((a) => cellText(byKey.get(`${a.id} ${r}`) as FleetCell).length)) + 2)
    lines.push('account'.padEnd(first) + report.regions.map((r, i) => r.padEnd(widths[i])).join('').trimEnd())
    for (const a of report.accounts) {
        const cells = report.regions.map((r) => byKey.get(`${a.id} ${r}`) as FleetCell)
        const assume = cells[0]?.findings.find((f) => f.id === ASSUME_FINDING)
        if (assume) {
            lines.push(`${label(a).padEnd(first)}could not check: ${safeText(assume.summary)}`)
            continue
        }
        lines.push(label(a).padEnd(first) + cells.map((c, i) => cellText(c).padEnd(widths[i])).join('').trimEnd())
    }
    const details: string[] = []
    const assumeShown = new Set<string>()
    for (const c of report.cells) {
        for (const f of c.findings) {
            if (f.level === 'pass') continue
            if (f.id === ASSUME_FINDING) {
                if (assumeShown.has(c.account)) continue
                assumeShown.add(c.account)
                details.push(`${MARK[f.level].padEnd(5)} ${c.account} (every region) ${f.id}: ${safeText(f.summary)}`)
            } else details.push(`${MARK[f.level].padEnd(5)} ${c.account} ${c.region} ${f.id}: ${safeText(f.summary)}`)
            for (const fix of f.fix) details.push(`      fix: ${safeText(fix)}`)
        }
    }
    if (details.length) lines.push('', ...details)
    lines.push(`${report.summary} (exit ${report.exitCode})`)
    return lines.join('\n') + '\n'
}

/** Runs `work` over `items` with at most `limit` at a time; results keep the order of `items`. */
export async function mapWithConcurrency<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
    const results = new Array<R>(items.length)
    let next = 0
    const worker = async () => {
        while (next < items.length) {
            const i = next++
            results[i] = await work(items[i])
        }
    }
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
    return results
}
