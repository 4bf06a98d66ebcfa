/* "Repair and apply API restrictions" (Setup Check run form). In the browser: ask, then submit the action again to
 * the server; on the server (no window): the same script runs Repair with the restricting changes. */
function xEmAwsConfirmRestrictedRepair() {
    if (!confirm('Apply the changes that restrict who can call an API (for example activating the Event Management policy)? ' +
        'Callers that use an authentication method not mapped to those policies then get HTTP 401. Read the warnings of the last Repair first.')) return false
    gsftSubmit(null, g_form.getFormElement(), 'x_em_aws_apikey_run_repair_restrict')
    return true
}
if (typeof window == 'undefined') {
    new AwsSnsModuleLoader().load('/src/server/actions/setup-check-actions.ts').runRepairWithRestrictionsAction(current, action)
}
