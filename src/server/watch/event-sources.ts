// Pure: which em_event.source values can carry an endpoint's alarms. The connector may write the URL `source` or
// the listener's event_source_label (E37, unknown), so both are watched until an event shows which one it is;
// sources compare without case (E51).

/** The learned source when known; otherwise the URL source and the definition's sources recorded at generation. */
export function eventSourceCandidates(endpoint: { [field: string]: string }): string[] {
    if (endpoint.learned_event_source) return [endpoint.learned_event_source]
    const out: string[] = []
    const add = (value: string) => {
        const v = String(value || '').trim()
        if (v && out.indexOf(v) < 0) out.push(v)
    }
    add(endpoint.source || '')
    for (const v of String(endpoint.event_sources || '').split('\n')) add(v)
    return out
}

/** The newest event among the candidates; '' when none of them sent one. */
export function newestEventFor(
    candidates: string[],
    newestBySource: { [lowerSource: string]: { source: string; at: string } },
): { source: string; at: string } | '' {
    let best: { source: string; at: string } | '' = ''
    for (const c of candidates) {
        const hit = newestBySource[c.toLowerCase()]
        if (hit && (!best || hit.at > best.at)) best = hit
    }
    return best
}
