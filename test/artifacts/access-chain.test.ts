// The access-chain records that ship: profiles, the EM policy, its mappings, roles, ACLs, cross-scope privileges,
// properties and the menu.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { APP_SCOPE_ID, PLATFORM, PROPERTY, ROLE, SHIPPED, TABLE } from '../../src/server/core/app-names'
import { loadArtifacts } from '../support/artifacts'

const artifacts = loadArtifacts()

describe('API-key access chain records', () => {
    const profiles = artifacts.byTable('http_key_auth')
    const policy = artifacts.byField('sys_api_access_policy', 'name', SHIPPED.emPolicy)

    it('ships the query-parameter and header profiles inactive, for Repair to complete, on first install only', () => {
        expect(profiles.map((p) => [p.fields.name, p.fields.active, p.fields.auth_parameter ?? '']).sort()).toEqual([
            [SHIPPED.headerProfile, 'false', ''],
            [SHIPPED.queryProfile, 'false', ''],
        ])
        for (const r of [...profiles, policy, ...artifacts.byTable('sys_auth_profile_mapping')]) expect(r.file).toMatch(/^unload\//)
    })

    it('ships the EM policy for sn_em_connector/em, not Global, inactive until Repair fills the API reference', () => {
        // sys_id comes from keys.ts; the rest is what the Fluent record writes. No api field: Repair fills it (E2).
        const { sys_id: sysId, sys_update_name: updateName, ...fields } = policy.fields
        expect(sysId).toMatch(/^[0-9a-f]{32}$/)
        expect([sysId, updateName]).toEqual([policy.sysId, `sys_api_access_policy_${policy.sysId}`])
        expect(fields).toStrictEqual({
            sys_scope: APP_SCOPE_ID,
            name: SHIPPED.emPolicy,
            api_path: PLATFORM.emApiPath,
            apply_global: 'false',
            active: 'false',
            all_authn_scheme_authenticate_header: 'false',
            apply_all_methods: 'true',
            apply_all_resources: 'true',
            apply_all_versions: 'true',
        })
    })

    it('ships no Global API-key policy at all', () => {
        expect(artifacts.byTable('sys_api_access_policy').filter((p) => p.fields.apply_global !== 'false')).toEqual([])
    })

    it('maps the EM policy to both of our profiles, by references within this build', () => {
        const mappings = artifacts.byTable('sys_auth_profile_mapping')
        expect(mappings).toHaveLength(2)
        for (const m of mappings) expect(m.fields.api_access_policy).toBe(policy.sysId)
        expect(mappings.map((m) => m.fields.inbound_auth_profile).sort()).toEqual(profiles.map((p) => p.sysId).sort())
    })

    it('ships no mapping to a built-in record: Repair adds those after finding them by query', () => {
        const ours = new Set(artifacts.all.map((r) => r.sysId))
        for (const m of artifacts.byTable('sys_auth_profile_mapping')) {
            expect(ours.has(m.fields.api_access_policy)).toBe(true)
            expect(ours.has(m.fields.inbound_auth_profile)).toBe(true)
        }
    })
})

describe('security records', () => {
    const roleIds = Object.fromEntries(artifacts.byTable('sys_user_role').map((r) => [r.fields.name, r.sysId]))

    it('guards every app table with a read ACL for both app roles', () => {
        const appTables = artifacts.byTable('sys_db_object').map((t) => t.fields.name).sort()
        expect(appTables).toEqual(Object.values(TABLE).sort())
        for (const table of appTables) {
            const read = artifacts.one('sys_security_acl', (a) => a.fields.name === table && a.fields.operation === 'read' && a.fields.type === 'record')
            const roles = artifacts.byTable('sys_security_acl_role').filter((r) => r.fields.sys_security_acl === read.sysId).map((r) => r.fields.sys_user_role)
            expect(roles.sort()).toEqual([roleIds[ROLE.admin], roleIds[ROLE.auditor]].sort())
        }
    })

    it('keeps the audit trail append-only: no write or delete ACL on it or on issued keys', () => {
        const writable = artifacts
            .byTable('sys_security_acl')
            .filter((a) => [TABLE.audit, TABLE.issuedKey, TABLE.setupRun].includes(a.fields.name as never) && a.fields.operation !== 'read')
        expect(writable).toEqual([])
    })

    it('declares a read privilege for every platform table the server code names', () => {
        const sources = (dir: string): string[] =>
            readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? sources(join(dir, n)) : [join(dir, n)]))
        const code = sources(join(__dirname, '..', '..', 'src', 'server')).map((f) => readFileSync(f, 'utf8')).join('\n')
        const calls = /(?:readRows|readRow|insertRow|updateRow|deleteRow|tableExists|new GlideRecord|new GlideAggregate|undo\.(?:insert|update|track))\(\s*'([a-z_0-9]+)'/g
        const named = new Set([...code.matchAll(calls)].map((m) => m[1]))
        named.add(PLATFORM.pushConnectorInstanceTable)
        expect(named.size).toBeGreaterThan(10)
        const readable = new Set(artifacts.byTable('sys_scope_privilege').filter((p) => p.fields.operation === 'read').map((p) => p.fields.target_name))
        const missing = [...named].filter((t) => !t.startsWith('x_em_aws_apikey_') && !readable.has(t))
        expect(missing).toEqual([])
    })

    it('declares every cross-scope privilege as allowed (the writes are derived in test/instance/cross-scope-privileges.test.ts)', () => {
        // A privilege the app no longer declares ships as a DELETE record, so an upgrade removes it from the instance.
        const statuses = artifacts.byTable('sys_scope_privilege').filter((p) => p.action !== 'DELETE').map((p) => `${p.fields.target_name}:${p.fields.operation}:${p.fields.status}`)
        expect(statuses.filter((s) => !s.endsWith(':allowed'))).toEqual([])
        expect(statuses.length).toBeGreaterThan(20)
    })
})

