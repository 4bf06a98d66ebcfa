/* Workspace (Next Experience) variant of "Generate API key & AWS endpoint". Workspace client scripts have GlideAjax and
 * g_modal but no page DOM of their own, so the endpoint is shown as text in a g_modal alert, once; select and copy it
 * there. The UI16 dialog (reveal-dialog.client.js) has the copy buttons. */
function onClick(g_form) {
    var ajax = new GlideAjax('x_em_aws_apikey.AwsEndpointKeyAjax')
    ajax.addParam('sysparm_name', 'generate')
    ajax.addParam('sysparm_table', g_form.getTableName())
    ajax.addParam('sysparm_record', g_form.getUniqueValue())
    ajax.getXMLAnswer(function (answer) {
        var result
        try {
            result = JSON.parse(answer)
        } catch (e) {
            g_form.addErrorMessage('The instance sent no answer the dialog understands. Check the audit trail before trying again.')
            return
        }
        if (!result || !result.ok) {
            g_form.addErrorMessage(result && result.message ? result.message : 'Key generation failed.')
            return
        }
        var text = (result.tokenShown ? 'Shown only now. Copy it into AWS SNS before closing.' : result.placeholderHelp) +
            '\n\nAWS SNS HTTPS endpoint:\n' + result.endpoint +
            '\n\naws sns subscribe:\n' + result.subscribeCommand +
            '\n\nRules:\n- ' + result.rules.join('\n- ')
        g_modal.alert('AWS SNS endpoint - shown once', text)
    })
}
