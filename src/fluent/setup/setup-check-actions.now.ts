import '@servicenow/sdk/global'
import { UiAction } from '@servicenow/sdk/core'
import { exportInstanceFactsAction, runRepairAction, runSetupCheckAction } from '../../server/actions/setup-check-actions'
import { appAdminRole } from '../security/roles.now'

// Setup check and Repair, from the Setup Check list (banner) and from any run record (form). The server
// re-checks the app admin role; the roles here only hide the buttons. "Repair and apply API restrictions" asks for
// confirmation in the browser, so it is a form button on the run record, where Repair's warnings are listed.

UiAction({
    $id: Now.ID['action-run-setup-check'],
    table: 'x_em_aws_apikey_setup_run',
    name: 'Run setup check',
    actionName: 'x_em_aws_apikey_run_setup_check',
    hint: 'Check every link of the API-key chain and record a report',
    showInsert: false,
    showUpdate: true,
    showQuery: true,
    form: { showButton: true, style: 'primary' },
    list: { showBannerButton: true, style: 'primary' },
    roles: [appAdminRole],
    order: 100,
    script: runSetupCheckAction,
})

UiAction({
    $id: Now.ID['action-run-repair'],
    table: 'x_em_aws_apikey_setup_run',
    name: 'Repair',
    actionName: 'x_em_aws_apikey_run_repair',
    hint: "Fix the app's own records and add missing mappings; lists changes that would restrict an API without applying them",
    showInsert: false,
    showUpdate: true,
    showQuery: true,
    form: { showButton: true },
    list: { showBannerButton: true },
    roles: [appAdminRole],
    order: 200,
    script: runRepairAction,
})

UiAction({
    $id: Now.ID['action-run-repair-with-restrictions'],
    table: 'x_em_aws_apikey_setup_run',
    name: 'Repair and apply API restrictions',
    actionName: 'x_em_aws_apikey_run_repair_restrict',
    hint: 'Repair, including the changes Repair listed as restricting an API (for example activating the EM policy)',
    showInsert: false,
    showUpdate: true,
    form: { showButton: true, style: 'destructive' },
    client: { isClient: true, isUi16Compatible: true, onClick: 'xEmAwsConfirmRestrictedRepair()' },
    script: Now.include('../../browser/repair-restrictions.client.js'),
    roles: [appAdminRole],
    order: 300,
})

UiAction({
    $id: Now.ID['action-export-instance-facts'],
    table: 'x_em_aws_apikey_setup_run',
    name: 'Export instance facts',
    actionName: 'x_em_aws_apikey_export_instance_facts',
    hint: 'Record what this instance showed the app (versions, plugins, policy shapes, refused writes, probe outcomes) as JSON without secrets or personal data, for a bug report',
    showInsert: false,
    showUpdate: true,
    showQuery: true,
    form: { showButton: true },
    list: { showBannerButton: true },
    roles: [appAdminRole],
    order: 400,
    script: exportInstanceFactsAction,
})

// "Undo Repair" reverses every change Repair recorded (x_em_aws_apikey_repair_change), newest first; the browser
// says exactly what will be reverted before the server runs it. A form button on a run record, like the restricting Repair.
UiAction({
    $id: Now.ID['action-undo-repair'],
    table: 'x_em_aws_apikey_setup_run',
    name: 'Undo Repair',
    actionName: 'x_em_aws_apikey_undo_repair',
    hint: 'Reverse what Repair changed: deactivate what it activated, delete the mappings, user and role it created, restore the values it changed',
    showInsert: false,
    showUpdate: true,
    form: { showButton: true, style: 'destructive' },
    client: { isClient: true, isUi16Compatible: true, onClick: 'xEmAwsConfirmUndoRepair()' },
    script: Now.include('../../browser/undo-repair.client.js'),
    roles: [appAdminRole],
    order: 350,
})
