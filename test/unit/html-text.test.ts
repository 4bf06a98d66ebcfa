// Session messages render HTML: every gs.addInfoMessage / gs.addErrorMessage in the server code passes its text
// through escapeHtml (a scan of the source, so a new call site cannot skip it).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { escapeHtml } from '../../src/server/core/html-text'

const SERVER = join(__dirname, '..', '..', 'src', 'server')

function files(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name)
        return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
    })
}

describe('escapeHtml', () => {
    it('turns markup from a record name into text', () => {
        expect(escapeHtml('"<img src=x onerror=alert(1)>" & \'x\'')).toBe('&quot;&lt;img src=x onerror=alert(1)&gt;&quot; &amp; &#39;x&#39;')
    })

    it('is applied to every session message the server code adds', () => {
        const calls = files(SERVER).flatMap((file) => {
            const text = readFileSync(file, 'utf8')
            return [...text.matchAll(/gs\.add(?:Info|Error)Message\(([^\n]*)/g)].map((m) => ({ file: file.slice(SERVER.length + 1), argument: m[1] }))
        })
        expect(calls.length).toBeGreaterThanOrEqual(7)
        expect(calls.filter((c) => !c.argument.startsWith('escapeHtml('))).toEqual([])
    })
})
