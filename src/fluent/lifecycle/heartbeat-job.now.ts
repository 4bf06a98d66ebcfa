import '@servicenow/sdk/global'
import { EmailNotification, Record, ScheduledScript } from '@servicenow/sdk/core'
import { runHeartbeatWatchJob } from '../../server/actions/heartbeat-watch-job'

// Every 15 minutes: records the last heartbeat of each AWS account and region (src/aws/fleet-stackset.yaml) and tells
// the app admins once when one has been silent for twice its interval, and once when it recovers.
ScheduledScript({
    $id: Now.ID['job-heartbeat-watch'],
    name: 'AWS SNS Event API Keys - heartbeat watch',
    active: true,
    frequency: 'periodically',
    executionInterval: { minutes: 15 },
    script: runHeartbeatWatchJob,
})

Record({
    $id: Now.ID['event-heartbeat'],
    table: 'sysevent_register',
    data: {
        event_name: 'x_em_aws_apikey.heartbeat',
        table: 'x_em_aws_apikey_heartbeat',
        description: 'An AWS account and region stopped sending heartbeats, or sends them again. parm1: app admin user sys_ids; parm2: silent or recovered.',
        fired_by: 'AWS SNS Event API Keys - heartbeat watch',
    },
})

EmailNotification({
    $id: Now.ID['notification-heartbeat'],
    table: 'x_em_aws_apikey_heartbeat',
    name: 'AWS SNS heartbeat silent or recovered',
    description: 'Tells app admins that alarms from an AWS account and region stopped reaching ServiceNow, or reach it again. Never contains the key.',
    active: true,
    triggerConditions: { generationType: 'event', eventName: 'x_em_aws_apikey.heartbeat' },
    recipientDetails: { eventParm1WithRecipient: true, sendToCreator: false },
    emailContent: {
        contentType: 'text/plain',
        subject: 'AWS SNS heartbeat ${account} ${region}: ${event.parm2}',
        messageText:
            'The heartbeat from AWS account ${account}, region ${region} (endpoint ${endpoint}) is ${event.parm2}. Last heartbeat: ${last_heartbeat_at} UTC, expected every ${interval_minutes} minutes.\n\nWhile it is silent, alarms from this account and region do not reach ServiceNow. Check, in this order: the endpoint\'s API key (expired or revoked), the SNS subscription (deleted or pending), the topic policy, and the push connector (inactive). From any machine: sn-aws-verify doctor --topic-name <name> --accounts <file> --regions <regions> --role-name <role>.\n\n${URI_REF}',
    },
})
