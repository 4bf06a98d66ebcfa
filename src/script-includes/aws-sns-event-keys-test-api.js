// Server-side bridge for the ATF suite: delegates to the atf-entry server module; holds no logic of its own.
var AwsSnsEventKeysTestApi = Class.create()
AwsSnsEventKeysTestApi.prototype = {
    initialize: function () {
        this._module = new AwsSnsModuleLoader().load('/src/server/actions/atf-entry.ts')
    },
    repairAndCheck: function () {
        return this._module.atfRepairAndCheck()
    },
    generateProbeRevoke: function (connectorSysId) {
        return this._module.atfGenerateProbeRevoke(connectorSysId)
    },
    keyHasUseraccountScope: function (connectorSysId) {
        return this._module.atfKeyHasUseraccountScope(connectorSysId)
    },
    type: 'AwsSnsEventKeysTestApi',
}
