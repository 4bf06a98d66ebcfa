import { APP_SCOPE_ID, SHIPPED } from '../../src/server/core/app-names'
import {
    type ObservedInstance, buildFactsFile, hostKind, parseBuildTag, parseRefusal, probeVerdictClass, REMOVED, scrubStrings, SWITCH_OBSERVERS,
    UNOBSERVABLE_SWITCHES,
} from '../../src/server/setup/instance-facts'
import { SWITCH_NAMES, SWITCH_SETTINGS } from '../support/instance'
import { IDS, freshInstallFacts } from '../support/setup-facts-builder'

function observed(overrides: Partial<ObservedInstance> = {}): ObservedInstance {
    return {
        exportedAt: '2026-06-01 09:00:00',
        buildTag: 'glide-xanadu-07-02-2024__patch2-09-25-2024',
        servletUri: 'https://acme.service-now.com/',
        plugins: { 'com.glide.tokenbased_auth': true, 'com.glide.explicit_roles': false },
        setup: freshInstallFacts(),
        links: [{ id: 'plugin', status: 'pass' }],
        authScopeColumn: 'auth_scope',
        queryFoldsCase: true,
        refusalDetails: [],
        probeAudits: [],
        endpoints: [],
        probeEventCreators: [],
        forbidden: [],
        ...overrides,
    }
}

const endpoint = (fields: Partial<ObservedInstance['endpoints'][number]> = {}) => ({
    status: 'active', source: 'aws', eventSources: 'aws\nAWS CloudWatch', learnedEventSource: '', tokenStrategy: '', lastProbeResult: '', ...fields,
})

