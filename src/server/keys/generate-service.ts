// Generate (or rotate) the API key of an AWS endpoint and build the one-time reveal. Every step that writes goes
// through one undo log: any failure undoes what this click created, and the token never leaves the returned reveal.
import { query } from '../core/encoded-query.ts'
import { GlidePluginManager, GlideDateTime, gs } from '@servicenow/glide'
import { requireAppAdmin } from '../core/access.ts'
import { PLATFORM, TABLE } from '../core/app-names.ts'
import type { AppConfig } from '../core/app-config.ts'
import { recordAudit } from '../core/audit.ts'
import { readAppConfig } from '../core/read-app-config.ts'
import { describeManualStep, type ManualStep, refusalAuditDetail } from '../core/manual-step.ts'
import { type Row, isTrue, manualStepOf, readRow, readRows, tableExists } from '../core/records.ts'
import { UndoLog } from '../core/undo-log.ts'
import { type RepairPlan, integrationUserSteps } from '../setup/repair-plan.ts'
import { type ProbeVerdict, endpointFieldsAfterProbe, keyBoundElsewhere, notProbed } from '../probe/probe-rules.ts'
import { runProbe } from '../probe/probe-service.ts'
import { extraRoles } from '../setup/access-rules.ts'
import { readIntegrationUser, readRoleContains, readSetupFacts } from '../setup/read-setup-facts.ts'
import { evaluateSetup } from '../setup/setup-verdict.ts'
import { type IssueResult, issueKey } from './issue-key.ts'
import { addDays, keyDescription, keyExpiry, keyName } from './key-rules.ts'
import { type Reveal, buildReveal } from './reveal.ts'
import { findAuthScopeColumn, readPlainToken } from './token-issuers.ts'

export interface GenerateInput {
    /** The record the admin clicked on: our endpoint, or a push connector instance. */
    table: string
    sysId: string
    mode: 'generate' | 'rotate'
    /** Optional earlier expiry, 'YYYY-MM-DD HH:mm:ss' UTC. */
    expires?: string
    /** Optional SNS topic ARN for the CLI line and CloudFormation snippet. */
    topicArn?: string
}

export type GenerateResult = Reveal | { ok: false; message: string; manualStep?: ManualStep }

const SYS_ID = /^[0-9a-f]{32}$/

function fail(message: string): never {
    throw new Error(message)
}

function checkPlatform(): void {
    if (!GlidePluginManager.isActive(PLATFORM.tokenAuthPlugin)) {
        fail(`The plugin ${PLATFORM.tokenAuthPlugin} (API Key and HMAC Authentication) is not active. Activate it, then run the setup check.`)
    }
    const em = readRow('sys_scope', query`scope=${PLATFORM.emAppScope}`, ['active', 'version'])
    if (!em || !isTrue(em.active) || !tableExists(PLATFORM.pushConnectorInstanceTable)) {
        fail('Event Management Connectors (sn_em_connector) is not installed or not active, so there is no AWS push connector to send alarms to. Install it from the ServiceNow Store.')
    }
}

interface Target {
    endpoint: Row | null
    connector: Row
    /** The push connector definition (sn_em_connector_listener) the instance uses (E32, E33). */
    definition: Row
    /** The URL parameter value, byte for byte (E36). */
    source: string
}

const ENDPOINT_FIELDS = ['name', 'connector_sys_id', 'source', 'api_key_sys_id', 'status', 'topic_arn']

/** E34: the AWS definition is recognised by its record: source `aws` (any case), or a sys_id the admin listed. */
function isAwsDefinition(definition: Row, config: AppConfig): boolean {
    return String(definition.source || '').toLowerCase() === PLATFORM.awsSource || config.awsConnectorDefinitions.indexOf(definition.sys_id) >= 0
}

/** E36: the definition's own source, unless the admin forces another one; the documented `aws` when it has none. */
export function endpointSource(definition: Row, config: AppConfig): string {
    return config.sourceOverride || definition.source || PLATFORM.awsSource
}

const sameSource = (a: string, b: string) => String(a || '').toLowerCase() === String(b || '').toLowerCase()

