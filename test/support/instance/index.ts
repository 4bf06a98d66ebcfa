// Entry point for tests: freshInstance() builds a new in-memory instance from the fixture and makes it the one
// the Glide doubles (glide.ts, sn-auth.ts, sn-ws.ts) act on.
import { currentInstance, setCurrentInstance } from './current.ts'
import { type FixtureOptions, loadFixture } from './fixture.ts'
import { type BooleanValues, Instance } from './instance.ts'

export interface FreshInstanceOptions extends FixtureOptions {
    /** Default https://dev00000.service-now.com. */
    baseUrl?: string
    /** Start of the instance clock, 'YYYY-MM-DD HH:mm:ss' UTC (default DEFAULT_CLOCK). */
    clock?: string
    /** Default em.app.admin. */
    sessionUser?: string
    /** Scope the app's scripts run in; default x_em_aws_apikey. */
    appScope?: string
    booleanValues?: BooleanValues
}

export function freshInstance(options: FreshInstanceOptions = {}): Instance {
    const instance = new Instance(options)
    loadFixture(instance, options)
    if (options.sessionUser) instance.setSessionUser(options.sessionUser)
    instance.resetStats()
    setCurrentInstance(instance)
    return instance
}

export { currentInstance }
export { Instance, DEFAULT_BASE_URL, type BooleanValues, type CreateUserOptions, type NetworkFailure, type NetworkModel } from './instance.ts'
export {
    APP_TABLES, AWS_EVENT_SOURCE_LABEL, AWS_LISTENER_SOURCE, BUILT_IN_BASIC_PROFILE, BUILT_IN_TABLE_POLICY_TABLES, DEFAULT_SESSION_USER,
    EXPLICIT_ROLES_PLUGIN, FIXTURE_ROLES, FIXTURE_USERS, type FixtureOptions, type FixtureUser, SHIPPED_EM_POLICY, SHIPPED_EM_PROFILES,
    SUPPORT_PLUGINS, TOKEN_AUTH_PLUGIN,
} from './fixture.ts'
export {
    defaultSwitches, pairwiseCombinations, type PlatformSwitches, resolveSwitches, SWITCH_NAMES, SWITCH_SETTINGS, MATRIX_SWITCH_SETTINGS, TABLE_WRITE_SWITCHES, type TableWrites,
    writeRefused,
} from './platform-switches.ts'
export { DEFAULT_CLOCK, formatDateTime, parseDateTime } from './clock.ts'
export type { DecryptMode, TokenAccess, TokenClientMode } from './api-key-tokens.ts'
export {
    type InboundRequest, type InboundResponse, jsonResponse, MISSING_SCOPE_BODY, NO_RESOURCE_BODY, NOT_AUTHENTICATED_BODY, type ResourceHandler, type ResourceRequest,
} from './inbound-auth.ts'
export { EM_INBOUND_PATH, EM_INTEGRATION_ROLE, LITERAL_EVENT_SOURCE, TABLE_API_PATH } from './inbound-resources.ts'
export type {
    EmInboundRecord, InboundRecord, InvalidQuery, LogEntry, OperationCounts, OutboundRequest, QueuedEvent, Redirect, SessionMessage,
} from './instrumentation.ts'
export type { ColumnInput, ColumnSpec, ColumnType, TableOptions } from './schema.ts'
export type { SecretHit } from './secret-scan.ts'
export type { Row, StoredRow, StoreDiff, StoreSnapshot } from './store.ts'
export { FakeAction } from './fake-action.ts'