describe('instance facts file: no secret or personal data', () => {
    // Canaries stand for what a real instance holds: user names, an email, a token, the host, sys_ids, a customer's names.
    const CANARIES = {
        userName: 'canary.user.name', integrationUser: 'canary.integration', email: 'canary.person@acme-corp.example',
        token: 'now_CANARYfactsTOKEN0123456789', host: 'canary-host.service-now.com', password: 'Canary-Pa55word!',
        customerPolicy: 'Canary Customer Policy', customerProfile: 'Canary Customer Profile',
    }

    function observedWithCanaries(): ObservedInstance {
        const setup = freshInstallFacts()
        setup.integrationUserName = CANARIES.integrationUser
        setup.integrationUser = { sysId: IDS.user, name: CANARIES.integrationUser, active: true, lockedOut: false, webServiceOnly: true, roles: ['evt_mgmt_integration'] }
        setup.otherEmPolicies = [{
            sysId: 'f'.repeat(32), name: CANARIES.customerPolicy, active: true, api: CANARIES.token, apiDisplay: CANARIES.email, apiPath: 'sn_em_connector/em',
            scope: 'global', applyGlobal: false, httpMethod: CANARIES.password, ours: false,
        }]
        // Names of records in the connector's scope are kept (they ship with it), so only the last pass can catch these.
        setup.otherEmPolicies.push({
            ...setup.otherEmPolicies[0], sysId: 'c'.repeat(32), name: `Connector policy of ${CANARIES.email}`, scope: IDS.emApp, httpMethod: 'POST',
        })
        setup.mappings.push({ sysId: 'e'.repeat(32), policy: 'f'.repeat(32), profile: 'd'.repeat(32), profileName: CANARIES.customerProfile })
        setup.mappings.push({ sysId: 'b'.repeat(32), policy: 'c'.repeat(32), profile: 'a'.repeat(32), profileName: `Profile for ${CANARIES.userName.toUpperCase()}` })
        setup.queryParameters[0].type = CANARIES.password
        return observed({
            setup,
            exportedAt: CANARIES.token,
            buildTag: CANARIES.token,
            servletUri: `https://${CANARIES.host}/`,
            authScopeColumn: CANARIES.email,
            links: [{ id: CANARIES.userName, status: CANARIES.password }],
            refusalDetails: [`refused create api_key for ${CANARIES.userName} (${CANARIES.email})`, `refused update ${CANARIES.password}`],
            probeAudits: [{ action: 'probe', outcome: 'failure', detail: `wrong_identity: The key authenticated as ${CANARIES.userName} token ${CANARIES.token}` }],
            endpoints: [endpoint({
                source: CANARIES.host, eventSources: CANARIES.email, learnedEventSource: CANARIES.userName, tokenStrategy: CANARIES.token,
                lastProbeResult: `accepted: ${CANARIES.email}`, status: CANARIES.password,
            })],
            probeEventCreators: [CANARIES.userName],
            forbidden: [CANARIES.userName, CANARIES.integrationUser, CANARIES.host],
        })
    }

    it('carries no user name, email, token, password, host, sys_id or customer record name, whatever the instance held', () => {
        const json = JSON.stringify(buildFactsFile(observedWithCanaries()))
        for (const canary of Object.values(CANARIES)) expect(json).not.toContain(canary)
        expect(json).not.toMatch(/[0-9a-f]{32}/)
        expect(json).not.toMatch(/acme/i)
    })

    it('still reports the shapes: the customer policy as a neutral label, its refusal parsed, the verdict class only', () => {
        const file = buildFactsFile(observedWithCanaries())
        expect(file.policies.map((p) => [p.label, p.origin, p.apiStored])).toEqual([
            [SHIPPED.emPolicy, 'ours', 'empty'], ['other policy 1', 'other', 'other'],
            [REMOVED, 'sn_em_connector', 'other'], ['Table GET API Access Policy', 'built_in', 'other'], ['Table POST API Access Policy', 'built_in', 'other'],
        ])
        expect(file.policies[2].mappedProfiles).toEqual([{ label: REMOVED, reads: 'not_api_key' }])
        expect(file.policies[1].mappedProfiles).toEqual([{ label: 'other profile 1', reads: 'not_api_key' }])
        expect(file.refusedWrites).toEqual([{ operation: 'create', table: 'api_key', count: 1 }])
        expect(file.probes).toEqual([{ from: 'probe', outcome: 'failure', verdict: 'wrong_identity' }])
        expect(file.versions).toEqual({ emConnector: { version: '2.19.4', active: true }, family: '', build: '' })
    })

    it('a copied value without the shape of a platform value is blanked and counted, and a blanked switch setting is dropped as unobserved', () => {
        const o = observedWithCanaries()
        const file = buildFactsFile(o)
        // The query-parameter type is copied as stored (E12) only when it looks like a choice value; here it held a secret.
        expect(file.authParameters[1].type).toBe(REMOVED)
        expect(file.switches.queryParamType).toBeUndefined()
        expect(file.unobserved).toContainEqual({ switch: 'queryParamType', why: 'the observed value looked personal or secret and was removed' })
        expect(file.scrubbed).toBeGreaterThan(0)
        expect(buildFactsFile(observed()).scrubbed).toBe(0)
    })

    it('scrubStrings blanks forbidden values without case, and sys_ids, emails, tokens and URLs', () => {
        const input = { a: 'Hello CANARY.User', b: ['0123456789abcdef0123456789abcdef', 'x@y.io', 'now_abcdefgh', 'http://h'], c: 'kept', d: 3 }
        expect(scrubStrings(input, ['canary.user', 'xy'])).toEqual({
            value: { a: REMOVED, b: [REMOVED, REMOVED, REMOVED, REMOVED], c: 'kept', d: 3 }, scrubbed: 5,
        })
    })
})

