// The instance clock: every timestamp the double writes or compares comes from here, so tests control time.
// Values use the platform's internal date-time format, 'YYYY-MM-DD HH:mm:ss' in UTC (GlideDateTime.getValue()).

export const DEFAULT_CLOCK = '2026-06-01 09:00:00'

const DAY_MS = 86_400_000
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?Z?)?$/

/** Milliseconds since the epoch for 'YYYY-MM-DD[ HH:mm[:ss]]' (UTC), or null when the text is not a date. */
export function parseDateTime(value: string): number | null {
    const m = DATE_TIME.exec(String(value).trim())
    if (!m) return null
    const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] || '0', m[5] || '0', m[6] || '0'].map(Number)
    const ms = Date.UTC(y, mo - 1, d, h, mi, s)
    const check = new Date(ms)
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null
    return ms
}

export function formatDateTime(ms: number): string {
    return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}

export function formatDate(ms: number): string {
    return new Date(ms).toISOString().slice(0, 10)
}

export class InstanceClock {
    private ms: number

    constructor(start: string = DEFAULT_CLOCK) {
        this.ms = InstanceClock.toMs(start)
    }

    private static toMs(value: string | Date): number {
        const ms = value instanceof Date ? value.getTime() : parseDateTime(value)
        if (ms === null || Number.isNaN(ms)) throw new Error(`clock: "${String(value)}" is not 'YYYY-MM-DD HH:mm:ss'`)
        return ms
    }

    set(value: string | Date): void {
        this.ms = InstanceClock.toMs(value)
    }

    advanceDays(days: number): void {
        this.ms += days * DAY_MS
    }

    advanceHours(hours: number): void {
        this.ms += hours * 3_600_000
    }

    advanceSeconds(seconds: number): void {
        this.ms += seconds * 1000
    }

    nowMs(): number {
        return this.ms
    }

    /** 'YYYY-MM-DD HH:mm:ss' UTC. */
    now(): string {
        return formatDateTime(this.ms)
    }
}
