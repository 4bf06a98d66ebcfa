// The documented commands stay runnable, in the README, CONTRIBUTING.md and every page of docs/: every
// `npm run <script>` (and `npm test`, `npm start`) they name exists in package.json and the file it runs exists, every
// `sn-aws-verify` example line parses with the CLI's own argument parser, every --flag the CLI's sections name is
// accepted by the subcommand they are about, and every documented subcommand answers its own --help from the built
// CLI. Subcommands and flags are read from the documents themselves, so a new subcommand documented there is covered
// without changing this test.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseCommandLine } from '../../src/cli/cli-args.ts'

const ROOT = join(__dirname, '..', '..')
const DOCUMENTS = ['README.md', 'CONTRIBUTING.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]
const texts = DOCUMENTS.map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }))
const README = texts[0].text
const ALL_TEXT = texts.map((t) => t.text).join('\n')
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
// package.json's bin: the CLI `npm ci` builds (prepare runs build:cli).
const BUILT_CLI = join(ROOT, 'build', 'cli', 'cli', 'sn-aws-verify.js')

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

/** Lines of the fenced blocks marked as shell (```sh, bash, shell, console), also when indented inside a list;
 * unmarked blocks show output. */
function shellBlockLines(text: string): string[] {
    return [...text.matchAll(/^[ \t]*```(?:sh|bash|shell|console)[ \t]*\n([\s\S]*?)^[ \t]*```/gm)].flatMap((m) => m[1].split('\n'))
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
            const prose = sec.body.replace(/^[ \t]*```[\s\S]*?^[ \t]*```/gm, '')
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

const analysed = texts.map(({ file, text }) => ({ file, ...analyse(text) }))
const examples = analysed.flatMap((a) => a.examples.map((e) => ({ ...e, line: `${a.file}: ${e.line}` })))
const subcommands = [...new Set(analysed.flatMap((a) => a.subcommands))]
const flagMentions = analysed.flatMap((a) => a.flagMentions)
const flagsNamed = [...new Set(flagMentions.map((m) => m.flag))].sort()

/** npm scripts a text names: `npm run <name>`, `npm test`, `npm start`. */
function npmScriptsNamed(text: string): string[] {
    const named = [...text.matchAll(/\bnpm run ([a-z][\w:-]*)/g)].map((m) => m[1])
    if (/\bnpm test\b/.test(text)) named.push('test')
    if (/\bnpm start\b/.test(text)) named.push('start')
    return [...new Set(named)]
}

/** The files a script runs with `node <file>` that are not in the repository. */
function missingScriptFiles(command: string): string[] {
    return [...command.matchAll(/\bnode ([\w./-]+\.[cm]?[jt]s)\b/g)].map((m) => m[1]).filter((file) => !existsSync(join(ROOT, file)))
}

/** What `sn-aws-verify <sub> --help` prints from the built CLI, and its exit code. */
function commandHelp(sub: string): { code: number | null; stdout: string; stderr: string } {
    const run = spawnSync(process.execPath, [BUILT_CLI, sub, '--help'], { encoding: 'utf8', timeout: 30000, env: { PATH: process.env.PATH } })
    return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** Whether `sub` knows `flag`: any answer but "unknown option/command" (a missing value, a bad value) means it does. */
const accepts = (sub: string, flag: string): boolean => !NOT_ACCEPTED.test(parseError([sub, flag, 'x']) ?? '')

describe('README and docs command examples', () => {
    it('reads the README, CONTRIBUTING.md and the pages of docs/', () => {
        // The pages of docs/ come and go; these three must always be among the documents read, in this order.
        const required = ['README.md', 'CONTRIBUTING.md', 'docs/cli.md']
        expect(DOCUMENTS.filter((file) => required.includes(file))).toStrictEqual(required)
    })

    it('names only npm scripts that exist in package.json, and the files they run exist', () => {
        const named = npmScriptsNamed(ALL_TEXT)
        expect(named.length).toBeGreaterThan(3)
        const quickStart = ['deploy', 'pack:cli', 'test', 'start']
        expect(npmScriptsNamed(README).filter((name) => quickStart.includes(name))).toStrictEqual(quickStart)
        expect(named.filter((name) => !(name in scripts))).toEqual([])
        expect(named.filter((name) => name in scripts).flatMap((name) => missingScriptFiles(scripts[name]).map((f) => `${name}: ${f}`))).toEqual([])
    })

    it('would notice an npm script that does not exist or runs a missing file', () => {
        expect(npmScriptsNamed('run `npm run no-such-script` then npm start')).toEqual(['no-such-script', 'start'])
        expect('no-such-script' in scripts).toBe(false)
        expect(missingScriptFiles('node scripts/no-such-file.mjs && node scripts/test.mjs')).toEqual(['scripts/no-such-file.mjs'])
    })

    it(`answers --help for every documented ${CLI} subcommand with that subcommand's own text`, () => {
        expect(existsSync(BUILT_CLI)).toBe(true) // npm ci builds it (prepare); else: npm run build:cli
        // Exactly the CLI's four subcommands are documented: each one, and no other.
        expect([...subcommands].sort()).toStrictEqual(['doctor', 'migrate', 'replay', 'verify'])
        const answers = subcommands.map((sub) => {
            const { code, stdout, stderr } = commandHelp(sub)
            return { sub, code, stderr, ownHelp: stdout.startsWith(`${CLI} ${sub}:`) }
        })
        expect(answers).toEqual(subcommands.map((sub) => ({ sub, code: 0, stderr: '', ownHelp: true })))
    })

    it(`would notice a documented ${CLI} subcommand the CLI does not have`, () => {
        // `<unknown> --help` prints the general help (exit 0), so the subcommand's own first line is what tells.
        const run = commandHelp('no-such-command')
        expect(run.stdout.startsWith(`${CLI}: `)).toBe(true)
        expect(run.stdout.startsWith(`${CLI} no-such-command:`)).toBe(false)
    })

    it(`finds ${CLI} examples and their subcommands in the README`, () => {
        const inReadme = analysed[0]
        expect(inReadme.file).toBe('README.md')
        expect(inReadme.examples.length).toBeGreaterThan(1)
        expect([...inReadme.subcommands].sort()).toStrictEqual(['doctor', 'migrate', 'replay', 'verify'])
    })

    it(`parses every ${CLI} example line with the CLI's argument parser`, () => {
        const failures = examples.flatMap(({ line, argv }) => {
            const error = parseError(argv)
            return error === null ? [] : [`${line}\n  -> ${error}`]
        })
        expect(failures).toEqual([])
    })

    it(`accepts every --flag the ${CLI} sections name, in the subcommand their heading names (else in some subcommand)`, () => {
        // The documents name more flags over time; these verify flags must always be among them (flagsNamed is sorted).
        const verifyFlags = ['--endpoint-file', '--instance', '--json', '--key-file', '--timeout']
        expect(flagsNamed.filter((flag) => verifyFlags.includes(flag))).toStrictEqual(verifyFlags)
        expect(texts.flatMap(({ file, text }) => unknownFlags(text).map((u) => `${file}: ${u}`))).toEqual([])
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