describe('instance facts file: the switches it observed', () => {
    const switchesOf = (o: ObservedInstance) => buildFactsFile(o).switches
    const unobservedOf = (o: ObservedInstance) => buildFactsFile(o).unobserved.map((u) => u.switch)

    it('names only switches the double has, with settings the double has, and says why the rest are unobserved', () => {
        for (const name of [...SWITCH_OBSERVERS.map((s) => s.name), ...UNOBSERVABLE_SWITCHES.map((u) => u.switch)]) {
            expect(SWITCH_NAMES).toContain(name)
        }
        const file = buildFactsFile(observed({ endpoints: [endpoint({ tokenStrategy: 'record_insert', learnedEventSource: 'aws' })], probeEventCreators: ['system'] }))
        for (const [name, setting] of Object.entries(file.switches)) expect(SWITCH_SETTINGS[name as keyof typeof SWITCH_SETTINGS]).toContain(setting)
        expect(Object.keys(file.switches).concat(file.unobserved.map((u) => u.switch)).sort()).toEqual(
            [...SWITCH_OBSERVERS.map((s) => s.name), ...UNOBSERVABLE_SWITCHES.map((u) => u.switch)].sort(),
        )
    })

    it('E2: the read-back of an earlier Repair, or unobserved', () => {
        const setup = freshInstallFacts()
        expect(unobservedOf(observed({ setup }))).toContain('policyApiWrite')
        setup.policyApiWrite = 'ignored'
        expect(switchesOf(observed({ setup })).policyApiWrite).toBe('ignored')
    })

    it('E12, E24, E51: the stored query-parameter type, the auth-scope column, the case test', () => {
        expect(switchesOf(observed())).toStrictEqual({ queryParamType: 'query_param', authScopeColumn: 'auth_scope', stringMatch: 'case_insensitive', emPolicyShipped: 'absent', tablePolicies: 'active', explicitRoles: 'not_installed' })
        expect(switchesOf(observed({ queryFoldsCase: false })).stringMatch).toBe('case_sensitive')
        const always = unobservedOf(observed())
        const unread = buildFactsFile(observed({ queryFoldsCase: null, authScopeColumn: '' }))
        expect(unread.unobserved.filter((u) => !always.includes(u.switch))).toStrictEqual([
            { switch: 'authScopeColumn', why: 'sys_dictionary names no api_key column referencing sys_auth_scope' },
            { switch: 'stringMatch', why: 'the case test query did not run' },
        ])
        expect(unread.switches).toStrictEqual({ queryParamType: 'query_param', emPolicyShipped: 'absent', tablePolicies: 'active', explicitRoles: 'not_installed' })
        const two = freshInstallFacts()
        two.queryParameters.push({ ...two.queryParameters[0], type: 'url_parameter' })
        expect(unobservedOf(observed({ setup: two }))).toContain('queryParamType')
    })

    it('E37: the event source a probe learned, compared with the URL source and the event_source_label', () => {
        expect(switchesOf(observed({ endpoints: [endpoint({ learnedEventSource: 'AWS' })] })).eventSource).toBe('url_source')
        expect(switchesOf(observed({ endpoints: [endpoint({ learnedEventSource: 'aws cloudwatch' })] })).eventSource).toBe('event_source_label')
        expect(unobservedOf(observed({ endpoints: [endpoint({ learnedEventSource: 'Amazon' })] }))).toContain('eventSource')
        expect(unobservedOf(observed({ endpoints: [endpoint()] }))).toContain('eventSource')
    })

    it('E53: who created the test-alarm events', () => {
        expect(switchesOf(observed({ probeEventCreators: ['aws.sns.integration'] })).eventCreatedBy).toBe('request_user')
        expect(switchesOf(observed({ probeEventCreators: ['admin', 'system'] })).eventCreatedBy).toBe('system')
        expect(unobservedOf(observed({ probeEventCreators: ['admin'] }))).toContain('eventCreatedBy')
    })

    it('E44, E16, explicit roles: another active EM policy, the Table policies, the plugin', () => {
        const setup = freshInstallFacts()
        expect(switchesOf(observed({ setup }))).toStrictEqual({ queryParamType: 'query_param', authScopeColumn: 'auth_scope', stringMatch: 'case_insensitive', emPolicyShipped: 'absent', tablePolicies: 'active', explicitRoles: 'not_installed' })
        setup.otherEmPolicies = [{ ...setup.emPolicy!, sysId: 'a'.repeat(32), name: 'theirs', ours: false, active: true, scope: IDS.emApp }]
        setup.tablePolicies = setup.tablePolicies.map((p) => ({ ...p, active: false }))
        // An active policy that carries no API-key profile is not what E44 describes: left unobserved.
        expect(switchesOf(observed({ setup, plugins: { 'com.glide.explicit_roles': true } }))).toStrictEqual({
            queryParamType: 'query_param', authScopeColumn: 'auth_scope', stringMatch: 'case_insensitive', tablePolicies: 'inactive', explicitRoles: 'installed',
        })
        expect(unobservedOf(observed({ setup }))).toContain('emPolicyShipped')
        // With a header-only API-key profile mapped it is header_only; with a query-parameter one, query_and_header.
        const header = { sysId: 'b'.repeat(32), name: 'their header key', active: true, authParameter: setup.headerParameter!.sysId }
        setup.emKeyProfiles = [header]
        setup.mappings = [...setup.mappings, { sysId: 'c'.repeat(32), policy: 'a'.repeat(32), profile: header.sysId, profileName: header.name }]
        expect(switchesOf(observed({ setup })).emPolicyShipped).toBe('header_only')
        setup.emKeyProfiles = [{ ...header, authParameter: setup.queryParameters[0].sysId }]
        expect(switchesOf(observed({ setup })).emPolicyShipped).toBe('query_and_header')
        setup.tablePolicies[0].active = true
        expect(unobservedOf(observed({ setup }))).toContain('tablePolicies')
        expect(unobservedOf(observed({ setup: { ...setup, emApp: null } }))).toContain('emPolicyShipped')
    })

    it('E23, E25: how the newest key was made says whether the decrypt and the token client work', () => {
        const keyed = (tokenStrategy: string, lastProbeResult = '') => switchesOf(observed({ endpoints: [endpoint(), endpoint({ tokenStrategy, lastProbeResult })] }))
        expect(keyed('record_insert')).toStrictEqual({ queryParamType: 'query_param', authScopeColumn: 'auth_scope', stringMatch: 'case_insensitive', emPolicyShipped: 'absent', tablePolicies: 'active', explicitRoles: 'not_installed', tokenDecrypt: 'allowed' })
        expect(keyed('token_auth_client', 'accepted: fine')).toStrictEqual({ queryParamType: 'query_param', authScopeColumn: 'auth_scope', stringMatch: 'case_insensitive', emPolicyShipped: 'absent', tablePolicies: 'active', explicitRoles: 'not_installed', tokenDecrypt: 'refused', tokenClient: 'returns_token', keyBinding: 'user_field' })
        expect(keyed('token_auth_client', 'failing: no')).toStrictEqual({ queryParamType: 'query_param', authScopeColumn: 'auth_scope', stringMatch: 'case_insensitive', emPolicyShipped: 'absent', tablePolicies: 'active', explicitRoles: 'not_installed', tokenDecrypt: 'refused', tokenClient: 'returns_token' })
        expect(keyed('record_insert (token not readable)')).toStrictEqual({ queryParamType: 'query_param', authScopeColumn: 'auth_scope', stringMatch: 'case_insensitive', emPolicyShipped: 'absent', tablePolicies: 'active', explicitRoles: 'not_installed', tokenDecrypt: 'refused', tokenClient: 'no_token' })
        const keySwitches = ['tokenDecrypt', 'tokenClient', 'keyBinding']
        expect(buildFactsFile(observed()).unobserved.filter((u) => keySwitches.includes(u.switch))).toStrictEqual([
            { switch: 'tokenDecrypt', why: 'no key has been generated on this instance yet' },
            { switch: 'tokenClient', why: 'no key has been generated on this instance yet' },
            { switch: 'keyBinding', why: 'no GlideTokenAuthClient key has passed a probe (a refused one leaves no record to read)' },
        ])
    })
})

