// Runs the scripts the build ships (dist/app) the way the platform runs them, against the instance double: UI-action
// conditions and server scripts with `current` and `action`, and the client-callable GlideAjax processor. Each script
// gets the shipped script includes (AwsSnsModuleLoader looks the module up in sys_module, as on the instance) and a
// `require` that serves a shipped sys_module path from its TypeScript source, which is what the build compiled.
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { createContext, runInContext } from 'node:vm'
import { GlideRecord, gs } from '@servicenow/glide'
import type { Artifacts, ShippedRecord } from '../test/support/artifacts'
import { FakeAction, type Instance } from '../test/support/instance'

const ROOT = join(__dirname, '..')
// The require of this file (ts-hook.cjs compiles it as CommonJS), so the modules share the double with the playground.
const loadModule = createRequire(__filename)

// Prototype.js's Class.create and the platform's Object.extendsObject / AbstractAjaxProcessor, in the script's realm.
const PLATFORM_PRELUDE = `
var Class = { create: function () { return function () { if (this.initialize) this.initialize.apply(this, arguments) } } };
Object.extendsObject = function (parent, methods) {
    var proto = Object.create(parent.prototype);
    for (var k in methods) proto[k] = methods[k];
    return proto;
};
var global = { AbstractAjaxProcessor: Class.create() };
global.AbstractAjaxProcessor.prototype = {
    initialize: function (request) { this.request = request },
    getParameter: function (name) { return this.request.getParameter(name) },
};
`

export interface ActionRun {
    redirect: string
    error: string
}

export class PlatformScripts {
    private readonly modulePaths: Set<string>

    constructor(
        private readonly artifacts: Artifacts,
        private readonly instance: Instance,
    ) {
        this.modulePaths = new Set(artifacts.byTable('sys_module').map((m) => m.fields.path).filter(Boolean))
    }

    /** The shipped UI actions of a table, in their order. */
    actionsOf(table: string): ShippedRecord[] {
        return this.artifacts
            .byTable('sys_ui_action')
            .filter((a) => a.fields.table === table && a.fields.active !== 'false')
            .sort((a, b) => Number(a.fields.order) - Number(b.fields.order))
    }

    /** Whether the session user holds one of the roles the shipped record lists (none listed: everyone). */
    private allowed(roleTable: string, parentField: string, parentSysId: string): boolean {
        const roleIds = this.artifacts.byTable(roleTable).filter((r) => r.fields[parentField] === parentSysId).map((r) => r.fields.sys_user_role)
        if (!roleIds.length) return true
        const names = roleIds.map((id) => this.artifacts.bySysId(id)?.fields.name ?? '').filter(Boolean)
        const user = this.instance.user(this.instance.session.userName)
        return !!user && names.some((name) => this.instance.userHasRole(user.sys_id, name))
    }

    /** What the form shows: the action's roles and its condition, evaluated with `current`. */
    visible(action: ShippedRecord, current: GlideRecord): boolean {
        if (!this.allowed('sys_ui_action_role', 'sys_ui_action', action.sysId)) return false
        const condition = action.fields.condition.trim()
        if (!condition) return true
        return !!this.run(`(${condition})`, { current })
    }

    /** The server half of a UI action, as the platform runs it when the button is submitted. */
    runAction(action: ShippedRecord, current: GlideRecord): ActionRun {
        if (!this.visible(action, current)) return { redirect: '', error: `${action.fields.name} is not available on this record.` }
        const glideAction = new FakeAction({}, action.sysId)
        try {
            this.run(action.fields.script, { current, action: glideAction.asGlideAction() })
        } catch (e) {
            return { redirect: '', error: `${action.fields.name} failed: ${(e as Error).message}` }
        }
        return { redirect: glideAction.getRedirectURL(), error: '' }
    }

    /** A GlideAjax call: the client-callable script include named by sysparm_processor, behind its execute ACL. */
    ajax(params: URLSearchParams): { status: number; answer: string } {
        const processor = params.get('sysparm_processor') ?? ''
        const method = params.get('sysparm_name') ?? ''
        const include = this.artifacts.byTable('sys_script_include').find((i) => i.fields.api_name === processor)
        if (!include || include.fields.client_callable !== 'true' || !/^[A-Za-z]\w*$/.test(method)) return { status: 404, answer: '' }
        const acl = this.artifacts.byTable('sys_security_acl').find((a) => a.fields.type === 'client_callable_script_include' && a.fields.name === processor)
        if (!acl || !this.allowed('sys_security_acl_role', 'sys_security_acl', acl.sysId)) return { status: 403, answer: '' }
        const request = { getParameter: (name: string) => params.get(name) ?? '' }
        const answer = this.run(`(function () { var p = new ${include.fields.name}(request); return typeof p.${method} === 'function' ? p.${method}() : null })()`, { request })
        return { status: 200, answer: answer === null || answer === undefined ? '' : String(answer) }
    }

    /** Runs a script in a fresh realm with the shipped script includes and the Glide globals. */
    private run(script: string, globals: Record<string, unknown>): unknown {
        const context = createContext({ GlideRecord, gs, require: (path: string) => this.requireModule(path), ...globals })
        runInContext(PLATFORM_PRELUDE, context)
        for (const include of this.artifacts.byTable('sys_script_include')) runInContext(include.fields.script, context, { filename: include.fields.name })
        return runInContext(script, context)
    }

    /** A shipped module path (<scope>/<package>/<version>/src/server/...) served from its source. */
    private requireModule(path: string): unknown {
        if (!this.modulePaths.has(path)) throw new Error(`Module ${path} is not installed.`)
        const source = /^[^/]+\/[^/]+\/[^/]+\/(src\/server\/.+\.ts)$/.exec(path)
        if (!source) throw new Error(`Module ${path} is not a server module.`)
        return loadModule(join(ROOT, source[1]))
    }
}
