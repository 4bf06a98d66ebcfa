/* Workspace (Next Experience) variant of "Generate API key & AWS endpoint". Workspace client scripts have GlideAjax,
 * g_form and g_modal but no page DOM of their own. A first modal offers an earlier expiry; the answer's probe verdict
 * comes first: unless the probe proved the key works, a blocking "Do not subscribe SNS yet" modal keeps the endpoint
 * hidden until the admin clicks "Copy anyway". The endpoint and snippets are then shown once, in read-only text
 * areas of a g_modal, to select and copy; the UI16 dialog (reveal-dialog.client.js) has copy buttons. */
function onClick(g_form) {
    /** g_form messages render HTML: names from records (connector, definition, source, endpoint) must stay text. */
    function escapeHtml(text) {
        return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
    }

    function isAccepted(probe) {
        if (!probe) return false
        return typeof probe.accepted === 'boolean' ? probe.accepted : probe.outcome === 'accepted'
    }

    function fieldValue(values, name) {
        var fields = (values && values.updatedFields) || []
        for (var i = 0; i < fields.length; i++) if (fields[i].name === name) return String(fields[i].value || '').trim()
        return ''
    }

    function showEndpoint(result) {
        var fields = [{ type: 'textarea', name: 'endpoint', label: 'AWS SNS HTTPS endpoint', value: result.endpoint }]
        if (!result.topicArnMissing) {
            fields.push({ type: 'textarea', name: 'subscribe', label: 'aws sns subscribe (topic ' + result.topicArn + ')', value: result.subscribeCommand })
            fields.push({ type: 'textarea', name: 'cloudformation', label: 'CloudFormation (AWS::SNS::Subscription)', value: result.cloudFormation })
            if (result.terraform) fields.push({ type: 'textarea', name: 'terraform', label: 'Terraform (aws_sns_topic_subscription)', value: result.terraform })
        }
        var notes = [result.tokenShown ? 'Shown only now. Copy it into AWS SNS before closing.' : result.placeholderHelp]
        if (result.topicArnMissing) notes.push(result.topicArnHelp)
        notes.push('Rules: ' + result.rules.join(' '))
        if (result.runbook && result.runbook.length) notes.push('Rotation: ' + result.runbook.join(' '))
        notes.push('Key ' + result.keyName + ', expires ' + result.expires + ' UTC.')
        g_modal.showFields({
            title: 'AWS SNS endpoint - shown once',
            instruction: notes.join('\n'),
            fields: fields,
            size: 'lg',
            confirmTitle: 'I have copied it - close',
            cancelTitle: 'Close',
        })
        result = null
    }

    function showVerdict(result) {
        var probe = result.probe
        if (isAccepted(probe)) {
            g_modal.alert('Probe passed: the key works. You can subscribe SNS.', probe.summary, function () { showEndpoint(result) },
                { buttonTitle: 'Show the endpoint', buttonType: 'confirm' })
            return
        }
        var reason = probe ? probe.summary : 'the key was not tested: the instance did not let the app read the new key.'
        var fix = probe && probe.advice
            ? probe.advice
            : 'complete the endpoint with the key, then test it from outside with npx sn-aws-verify verify --endpoint-file <file> before you subscribe SNS.'
        g_modal.confirm(probe && probe.keyProblem === false ? 'Not proven yet: do the step below before you rely on this endpoint' : 'Do not subscribe SNS yet',
            'Reason: ' + reason + '\nFix: ' + fix + '\nSNS does not retry a rejected delivery, so alarms sent with a key that does not work are lost. ' +
            'The endpoint stays hidden unless you click Copy anyway, and it is not shown again.',
            function (copyAnyway) {
                if (copyAnyway) {
                    showEndpoint(result)
                } else {
                    result = null
                    g_form.addErrorMessage('The endpoint was not shown. The new key is still active: click "Revoke API key", fix the cause, then click "Generate API key & AWS endpoint" again.')
                }
            },
            { confirmTitle: 'Copy anyway', confirmType: 'destructive', cancelTitle: 'Close without copying', cancelType: 'confirm' })
    }

    function send(expires) {
        var ajax = new GlideAjax('x_em_aws_apikey.AwsEndpointKeyAjax')
        ajax.addParam('sysparm_name', 'generate')
        ajax.addParam('sysparm_table', g_form.getTableName())
        ajax.addParam('sysparm_record', g_form.getUniqueValue())
        if (topicArn) ajax.addParam('sysparm_topic_arn', topicArn)
        if (expires) ajax.addParam('sysparm_expires', expires)
        ajax.getXMLAnswer(function (answer) {
            var result
            try {
                result = JSON.parse(answer)
            } catch (e) {
                g_form.addErrorMessage('The instance sent no answer the dialog understands. Check the audit trail before trying again.')
                return
            }
            if (!result || !result.ok) {
                g_form.addErrorMessage(escapeHtml(result && result.message ? result.message : 'Key generation failed.'))
                return
            }
            showVerdict(result)
        })
    }

    // The Topic ARN on the form feeds the snippets; without one the server uses the endpoint record's.
    var topicArn = String(g_form.getValue('topic_arn') || '').trim()
    g_modal.showFields({
        title: 'Generate API key & AWS endpoint',
        instruction: topicArn
            ? 'Topic ARN for the aws sns subscribe line and CloudFormation snippet: ' + topicArn
            : 'No Topic ARN is set on this form: the endpoint is shown without ready-made snippets. Set Topic ARN and save first to get them.',
        fields: [{ type: 'string', name: 'expires', label: 'Expires earlier than the default lifetime (optional, YYYY-MM-DD, at 00:00 UTC)', value: '' }],
        confirmTitle: 'Generate API key',
    }).then(function (values) {
        var day = fieldValue(values, 'expires')
        send(day ? day + ' 00:00:00' : '')
    }, function () {
        // Cancelled: nothing was created.
    })
    return false
}
