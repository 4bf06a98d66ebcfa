// `npm start`: builds the app when dist/app is missing, starts the playground on loopback and prints the one URL to
// open and the sn-aws-verify command. --instance <fixture> (or SN_PLAYGROUND_INSTANCE) plays a hard instance.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { loadInstanceFacts } from './instance-facts'

const ROOT = join(__dirname, '..')
const APP_DIR = join(ROOT, 'dist', 'app')

const HELP = `npm start [-- --instance <fixture>] [-- --port <n>]

Starts a local playground on 127.0.0.1: the app as now-sdk build ships it (dist/app) on an in-memory instance with
Event Management and an AWS push connector, its forms with the real buttons, and a loopback stand-in for the
instance's Event Management API to check a revealed endpoint with sn-aws-verify. Nothing leaves this machine.

  --instance <fixture>  play a hard instance: a name from test/fixtures/instances/ or a path to a JSON file
                        { "switches": { <platform switch>: <setting> } } (also SN_PLAYGROUND_INSTANCE)
  --port <n>            port of the web page (default: any free port)
  --build               run now-sdk build first, even when dist/app exists
  -h, --help            this text`

interface Args {
    instance?: string
    port: number
    build: boolean
    help: boolean
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Args {
    const args: Args = { instance: env.SN_PLAYGROUND_INSTANCE || undefined, port: 0, build: false, help: false }
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i].split(/=(.*)/s)
        const value = () => {
            const v = inline ?? argv[++i]
            if (v === undefined || v === '') throw new Error(`${flag} needs a value.`)
            return v
        }
        if (flag === '--instance') args.instance = value()
        else if (flag === '--port') {
            const v = value()
            if (!/^\d{1,5}$/.test(v) || Number(v) > 65535) throw new Error(`--port ${v}: give a port number from 0 to 65535.`)
            args.port = Number(v)
        } else if (flag === '--build') args.build = true
        else if (flag === '-h' || flag === '--help') args.help = true
        else throw new Error(`Unknown option ${flag}. See npm start -- --help.`)
    }
    return args
}

function newestFile(dir: string): number {
    let newest = 0
    for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        const s = statSync(path)
        if (name === 'generated') continue // src/fluent/generated/keys.ts: written by the build itself
        newest = Math.max(newest, s.isDirectory() ? newestFile(path) : s.mtimeMs)
    }
    return newest
}

/** Builds dist/app the way jest's global setup does (target/ kept); says so when the build is older than src/. */
function ensureBuild(force: boolean): void {
    if (force || !existsSync(APP_DIR)) {
        console.log('Building the app with now-sdk build (about a minute)...')
        const res = spawnSync(process.execPath, [join(ROOT, 'scripts', 'lib', 'build-keeping-target.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
        if (res.status !== 0) throw new Error('now-sdk build failed (see above); fix it, then run npm start again.')
        return
    }
    if (newestFile(join(ROOT, 'src')) > newestFile(APP_DIR)) {
        console.log('Note: src/ changed after the last build; the playground runs dist/app as built. Use npm start -- --build to rebuild.')
    }
}

async function main(): Promise<void> {
    let args: Args
    try {
        args = parseArgs(process.argv.slice(2), process.env)
    } catch (e) {
        console.error((e as Error).message)
        process.exit(4)
    }
    if (args.help) {
        console.log(HELP)
        return
    }
    const facts = loadInstanceFacts(args.instance)
    ensureBuild(args.build)
    // Loaded after the build: the playground reads dist/app when it loads.
    const { startPlayground } = await import('./playground')
    const playground = await startPlayground({ facts, port: args.port, log: (line) => console.log(line) })
    let stopping = false
    const stop = () => {
        if (stopping) return
        stopping = true
        playground.close().then(() => process.exit(0), () => process.exit(1))
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)

    const cliBuilt = existsSync(join(ROOT, 'build', 'cli', 'cli', 'sn-aws-verify.js'))
    console.log(`
AWS SNS API keys playground: the app as now-sdk build ships it, on an in-memory instance (${playground.instance.baseUrl}).
Instance facts: ${facts.source ? `${facts.label}, platform switches from ${facts.source}` : 'default (every platform switch at its first setting, except policyApiWrite=stored; --instance evidence-defaults plays the REST API form step, E2)'}${facts.ignored.length ? `; not applied here: ${facts.ignored.join(', ')}` : ''}.
Signed in as ${playground.instance.session.userName} (app admin, may run Repair).

Check a revealed endpoint from outside, the way AWS SNS calls it (in this folder; paste the endpoint, then Ctrl-D):
  ${playground.verifyCommand}${cliBuilt ? '' : '\n  (build the CLI first: npm run build:cli)'}

Ctrl-C stops the playground and deletes its temporary files.

Open: ${playground.url}
`)
}

main().catch((e: Error) => {
    console.error(`npm start: ${e.message}`)
    process.exit(1)
})
