// Pure: the one-time reveal shown to the admin who generated the key. Built only in the response to that admin;
// nothing here is stored, logged or put in a URL.
import { awsSubscribeCommand, cloudFormationSubscription, formatAwsEndpoint, terraformSubscription } from '../endpoint/aws-endpoint.ts'
import { parseTopicArn } from '../endpoint/topic-arn.ts'
import type { ProbeVerdict } from '../probe/probe-rules.ts'

export const TOKEN_PLACEHOLDER = 'PASTE-API-KEY-HERE'

/** Shown instead of the snippets when the endpoint has no Topic ARN: an example ARN would be copied as if it were real. */
export const TOPIC_ARN_MISSING_HELP =
    'No Topic ARN is set on this AWS endpoint, so there is no ready-made aws sns subscribe line or CloudFormation snippet. ' +
    'Subscribe the endpoint above to your SNS topic (protocol HTTPS), or set Topic ARN on the AWS endpoint form before the next key for the ready-made snippets.'

export const AWS_RULES = [
    'AWS cannot change the endpoint of an existing subscription: a new key always needs a new subscription.',
    'Keep "Raw message delivery" OFF: the ServiceNow AWS push connector needs the SNS envelope and its headers.',
    'Wait until the subscription status goes from "Pending confirmation" to "Confirmed" before relying on it.',
    'Anyone who can read the subscription attributes in AWS can read this endpoint, key included: restrict sns:GetSubscriptionAttributes and sns:ListSubscriptions*.',
]

export const ROTATION_RUNBOOK = [
    'Create a NEW SNS subscription with the new endpoint (the endpoint of an existing subscription cannot be edited).',
    'Wait until the new subscription is Confirmed (ServiceNow confirms it automatically).',
    'Delete the OLD subscription in AWS.',
    'The old key stays active for the rotation grace period, then the app deactivates it.',
]

export interface RevealInput {
    instance: string
    source: string
    connectorSysId: string
    token: string
    topicArn: string
    keySysId: string
    keyName: string
    expires: string
    endpointSysId: string
    strategy: string
    rotation: boolean
    graceDays: number
    /** Outcome of the generation-time probe; null when the token could not be read. */
    probe?: ProbeVerdict | null
}

export interface Reveal {
    ok: true
    endpoint: string
    tokenShown: boolean
    /** Empty when the endpoint has no Topic ARN (topicArnMissing). */
    subscribeCommand: string
    cloudFormation: string
    /** Terraform configuration; like the CloudFormation template it takes the endpoint as a secret input. */
    terraform: string
    topicArn: string
    topicArnMissing: boolean
    topicArnHelp: string
    rules: string[]
    runbook: string[]
    placeholderHelp: string
    keyRecordPath: string
    endpointRecordPath: string
    keyName: string
    expires: string
    strategy: string
    probe: ProbeVerdict | null
}

export function buildReveal(input: RevealInput): Reveal {
    const tokenShown = input.token !== ''
    const endpoint = formatAwsEndpoint({
        instance: input.instance,
        source: input.source,
        connectorSysId: input.connectorSysId,
        apiKey: tokenShown ? input.token : TOKEN_PLACEHOLDER,
    })
    // Checked under the form's label, so a bad value gets a message naming the field the admin can fix.
    const topicArn = input.topicArn ? parseTopicArn(input.topicArn, 'Topic ARN').arn : ''
    return {
        ok: true,
        endpoint,
        tokenShown,
        subscribeCommand: topicArn ? awsSubscribeCommand({ topicArn, endpoint }) : '',
        cloudFormation: topicArn ? cloudFormationSubscription({ topicArn }) : '',
        terraform: topicArn ? terraformSubscription({ topicArn }) : '',
        topicArn,
        topicArnMissing: !topicArn,
        topicArnHelp: topicArn ? '' : TOPIC_ARN_MISSING_HELP,
        rules: AWS_RULES,
        runbook: input.rotation
            ? ROTATION_RUNBOOK.map((line, i) => (i === 3 ? `${line} (${input.graceDays} days)` : line))
            : [],
        placeholderHelp: tokenShown
            ? ''
            : `This instance does not let the app read the new key. Open the key record, click the lock icon next to Token to reveal it, copy it, and replace ${TOKEN_PLACEHOLDER} in the endpoint.`,
        keyRecordPath: `api_key.do?sys_id=${input.keySysId}`,
        endpointRecordPath: `x_em_aws_apikey_endpoint.do?sys_id=${input.endpointSysId}`,
        keyName: input.keyName,
        expires: input.expires,
        strategy: input.strategy,
        probe: input.probe || null,
    }
}
