// Runs the compiled sn-aws-verify as a child process with a controlled environment: only PATH, the test CA, fake
// AWS credentials and the loopback AWS endpoint. No profile, no instance metadata: nothing can leave 127.0.0.1.
// Also each CLI suite's workspace: its temp folder and its own compiled CLI.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROOT = join(__dirname, '..', '..')

export interface Run {
    code: number | null
    signal: NodeJS.Signals | null
    stdout: string
    stderr: string
}

/**
 * Compiles the CLI (tsconfig.cli.json) into a fresh folder under build/ (inside the repository, so Node finds the
 * AWS SDK in node_modules) and returns the path of its entry point. Remove it with removeCliBuild.
 */
export function buildCli(name: string): string {
    const outDir = join(ROOT, 'build', `test-cli-${name}-${process.pid}`)
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.cli.json'), '--outDir', outDir], { cwd: ROOT, encoding: 'utf8' })
    if (tsc.status !== 0) throw new Error(`tsc -p tsconfig.cli.json failed:\n${tsc.stdout}${tsc.stderr}`)
    const finish = spawnSync(process.execPath, [join(ROOT, 'src', 'cli', 'finish-build.mjs'), outDir], { cwd: ROOT, encoding: 'utf8' })
    if (finish.status !== 0) throw new Error(`finish-build failed: ${finish.stderr}`)
    return join(outDir, 'cli', 'sn-aws-verify.js')
}

export function removeCliBuild(cli: string): void {
    rmSync(join(cli, '..', '..'), { recursive: true, force: true })
}

/** A test file's own temp folder and compiled CLI (a suite's beforeAll); remove both with removeCliWorkspace. */
export interface CliWorkspace {
    dir: string
    cli: string
}

export function makeCliWorkspace(name: string): CliWorkspace {
    const dir = mkdtempSync(join(tmpdir(), `sn-aws-${name}-`))
    try {
        return { dir, cli: buildCli(name) }
    } catch (error) {
        rmSync(dir, { recursive: true, force: true }) // the caller never learns the folder's name
        throw error
    }
}

/** Tolerates a workspace that beforeAll did not finish making. */
export function removeCliWorkspace(workspace: Partial<CliWorkspace>): void {
    if (workspace.cli) removeCliBuild(workspace.cli)
    if (workspace.dir) rmSync(workspace.dir, { recursive: true, force: true })
}

/** A file only its owner may read or write (chmod: exactly 0600 whatever the umask), as the CLI demands of endpoint files. */
export function writeSecretFile(dir: string, name: string, text: string): string {
    const path = join(dir, name)
    writeFileSync(path, text)
    chmodSync(path, 0o600)
    return path
}

/** The environment of every AWS-facing child: fake keys (tests only), the stub as endpoint, no other source. */
export function awsTestEnv(stubUrl: string, home: string): NodeJS.Dict<string> {
    mkdirSync(home, { recursive: true })
    return {
        PATH: process.env.PATH,
        HOME: home,
        AWS_ACCESS_KEY_ID: 'AKIDSNAWSVERIFYTEST',
        AWS_SECRET_ACCESS_KEY: 'fake-secret-for-the-loopback-stub',
        AWS_ENDPOINT_URL: stubUrl,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: join(home, 'no-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
    }
}

/** Any program as a child process with exactly `env`, its output collected; `stdin` is written, then closed. */
export function startProcess(command: string, args: string[], options: { env: NodeJS.Dict<string>; cwd?: string; stdin?: string }): { child: ChildProcess; done: Promise<Run> } {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')))
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    const done = new Promise<Run>((resolve, reject) => {
        child.on('error', reject)
        child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
    })
    child.stdin?.end(options.stdin ?? '')
    return { child, done }
}

export function startCli(cli: string, args: string[], env: NodeJS.Dict<string>, stdin = ''): { child: ChildProcess; done: Promise<Run> } {
    return startProcess(process.execPath, [cli, ...args], { env, stdin })
}

export function runCli(cli: string, args: string[], env: NodeJS.Dict<string>, stdin = ''): Promise<Run> {
    return startCli(cli, args, env, stdin).done
}
