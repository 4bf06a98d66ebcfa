// Client-callable bridge for the reveal dialog: delegates to the server module; holds no logic of its own.
// Underscore methods are not callable from the browser.
var AwsEndpointKeyAjax = Class.create()
AwsEndpointKeyAjax.prototype = Object.extendsObject(global.AbstractAjaxProcessor, {
    generate: function () {
        return this._call('generate')
    },
    rotate: function () {
        return this._call('rotate')
    },
    revoke: function () {
        return this._call('revoke')
    },
    _call: function (method) {
        return new AwsSnsModuleLoader().load('/src/server/actions/key-ajax.ts').handleKeyAjax(method, {
            table: String(this.getParameter('sysparm_table') || ''),
            sysId: String(this.getParameter('sysparm_record') || ''),
            topicArn: String(this.getParameter('sysparm_topic_arn') || ''),
            expires: String(this.getParameter('sysparm_expires') || ''),
        })
    },
    type: 'AwsEndpointKeyAjax',
})
