import '@servicenow/sdk/global'
import { Acl, ScriptInclude } from '@servicenow/sdk/core'
import { appAdminRole } from '../security/roles.now'

// GlideAjax bridge used by the Generate / Rotate dialog. The module re-checks the admin role on every call.
export const keyAjax = ScriptInclude({
    $id: Now.ID['script-include-key-ajax'],
    name: 'AwsEndpointKeyAjax',
    script: Now.include('../../script-includes/aws-endpoint-key-ajax.js'),
    description: 'GlideAjax bridge: generates, rotates or revokes an AWS endpoint key and answers with the one-time reveal.',
    clientCallable: true,
    accessibleFrom: 'package_private',
})

Acl({
    $id: Now.ID['acl-key-ajax-execute'],
    type: 'client_callable_script_include',
    name: 'x_em_aws_apikey.AwsEndpointKeyAjax',
    operation: 'execute',
    roles: [appAdminRole],
    adminOverrides: true,
    description: 'Only app admins may call the key-issuing GlideAjax processor.',
})
