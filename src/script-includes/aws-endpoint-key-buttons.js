// UI-action condition bridge: tells whether a key button can succeed on this record (the logic lives in the server
// module). Not client-callable. A failing check shows the button: the server action re-checks everything and says
// what to fix, while a hidden button would leave the admin with no way forward.
var AwsEndpointKeyButtons = Class.create()
AwsEndpointKeyButtons.prototype = {
    initialize: function () {},
    visible: function (button, current) {
        try {
            return new AwsSnsModuleLoader()
                .load('/src/server/actions/key-button-visibility.ts')
                .keyButtonVisible(button, String(current.getTableName()), String(current.getUniqueValue()))
        } catch (e) {
            gs.error('AwsEndpointKeyButtons: ' + e)
            return true
        }
    },
    type: 'AwsEndpointKeyButtons',
}
