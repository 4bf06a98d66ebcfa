// Helpers for the deploy suite: a private copy of the project, and a bounded run of the real deploy script in it.
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'

export const ROOT = join(__dirname, '..', '..')

// Generated or machine-local: the copy builds its own dist/ and target/.
const NOT_COPIED = new Set(['node_modules', 'dist', 'target', '.target-kept-during-test', '.git', '.jest_cache', '.test-results', '.now', 'test', 'coverage'])

/**
 * Copies the working tree (sources as they are now) to a temporary folder that shares node_modules.
 * The deploy's build empties dist/app before writing it; doing that in the real tree would pull dist/app
 * from under the suites that read it in parallel.
 */
export function copyProject(): string {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-test-'))
    cpSync(ROOT, dir, {
        recursive: true,
        filter: (src) => {
            const rel = relative(ROOT, src)
            return rel === '' || !NOT_COPIED.has(rel.split(sep)[0])
        },
    })
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir')
    return dir
}

export function removeCopy(dir: string | undefined): void {
    if (dir && dir.startsWith(tmpdir())) rmSync(dir, { recursive: true, force: true })
}

/** Record XML files under dist/app, as paths relative to it ("scope/x.xml", "update/y.xml"). */
export function builtRecordFiles(appDir: string): string[] {
    const out: string[] = []
    const walk = (dir: string): void => {
        for (const name of readdirSync(dir)) {
            const path = join(dir, name)
            if (statSync(path).isDirectory()) walk(path)
            else if (name.endsWith('.xml')) out.push(relative(appDir, path).split(sep).join('/'))
        }
    }
    walk(appDir)
    return out.filter((f) => /^(scope|update)\//.test(f)).sort()
}

export interface DeployRun {
    code: number | null
    /** stdout and stderr, interleaved as they arrived. */
    output: string
    ms: number
}

/** Every SN_SDK_* variable of the developer's shell is dropped, so only what a case sets reaches the SDK. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {}
    for (const [k, v] of Object.entries(process.env)) {
        if (!k.startsWith('SN_SDK_') && k !== 'DEPLOY_TIMEOUT_SECONDS') env[k] = v
    }
    // NODE_ENV=test turns the SDK's telemetry off: it would call a ServiceNow host. FORCE_COLOR=0: plain text.
    // DEPLOY_TIMEOUT_SECONDS: the deploy's own bound stays under jest's 60 s test timeout.
    return { ...env, NODE_ENV: 'test', FORCE_COLOR: '0', DEPLOY_TIMEOUT_SECONDS: '40', ...extra }
}

/**
 * Runs the deploy in `cwd`: `npm run deploy -- <args>` when viaNpm, else `node scripts/deploy.mjs <args>`.
 * Killed after `limitMs`, so a hung SDK cannot hang the suite.
 */
export function runDeploy(cwd: string, env: NodeJS.ProcessEnv, args: string[], opts: { viaNpm?: boolean; limitMs?: number } = {}): Promise<DeployRun> {
    const started = Date.now()
    const [cmd, cmdArgs] = opts.viaNpm
        ? ['npm', ['run', 'deploy', '--', ...args]]
        : [process.execPath, [join(cwd, 'scripts', 'deploy.mjs'), ...args]]
    // Its own process group, so the limit also kills what npm started.
    const child = spawn(cmd, cmdArgs, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')))
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')))
    const limit = setTimeout(() => {
        output += `\n[test] deploy killed after ${opts.limitMs ?? 50_000} ms\n`
        try {
            if (child.pid) process.kill(-child.pid, 'SIGKILL')
        } catch {
            child.kill('SIGKILL')
        }
    }, opts.limitMs ?? 50_000)
    return new Promise((resolve) => {
        child.on('error', (error) => {
            output += `\n[test] could not start ${cmd}: ${error.message}\n`
        })
        child.on('close', (code) => {
            clearTimeout(limit)
            resolve({ code, output, ms: Date.now() - started })
        })
    })
}
