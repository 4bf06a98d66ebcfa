// The fleet doctor: every single-topic check on arn:<partition>:sns:<region>:<account>:<topic name> for each
// account (from a file, or AWS Organizations ListAccounts) and region, through a read-only role the doctor assumes
// with STS in each account (src/aws/doctor-role.yaml), with bounded concurrency. An account whose role cannot be
// assumed is "could not check" in its own row, and the rest still runs. The rollout itself is CloudFormation
// StackSets' job (src/aws/fleet-stackset.yaml); this only reads.
import { readFileSync } from 'node:fs'
import type { Account } from '@aws-sdk/client-organizations'
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts'
import { partition } from '@aws-sdk/core/client'
import { parseTopicArn, type AwsEndpoint } from '../server/endpoint/aws-endpoint.ts'
import {
    attempt,
    awsClients,
    awsConnections,
    checkKnownRegion,
    closeClients,
    closeConnections,
    organizationsClient,
    stsClient,
    type AwsCredentials,
    type AwsFailure,
} from './aws-clients.ts'
import { InputError, type DoctorArgs } from './cli-args.ts'
import { doctorExitCode, readCurrentEndpoint, runTopicChecks, type Finding } from './doctor.ts'
import {
    ASSUME_FINDING,
    MAX_CELLS,
    fleetExitCode,
    fleetSummary,
    mapWithConcurrency,
    parseAccountsFile,
    worstLevel,
    type FleetAccount,
    type FleetCell,
    type FleetReport,
} from './fleet-rules.ts'
import type { Redactor } from './secret-input.ts'

export interface FleetOptions {
    topicName: string
    roleName: string
    regions: string[]
    /** A path to an accounts file, or null with org: true. */
    accountsFile: string | null
    org: boolean
    concurrency: number
    endpointFile?: string
    timeoutMs: number
    json: boolean
}

export function fleetOptions(args: DoctorArgs): FleetOptions {
    const fleet = args.fleet as NonNullable<DoctorArgs['fleet']>
    return { ...fleet, endpointFile: args.endpointFile, timeoutMs: args.timeoutMs, json: args.json }
}

function partitionOf(regions: string[]): string {
    const names = new Set(regions.map((r) => (partition(r) as { name?: string }).name ?? 'aws'))
    if (names.size > 1) throw new InputError('--regions mixes AWS partitions (for example aws and aws-cn): run the doctor once per partition')
    return [...names][0]
}

function readAccounts(path: string): FleetAccount[] {
    let text: string
    try {
        text = readFileSync(path, 'utf8')
    } catch (err) {
        throw new InputError(`--accounts: cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`)
    }
    return parseAccountsFile(text)
}

/** Every ACTIVE account of the organization, page by page (ListAccounts; suspended accounts have no stacks to check). */
async function listOrgAccounts(region: string, timeoutMs: number): Promise<FleetAccount[]> {
    const client = await organizationsClient(region, timeoutMs)
    const { ListAccountsCommand } = await import('@aws-sdk/client-organizations')
    try {
        const all: Account[] = []
        let next: string | undefined
        do {
            const page = await attempt('organizations:ListAccounts', () => client.send(new ListAccountsCommand({ NextToken: next })))
            if (!page.ok) {
                throw new InputError(
                    `--org: could not list the accounts of the organization: ${page.failure.message}. Run the doctor with the management account or a delegated administrator (organizations:ListAccounts), or give --accounts <file>.`,
                )
            }
            all.push(...(page.value.Accounts ?? []))
            next = page.value.NextToken
        } while (next)
        const active = all.filter((a) => a.Id && (a.Status === 'ACTIVE' || (a as { State?: string }).State === 'ACTIVE'))
        if (active.length === 0) throw new InputError('--org: the organization lists no active account')
        return active.map((a) => ({ id: a.Id as string, name: a.Name ?? '' }))
    } finally {
        client.destroy()
    }
}

type Assumed = { ok: true; credentials: AwsCredentials } | { ok: false; failure: AwsFailure; roleArn: string }

