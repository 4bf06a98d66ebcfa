// gs (GlideSystem) double: properties from sys_properties, the session user and roles, captured logs, session
// messages and events, and the date helpers the app uses. Properties and roles are read without counting queries:
// the platform serves both from caches.
// Evidence: E46 (gs members, S12), E47 (glide.servlet.uri); hasRole is true for admin (GlideSystem API reference).
import type { GlideDateTime as OfficialGlideDateTime, GlideUser as OfficialGlideUser, gs as OfficialGs } from '@servicenow/glide'
import { randomSysId } from './api-key-tokens.ts'
import { formatDate, formatDateTime } from './clock.ts'
import { currentInstance } from './current.ts'
import { GlideDateTimeDouble } from './date-time.ts'
import type { LogLevel } from './instrumentation.ts'
import { asOfficial } from './official.ts'
import type { Row } from './store.ts'

type GsMethods =
    | 'getProperty' | 'setProperty' | 'getUserID' | 'getUserName' | 'getUserDisplayName' | 'getUser' | 'hasRole'
    | 'info' | 'warn' | 'error' | 'debug' | 'log' | 'logError' | 'logWarning' | 'print'
    | 'addInfoMessage' | 'addErrorMessage' | 'getInfoMessages' | 'getErrorMessages' | 'flushMessages'
    | 'eventQueue' | 'generateGUID' | 'nil' | 'getMessage' | 'isInteractive' | 'isLoggedIn' | 'tableExists'
    | 'getCurrentScopeName' | 'getCallerScopeName' | 'now' | 'nowDateTime' | 'nowNoTZ' | 'nowGlideDateTime'
    | 'daysAgo' | 'daysAgoStart' | 'daysAgoEnd' | 'hoursAgo' | 'minutesAgo' | 'dateGenerate' | 'beginningOfToday' | 'endOfToday'

const DAY_MS = 86_400_000

/** Replaces {0}..{n} with the arguments, as gs.getMessage and the gs log methods do. */
export function substitute(message: string, args: unknown[]): string {
    return String(message ?? '').replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole))
}

function log(level: LogLevel, message: unknown, parms: unknown[], source?: string): void {
    const defined = parms.filter((p) => p !== undefined)
    currentInstance().logs.push({ level, message: substitute(String(message ?? ''), defined), ...(source !== undefined ? { source } : {}) })
}

function sessionUser(): Row | undefined {
    return currentInstance().sessionUser()
}

function ago(ms: number): number {
    return currentInstance().clock.nowMs() - ms
}

/** Minimal GlideUser for gs.getUser(): the session user. */
class SessionUserDouble implements Pick<OfficialGlideUser, 'getID' | 'getName' | 'getDisplayName' | 'getFirstName' | 'getLastName' | 'getEmail' | 'hasRole' | 'exists'> {
    private readonly row: Row = sessionUser() || {}

    getID(): string {
        return this.row.sys_id || ''
    }

    getName(): string {
        return this.row.user_name || ''
    }

    getDisplayName(): string {
        return this.row.name || ''
    }

    getFirstName(): string {
        return this.row.first_name || ''
    }

    getLastName(): string {
        return this.row.last_name || ''
    }

    getEmail(): string {
        return this.row.email || ''
    }

    exists(): boolean {
        return !!this.row.sys_id
    }

    hasRole(o: unknown): boolean {
        return !!this.row.sys_id && currentInstance().userHasRole(this.row.sys_id, String(o))
    }
}

