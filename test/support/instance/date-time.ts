// GlideDateTime double on the instance clock. The session time zone is UTC, so display values equal internal values
// ('YYYY-MM-DD HH:mm:ss'). GlideDate and GlideDuration are given only the members the app's date logic needs.
// assumption: the session time zone is UTC (the app reads and writes internal values only).
import type {
    GlideDate as OfficialGlideDate, GlideDateTime as OfficialGlideDateTime, GlideDuration as OfficialGlideDuration,
} from '@servicenow/glide'
import { formatDate, formatDateTime, parseDateTime } from './clock.ts'
import { currentInstance } from './current.ts'
import { asOfficial } from './official.ts'

type DateTimeMethods =
    | 'getValue' | 'setValue' | 'getDisplayValue' | 'getDisplayValueInternal' | 'setDisplayValue' | 'getUTCValue'
    | 'addDays' | 'addDaysUTC' | 'addDaysLocalTime' | 'addSeconds' | 'addWeeksUTC' | 'addMonthsUTC' | 'addYearsUTC' | 'add'
    | 'subtract' | 'getNumericValue' | 'setNumericValue' | 'compareTo' | 'before' | 'after' | 'onOrBefore' | 'onOrAfter'
    | 'equals' | 'isValid' | 'getErrorMsg' | 'getDate' | 'getYearUTC' | 'getMonthUTC' | 'getDayOfMonthUTC' | 'toString'

/** Anything with a numeric value: an official GlideDateTime or this double. */
type Instant = Pick<OfficialGlideDateTime, 'getNumericValue'>

const DAY_MS = 86_400_000

function toMs(value: unknown): number {
    if (value === undefined) return currentInstance().clock.nowMs()
    if (value instanceof Date) return value.getTime()
    if (typeof value === 'number') return value
    if (value && typeof value === 'object' && 'getNumericValue' in value) return (value as Instant).getNumericValue()
    const ms = parseDateTime(String(value ?? ''))
    return ms === null ? NaN : ms
}

function addMonths(ms: number, months: number): number {
    const d = new Date(ms)
    d.setUTCMonth(d.getUTCMonth() + months)
    return d.getTime()
}

export class GlideDateDouble implements Pick<OfficialGlideDate, 'getDisplayValue' | 'getDisplayValueInternal' | 'getByFormat'> {
    constructor(private readonly ms: number) {}

    getValue(): string {
        return Number.isNaN(this.ms) ? '' : formatDate(this.ms)
    }

    getDisplayValue(): string {
        return this.getValue()
    }

    getDisplayValueInternal(): string {
        return this.getValue()
    }

    /** Supports the yyyy, MM and dd tokens. */
    getByFormat(format: string): string {
        const [y, m, d] = this.getValue().split('-')
        return String(format).replace('yyyy', y).replace('MM', m).replace('dd', d)
    }
}

export class GlideDurationDouble implements Pick<OfficialGlideDuration, 'getDayPart' | 'getRoundedDayPart' | 'getDisplayValue' | 'getDurationValue' | 'getValue'> {
    constructor(private readonly ms: number) {}

    getNumericValue(): number {
        return this.ms
    }

    getDayPart(): number {
        return Math.floor(this.ms / DAY_MS)
    }

    getRoundedDayPart(): number {
        return Math.round(this.ms / DAY_MS)
    }

    /** 'd HH:mm:ss' ('HH:mm:ss' under a day). */
    getDurationValue(): string {
        const days = this.getDayPart()
        const time = new Date(Math.abs(this.ms) % DAY_MS).toISOString().slice(11, 19)
        return days ? `${days} ${time}` : time
    }

    getValue(): string {
        return formatDateTime(this.ms)
    }