async function assumeRole(sts: STSClient, roleArn: string): Promise<Assumed> {
    // 15 minutes, the STS minimum: a fleet run reads, it does not linger.
    const got = await attempt('sts:AssumeRole', () => sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'sn-aws-verify-doctor', DurationSeconds: 900 })))
    if (!got.ok) return { ok: false, failure: got.failure, roleArn }
    const c = got.value.Credentials
    if (!c?.AccessKeyId || !c.SecretAccessKey) return { ok: false, roleArn, failure: { kind: 'other', action: 'sts:AssumeRole', message: 'STS answered without credentials' } }
    return { ok: true, credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration } }
}

function assumeFailure(a: Extract<Assumed, { ok: false }>): Finding {
    return {
        id: ASSUME_FINDING,
        level: 'error',
        summary: `could not assume ${a.roleArn}: ${a.failure.message}`,
        fix: [
            'Deploy the read-only doctor role to this account (src/aws/doctor-role.yaml through its StackSet), and let the identity running the doctor assume it (the role trusts the account named in its TrustedAccountId parameter).',
        ],
        failure: { kind: a.failure.kind, iamAction: 'sts:AssumeRole' },
    }
}

export async function doctorFleet(options: FleetOptions, redactor: Redactor, warnings: string[]): Promise<FleetReport> {
    for (const r of options.regions) checkKnownRegion(r, '--regions')
    const part = partitionOf(options.regions)
    const current = await readCurrentEndpoint(options, redactor, warnings)
    const accounts = options.org ? await listOrgAccounts(options.regions[0], options.timeoutMs) : readAccounts(options.accountsFile as string)
    if (accounts.length * options.regions.length > MAX_CELLS) {
        throw new InputError(`${accounts.length} accounts x ${options.regions.length} regions is more than ${MAX_CELLS} account-regions: split the run (several --accounts files)`)
    }
    // One set of keep-alive connections for every cell, and one STS client for every account.
    const connections = awsConnections()
    let results: FleetCell[]
    try {
        const sts = await stsClient(options.regions[0], options.timeoutMs, connections)
        // One AssumeRole per account, shared by its regions (the promise is kept, so concurrent cells wait for it).
        const assumed = new Map<string, Promise<Assumed>>()
        const assume = (account: string) => {
            let p = assumed.get(account)
            if (!p) {
                p = assumeRole(sts, `arn:${part}:iam::${account}:role/${options.roleName}`)
                assumed.set(account, p)
            }
            return p
        }
        const cells = accounts.flatMap((a) => options.regions.map((region) => ({ account: a.id, region })))
        results = await mapWithConcurrency(cells, options.concurrency, async ({ account, region }): Promise<FleetCell> => {
            const role = await assume(account)
            if (!role.ok) {
                const findings = [assumeFailure(role)]
                return { account, region, worst: worstLevel(findings), findings }
            }
            const topic = parseTopicArn(`arn:${part}:sns:${region}:${account}:${options.topicName}`, '--topic-name')
            const clients = awsClients(region, options.timeoutMs, role.credentials, connections)
            try {
                const findings = await runTopicChecks(clients, topic, current ? (current.parsed as AwsEndpoint) : null, redactor)
                return { account, region, worst: worstLevel(findings), findings }
            } finally {
                closeClients(clients)
            }
        })
    } finally {
        closeConnections(connections)
    }
    const exitCode = fleetExitCode(results, doctorExitCode)
    return {
        command: 'doctor',
        mode: 'fleet',
        topicName: options.topicName,
        roleName: options.roleName,
        regions: options.regions,
        accounts,
        endpoint: current ? current.masked : null,
        cells: results,
        exitCode,
        summary: fleetSummary(results),
    }
}

/** The --json shape: { exitCode, cells: [{ account, region, worst, findings }] } plus what was checked. */
export function fleetJson(report: FleetReport): string {
    return JSON.stringify({
        command: report.command,
        mode: report.mode,
        topicName: report.topicName,
        roleName: report.roleName,
        regions: report.regions,
        endpoint: report.endpoint,
        exitCode: report.exitCode,
        summary: report.summary,
        cells: report.cells.map((c) => ({ account: c.account, region: c.region, worst: c.worst, findings: c.findings })),
    })
}
