import '@servicenow/sdk/global'
import { ScriptInclude } from '@servicenow/sdk/core'

// Shared by the script-include bridges (GlideAjax, ATF) to require() the app's server modules.
export const moduleLoader = ScriptInclude({
    $id: Now.ID['script-include-module-loader'],
    name: 'AwsSnsModuleLoader',
    script: Now.include('../script-includes/aws-sns-module-loader.js'),
    description: "Requires one of this app's server modules by path suffix (looked up in sys_module).",
    accessibleFrom: 'package_private',
})
