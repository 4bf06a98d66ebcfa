(function (outputs, steps, params, stepResult, assertEqual) {
    // A throw-away AWS push connector instance (ATF rolls back every record this test creates). The AWS definition
    // is the one whose URL parameter value (source) is aws, in any case.
    var definition = new GlideRecord('sn_em_connector_listener')
    definition.addQuery('active', true)
    definition.query()
    var found = false
    while (definition.next()) {
        if (String(definition.getValue('source') || '').toLowerCase() === 'aws') {
            found = true
            break
        }
    }
    if (!found) {
        stepResult.setOutputMessage('No AWS push connector definition on this instance: install Event Management Connectors.')
        return false
    }
    var connector = new GlideRecord('sn_em_connector_push_instance')
    connector.initialize()
    connector.setValue('name', 'ATF AWS SNS Event API Keys connector')
    connector.setValue('push_connector_definition', definition.getUniqueValue())
    connector.setValue('active', true)
    var connectorSysId = connector.insert()

    var api = new x_em_aws_apikey.AwsSnsEventKeysTestApi()
    // The server derives the instance's own URL itself (glide.servlet.uri): the key goes to no other host.
    var r = JSON.parse(api.generateProbeRevoke(connectorSysId))
    stepResult.setOutputMessage(JSON.stringify(r))
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
