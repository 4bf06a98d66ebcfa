import '@servicenow/sdk/global'
import { EmailNotification, Record, ScheduledScript } from '@servicenow/sdk/core'
import { runExpiryWatchJob } from '../../server/actions/expiry-watch-job'

// Daily watch: expiring / expired / no data, admin notification, and retirement of rotated keys after the grace.
ScheduledScript({
    $id: Now.ID['job-expiry-watch'],
    name: 'AWS SNS Event API Keys - expiry and health watch',
    active: true,
    frequency: 'daily',
    executionTime: { hours: 6, minutes: 0, seconds: 0 },
    script: runExpiryWatchJob,
})

Record({
    $id: Now.ID['event-key-expiry'],
    table: 'sysevent_register',
    data: {
        event_name: 'x_em_aws_apikey.key_expiry',
        table: 'x_em_aws_apikey_endpoint',
        description: 'An AWS SNS endpoint key is expiring or expired. parm1: app admin user sys_ids; parm2: new status.',
        fired_by: 'AWS SNS Event API Keys - expiry and health watch',
    },
})

EmailNotification({
    $id: Now.ID['notification-key-expiry'],
    table: 'x_em_aws_apikey_endpoint',
    name: 'AWS SNS endpoint key expiring or expired',
    description: 'Tells app admins that an AWS SNS endpoint key expires soon or has expired. Never contains the key.',
    active: true,
    triggerConditions: { generationType: 'event', eventName: 'x_em_aws_apikey.key_expiry' },
    recipientDetails: { eventParm1WithRecipient: true, sendToCreator: false },
    emailContent: {
        contentType: 'text/plain',
        subject: 'AWS SNS endpoint ${name}: API key ${event.parm2}',
        messageText:
            'The API key of the AWS SNS endpoint "${name}" is ${event.parm2} (expires ${expires} UTC).\n\nAWS SNS does not retry HTTP 401 answers, so alarms sent with an expired key are lost.\nOpen the endpoint, click "Rotate API key", create a new SNS subscription with the new endpoint, wait until it is Confirmed, then delete the old subscription.\n\n${URI_REF}',
    },
})
