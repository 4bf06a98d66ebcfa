/* Reveal dialog for "Generate API key & AWS endpoint" and "Rotate API key" (UI16 form buttons).
 * A small prompt first offers an earlier expiry and says which Topic ARN the snippets will use. The answer's probe
 * verdict is shown at the top: unless the probe proved the key works, a blocking warning keeps the endpoint out of the
 * page until the admin clicks "Copy anyway". The token arrives only in the GlideAjax answer and is shown once: it is
 * written as text content (never an attribute, URL or storage), copied from a closure, and the dialog's DOM is
 * removed on close. */
var xEmAwsKeyReveal = (function () {
    var PROCESSOR = 'x_em_aws_apikey.AwsEndpointKeyAjax'
    var NOT_PROVEN_TITLE = 'Not proven yet: do the step below before you rely on this endpoint'

    /** g_form messages render HTML: names from records (connector, definition, source, endpoint) must stay text. */
    function escapeHtml(text) {
        return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
    }

    /** The blocked verdict's title: a key problem, or nothing against the key but not proven (E64, E65, no event). */
    function blockedTitle(probe) {
        return probe && probe.keyProblem === false ? NOT_PROVEN_TITLE : 'Do not subscribe SNS yet'
    }

    function el(tag, text, className) {
        var node = document.createElement(tag)
        if (text) node.textContent = text
        if (className) node.className = className
        return node
    }

    function button(text, className, onClick) {
        var node = el('button', text, 'btn ' + className)
        node.type = 'button'
        node.onclick = onClick
        return node
    }

    /** Probe verdict contract: accepted only when the probe proved the key works; a missing flag means outcome 'accepted'. */
    function isAccepted(probe) {
        if (!probe) return false
        return typeof probe.accepted === 'boolean' ? probe.accepted : probe.outcome === 'accepted'
    }

    function copyText(text, target) {
        function done(ok) {
            target.textContent = ok ? 'Copied' : 'Copy failed: select the text and copy it'
        }
        if (navigator.clipboard && navigator.clipboard.writeText) {
            navigator.clipboard.writeText(text).then(function () { done(true) }, function () { done(false) })
            return
        }
        var area = document.createElement('textarea')
        area.value = text
        document.body.appendChild(area)
        area.select()
        var ok = false
        try {
            ok = document.execCommand('copy')
        } catch (e) {
            ok = false
        }
        area.value = ''
        document.body.removeChild(area)
        done(ok)
    }

    function block(container, title, text) {
        var section = el('div', '', 'x-em-aws-block')
        section.appendChild(el('h4', title))
        var pre = el('pre', text, 'x-em-aws-value')
        pre.style.whiteSpace = 'pre-wrap'
        pre.style.wordBreak = 'break-all'
        section.appendChild(pre)
        var copy = button('Copy', 'btn-default x-em-aws-copy', function () { copyText(text, copy) })
        section.appendChild(copy)
        container.appendChild(section)
    }

    function list(container, title, items) {
        if (!items || !items.length) return
        container.appendChild(el('h4', title))
        var ul = el('ul')
        for (var i = 0; i < items.length; i++) ul.appendChild(el('li', items[i]))
        container.appendChild(ul)
    }

    function verdict(result) {
        var probe = result.probe
        var box = el('div', '', 'x-em-aws-verdict')
        box.style.padding = '8px 12px'
        box.style.marginBottom = '12px'
        box.style.borderRadius = '4px'
        if (isAccepted(probe)) {
            box.className += ' x-em-aws-verdict-accepted'
            box.setAttribute('role', 'status')
            box.style.background = '#e6f4ea'
            box.style.border = '1px solid #2e7d32'
            box.appendChild(el('h4', 'Probe passed: the key works. You can subscribe SNS.'))
            box.appendChild(el('p', probe.summary, 'x-em-aws-reason'))
            return box
        }
        box.className += ' x-em-aws-verdict-blocked'
        box.setAttribute('role', 'alert')
        box.style.background = '#fdecea'
        box.style.border = '2px solid #c62828'
        box.appendChild(el('h4', blockedTitle(probe)))
        box.appendChild(el('p', 'Reason: ' + (probe
            ? probe.summary
            : 'the key was not tested: the instance did not let the app read the new key.'), 'x-em-aws-reason'))
        box.appendChild(el('p', 'Fix: ' + (probe && probe.advice
            ? probe.advice
            : 'complete the endpoint with the key, then test it from outside with npx sn-aws-verify verify --endpoint-file <file> before you subscribe SNS.'), 'x-em-aws-fix'))
        box.appendChild(el('p', 'SNS does not retry a rejected delivery, so alarms sent with a key that does not work are lost. ' +
            'This endpoint is not shown again after you close this dialog: fix the cause, then click "Rotate API key" (or "Revoke API key").'))
        return box
    }

    function endpointSection(container, result) {
        block(container, 'AWS SNS HTTPS endpoint', result.endpoint)
        if (result.topicArnMissing) {
            container.appendChild(el('p', result.topicArnHelp, 'x-em-aws-topic-help'))
        } else {
            block(container, 'aws sns subscribe (topic ' + result.topicArn + ')', result.subscribeCommand)
            block(container, 'CloudFormation (AWS::SNS::Subscription)', result.cloudFormation)
            if (result.terraform) block(container, 'Terraform (aws_sns_topic_subscription)', result.terraform)
        }
    }

    function content(result) {
        var root = el('div', '', 'x-em-aws-reveal')
        root.appendChild(verdict(result))
        root.appendChild(el('p', result.tokenShown
            ? 'This endpoint contains the new API key. It is shown only now: copy it into AWS SNS before you close this dialog.'
            : result.placeholderHelp, 'x-em-aws-lead'))
        var values = el('div', '', 'x-em-aws-values')
        root.appendChild(values)
        if (isAccepted(result.probe)) {
            endpointSection(values, result)
        } else {
            // The endpoint is not in the page at all until the admin decides to copy anyway: nothing to select or copy.
            var locked = el('div', '', 'x-em-aws-locked')
            locked.appendChild(el('p', 'The endpoint and the snippets stay hidden because the key did not pass the probe.'))
            locked.appendChild(button('Copy anyway', 'btn-danger x-em-aws-copy-anyway', function () {
                values.removeChild(locked)
                endpointSection(values, result)
            }))
            values.appendChild(locked)
        }
        list(root, 'Rules AWS imposes', result.rules)
        list(root, 'Rotation runbook', result.runbook)
        root.appendChild(el('p', 'Key ' + result.keyName + ', expires ' + result.expires + ' UTC.'))
        var link = el('a', 'Open the API key record')
        link.href = result.keyRecordPath
        link.target = '_blank'
        root.appendChild(link)
        return root
    }

    /** A GlideModal (or an in-page overlay without it) holding body; the returned close() removes everything. */
    function openModal(id, title, body, closeLabel, onClose) {
        var Modal = typeof GlideModal !== 'undefined' ? GlideModal : null
        var holder = el('div', '', Modal ? '' : 'x-em-aws-overlay')
        holder.appendChild(body)
        var modal = null
        function close() {
            body.textContent = ''
            if (modal) modal.destroy()
            else if (holder.parentNode) holder.parentNode.removeChild(holder)
            if (onClose) onClose()
        }
        if (closeLabel) holder.appendChild(button(closeLabel, 'btn-primary x-em-aws-close', close))
        if (Modal) {
            modal = new Modal(id, false, 760)
            modal.setTitle(title)
            modal.renderWithContent(holder)
        } else {
            document.body.appendChild(holder)
        }
        return close
    }

    function show(result, onClose) {
        var accepted = isAccepted(result.probe)
        openModal('x_em_aws_apikey_reveal', 'AWS SNS endpoint - shown once', content(result),
            accepted ? 'I have copied it - close' : 'Close', function () {
                result = null
                if (onClose) onClose()
            })
    }

    function send(mode, options) {
        var ajax = new GlideAjax(PROCESSOR)
        ajax.addParam('sysparm_name', mode)
        ajax.addParam('sysparm_table', g_form.getTableName())
        ajax.addParam('sysparm_record', g_form.getUniqueValue())
        if (options.topicArn) ajax.addParam('sysparm_topic_arn', options.topicArn)
        if (options.expires) ajax.addParam('sysparm_expires', options.expires)
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
            show(result, function () { g_form.addInfoMessage('The endpoint was shown once. Reload the form to see the key metadata.') })
        })
    }

    /** The Topic ARN on the form (the AWS endpoint form has the field; elsewhere the endpoint record's value is used). */
    function formTopicArn() {
        if (typeof g_form.hasField === 'function' && !g_form.hasField('topic_arn')) return ''
        return String(g_form.getValue('topic_arn') || '').trim()
    }

    /** Before anything is created: what the click does, an optional earlier expiry, and where the snippets' ARN comes from. */
    function prompt(mode) {
        var topicArn = formTopicArn()
        var body = el('div', '', 'x-em-aws-prompt')
        body.appendChild(el('p', mode === 'rotate'
            ? 'A new key and endpoint are created; you must create a new SNS subscription with it. The old key stays active for the grace period.'
            : 'Creates the API key for this endpoint and shows the exact AWS SNS endpoint once.'))
        body.appendChild(el('p', topicArn
            ? 'Topic ARN for the aws sns subscribe line and CloudFormation snippet: ' + topicArn
            : g_form.getTableName() === 'x_em_aws_apikey_endpoint'
                ? 'No Topic ARN is set on this form: the dialog will show the endpoint only. Set Topic ARN and save first for the ready-made snippets.'
                : 'The Topic ARN of the AWS endpoint record is used for the ready-made snippets, when it has one.', 'x-em-aws-topic'))
        var label = el('label', 'Expires earlier than the default lifetime (optional; at 00:00 UTC of this day): ')
        var input = el('input', '', 'form-control x-em-aws-expires')
        input.type = 'date'
        label.appendChild(input)
        body.appendChild(label)
        var close = null
        var go = button(mode === 'rotate' ? 'Rotate API key' : 'Generate API key', 'btn-primary x-em-aws-issue', function () {
            var day = input.value
            close()
            send(mode, { topicArn: topicArn, expires: day ? day + ' 00:00:00' : '' })
        })
        body.appendChild(go)
        body.appendChild(button('Cancel', 'btn-default x-em-aws-cancel', function () { close() }))
        close = openModal('x_em_aws_apikey_issue', mode === 'rotate' ? 'Rotate API key' : 'Generate API key & AWS endpoint', body, '', null)
    }

    function request(mode) {
        if (typeof g_form.isNewRecord === 'function' && g_form.isNewRecord()) {
            g_form.addErrorMessage('Save the record first.')
            return
        }
        prompt(mode)
    }

    return { request: request, show: show }
})()
