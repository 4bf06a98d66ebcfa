// The one filter for text that came from AWS, a server or a file before it reaches a terminal or a JSON report:
// control characters (C0, DEL, C1) and bidi overrides are shown as escapes, so that no alarm name, body or error can
// move the cursor, clear a line, reorder text or forge a line of our own output.

// C0 except none, DEL, C1; the Unicode bidi embeddings, overrides, isolates and marks; line and paragraph separators.
// eslint-disable-next-line no-control-regex -- matching control characters is this filter's purpose
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

function escapeOne(ch: string): string {
    const code = ch.charCodeAt(0)
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
}

/** One line of foreign text, safe to print: every unsafe character (newlines too) becomes a visible escape. */
export function safeText(value: unknown): string {
    return String(value ?? '').replace(UNSAFE, escapeOne)
}

/** Foreign text that may span lines: keeps line breaks, escapes everything else that is unsafe. */
export function safeMultiline(value: unknown): string {
    return String(value ?? '')
        .replace(/\r\n/g, '\n')
        .split('\n')
        .map(safeText)
        .join('\n')
}
