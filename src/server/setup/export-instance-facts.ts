// "Export instance facts" on the instance: reads what the setup check reads plus plugin states, the auth-scope
// column, the foreign-write door's refusals (audit action manual_step), probe outcomes and endpoint state, turns it
// into the JSON file (instance-facts.ts, pure, scrubbed) and records it on a Setup Check Run, where the admin copies
// it. Read-only apart from that run record and one audit row; it calls nothing outside the instance.
import { GlideDateTime, GlidePluginManager, gs } from '@servicenow/glide'
import { list, query } from '../core/encoded-query.ts'
import { PROPERTY, TABLE } from '../core/app-names.ts'
import { requireAppAdmin } from '../core/access.ts'
import { recordAudit } from '../core/audit.ts'
import { readAppConfig } from '../core/read-app-config.ts'
import { insertRow, readRow, readRows } from '../core/records.ts'
import { findAuthScopeColumn } from '../keys/token-issuers.ts'
import { PROBE_ALARM_PREFIX } from '../probe/test-alarm.ts'
import { FACT_PLUGINS, type InstanceFactsFile, type ObservedInstance, buildFactsFile, formatFactsFile } from './instance-facts.ts'
import { readSetupFacts } from './read-setup-facts.ts'
import { evaluateSetup } from './setup-verdict.ts'

/** How many audit rows, endpoints and test-alarm events the export reads (newest first). */
const RECENT = 20

function property(name: string): string {
    try {
        return String(gs.getProperty(name, '') || '')
    } catch (_notReadable) {
        return ''
    }
}

/** E51: does a query for the role `admin`, spelled in capitals, find it? */
function queryFoldsCase(): boolean | null {
    if (!readRow('sys_user_role', query`name=admin`, ['name'])) return null
    return !!readRow('sys_user_role', query`name=ADMIN`, ['name'])
}

/** E53: who created the newest test-alarm events (bounded to the last 30 days, newest first). */
function probeEventCreators(): string[] {
    const since = new GlideDateTime()
    since.addDaysUTC(-30)
    return readRows('em_event', query`sys_created_on>=${since.getValue()}^descriptionLIKE${PROBE_ALARM_PREFIX}`, ['sys_created_by'], { orderByDesc: 'sys_created_on', limit: 5 }).map((r) => r.sys_created_by)
}

function hostOf(url: string): string {
    const m = /^https?:\/\/([^/:]+)/i.exec(String(url || ''))
    return m ? m[1] : ''
}

export function observeInstance(): ObservedInstance {
    const config = readAppConfig()
    const setup = readSetupFacts(config)
    const plugins: { [id: string]: boolean } = {}
    for (const id of FACT_PLUGINS) plugins[id] = GlidePluginManager.isActive(id)
    const servletUri = property('glide.servlet.uri')
    const audits = (actions: string[], fields: string[]) => readRows(TABLE.audit, query`actionIN${list(actions)}`, fields, { orderByDesc: 'sys_created_on', limit: RECENT })
    const endpoints = readRows(TABLE.endpoint, query``, ['status', 'source', 'event_sources', 'learned_event_source', 'token_strategy', 'last_probe_result'], {
        orderByDesc: 'sys_updated_on', limit: RECENT,
    })
    const instanceName = property('instance_name')
    return {
        exportedAt: new GlideDateTime().getValue(),
        buildTag: property('glide.buildtag'),
        servletUri,
        plugins,
        setup,
        links: evaluateSetup(setup).map((r) => ({ id: r.id, status: r.status })),
        authScopeColumn: findAuthScopeColumn(),
        queryFoldsCase: queryFoldsCase(),
        refusalDetails: audits(['manual_step'], ['detail']).map((r) => r.detail),
        probeAudits: audits(['probe', 'generate', 'rotate'], ['action', 'outcome', 'detail']).map((r) => ({ action: r.action, outcome: r.outcome, detail: r.detail })),
        endpoints: endpoints.map((e) => ({
            status: e.status, source: e.source, eventSources: e.event_sources, learnedEventSource: e.learned_event_source,
            tokenStrategy: e.token_strategy, lastProbeResult: e.last_probe_result,
        })),
        probeEventCreators: probeEventCreators(),
        forbidden: [
            gs.getUserName(), config.integrationUserName, hostOf(servletUri), hostOf(config.instanceBaseUrl), hostOf(property(PROPERTY.instanceBaseUrl)),
            instanceName,
        ],
    }
}

export interface FactsExport {
    file: InstanceFactsFile
    json: string
    runSysId: string
}

/** Entry point for "Export instance facts": role check, read, build, record on a Setup Check Run. */
export function exportInstanceFacts(): FactsExport {
    try {
        requireAppAdmin('export instance facts')
    } catch (e) {
        recordAudit({ action: 'export_facts', outcome: 'denied', detail: (e as Error).message })
        throw e
    }
    const file = buildFactsFile(observeInstance())
    const json = formatFactsFile(file)
    const observed = Object.keys(file.switches).length
    const summary = `Instance facts exported: ${observed} platform switches observed, ${file.unobserved.length} not, ${file.refusedWrites.length} refused writes.`
    const runSysId = insertRow(TABLE.setupRun, { kind: 'facts_export', summary, instance_facts: json })
    recordAudit({ action: 'export_facts', outcome: 'success', detail: summary })
    return { file, json, runSysId }
}
