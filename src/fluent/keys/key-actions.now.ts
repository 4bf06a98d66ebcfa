import '@servicenow/sdk/global'
import { UiAction } from '@servicenow/sdk/core'
import { sendTestAlarmAction } from '../../server/actions/test-alarm-action'
import { appAdminRole } from '../security/roles.now'

// Generate and Rotate are client actions: the reveal must travel only in the GlideAjax answer to the admin who
// clicked, never through a server-side redirect or a session message. The server re-checks the role.
// Each button shows only where it can succeed (AwsEndpointKeyButtons); Revoke asks for confirmation first.
// Both forms carry all three buttons, so every message that names one of them names a button the admin can see.

UiAction({
    $id: Now.ID['action-generate-on-endpoint'],
    table: 'x_em_aws_apikey_endpoint',
    name: 'Generate API key & AWS endpoint',
    actionName: 'x_em_aws_apikey_generate',
    hint: 'Create the API key for this endpoint and show the exact AWS SNS endpoint once',
    showInsert: false,
    showUpdate: true,
    condition: "new AwsEndpointKeyButtons().visible('generate', current)",
    form: { showButton: true, style: 'primary' },
    client: { isClient: true, isUi16Compatible: true, onClick: "xEmAwsKeyReveal.request('generate')" },
    script: Now.include('../../browser/reveal-dialog.client.js'),
    workspace: {
        isConfigurableWorkspace: true,
        showFormButtonV2: true,
        clientScriptV2: Now.include('../../browser/reveal-workspace.client.js'),
    },
    roles: [appAdminRole],
    order: 100,
})

UiAction({
    $id: Now.ID['action-rotate-on-endpoint'],
    table: 'x_em_aws_apikey_endpoint',
    name: 'Rotate API key',
    actionName: 'x_em_aws_apikey_rotate',
    hint: 'Create a new key and endpoint; the old key stays active for the grace period',
    showInsert: false,
    showUpdate: true,
    condition: "new AwsEndpointKeyButtons().visible('rotate', current)",
    form: { showButton: true },
    client: { isClient: true, isUi16Compatible: true, onClick: "xEmAwsKeyReveal.request('rotate')" },
    script: Now.include('../../browser/reveal-dialog.client.js'),
    roles: [appAdminRole],
    order: 200,
})

UiAction({
    $id: Now.ID['action-revoke-on-endpoint'],
    table: 'x_em_aws_apikey_endpoint',
    name: 'Revoke API key',
    actionName: 'x_em_aws_apikey_revoke',
    hint: 'Deactivate every key of this endpoint now; SNS deliveries then get HTTP 401',
    showInsert: false,
    showUpdate: true,
    condition: "new AwsEndpointKeyButtons().visible('revoke', current)",
    form: { showButton: true, style: 'destructive' },
    client: { isClient: true, isUi16Compatible: true, onClick: 'xEmAwsConfirmRevoke()' },
    script: Now.include('../../browser/revoke-key.client.js'),
    workspace: {
        isConfigurableWorkspace: true,
        showFormButtonV2: true,
        clientScriptV2: Now.include('../../browser/revoke-workspace.client.js'),
    },
    roles: [appAdminRole],
    order: 300,
})

UiAction({
    $id: Now.ID['action-generate-on-push-connector'],
    table: 'sn_em_connector_push_instance',
    name: 'Generate API key & AWS endpoint',
    actionName: 'x_em_aws_apikey_generate',
    hint: 'Create an API key for this AWS push connector and show the exact AWS SNS endpoint once',
    showInsert: false,
    showUpdate: true,
    condition: "new AwsEndpointKeyButtons().visible('generate', current)",
    form: { showButton: true },
    client: { isClient: true, isUi16Compatible: true, onClick: "xEmAwsKeyReveal.request('generate')" },
    script: Now.include('../../browser/reveal-dialog.client.js'),
    roles: [appAdminRole],
    order: 900,
})

UiAction({
    $id: Now.ID['action-rotate-on-push-connector'],
    table: 'sn_em_connector_push_instance',
    name: 'Rotate API key',
    actionName: 'x_em_aws_apikey_rotate',
    hint: 'Create a new key and endpoint for this AWS push connector; the old key stays active for the grace period',
    showInsert: false,
    showUpdate: true,
    condition: "new AwsEndpointKeyButtons().visible('rotate', current)",
    form: { showButton: true },
    client: { isClient: true, isUi16Compatible: true, onClick: "xEmAwsKeyReveal.request('rotate')" },
    script: Now.include('../../browser/reveal-dialog.client.js'),
    roles: [appAdminRole],
    order: 910,
})

UiAction({
    $id: Now.ID['action-revoke-on-push-connector'],
    table: 'sn_em_connector_push_instance',
    name: 'Revoke API key',
    actionName: 'x_em_aws_apikey_revoke',
    hint: 'Deactivate every key of the AWS endpoints of this push connector now; SNS deliveries then get HTTP 401',
    showInsert: false,
    showUpdate: true,
    condition: "new AwsEndpointKeyButtons().visible('revoke', current)",
    form: { showButton: true, style: 'destructive' },
    client: { isClient: true, isUi16Compatible: true, onClick: 'xEmAwsConfirmRevoke()' },
    script: Now.include('../../browser/revoke-key.client.js'),
    roles: [appAdminRole],
    order: 920,
})

// Runs the probe of generation at any time (a throw-away key in the URL, a wrong key that must get 401, the test
// alarm's event); the server re-checks the role and that the endpoint has an active key. On both forms, like the
// other key buttons, because the probe verdict that names it shows on both.
UiAction({
    $id: Now.ID['action-send-test-alarm-on-connector'],
    table: 'sn_em_connector_push_instance',
    name: 'Send test alarm',
    actionName: 'x_em_aws_apikey_send_test_alarm',
    hint: "Send an SNS-shaped test alarm (state OK, marked as a test) to each AWS endpoint of this connector, and record the verdict",
    showInsert: false,
    showUpdate: true,
    condition: "new AwsEndpointKeyButtons().visible('rotate', current)",
    form: { showButton: true },
    roles: [appAdminRole],
    order: 250,
    script: sendTestAlarmAction,
})

UiAction({
    $id: Now.ID['action-send-test-alarm'],
    table: 'x_em_aws_apikey_endpoint',
    name: 'Send test alarm',
    actionName: 'x_em_aws_apikey_send_test_alarm',
    hint: 'Send an SNS-shaped test alarm (state OK, marked as a test) the way AWS SNS will, and record the verdict',
    showInsert: false,
    showUpdate: true,
    condition: "new AwsEndpointKeyButtons().visible('rotate', current)",
    form: { showButton: true },
    roles: [appAdminRole],
    order: 250,
    script: sendTestAlarmAction,
})
