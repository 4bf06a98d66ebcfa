// GlideAction double for UI-action entry points, called as fn(current, action) (sdk-facts.md, "UI action glue").
// Redirect and return URLs are captured in instance.redirects; a GlideRecord argument becomes '<table>.do?sys_id=<id>'.
import type { GlideAction as OfficialGlideAction, GlideURI as OfficialGlideURI } from '@servicenow/glide'
import { currentInstance } from './current.ts'
import { asOfficial } from './official.ts'

type ActionMethods =
    | 'get' | 'getGlideURI' | 'getRedirectURL' | 'getReturnURL' | 'getValues' | 'hasGlideURI' | 'setRedirectURL'
    | 'setReturnURL' | 'getURLParameter' | 'setURLParameter' | 'setNoPop' | 'getActionSysId'

function urlOf(o: unknown): string {
    const record = o as { getTableName?: () => string; getUniqueValue?: () => string } | null
    if (record && typeof record.getTableName === 'function' && typeof record.getUniqueValue === 'function') {
        return `${record.getTableName()}.do?sys_id=${record.getUniqueValue()}`
    }
    return String(o ?? '')
}

/** Minimal GlideURI: the action's URL parameters. */
class GlideUriDouble implements Pick<OfficialGlideURI, 'get' | 'set' | 'toString' | 'getMap'> {
    constructor(private readonly parameters: Map<string, string>) {}

    get(name: string): string {
        return this.parameters.get(name) ?? ''
    }

    set(name: string, value: string): void {
        this.parameters.set(name, String(value))
    }

    getMap(): Map<string, string> {
        return this.parameters
    }

    toString(path?: string): string {
        const query = [...this.parameters].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
        return `${path || ''}${query ? `?${query}` : ''}`
    }
}

export class FakeAction implements Pick<OfficialGlideAction, ActionMethods> {
    private readonly parameters: Map<string, string>
    private redirectUrl = ''
    private returnUrl = ''
    private noPop = false

    constructor(
        parameters: Record<string, string> = {},
        private readonly actionSysId = '',
    ) {
        this.parameters = new Map(Object.entries(parameters))
    }

    get(name: string): string {
        return this.parameters.get(name) ?? ''
    }

    getValues(): Record<string, string> {
        return Object.fromEntries(this.parameters)
    }

    getActionSysId(): string {
        return this.actionSysId
    }

    getURLParameter(parameter: string): string {
        return this.get(parameter)
    }

    setURLParameter(parameter: string, value: string): void {
        this.parameters.set(parameter, String(value))
    }

    hasGlideURI(): boolean {
        return true
    }

    getGlideURI(): OfficialGlideURI {
        return asOfficial<OfficialGlideURI>(new GlideUriDouble(this.parameters))
    }

    setRedirectURL(o: unknown): void {
        this.redirectUrl = urlOf(o)
        currentInstance().redirects.push({ kind: 'redirect', url: this.redirectUrl })
    }

    getRedirectURL(): string {
        return this.redirectUrl
    }

    setReturnURL(o: unknown): void {
        this.returnUrl = urlOf(o)
        currentInstance().redirects.push({ kind: 'return', url: this.returnUrl })
    }

    getReturnURL(): string {
        return this.returnUrl
    }

    setNoPop(noPop: boolean): void {
        this.noPop = !!noPop
    }

    isNoPop(): boolean {
        return this.noPop
    }

    /** The official type, for passing to a UI-action function typed `(current, action: GlideAction)`. */
    asGlideAction(): OfficialGlideAction {
        return asOfficial<OfficialGlideAction>(this)
    }
}
