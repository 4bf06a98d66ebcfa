import '@servicenow/sdk/global'
import { Record, ScriptInclude, Test } from '@servicenow/sdk/core'

// ATF suite an admin runs on a real instance after install: it settles what no local test can.
// The key never appears in ATF step inputs or results: it stays inside the server script.

export const testApi = ScriptInclude({
    $id: Now.ID['script-include-test-api'],
    name: 'AwsSnsEventKeysTestApi',
    script: Now.include('../../script-includes/aws-sns-event-keys-test-api.js'),
    description: 'Server-side bridge used only by the app ATF suite.',
    accessibleFrom: 'package_private',
})

export const setupTest = Test(
    {
        $id: Now.ID['atf-setup-passes-after-repair'],
        name: 'AWS SNS Event API Keys - setup check passes after Repair',
        description:
            'Runs Repair (including the API restrictions) and then the setup check on this instance, and asserts that Repair reports no error and every link of the API-key chain passes.',
        active: true,
        failOnServerError: true,
    },
    (atf) => {
        atf.server.runServerSideScript({
            $id: Now.ID['atf-setup-passes-after-repair-step'],
            script: Now.include('../../atf/setup-passes-after-repair.js'),
        })
    },
)

export const generateTest = Test(
    {
        $id: Now.ID['atf-generate-probe-revoke'],
        name: 'AWS SNS Event API Keys - generate, EM API accepts the key, revoke rejects it',
        description:
            'Creates a throw-away AWS push connector, generates a key, and asserts the key is active, belongs to the integration user, has the useraccount scope and an expiry; a call to the EM inbound API with it is not 401, after Revoke the same call is 401, and the audit has rows but no token.',
        active: true,
        failOnServerError: true,
    },
    (atf) => {
        atf.server.runServerSideScript({
            $id: Now.ID['atf-generate-probe-revoke-step'],
            script: Now.include('../../atf/generate-probe-revoke.js'),
        })
    },
)

export const suite = Record({
    $id: Now.ID['atf-suite'],
    table: 'sys_atf_test_suite',
    data: {
        name: 'AWS SNS Event API Keys - instance checks',
        description: 'Run after install and after Repair: proves the API-key chain on this instance.',
        active: true,
    },
})

Record({
    $id: Now.ID['atf-suite-member-setup'],
    table: 'sys_atf_test_suite_test',
    data: { test_suite: suite, test: setupTest, order: 100, abort_on_failure: true },
})

Record({
    $id: Now.ID['atf-suite-member-generate'],
    table: 'sys_atf_test_suite_test',
    data: { test_suite: suite, test: generateTest, order: 200, abort_on_failure: false },
})
