/* The client globals the shipped UI-action scripts use, as UI16 provides them: g_form, gsftSubmit, GlideAjax
 * (POST /xmlhttp.do with the session's X-UserToken, answer from the XML "answer" attribute) and GlideModal
 * (renderWithContent / destroy). window.g_ck and window.__record are set by the page. */
window.g_form = {
    getTableName: function () { return window.__record.table },
    getUniqueValue: function () { return window.__record.sysId },
    isNewRecord: function () { return !window.__record.sysId },
    hasField: function (name) { return !!document.querySelector('#f [name="' + name + '"]') },
    getValue: function (name) {
        var field = document.querySelector('#f [name="' + name + '"]')
        return field ? field.value : ''
    },
    getFormElement: function () { return document.getElementById('f') },
    submit: function (actionName) { window.gsftSubmit(null, document.getElementById('f'), actionName) },
    addInfoMessage: function (message) { window.__addMessage('info', message) },
    addErrorMessage: function (message) { window.__addMessage('error', message) },
}

window.__addMessage = function (type, message) {
    var node = document.createElement('div')
    node.className = 'msg-' + type
    node.textContent = message
    document.getElementById('messages').appendChild(node)
}

window.gsftSubmit = function (control, form, actionName) {
    form.elements.sys_action.value = actionName
    form.submit()
    return false
}

window.GlideAjax = function (processor) {
    this.params = { sysparm_processor: processor }
}
window.GlideAjax.prototype.addParam = function (name, value) {
    this.params[name] = value
}
window.GlideAjax.prototype.getXMLAnswer = function (callback) {
    fetch('/xmlhttp.do', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-UserToken': window.g_ck },
        body: new URLSearchParams(this.params).toString(),
    }).then(function (response) {
        return response.ok ? response.text() : ''
    }).then(function (text) {
        var xml = text ? new DOMParser().parseFromString(text, 'text/xml').documentElement : null
        callback(xml && xml.hasAttribute('answer') ? xml.getAttribute('answer') : null)
    }, function () {
        callback(null)
    })
}

window.GlideModal = function (id) {
    this.id = id
    this.node = null
    this.title = ''
}
window.GlideModal.prototype.setTitle = function (title) {
    this.title = title
}
window.GlideModal.prototype.renderWithContent = function (content) {
    this.node = document.createElement('div')
    this.node.className = 'modal'
    this.node.id = this.id
    var dialog = document.createElement('div')
    dialog.className = 'modal-dialog'
    dialog.setAttribute('role', 'dialog')
    var title = document.createElement('h3')
    title.textContent = this.title
    dialog.appendChild(title)
    dialog.appendChild(content)
    this.node.appendChild(dialog)
    document.body.appendChild(this.node)
}
window.GlideModal.prototype.destroy = function () {
    if (this.node && this.node.parentNode) this.node.parentNode.removeChild(this.node)
    this.node = null
}
