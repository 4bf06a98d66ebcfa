// Pure rules of key issuing: expiry, key naming, and the reveal text. No Glide imports.

const STAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/

/** Parses a platform UTC date-time ('YYYY-MM-DD HH:mm:ss') into epoch milliseconds, or NaN. */
export function parseStamp(value: string): number {
    const m = STAMP.exec(value)
    if (!m) return NaN
    const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])
    const back = new Date(ms)
    // Reject dates that Date.UTC silently rolls over (2026-02-31).
    return back.getUTCDate() === +m[3] && back.getUTCMonth() === +m[2] - 1 ? ms : NaN
}

export function formatStamp(ms: number): string {
    const d = new Date(ms)
    const pad = (n: number) => (n < 10 ? '0' : '') + n
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

const DAY = 24 * 3600 * 1000

/**
 * The key's expiry: the requested one when given (it must be in the future and within the configured lifetime),
 * else now + lifetime. An API key without expiry is never issued.
 */
export function keyExpiry(now: string, lifetimeDays: number, requested?: string): string {
    const nowMs = parseStamp(now)
    if (isNaN(nowMs)) throw new Error(`Internal: the instance clock value "${now}" is not a date-time.`)
    const max = nowMs + lifetimeDays * DAY
    if (requested === undefined || requested === '') return formatStamp(max)
    const ms = parseStamp(requested.trim())
    if (isNaN(ms)) throw new Error('expires: use the form YYYY-MM-DD HH:mm:ss (UTC), for example 2027-01-31 00:00:00.')
    if (ms <= nowMs) throw new Error(`expires: ${requested.trim()} is in the past; choose a date after ${now} (UTC).`)
    if (ms > max) throw new Error(`expires: ${requested.trim()} is beyond the allowed key lifetime of ${lifetimeDays} days (latest ${formatStamp(max)} UTC).`)
    return requested.trim()
}

export function daysBetween(fromStamp: string, toStamp: string): number {
    return (parseStamp(toStamp) - parseStamp(fromStamp)) / DAY
}

export function addDays(stamp: string, days: number): string {
    return formatStamp(parseStamp(stamp) + days * DAY)
}

export function addHours(stamp: string, hours: number): string {
    return formatStamp(parseStamp(stamp) + hours * 3600 * 1000)
}

/** Key names carry the connector and the date, so the api_key list reads well; never the token. */
export function keyName(connectorName: string, now: string): string {
    const base = connectorName.replace(/[^\w .-]/g, '').trim().slice(0, 60) || 'connector'
    return `AWS SNS - ${base} - ${now.slice(0, 10)}`
}

export function keyDescription(userName: string, now: string, connectorName: string, connectorSysId: string): string {
    return `Issued by ${userName} on ${now} UTC for push connector instance ${connectorName} (${connectorSysId}) by the AWS SNS Event API Keys app.`
}
