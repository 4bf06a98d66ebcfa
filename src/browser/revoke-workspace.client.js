/* Workspace variant of "Revoke API key": confirm in a g_modal, then run the action's server script. */
function onClick(g_form) {
    g_modal.confirm('Revoke API key',
        'Revoke every API key of this AWS endpoint now? AWS SNS deliveries with these keys get HTTP 401 at once and are lost (SNS does not retry them). This cannot be undone.',
        function (confirmed) {
            if (confirmed) g_form.submit('x_em_aws_apikey_revoke')
        },
        { confirmTitle: 'Revoke API key', confirmType: 'destructive', cancelTitle: 'Cancel', cancelType: 'default' })
    return false
}
