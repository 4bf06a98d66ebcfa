(function (outputs, steps, params, stepResult, assertEqual) {
    // The connector instance the admin named in x_em_aws_apikey.atf_connector, else the first active one whose
    // definition's URL parameter value (source) is aws, in any case. The suite inserts nothing into another
    // application's table (E55): it uses a connector instance that exists, and says which.
    var named = String(gs.getProperty('x_em_aws_apikey.atf_connector', '') || '')
    var connector = new GlideRecord('sn_em_connector_push_instance')
    var connectorSysId = ''
    var how = ''
    if (named) {
        if (!/^[0-9a-f]{32}$/.test(named) || !connector.get(named)) {
            stepResult.setOutputMessage('x_em_aws_apikey.atf_connector names no push connector instance: set it to the sys_id of an active AWS push connector instance, or clear it.')
            return false
        }
        connectorSysId = named
        how = 'named in x_em_aws_apikey.atf_connector'
    } else {
        connector.addQuery('active', true)
        connector.orderBy('sys_created_on')
        connector.query()
        while (connector.next()) {
            var definition = new GlideRecord('sn_em_connector_listener')
            if (definition.get(connector.getValue('push_connector_definition')) && String(definition.getValue('source') || '').toLowerCase() === 'aws') {
                connectorSysId = connector.getUniqueValue()
                how = 'the first active AWS push connector instance'
                break
            }
        }
    }
    if (!connectorSysId) {
        stepResult.setOutputMessage('No active AWS push connector instance on this instance: create one (Event Management > Push Connectors), or name one in x_em_aws_apikey.atf_connector.')
        return false
    }
    var usedName = String(connector.getValue('name') || '')

    var api = new x_em_aws_apikey.AwsSnsEventKeysTestApi()
    var baseUrl = gs.getProperty('glide.servlet.uri')
    var r = JSON.parse(api.generateProbeRevoke(connectorSysId, baseUrl))
    stepResult.setOutputMessage('Connector instance: ' + usedName + ' (' + connectorSysId + '), ' + how + '. ' + JSON.stringify(r))
    assertEqual({ name: 'Generate succeeded', shouldbe: true, value: r.ok })
    assertEqual({ name: 'Key was active after generation', shouldbe: true, value: r.keyActive })
    var integrationUser = new GlideRecord('sys_user')
    var integrationUserSysId = integrationUser.get('user_name', gs.getProperty('x_em_aws_apikey.integration_user')) ? integrationUser.getUniqueValue() : 'integration user not found'
    assertEqual({ name: 'Key belongs to the integration user (by sys_id)', shouldbe: integrationUserSysId, value: r.keyUserSysId })
    assertEqual({ name: 'Probe verdict at generation is accepted', shouldbe: true, value: !!r.probe && r.probe.accepted })
    assertEqual({ name: 'Key has an expiry', shouldbe: true, value: !!r.keyExpires })
    assertEqual({ name: 'Key is limited to the useraccount scope', shouldbe: true, value: api.keyHasUseraccountScope(connectorSysId) })
    assertEqual({ name: 'Token readable by the app (else the dialog shows a placeholder)', shouldbe: true, value: r.tokenShown })
    assertEqual({ name: 'EM API accepts a test alarm with the key (2xx)', shouldbe: true, value: r.statusBeforeRevoke >= 200 && r.statusBeforeRevoke < 300 })
    assertEqual({ name: 'Revoke succeeded', shouldbe: true, value: r.revoked })
    assertEqual({ name: 'EM API with the revoked key is 401', shouldbe: 401, value: r.statusAfterRevoke })
    assertEqual({ name: 'Audit has rows for the connector', shouldbe: true, value: r.auditRows > 0 })
    assertEqual({ name: 'Audit holds no token', shouldbe: false, value: r.auditHasToken })
    return true
})(outputs, steps, params, stepResult, assertEqual)
