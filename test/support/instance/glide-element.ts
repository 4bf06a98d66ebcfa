// GlideElement double: one field of the record a GlideRecord double currently holds.
// Evidence: E23 (getDecryptedValue on api_key.token from a scoped app: switch tokenDecrypt).
import type { GlideElement as OfficialGlideElement, GlideRecord as OfficialGlideRecord } from '@servicenow/glide'
import { currentInstance } from './current.ts'

/** What an element needs from its record (implemented by GlideRecordDouble). */
export interface RecordPort {
    table(): string
    /** Raw stored value, '' when empty or when no record is loaded. */
    raw(field: string): string
    display(field: string): string
    set(field: string, value: unknown): void
    /** Value when the record was loaded (for changes()). */
    initial(field: string): string
    /** The table a reference field points to, '' otherwise. */
    referenceTable(field: string): string
    /** True when the field holds an API-key token (api_key.token). */
    holdsToken(field: string): boolean
    sysId(): string
    openRecord(table: string, sysId: string): OfficialGlideRecord
}

type ElementMethods =
    | 'toString' | 'getValue' | 'getDisplayValue' | 'nil' | 'getDecryptedValue' | 'setValue' | 'getName' | 'getTableName'
    | 'getReferenceTable' | 'hasValue' | 'changes' | 'changesTo' | 'changesFrom' | 'isNil' | 'getRefRecord'

// Cross-scope refusal wording used by the platform for table access from another scope.
function refusal(scope: string): Error {
    return new Error(`Read operation against 'api_key' from scope '${scope}' has been refused due to the table's cross-scope access policy`)
}

export class GlideElementDouble implements Pick<OfficialGlideElement, ElementMethods> {
    constructor(
        private readonly record: RecordPort,
        private readonly field: string,
    ) {}

    toString(): string {
        return this.record.raw(this.field)
    }

    getValue(): string {
        return this.record.raw(this.field)
    }

    getDisplayValue(_maxCharacters?: number): string {
        return this.record.display(this.field)
    }

    setValue(value: unknown): void {
        this.record.set(this.field, value)
    }

    nil(): boolean {
        return this.record.raw(this.field) === ''
    }

    isNil(): boolean {
        return this.nil()
    }

    hasValue(): boolean {
        return !this.nil()
    }

    getName(): string {
        return this.field
    }

    getTableName(): string {
        return this.record.table()
    }

    getReferenceTable(): string {
        return this.record.referenceTable(this.field)
    }

    changes(): boolean {
        return this.record.raw(this.field) !== this.record.initial(this.field)
    }

    changesTo(o: unknown): boolean {
        return this.changes() && this.record.raw(this.field) === String(o)
    }

    changesFrom(o: unknown): boolean {
        return this.changes() && this.record.initial(this.field) === String(o)
    }

    /**
     * Password2 fields are read with getDecryptedValue() from the table's own scope (password-2way-encrypted-fields,
     * cited in platform-model.md); whether the app's scope may decrypt api_key.token is unknown, so
     * instance.tokenAccess.decrypt chooses: 'allowed', 'refused' (throws) or 'empty'.
     */
    getDecryptedValue(): string {
        if (!this.record.holdsToken(this.field)) return this.record.raw(this.field)
        const instance = currentInstance()
        if (instance.tokenAccess.decrypt === 'refused') throw refusal(instance.appScope)
        if (instance.tokenAccess.decrypt === 'empty') return ''
        return instance.tokens.plainFor(this.record.sysId()) || ''
    }

    getRefRecord<RT extends string>(): OfficialGlideRecord<RT> {
        const table = this.record.referenceTable(this.field)
        if (!table) throw new Error(`getRefRecord: ${this.record.table()}.${this.field} is not a reference field`)
        return this.record.openRecord(table, this.record.raw(this.field)) as unknown as OfficialGlideRecord<RT>
    }
}