function resolveTarget(input: GenerateInput, config: AppConfig): Target {
    if (!SYS_ID.test(input.sysId || '')) fail('sys_id: the record to generate a key for is missing; save the record first.')
    let endpoint: Row | null = null
    let connectorSysId = input.sysId
    if (input.table === TABLE.endpoint) {
        endpoint = readRow(TABLE.endpoint, query`sys_id=${input.sysId}`, ENDPOINT_FIELDS)
        if (!endpoint) fail('The AWS endpoint record no longer exists.')
        connectorSysId = endpoint.connector_sys_id
        if (!SYS_ID.test(connectorSysId)) fail('Push connector instance sys_id: set it on the endpoint to the 32-character sys_id of an AWS push connector instance.')
    } else if (input.table !== PLATFORM.pushConnectorInstanceTable) {
        fail(`Keys can be generated only from an AWS endpoint or a push connector instance, not from ${input.table}.`)
    }
    const connector = readRow(PLATFORM.pushConnectorInstanceTable, query`sys_id=${connectorSysId}`, ['name', 'active', 'push_connector_definition'])
    if (!connector) fail(`Push connector instance ${connectorSysId} was not found. Pick an existing AWS push connector instance.`)
    if (!isTrue(connector.active)) fail(`Push connector instance "${connector.name}" is inactive. Activate it first: SNS deliveries to an inactive connector are dropped.`)
    const definition = SYS_ID.test(connector.push_connector_definition || '')
        ? readRow(PLATFORM.connectorDefinitionTable, query`sys_id=${connector.push_connector_definition}`, ['name', 'source', 'event_source_label'])
        : null
    if (!definition) fail(`Push connector instance "${connector.name}" has no push connector definition. Pick an AWS push connector instance.`)
    // The AWS payload is parsed only by the AWS connector definition (aws-events-transform-script.md).
    if (!isAwsDefinition(definition, config)) {
        fail(`Push connector instance "${connector.name}" uses the "${definition.name}" definition (source ${definition.source || 'empty'}), not the AWS one (source ${PLATFORM.awsSource}); SNS messages would not be parsed. Use an AWS push connector instance, or list that definition's sys_id in x_em_aws_apikey.aws_connector_definitions.`)
    }
    const source = endpointSource(definition, config)
    if (!endpoint && input.table === PLATFORM.pushConnectorInstanceTable) {
        // Sources compare without case everywhere (E51); the endpoint keeps the value the URL uses.
        const candidates = readRows(TABLE.endpoint, query`connector_sys_id=${connectorSysId}`, ENDPOINT_FIELDS, { limit: 20 })
        endpoint = candidates.filter((e) => sameSource(e.source, source))[0] || null
    }
    return { endpoint, connector, definition, source }
}

function currentKeyIsActive(endpoint: Row | null): boolean {
    if (!endpoint || !endpoint.api_key_sys_id) return false
    const key = readRow('api_key', query`sys_id=${endpoint.api_key_sys_id}`, ['active'])
    return !!key && isTrue(key.active)
}

/** The base URL SNS calls: the override property, else the instance URL (E47). */
export function instanceBase(config: AppConfig): string {
    return config.instanceBaseUrl || String(gs.getProperty('glide.servlet.uri', '') || '')
}

/**
 * The integration user Repair set up: Generate never creates users or grants roles (that is Repair's job, with its
 * authority). It uses only the user named in the app's property (the one Repair created, or the one the admin chose),
 * and only when it holds the role and nothing beyond least privilege.
 */
function readyIntegrationUser(config: AppConfig): string {
    const user = readIntegrationUser(config.integrationUserName)
    const extra = user ? extraRoles(user.roles, []) : []
    const role = user && extra.length ? readRow('sys_user_role', query`name=${PLATFORM.integrationRole}`, ['name']) : null
    const contains = role ? readRoleContains(role.sys_id) : []
    const plan: RepairPlan = { steps: [], pending: [], blocked: [], warnings: [] }
    integrationUserSteps(plan, {
        integrationUser: user,
        // Only whether the role must still be granted matters here: any planned step means Repair has work to do.
        integrationRole: { sysId: role ? role.sys_id : '', name: PLATFORM.integrationRole },
        integrationUserName: config.integrationUserName,
        integrationRoleContains: contains,
    })
    if (plan.blocked.length) fail(plan.blocked.join(' '))
    if (!user || plan.steps.length) {
        fail(`The integration user ${config.integrationUserName} is not ready (${plan.steps.map((s) => s.description).join(' ')}). Run "Repair" from the setup check first: it creates the user and grants ${PLATFORM.integrationRole}.`)
    }
    return user.sysId
}

