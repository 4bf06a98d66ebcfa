// The README's command examples stay runnable: every `npm run <script>` (and `npm test`) it names exists in
// package.json, every `sn-aws-verify` example line parses with the CLI's own argument parser, and every --flag the
// sn-aws-verify section names is accepted by a subcommand of its examples. Subcommands and flags are read from the
// README itself, so a new subcommand documented there is covered without changing this test.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseCommandLine } from '../../src/cli/cli-args.ts'

const ROOT = join(__dirname, '..', '..')
const README = readFileSync(join(ROOT, 'README.md'), 'utf8')
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts

const CLI = 'sn-aws-verify'
const NOT_ACCEPTED = /unknown (option|command)/i

/** The README's part under the heading that names the CLI, up to the next heading of the same level. */
function cliSection(text: string): string {
    const lines = text.split('\n')
    const start = lines.findIndex((l) => /^#{1,6} /.test(l) && l.includes(CLI))
    if (start < 0) throw new Error(`README.md has no heading naming ${CLI}`)
    const level = (lines[start].match(/^#+/) as RegExpMatchArray)[0].length
    const end = lines.findIndex((l, i) => i > start && new RegExp(`^#{1,${level}} `).test(l))
    return lines.slice(start, end < 0 ? undefined : end).join('\n')
}

function codeBlockLines(text: string): string[] {
    return [...text.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].flatMap((m) => m[1].split('\n'))
}

/** The argv after `sn-aws-verify` on a shell line, with a trailing `# comment` dropped and quotes removed. */
function cliArgv(line: string): string[] | null {
    const code = line.replace(/\s+#.*$/, '')
    const tokens = code.trim().split(/\s+/)
    const at = tokens.findIndex((t) => t === CLI || t.endsWith(`/${CLI}`))
    return at < 0 ? null : tokens.slice(at + 1).map((t) => t.replace(/^(['"])(.*)\1$/, '$2'))
}

function parseError(argv: string[]): string | null {
    try {
        parseCommandLine(argv)
        return null
    } catch (e) {
        return (e as Error).message
    }
}

const section = cliSection(README)
const examples = codeBlockLines(section).flatMap((line) => {
    const argv = cliArgv(line)
    return argv && argv.length > 0 ? [{ line: line.trim(), argv }] : []
})
const subcommands = [...new Set(examples.map((e) => e.argv[0]))]
const flagsNamed = [...new Set([...section.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)].map((m) => m[0]))].sort()

/** Whether `sub` knows `flag`: any answer but "unknown option/command" (a missing value, a bad value) means it does. */
const accepts = (sub: string, flag: string): boolean => !NOT_ACCEPTED.test(parseError([sub, flag, 'x']) ?? '')

describe('README command examples', () => {
    it('names only npm scripts that exist in package.json', () => {
        const named = [...README.matchAll(/\bnpm run ([a-z][\w:-]*)/g)].map((m) => m[1])
        if (/\bnpm test\b/.test(README)) named.push('test')
        expect(named.length).toBeGreaterThan(3)
        expect([...new Set(named)].filter((name) => !(name in scripts))).toEqual([])
    })

    it(`finds ${CLI} examples and their subcommands in the README`, () => {
        expect(examples.length).toBeGreaterThan(1)
        expect(subcommands).toContain('verify')
    })

    it(`parses every ${CLI} example line with the CLI's argument parser`, () => {
        const failures = examples.flatMap(({ line, argv }) => {
            const error = parseError(argv)
            return error === null ? [] : [`${line}\n  -> ${error}`]
        })
        expect(failures).toEqual([])
    })

    it(`accepts every --flag the ${CLI} section names, in some subcommand of its examples`, () => {
        expect(flagsNamed).toEqual(expect.arrayContaining(['--endpoint-file', '--json', '--timeout']))
        const unknown = flagsNamed.filter((flag) => !subcommands.some((sub) => accepts(sub, flag)))
        expect(unknown).toEqual([])
    })

    it('would notice a flag or subcommand the parser does not know', () => {
        expect(accepts('verify', '--no-such-flag')).toBe(false)
        expect(accepts('no-such-command', '--json')).toBe(false)
        expect(parseError(['verify', '--endpoint-file', 'e.txt', '--no-such-flag'])).toMatch(NOT_ACCEPTED)
    })
})
