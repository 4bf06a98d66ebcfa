// Plain SetupFacts for pure tests of the verdicts and the repair plan: a freshly installed app on a normal instance.
import { APP_SCOPE_ID, SHIPPED } from '../../src/server/core/app-names'
import type { SetupFacts } from '../../src/server/setup/setup-facts'

const BASIC = 'BasicAuth for none public processors'
const id = (n: number) => n.toString(16).padStart(32, '0')

export const IDS = {
    headerParam: id(1), queryParam: id(2), queryProfile: id(3), headerProfile: id(4), basic: id(5), emApi: id(6),
    emPolicy: id(7), tableGet: id(8), tablePost: id(9), useraccount: id(10), user: id(11), role: id(12), emApp: id(13),
}

export function freshInstallFacts(): SetupFacts {
    return {
        pluginActive: true,
        emApp: { sysId: IDS.emApp, name: 'Event Management Connectors', version: '2.19.4', active: true },
        headerParameter: { sysId: IDS.headerParam, name: 'x-sn-apikey', parameterName: 'x-sn-apikey', type: 'auth_header' },
        queryParameters: [{ sysId: IDS.queryParam, name: 'x-sn-apikey', parameterName: 'x-sn-apikey', type: 'query_param' }],
        queryProfile: { sysId: IDS.queryProfile, name: SHIPPED.queryProfile, active: false, authParameter: '', authProcessor: '' },
        headerProfile: { sysId: IDS.headerProfile, name: SHIPPED.headerProfile, active: false, authParameter: '', authProcessor: '' },
        basicProfile: { sysId: IDS.basic, name: BASIC, active: true, type: 'basic_auth', foundBy: 'name' },
        emApi: { sysId: IDS.emApi, name: 'Event Management Inbound', baseUri: '/api/sn_em_connector/em' },
        emPolicy: {
            sysId: IDS.emPolicy, name: SHIPPED.emPolicy, active: false, api: '', apiDisplay: '', apiPath: 'sn_em_connector/em', scope: APP_SCOPE_ID,
            applyGlobal: false, httpMethod: '', ours: true,
        },
        otherEmPolicies: [],
        emKeyProfiles: [],
        tablePolicies: [
            { sysId: IDS.tableGet, name: 'Table GET API Access Policy', active: true, api: 'x', apiDisplay: 'Table API', apiPath: 'now/table', scope: 'global', applyGlobal: false, httpMethod: 'GET', ours: false },
            { sysId: IDS.tablePost, name: 'Table POST API Access Policy', active: true, api: 'x', apiDisplay: 'Table API', apiPath: 'now/table', scope: 'global', applyGlobal: false, httpMethod: 'POST', ours: false },
        ],
        policyApiWrite: '',
        mappings: [
            { sysId: id(20), policy: IDS.emPolicy, profile: IDS.queryProfile, profileName: SHIPPED.queryProfile },
            { sysId: id(21), policy: IDS.emPolicy, profile: IDS.headerProfile, profileName: SHIPPED.headerProfile },
            { sysId: id(22), policy: IDS.tableGet, profile: IDS.basic, profileName: BASIC },
            { sysId: id(23), policy: IDS.tablePost, profile: IDS.basic, profileName: BASIC },
        ],
        useraccount: { propertyValue: IDS.useraccount, scope: { sysId: IDS.useraccount, name: 'useraccount' }, foundBy: 'property' },
        integrationUserName: 'aws.sns.integration',
        integrationUser: null,
        integrationRole: { sysId: IDS.role, name: 'evt_mgmt_integration' },
        integrationRoleContains: [],
        keepBasicAuthMapped: true,
        mapTableApiPolicies: false,
        basicAuthRestriction: { active: '', enforce: '', defaultDecision: '', allowedRoles: '', allowedUsers: '' },
    }
}

export { APP_SCOPE_ID }
