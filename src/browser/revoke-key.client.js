/* "Revoke API key" (AWS endpoint form, push connector instance form). In the browser: ask, then submit the action
 * again to the server; on the server (no window): the same script runs the revoke module. */
function xEmAwsConfirmRevoke() {
    var question = g_form.getTableName() === 'x_em_aws_apikey_endpoint'
        ? 'Revoke every API key of this AWS endpoint now?'
        : 'Revoke every API key of the AWS endpoints of this push connector instance now?'
    if (!confirm(question + ' AWS SNS deliveries with these keys get HTTP 401 at once and are lost (SNS does not retry them). This cannot be undone.')) return false
    gsftSubmit(null, g_form.getFormElement(), 'x_em_aws_apikey_revoke')
    return true
}
if (typeof window == 'undefined') {
    new AwsSnsModuleLoader().load('/src/server/actions/revoke-action.ts').revokeKeyAction(current, action)
}