    /** e.g. '2 Days 3 Hours 4 Minutes'. */
    getDisplayValue(): string {
        const total = Math.floor(Math.abs(this.ms) / 1000)
        const parts: [number, string][] = [[Math.floor(total / 86400), 'Day'], [Math.floor((total % 86400) / 3600), 'Hour'], [Math.floor((total % 3600) / 60), 'Minute']]
        const text = parts.filter(([n]) => n).map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`).join(' ')
        return text || `${total % 60} Seconds`
    }
}

export class GlideDateTimeDouble implements Pick<OfficialGlideDateTime, DateTimeMethods> {
    private ms: number

    /** new GlideDateTime() is now on the instance clock; a string is 'YYYY-MM-DD HH:mm:ss' UTC. */
    constructor(value?: unknown, _isDisplayValue?: boolean) {
        this.ms = toMs(value)
    }

    /** GlideDateTime.subtract(start, end): the duration from start to end. */
    static subtract(start: Instant, end: Instant): OfficialGlideDuration {
        return asOfficial<OfficialGlideDuration>(new GlideDurationDouble(end.getNumericValue() - start.getNumericValue()))
    }

    getValue(): string {
        return this.isValid() ? formatDateTime(this.ms) : ''
    }

    toString(): string {
        return this.getValue()
    }

    getDisplayValue(): string {
        return this.getValue()
    }

    getDisplayValueInternal(): string {
        return this.getValue()
    }

    getUTCValue(): string {
        return this.getValue()
    }

    setValue(o: unknown): void {
        this.ms = toMs(o ?? '')
    }

    setDisplayValue(asDisplayed: string, _format?: string): void {
        this.ms = toMs(asDisplayed)
    }

    isValid(): boolean {
        return !Number.isNaN(this.ms)
    }

    getErrorMsg(): string {
        return this.isValid() ? '' : 'Invalid date/time value'
    }

    getNumericValue(): number {
        return this.ms
    }

    setNumericValue(l: number): void {
        this.ms = l
    }

    addSeconds(value: number): void {
        this.ms += value * 1000
    }

    add(value: unknown): void {
        this.ms += typeof value === 'number' ? value : toMs(value)
    }

    subtract(value: unknown): void {
        this.ms -= typeof value === 'number' ? value : toMs(value)
    }

    addDays(amount: number): void {
        this.addDaysUTC(amount)
    }

    addDaysUTC(amount: number): void {
        this.ms += amount * DAY_MS
    }

    /** The session time zone is UTC, so local-time days are UTC days. */
    addDaysLocalTime(amount: number): void {
        this.addDaysUTC(amount)
    }

    addWeeksUTC(amount: number): void {
        this.addDaysUTC(amount * 7)
    }

    addMonthsUTC(amount: number): void {
        this.ms = addMonths(this.ms, amount)
    }

    addYearsUTC(amount: number): void {
        this.ms = addMonths(this.ms, amount * 12)
    }

    getYearUTC(): number {
        return new Date(this.ms).getUTCFullYear()
    }

    getMonthUTC(): number {
        return new Date(this.ms).getUTCMonth() + 1
    }

    getDayOfMonthUTC(): number {
        return new Date(this.ms).getUTCDate()
    }

    getDate(): OfficialGlideDate {
        return asOfficial<OfficialGlideDate>(new GlideDateDouble(this.ms))
    }

    /** -1, 0 or 1; accepts another date-time or a 'YYYY-MM-DD HH:mm:ss' string. */
    compareTo(o: unknown): number {
        const other = toMs(o)
        return this.ms < other ? -1 : this.ms > other ? 1 : 0
    }

    equals(o: unknown): boolean {
        return this.compareTo(o) === 0
    }

    before(gdt: Instant): boolean {
        return this.ms < gdt.getNumericValue()
    }

    after(gdt: Instant): boolean {
        return this.ms > gdt.getNumericValue()
    }

    onOrBefore(gdt: Instant): boolean {
        return this.ms <= gdt.getNumericValue()
    }

    onOrAfter(gdt: Instant): boolean {
        return this.ms >= gdt.getNumericValue()
    }
}
