/* "Undo Repair" (Setup Check run form). In the browser: say exactly what will be reverted and ask; then submit the
 * action again to the server; on the server (no window): the same script runs Undo Repair. */
function xEmAwsConfirmUndoRepair() {
    if (!confirm('Undo every change Repair made that is not undone yet, newest first:\n' +
        '- what Repair activated (the Event Management policy, a profile) is deactivated;\n' +
        '- the profile mappings Repair added are deleted;\n' +
        '- the integration user and the role grant Repair created are deleted (API keys of that user stop working);\n' +
        '- a profile or policy Repair re-created is deleted;\n' +
        '- the values Repair changed are restored.\n' +
        'A value someone changed after Repair is kept and reported, never overwritten. ' +
        'AWS SNS deliveries that depend on these changes get HTTP 401 afterwards. The changes are listed under "Changes made" on each Repair run.')) return false
    gsftSubmit(null, g_form.getFormElement(), 'x_em_aws_apikey_undo_repair')
    return true
}
if (typeof window == 'undefined') {
    new AwsSnsModuleLoader().load('/src/server/actions/setup-check-actions.ts').runUndoRepairAction(current, action)
}
