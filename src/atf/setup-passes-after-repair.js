(function (outputs, steps, params, stepResult, assertEqual) {
    // Repair with restrictions confirmed, then the setup check: every link must pass on this instance.
    var result = JSON.parse(new x_em_aws_apikey.AwsSnsEventKeysTestApi().repairAndCheck())
    stepResult.setOutputMessage('Repair error: ' + (result.error || 'none') + '; failing links: ' + (result.failing.join(' | ') || 'none'))
    assertEqual({ name: 'Repair error', shouldbe: '', value: result.error })
    assertEqual({ name: 'Failing setup links', shouldbe: 0, value: result.failing.length })
    return !result.error && result.failing.length === 0
})(outputs, steps, params, stepResult, assertEqual)
