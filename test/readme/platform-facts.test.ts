// Every platform fact id (E<n>) and source id (S<n>) cited in the code, the instance double and the docs resolves to an
// entry of docs/platform-facts.md, so a reader can look up any reference. Each fact entry says the fact, its verdict
// (confirmed, likely, unknown, contradicted) and what the app does about it. The cited ids are read from the files
// themselves, so a new citation anywhere is checked without changing this test.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const ROOT = join(__dirname, '..', '..')
const FACTS_PAGE = 'docs/platform-facts.md'
const VERDICTS = ['confirmed', 'likely', 'unknown', 'contradicted']
// Where citations live: server, CLI, Fluent and AWS sources, the double and other test support, the admin and
// developer docs. Text files only (the build output and node_modules are not ours to cite from).
const SEARCHED = ['src', 'test/support', 'README.md', 'CONTRIBUTING.md', 'docs']
const TEXT_FILE = /\.(ts|js|cjs|mjs|json|ya?ml|md)$/

function filesUnder(path: string): string[] {
    const full = join(ROOT, path)
    if (!statSync(full).isDirectory()) return [path]
    return readdirSync(full).flatMap((name) => filesUnder(join(path, name)))
}

/** Ids a text cites: E<n> or S<n> as a word of its own. */
function citedIds(text: string): string[] {
    return [...new Set([...text.matchAll(/\b([ES][1-9][0-9]{0,2})\b/g)].map((m) => m[1]))]
}

interface FactEntry {
    id: string
    body: string
}

/** The fact entries (`### E<n>: title` and what follows up to the next heading) and source rows (`| S<n> | ... |`). */
function readFactsPage(text: string): { facts: FactEntry[]; sources: string[] } {
    const facts: FactEntry[] = []
    let current: FactEntry | null = null
    for (const line of text.split('\n')) {
        const heading = /^#{1,6} /.test(line)
        const fact = /^### (E[1-9][0-9]{0,2}): \S/.exec(line)
        if (heading) current = null
        if (fact) {
            current = { id: fact[1], body: '' }
            facts.push(current)
        } else if (current) current.body += line + '\n'
    }
    const sources = [...text.matchAll(/^\| (S[1-9][0-9]{0,2}) \| \S/gm)].map((m) => m[1])
    return { facts, sources }
}

/** What is wrong with one fact entry: a missing fact, verdict or "what the app does" line. */
function entryProblems(entry: FactEntry): string[] {
    const problems: string[] = []
    if (!/^- \*\*Fact:\*\* \S/m.test(entry.body)) problems.push(`${entry.id}: no "Fact:" line`)
    const verdict = /^- \*\*Verdict:\*\* ([a-z]+)/m.exec(entry.body)
    if (!verdict || !VERDICTS.includes(verdict[1])) problems.push(`${entry.id}: the verdict is not one of ${VERDICTS.join(', ')}`)
    if (!/^- \*\*What the app does:\*\* \S/m.test(entry.body)) problems.push(`${entry.id}: no "What the app does:" line`)
    return problems
}

/** Cited ids with no entry, as "<file>: <id>". */
function unresolved(citations: { file: string; text: string }[], page: { facts: FactEntry[]; sources: string[] }): string[] {
    const known = new Set([...page.facts.map((f) => f.id), ...page.sources])
    return citations.flatMap(({ file, text }) => citedIds(text).filter((id) => !known.has(id)).map((id) => `${file}: ${id}`))
}

const files = SEARCHED.flatMap(filesUnder).filter((f) => TEXT_FILE.test(f))
const citations = files.map((file) => ({ file: relative(ROOT, join(ROOT, file)), text: readFileSync(join(ROOT, file), 'utf8') }))
const page = readFactsPage(readFileSync(join(ROOT, FACTS_PAGE), 'utf8'))

describe('platform facts: every cited evidence id resolves in docs/platform-facts.md', () => {
    it('searches the code, the double and the docs, and finds citations in each', () => {
        // Source files come and go; these documents must always be among the files searched.
        const documents = ['README.md', 'CONTRIBUTING.md', FACTS_PAGE]
        expect(files.filter((file) => documents.includes(file))).toStrictEqual(documents)
        const citing = (prefix: string) => citations.some((c) => c.file.startsWith(prefix) && citedIds(c.text).some((id) => id.startsWith('E')))
        expect(['src/server/', 'test/support/instance/', 'README.md', 'docs/'].filter((prefix) => !citing(prefix))).toEqual([])
    })

    it('has an entry for every E and S id cited in src/, test/support/, README.md, CONTRIBUTING.md and docs/', () => {
        expect(unresolved(citations, page)).toEqual([])
    })

    it('gives each fact once, with the fact, a verdict and what the app does', () => {
        const ids = page.facts.map((f) => f.id)
        expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
        expect(page.facts.flatMap(entryProblems)).toEqual([])
        expect(page.sources.filter((id, i) => page.sources.indexOf(id) !== i)).toEqual([])
    })

    it('would notice a citation with no entry, and an entry without its parts', () => {
        const planted = [{ file: 'src/planted.ts', text: '// E2 and E999 (S1, S77); E2E and SE3 are not ids' }]
        const small = readFactsPage(['### E2: a fact', '- **Fact:** x', '- **Verdict:** unknown', '- **What the app does:** y', '| S1 | a source |'].join('\n'))
        expect(unresolved(planted, small)).toEqual(['src/planted.ts: E999', 'src/planted.ts: S77'])
        expect(entryProblems({ id: 'E7', body: '- **Fact:** x\n- **Verdict:** probably\n' })).toEqual([
            'E7: the verdict is not one of confirmed, likely, unknown, contradicted',
            'E7: no "What the app does:" line',
        ])
    })
})