/**
 * E55: after a refused insert the admin creates the key by hand with the name the manual step gave; the next click
 * uses it. Only an active key of the integration user with exactly that name that no endpoint of ours holds.
 */
function handMadeKey(name: string, userSysId: string): IssueResult | null {
    const key = readRow('api_key', query`name=${name}^user=${userSysId}^active=true`, ['name'], { orderByDesc: 'sys_created_on' })
    if (!key || readRow(TABLE.issuedKey, query`api_key_sys_id=${key.sys_id}`, ['state'])) return null
    return { key: { strategy: 'created_by_admin', sysId: key.sys_id, token: readPlainToken(key.sys_id) }, attempts: ['created_by_admin: the key the admin created by hand after a refused insert'] }
}

/** sys_id of the useraccount auth scope (E18): the property first, then by name. */
export function useraccountScope(): string {
    // The platform matches useraccount by the sys_id in this property (platform-model.md, rule 2).
    const fromProperty = String(gs.getProperty(PLATFORM.useraccountScopeProperty, '') || '')
    if (SYS_ID.test(fromProperty)) return fromProperty
    const byName = readRow('sys_auth_scope', query`name=${PLATFORM.useraccountScopeName}`, ['name'])
    if (!byName) fail('The useraccount auth scope was not found; run the setup check.')
    return byName.sys_id
}

/** Probes the path SNS will use; on a 401 it reads the setup links to name the likely causes. */
function probeNewKey(config: AppConfig, target: Target, base: string, topicArn: string, user: { sysId: string; userName: string }, scopeSysId: string, token: string): ProbeVerdict {
    if (!token) return notProbed('this instance does not let the app read the new key\'s token.')
    return runProbe({
        target: { baseUrl: base, source: target.source, connectorSysId: target.connector.sys_id },
        topicArn,
        integrationUser: user,
        authScopeSysId: scopeSysId,
        realToken: token,
        likelyCauses: () => evaluateSetup(readSetupFacts(config)).filter((r) => r.status === 'fail').map((r) => `${r.title}: ${r.fix}`),
    })
}

