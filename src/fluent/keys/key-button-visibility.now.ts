import '@servicenow/sdk/global'
import { ScriptInclude } from '@servicenow/sdk/core'

// Used by the conditions of Generate, Rotate and Revoke, so each button shows only where it can succeed.
export const keyButtons = ScriptInclude({
    $id: Now.ID['script-include-key-buttons'],
    name: 'AwsEndpointKeyButtons',
    script: Now.include('../../script-includes/aws-endpoint-key-buttons.js'),
    description: 'UI-action conditions: whether Generate, Rotate or Revoke can succeed on an AWS endpoint or push connector instance.',
    accessibleFrom: 'package_private',
})
