/* Reveal dialog for "Generate API key & AWS endpoint" and "Rotate API key" (UI16 form buttons).
 * The token arrives only in the GlideAjax answer and is shown once: it is written as text content (never an
 * attribute, URL or storage), copied from a closure, and the dialog's DOM is removed on close. */
var xEmAwsKeyReveal = (function () {
    var PROCESSOR = 'x_em_aws_apikey.AwsEndpointKeyAjax'

    function el(tag, text, className) {
        var node = document.createElement(tag)
        if (text) node.textContent = text
        if (className) node.className = className
        return node
    }

    function copyText(text, button) {
        function done(ok) {
            button.textContent = ok ? 'Copied' : 'Copy failed: select the text and copy it'
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
        var button = el('button', 'Copy', 'btn btn-default x-em-aws-copy')
        button.type = 'button'
        button.onclick = function () { copyText(text, button) }
        section.appendChild(button)
        container.appendChild(section)
        return section
    }

    function list(container, title, items) {
        if (!items || !items.length) return
        container.appendChild(el('h4', title))
        var ul = el('ul')
        for (var i = 0; i < items.length; i++) ul.appendChild(el('li', items[i]))
        container.appendChild(ul)
    }

    function content(result) {
        var root = el('div', '', 'x-em-aws-reveal')
        root.appendChild(el('p', result.tokenShown
            ? 'This endpoint contains the new API key. It is shown only now: copy it into AWS SNS before you close this dialog.'
            : result.placeholderHelp, 'x-em-aws-lead'))
        block(root, 'AWS SNS HTTPS endpoint', result.endpoint)
        block(root, 'aws sns subscribe', result.subscribeCommand)
        block(root, 'CloudFormation (AWS::SNS::Subscription)', result.cloudFormation)
        if (result.topicArnIsExample) root.appendChild(el('p', 'Replace the example topic ARN with the ARN of your SNS topic.'))
        list(root, 'Rules AWS imposes', result.rules)
        list(root, 'Rotation runbook', result.runbook)
        var meta = el('p', 'Key ' + result.keyName + ', expires ' + result.expires + ' UTC.')
        root.appendChild(meta)
        var link = el('a', 'Open the API key record')
        link.href = result.keyRecordPath
        link.target = '_blank'
        root.appendChild(link)
        return root
    }

    function show(result, onClose) {
        var Modal = typeof GlideModal !== 'undefined' ? GlideModal : null
        var body = content(result)
        if (!Modal) {
            // Fallback without GlideModal: an in-page overlay, removed on close.
            var overlay = el('div', '', 'x-em-aws-overlay')
            overlay.appendChild(body)
            var close = el('button', 'Close', 'btn btn-primary x-em-aws-close')
            close.type = 'button'
            close.onclick = function () {
                body.textContent = ''
                overlay.parentNode.removeChild(overlay)
                result = null
                if (onClose) onClose()
            }
            overlay.appendChild(close)
            document.body.appendChild(overlay)
            return overlay
        }
        var modal = new Modal('x_em_aws_apikey_reveal', false, 760)
        modal.setTitle('AWS SNS endpoint - shown once')
        var holder = el('div')
        holder.appendChild(body)
        var closeButton = el('button', 'I have copied it - close', 'btn btn-primary x-em-aws-close')
        closeButton.type = 'button'
        closeButton.onclick = function () {
            body.textContent = ''
            result = null
            modal.destroy()
            if (onClose) onClose()
        }
        holder.appendChild(closeButton)
        modal.renderWithContent(holder)
        return holder
    }

    function request(mode) {
        if (mode === 'rotate' && !confirm('Rotate the API key? A new key and endpoint are created; you must create a new SNS subscription with it. The old key stays active for the grace period.')) return
        if (typeof g_form.isNewRecord === 'function' && g_form.isNewRecord()) {
            g_form.addErrorMessage('Save the record first.')
            return
        }
        var ajax = new GlideAjax(PROCESSOR)
        ajax.addParam('sysparm_name', mode)
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
            show(result, function () { g_form.addInfoMessage('The endpoint was shown once. Reload the form to see the key metadata.') })
        })
    }

    return { request: request, show: show }
})()