describe('instance facts file: parsing helpers', () => {
    it('reads the foreign-write door\'s refusals and counts them per operation and table', () => {
        expect(parseRefusal('refused delete sys_auth_profile_mapping: open ...')).toEqual({ operation: 'delete', table: 'sys_auth_profile_mapping' })
        expect(parseRefusal('Refused create api_key')).toBeNull()
        expect(parseRefusal('refused truncate api_key')).toBeNull()
        const file = buildFactsFile(observed({ refusalDetails: ['refused create api_key', 'refused create api_key x', 'refused update http_key_auth', 'other'] }))
        expect(file.refusedWrites).toEqual([{ operation: 'create', table: 'api_key', count: 2 }, { operation: 'update', table: 'http_key_auth', count: 1 }])
    })

    it('keeps only a probe\'s verdict class, from either text form', () => {
        expect(probeVerdictClass('unauthenticated: HTTP 401 ...')).toBe('unauthenticated')
        expect(probeVerdictClass('Key k expires. Probe: identity_unproven - The key ...')).toBe('identity_unproven')
        expect(probeVerdictClass('Test alarm accepted. HTTP 200')).toBe('')
    })

    it('takes the family from a well-formed build tag only, and the kind of host, never the host', () => {
        expect(parseBuildTag('glide-xanadu-07-02-2024__patch2-09-25-2024')).toEqual({ family: 'xanadu', build: 'glide-xanadu-07-02-2024__patch2-09-25-2024' })
        expect(parseBuildTag('anything else')).toEqual({ family: '', build: '' })
        expect(['https://a.service-now.com/', 'https://a.servicenowservices.com', 'https://itsm.acme.example/', ''].map(hostKind)).toEqual([
            'service-now.com', 'servicenowservices.com', 'custom', 'unknown',
        ])
        expect(buildFactsFile(observed()).host).toEqual({ kind: 'service-now.com' })
        expect(JSON.stringify(buildFactsFile(observed()))).not.toContain(APP_SCOPE_ID)
    })
})
