// Reading IAM resource policies (SNS topic policy, KMS key policy, SQS queue policy) well enough to answer one
// question: does this service principal get these actions? And building the statement that fixes it. Pure.

export type Grant = 'explicit' | 'wildcard' | 'denied' | 'none'

interface Statement {
    Sid?: string
    Effect?: string
    Principal?: unknown
    Action?: unknown
    Condition?: Record<string, Record<string, unknown>>
}

function list(value: unknown): unknown[] {
    return Array.isArray(value) ? value : value === undefined ? [] : [value]
}

/** IAM wildcard match (* and ?), case-insensitive as IAM action names are. */
export function iamPatternMatches(pattern: string, value: string): boolean {
    const re = '^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$'
    return new RegExp(re, 'i').test(value)
}

function principalKind(principal: unknown, service: string): 'explicit' | 'wildcard' | null {
    if (principal === '*') return 'wildcard'
    if (!principal || typeof principal !== 'object') return null
    const p = principal as { Service?: unknown; AWS?: unknown }
    if (list(p.Service).some((s) => s === service)) return 'explicit'
    if (list(p.AWS).some((s) => s === '*')) return 'wildcard'
    return null
}

/** True unless the statement has an aws:SourceArn condition that excludes `sourceArn`. */
function conditionAdmits(condition: Statement['Condition'], sourceArn: string | null): boolean {
    if (!condition || sourceArn === null) return true
    for (const operator of Object.keys(condition)) {
        const block = condition[operator] ?? {}
        for (const key of Object.keys(block)) {
            if (key.toLowerCase() !== 'aws:sourcearn') continue
            const values = list(block[key]).map(String)
            const like = /Like$/i.test(operator)
            if (!values.some((v) => (like ? iamPatternMatches(v, sourceArn) : v === sourceArn))) return false
        }
    }
    return true
}

export function parsePolicy(text: string | undefined): Statement[] | null {
    if (!text) return []
    try {
        const doc = JSON.parse(text) as { Statement?: unknown }
        return list(doc.Statement).filter((s): s is Statement => !!s && typeof s === 'object')
    } catch {
        return null
    }
}

/**
 * Whether `service` (e.g. cloudwatch.amazonaws.com) may perform every one of `actions`: `explicit` when a statement
 * names the service, `wildcard` when only a `*` principal statement covers it (conditions on those are not
 * evaluated), `denied` when a Deny statement covers it, `none` otherwise.
 */
export function policyGrant(statements: Statement[], service: string, actions: string[], sourceArn: string | null = null): Grant {
    let weakest: Grant = 'explicit'
    for (const action of actions) {
        let best: Grant = 'none'
        for (const s of statements) {
            const kind = principalKind(s.Principal, service)
            if (!kind) continue
            if (!list(s.Action).some((a) => typeof a === 'string' && iamPatternMatches(a, action))) continue
            if (s.Effect === 'Deny') return 'denied'
            if (s.Effect !== 'Allow' || !conditionAdmits(s.Condition, sourceArn)) continue
            if (kind === 'explicit') best = 'explicit'
            else if (best === 'none') best = 'wildcard'
        }
        if (best === 'none') return 'none'
        if (best === 'wildcard') weakest = 'wildcard'
    }
    return weakest
}

/** The policy with `statement` added (replacing one with the same Sid), as compact JSON for a fix command. */
export function policyWithStatement(text: string | undefined, statement: Record<string, unknown>): string {
    let doc: { Version?: string; Statement?: unknown } = {}
    try {
        doc = text ? (JSON.parse(text) as typeof doc) : {}
    } catch {
        doc = {}
    }
    const statements = list(doc.Statement).filter((s) => !(s && typeof s === 'object' && (s as Statement).Sid === statement.Sid))
    return JSON.stringify({ ...doc, Version: doc.Version ?? '2012-10-17', Statement: [...statements, statement] })
}

export function cloudWatchPublishStatement(topicArn: string): Record<string, unknown> {
    return {
        Sid: 'AllowCloudWatchAlarmsToPublish',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: topicArn,
        Condition: { StringEquals: { 'aws:SourceAccount': topicArn.split(':')[4] } },
    }
}

export const CLOUDWATCH_KMS_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt']

export function cloudWatchKeyStatement(): Record<string, unknown> {
    return {
        Sid: 'AllowCloudWatchAlarmsToUseTheTopicKey',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
    }
}

export function snsSendToQueueStatement(queueArn: string, topicArn: string): Record<string, unknown> {
    return {
        Sid: 'AllowSnsToSendFailedDeliveries',
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: queueArn,
        Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
    }
}
