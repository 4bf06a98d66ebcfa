// The README's command examples stay runnable: every `npm run <script>` (and `npm test`) it names exists in
// package.json, every `sn-aws-verify` example line parses with the CLI's own argument parser, and every --flag the
// CLI's sections name is accepted by the subcommand they are about. Subcommands and flags are read from the README
// itself, so a new subcommand documented there is covered without changing this test.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseCommandLine } from '../../src/cli/cli-args.ts'

const ROOT = join(__dirname, '..', '..')
const README = readFileSync(join(ROOT, 'README.md'), 'utf8')
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts

const CLI = 'sn-aws-verify'
const NOT_ACCEPTED = /unknown (option|command)/i

interface Section {
    heading: string
    body: string
}

/** The README split at every heading. */
function sections(text: string): Section[] {
    const out: Section[] = []
    for (const line of text.split('\n')) {
        if (/^#{1,6} /.test(line)) out.push({ heading: line, body: '' })
        else if (out.length > 0) out[out.length - 1].body += line + '\n'
    }
    return out
}

/** Lines of the fenced blocks marked as shell (```sh, bash, shell, console); unmarked blocks show output. */
function shellBlockLines(text: string): string[] {
    return [...text.matchAll(/^```(?:sh|bash|shell|console)\s*\n([\s\S]*?)^```/gm)].flatMap((m) => m[1].split('\n'))
}

/** The argv of a shell line that runs the CLI (`sn-aws-verify ...` or `npx sn-aws-verify ...`), without a trailing
 * `# comment` and quotes; null for any other line (output shown in the README, other commands). */
function cliArgv(line: string): string[] | null {
    const tokens = line.replace(/\s+#.*$/, '').trim().replace(/^\$\s+/, '').split(/\s+/)
    const at = tokens[0] === 'npx' ? 1 : 0
    if (tokens[at] !== CLI) return null
    return tokens.slice(at + 1).map((t) => t.replace(/^(['"])(.*)\1$/, '$2'))
}

function parseError(argv: string[]): string | null {
    try {
        parseCommandLine(argv)
        return null
    } catch (e) {
        return (e as Error).message
    }
}

/** Example lines, subcommands and flag mentions of a README text. */
function analyse(text: string) {
    const allSections = sections(text)
    const examples = allSections.flatMap((sec) =>
        shellBlockLines(sec.body).flatMap((line) => {
            const argv = cliArgv(line)
            return argv && argv.length > 0 ? [{ line: line.trim(), argv }] : []
        }),
    )
    const subcommands = [...new Set(examples.map((e) => e.argv[0]))]

    /** Subcommands a heading is about: `sn-aws-verify <sub>` or a code span that is just `<sub>`. */
    const headingSubcommands = (heading: string): string[] =>
        subcommands.filter((sub) => heading.includes(`${CLI} ${sub}`) || heading.includes(`\`${sub}\``))

    // The CLI's sections: a heading naming the CLI or one of its subcommands. Their flags are the ones on example
    // lines and the inline code spans that start with `--` (a flag of another tool, such as `aws sns subscribe ... --x`,
    // sits inside a span that starts with that tool's name, so it is not taken).
    const flagMentions = allSections
        .filter((sec) => sec.heading.includes(CLI) || headingSubcommands(sec.heading).length > 0)
        .flatMap((sec) => {
            const about = headingSubcommands(sec.heading)
            const inCode = shellBlockLines(sec.body).flatMap((line) => (cliArgv(line) ?? []).filter((t) => t.startsWith('--')))
            const prose = sec.body.replace(/^```[\s\S]*?^```/gm, '')
            const inSpans = [...prose.matchAll(/`(--[a-z][a-z0-9-]*)[^`]*`/g)].map((m) => m[1])
            return [...inCode, ...inSpans].map((flag) => ({ flag: flag.replace(/=.*$/, ''), about, heading: sec.heading }))
        })
    return { examples, subcommands, flagMentions }
}

/** Flags named in a section the parser does not accept for the subcommand(s) that section is about. */
function unknownFlags(text: string): string[] {
    const { subcommands, flagMentions } = analyse(text)
    return flagMentions
        .filter(({ flag, about }) => !(about.length > 0 ? about : subcommands).some((sub) => accepts(sub, flag)))
        .map((m) => `${m.flag} under "${m.heading}"`)
}

const { examples, subcommands, flagMentions } = analyse(README)
const flagsNamed = [...new Set(flagMentions.map((m) => m.flag))].sort()

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

    it(`accepts every --flag the ${CLI} sections name, in the subcommand their heading names (else in some subcommand)`, () => {
        expect(flagsNamed).toEqual(expect.arrayContaining(['--endpoint-file', '--instance', '--key-file', '--json', '--timeout']))
        expect(unknownFlags(README)).toEqual([])
    })

    it('would notice a flag or subcommand the parser does not know', () => {
        expect(accepts('verify', '--no-such-flag')).toBe(false)
        expect(accepts('no-such-command', '--json')).toBe(false)
        expect(parseError(['verify', '--endpoint-file', 'e.txt', '--no-such-flag'])).toMatch(NOT_ACCEPTED)
        const planted = [
            '## Checking (`sn-aws-verify verify`)',
            '```sh',
            'npx sn-aws-verify verify --endpoint-file e.txt',
            '```',
            'Use `--no-such-flag` here, and `aws sns subscribe --attributes x` (another tool, not taken).',
        ].join('\n')
        expect(unknownFlags(planted)).toEqual(['--no-such-flag under "## Checking (`sn-aws-verify verify`)"'])
    })
})
