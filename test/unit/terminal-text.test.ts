import { safeMultiline, safeText } from '../../src/cli/terminal-text'

describe('safeText', () => {
    it('escapes control characters, newlines and bidi overrides, and keeps ordinary text', () => {
        expect(safeText('alarm\r\n[ok] all 5 delivered\u001b[2K\u202eevil\u2066x\u0085')).toBe(
            'alarm\\x0d\\x0a[ok] all 5 delivered\\x1b[2K\\u202eevil\\u2066x\\x85',
        )
        expect(safeText('Hôhe — 警報 ✓')).toBe('Hôhe — 警報 ✓')
        expect(safeText(undefined)).toBe('')
    })

    it('keeps line breaks in multi-line text but escapes the rest', () => {
        expect(safeMultiline('a\r\nb\u001b[1A\nc')).toBe('a\nb\\x1b[1A\nc')
    })
})