export function generateEndpointKey(input: GenerateInput): GenerateResult {
    const action = input.mode === 'rotate' ? 'rotate' : 'generate'
    try {
        requireAppAdmin(`${action} API keys`)
    } catch (e) {
        recordAudit({ action, outcome: 'denied', connectorSysId: '', detail: (e as Error).message })
        return { ok: false, message: (e as Error).message }
    }
    const undo = new UndoLog()
    let endpointSysId = ''
    let endpointExisted = false
    let connectorSysId = ''
    try {
        const config = readAppConfig()
        checkPlatform()
        const target = resolveTarget(input, config)
        connectorSysId = target.connector.sys_id
        endpointSysId = target.endpoint ? target.endpoint.sys_id : ''
        endpointExisted = !!target.endpoint
        // The Topic ARN set on the endpoint form feeds the subscribe line and CloudFormation snippet.
        const topicArn = input.topicArn || (target.endpoint ? target.endpoint.topic_arn : '') || ''
        const hasActiveKey = currentKeyIsActive(target.endpoint)
        if (action === 'generate' && hasActiveKey) {
            fail('This endpoint already has an active key. Use "Rotate API key" to replace it, or "Revoke API key" first.')
        }
        if (action === 'rotate' && !hasActiveKey) fail('This endpoint has no active key to rotate. Use "Generate API key & AWS endpoint".')

        const now = new GlideDateTime().getValue()
        const expires = keyExpiry(now, config.keyLifetimeDays, input.expires)
        const base = instanceBase(config)
        // Validate every part of the endpoint before anything is created (formatAwsEndpoint throws with the field).
        buildReveal({
            instance: base, source: target.source, connectorSysId, token: 'validation-only', topicArn,
            keySysId: '', keyName: '', expires, endpointSysId: '', strategy: '', rotation: false, graceDays: 0,
        })
        const scopeSysId = useraccountScope()

        const userSysId = readyIntegrationUser(config)
        if (!target.endpoint) {
            endpointSysId = undo.insert(TABLE.endpoint, {
                name: `${target.connector.name} (${target.source})`.slice(0, 100),
                connector_sys_id: connectorSysId,
                connector_name: target.connector.name,
                source: target.source,
                status: 'new',
            })
        }
        const name = keyName(target.connector.name, now)
        const issued = handMadeKey(name, userSysId) || issueKey({
            name,
            description: keyDescription(gs.getUserName(), now, target.connector.name, connectorSysId),
            userSysId,
            authScopeSysId: scopeSysId,
            authScopeColumn: findAuthScopeColumn,
            expires,
        })
        undo.track('api_key', issued.key.sysId)

        const previousKey = target.endpoint ? target.endpoint.api_key_sys_id : ''
        if (action === 'rotate' && previousKey) {
            const previous = readRow(TABLE.issuedKey, query`api_key_sys_id=${previousKey}`, ['state'])
            if (previous) undo.update(TABLE.issuedKey, previous.sys_id, { state: 'retiring', retire_at: addDays(now, config.rotationGraceDays) })
        }
        undo.update(TABLE.endpoint, endpointSysId, {
            source: target.source,
            event_sources: [target.definition.source, target.definition.event_source_label].filter((v) => !!v).join('\n'),
            learned_event_source: '',
            last_verified: '',
            api_key_sys_id: issued.key.sysId,
            key_name: name,
            expires,
            integration_user: userSysId,
            token_strategy: issued.key.token ? issued.key.strategy : `${issued.key.strategy} (token not readable)`,
        })
        undo.insert(TABLE.issuedKey, {
            endpoint: endpointSysId,
            api_key_sys_id: issued.key.sysId,
            key_name: name,
            integration_user: userSysId,
            expires,
            state: 'active',
            token_strategy: issued.key.strategy,
        })

        // The probe runs once every record is in place, so a failing write never leaves its test events behind.
        const probe = probeNewKey(config, target, base, topicArn, { sysId: userSysId, userName: config.integrationUserName }, scopeSysId, issued.key.token)
        if (keyBoundElsewhere(probe, issued.key.strategy)) {
            fail(`${probe.summary} The key does not authenticate as the integration user ${config.integrationUserName}: this instance keeps keys made by GlideTokenAuthClient bound to the admin who clicked, so the key was deleted and nothing was handed over. Ask your ServiceNow administrator to let this app read new keys (decrypt api_key.token), then click the button again.`)
        }
        undo.update(TABLE.endpoint, endpointSysId, endpointFieldsAfterProbe(probe, now))
        const reveal = buildReveal({
            instance: base, source: target.source, connectorSysId, token: issued.key.token, topicArn,
            keySysId: issued.key.sysId, keyName: name, expires, endpointSysId, strategy: issued.key.strategy,
            rotation: action === 'rotate', graceDays: config.rotationGraceDays, probe,
        })
        recordAudit({
            action, outcome: 'success', endpoint: endpointSysId, connectorSysId, apiKeySysId: issued.key.sysId,
            detail: `Key ${name} expires ${expires} UTC. ${issued.attempts.join('; ')}. Probe: ${probe.outcome} - ${probe.summary} Steps: ${probe.steps.join('; ')}`,
        })
        return reveal
    } catch (e) {
        const step = manualStepOf(e)
        if (step) {
            step.then = step.table === 'api_key' && step.operation === 'create'
                ? `click "${action === 'rotate' ? 'Rotate API key' : 'Generate API key & AWS endpoint'}" again: the app uses the key you created (same name, same user), proves it and shows its endpoint.`
                : 'click the same button again: it starts over from a clean state.'
        }
        const message = step ? describeManualStep(step) : (e as Error).message
        const leftovers = undo.rollback()
        const detail = leftovers.length ? `${message} Could not undo: ${leftovers.join('; ')}` : message
        try {
            if (step) recordAudit({ action: 'manual_step', outcome: 'failure', endpoint: endpointExisted ? endpointSysId : '', connectorSysId, detail: refusalAuditDetail(step) })
            recordAudit({ action, outcome: 'failure', endpoint: endpointExisted ? endpointSysId : '', connectorSysId, detail })
        } catch (_auditFailed) {
            // The message still reaches the admin; a failing audit insert must not hide the original error.
        }
        const full = leftovers.length ? `${message} Some changes could not be undone: ${leftovers.join('; ')}` : message
        return step ? { ok: false, message: full, manualStep: step } : { ok: false, message: full }
    }
}