export const gs: Pick<typeof OfficialGs, GsMethods> = {
    /** The sys_properties value; `alt` (or null) when the property does not exist. */
    getProperty(key?: string, alt?: unknown): string {
        const value = currentInstance().db.property(String(key))
        return (value !== null ? value : alt !== undefined ? alt : null) as string
    },

    setProperty(key?: string, value?: string, description?: string): void {
        const instance = currentInstance()
        const existing = instance.db.rowsOf('sys_properties').find((r) => r.name === key)
        const fields: Row = { value: String(value ?? ''), ...(description !== undefined ? { description } : {}) }
        const result = existing
            ? instance.db.update('sys_properties', existing.sys_id, fields, { origin: 'platform' })
            : instance.db.insert('sys_properties', { name: String(key), type: 'string', ...fields }, { origin: 'platform' })
        if (!result.ok) throw new Error(result.error)
    },

    getUserID(): string {
        return sessionUser()?.sys_id || ''
    },

    getUserName(): string {
        return currentInstance().session.userName
    },

    getUserDisplayName(): string {
        return sessionUser()?.name || ''
    },

    getUser(): OfficialGlideUser {
        return asOfficial<OfficialGlideUser>(new SessionUserDouble())
    },

    /** True when the session user has one of the comma-separated roles, or admin (see Instance.userHasRole). */
    hasRole(role?: string): boolean {
        const user = sessionUser()
        return !!user && currentInstance().userHasRole(user.sys_id, String(role ?? ''))
    },

    info(message?: string, ...parms: unknown[]): void {
        log('info', message, parms)
    },
    warn(message?: string, ...parms: unknown[]): void {
        log('warn', message, parms)
    },
    error(message?: string, ...parms: unknown[]): void {
        log('error', message, parms)
    },
    debug(message?: string, ...parms: unknown[]): void {
        log('debug', message, parms)
    },
    log(message?: string, source?: string): void {
        log('log', message, [], source)
    },
    logError(message?: string, source?: string): void {
        log('error', message, [], source)
    },
    logWarning(message?: string, source?: string): void {
        log('warn', message, [], source)
    },
    print(toPrint?: string): void {
        log('log', toPrint, [])
    },

    addInfoMessage(message?: unknown): void {
        currentInstance().sessionMessages.push({ type: 'info', message: String(message ?? '') })
    },
    addErrorMessage(error?: unknown): void {
        currentInstance().sessionMessages.push({ type: 'error', message: String(error ?? '') })
    },
    getInfoMessages(): string[] {
        return currentInstance().sessionMessages.filter((m) => m.type === 'info').map((m) => m.message)
    },
    getErrorMessages(): string[] {
        return currentInstance().sessionMessages.filter((m) => m.type === 'error').map((m) => m.message)
    },
    flushMessages(): void {
        currentInstance().sessionMessages.length = 0
    },

    /** Captured in instance.events; the record is read through getTableName/getUniqueValue. */
    eventQueue(name?: string, instance?: unknown, parm1?: string, parm2?: string, queue?: string): void {
        const gr = instance as { getTableName?: () => string; getUniqueValue?: () => string } | null | undefined
        currentInstance().events.push({
            name: String(name ?? ''),
            table: gr && gr.getTableName ? gr.getTableName() : '',
            sys_id: gr && gr.getUniqueValue ? gr.getUniqueValue() : '',
            parm1: parm1 === undefined || parm1 === null ? '' : String(parm1),
            parm2: parm2 === undefined || parm2 === null ? '' : String(parm2),
            queue: queue ? String(queue) : '',
        })
    },

    generateGUID(): string {
        return randomSysId()
    },

    nil(o?: unknown): boolean {
        if (o === null || o === undefined || o === '') return true
        const element = o as { nil?: () => boolean }
        return typeof element.nil === 'function' ? element.nil() : false
    },

    /** No translations: the key itself, with {0}.. replaced by args (an array or a single value). */
    getMessage(id?: string, args?: unknown): string {
        return substitute(String(id ?? ''), args === undefined ? [] : Array.isArray(args) ? args : [args])
    },

    isInteractive(): boolean {
        return currentInstance().session.interactive
    },
    isLoggedIn(): boolean {
        return !!sessionUser()
    },
    tableExists(name?: string): boolean {
        return currentInstance().hasTable(String(name))
    },
    getCurrentScopeName(): string {
        return currentInstance().appScope
    },
    getCallerScopeName(): string {
        return currentInstance().appScope
    },

    now(): string {
        return formatDate(ago(0))
    },
    nowDateTime(): string {
        return formatDateTime(ago(0))
    },
    nowNoTZ(): string {
        return formatDateTime(ago(0))
    },
    nowGlideDateTime(): OfficialGlideDateTime {
        return asOfficial<OfficialGlideDateTime>(new GlideDateTimeDouble())
    },
    daysAgo(days?: number): string {
        return formatDateTime(ago((days || 0) * DAY_MS))
    },
    daysAgoStart(days?: number): string {
        return `${formatDate(ago((days || 0) * DAY_MS))} 00:00:00`
    },
    daysAgoEnd(days?: number): string {
        return `${formatDate(ago((days || 0) * DAY_MS))} 23:59:59`
    },
    hoursAgo(hours?: number): string {
        return formatDateTime(ago((hours || 0) * 3_600_000))
    },
    minutesAgo(minutes?: number): string {
        return formatDateTime(ago((minutes || 0) * 60_000))
    },
    beginningOfToday(): string {
        return `${formatDate(ago(0))} 00:00:00`
    },
    endOfToday(): string {
        return `${formatDate(ago(0))} 23:59:59`
    },
    /** dateGenerate('2026-01-31', 'end') -> '2026-01-31 23:59:59'; 'start' -> 00:00:00; otherwise range is the time. */
    dateGenerate(date?: string, range?: string): string {
        const time = range === 'start' ? '00:00:00' : range === 'end' ? '23:59:59' : String(range || '00:00:00')
        return `${String(date)} ${time}`
    },
}
