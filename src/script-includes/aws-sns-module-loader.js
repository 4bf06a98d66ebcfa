// Loads one of this app's server modules by the path form the SDK writes into UI-action scripts
// (<scope>/<package>/<version>/src/server/...). The path is looked up in sys_module, so an app version bump
// cannot break the script-include bridges that use it.
var AwsSnsModuleLoader = Class.create()
AwsSnsModuleLoader.prototype = {
    initialize: function () {},
    load: function (suffix) {
        var module = new GlideRecord('sys_module')
        module.addQuery('path', 'STARTSWITH', 'x_em_aws_apikey/')
        module.addQuery('path', 'ENDSWITH', suffix)
        module.setLimit(1)
        module.query()
        if (!module.next()) throw new Error('Server module ' + suffix + ' is not installed; reinstall the app.')
        return require(module.getValue('path'))
    },
    type: 'AwsSnsModuleLoader',
}