describe('properties and menu', () => {
    it('ships every property with its documented default', () => {
        const values = Object.fromEntries(artifacts.byTable('sys_properties').map((p) => [p.fields.name, p.fields.value]))
        expect(values).toEqual({
            [PROPERTY.keyLifetimeDays]: '90',
            [PROPERTY.expiryWarningDays]: '14',
            [PROPERTY.sourceOverride]: '',
            [PROPERTY.awsConnectorDefinitions]: '',
            [PROPERTY.mapTableApiPolicies]: 'false',
            [PROPERTY.instanceBaseUrl]: '',
            [PROPERTY.instanceBaseUrlConfirmedHost]: '',
            [PROPERTY.integrationUser]: 'aws.sns.integration',
            [PROPERTY.keepBasicAuthMapped]: 'true',
            [PROPERTY.rotationGraceDays]: '7',
            [PROPERTY.noDataHours]: '24',
            [PROPERTY.atfConnector]: '',
        })
        // Where SNS is pointed (and so where a key goes) only the platform admin may change (issue 15, item 7).
        const adminOnly: string[] = [PROPERTY.instanceBaseUrl, PROPERTY.instanceBaseUrlConfirmedHost]
        for (const p of artifacts.byTable('sys_properties')) {
            expect([p.fields.name, p.fields.write_roles]).toEqual([p.fields.name, adminOnly.includes(p.fields.name) ? 'admin' : ROLE.admin])
        }
    })

    it('ships the menu modules for endpoints, issued keys, setup check, audit and properties', () => {
        const modules = artifacts.byTable('sys_app_module').map((m) => [m.fields.title, m.fields.name, m.fields.roles]).sort()
        expect(modules).toEqual([
            ['AWS Endpoints', TABLE.endpoint, `${ROLE.admin},${ROLE.auditor}`],
            ['Audit Trail', TABLE.audit, `${ROLE.admin},${ROLE.auditor}`],
            ['Issued Keys', TABLE.issuedKey, `${ROLE.admin},${ROLE.auditor}`],
            ['Properties', 'sys_properties', ROLE.admin],
            ['Setup Check', TABLE.setupRun, `${ROLE.admin},${ROLE.auditor}`],
        ])
    })
})
