// npm run pack:cli: builds an installable tarball of sn-aws-verify, a package of its own, and prints its path on the
// last line. Install it anywhere with `npm install -g <path>` (Node and the npm registry are all it needs).
//
// The package holds the compiled CLI (tsconfig.cli.json) and its dependencies: every package the compiled code
// imports, found by reading its import statements (no hand list), pinned to the exact version this repository tests
// (package-lock.json), and bundled (bundleDependencies) with the whole tree they need, copied from this repository's
// node_modules as package-lock.json lays it out. Why bundled: the install needs nothing but the tarball (no registry,
// no npm cache, no proxy), it runs exactly the AWS SDK the tests ran, and a newer release of any transitive package
// cannot change it. The price is size (about 2 MB packed); a release to a registry could drop the bundle and ship an
// npm-shrinkwrap.json instead.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join, relative } from 'node:path'
import { ROOT } from './lib/run.mjs'

const STAGE = join(ROOT, 'build', 'cli-package')
const OUT = join(ROOT, 'build', 'cli-tarball')
const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'))

function step(label, cmd, args, options = {}) {
    const res = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', ...options })
    if (res.status !== 0) {
        console.error(`ERROR: ${label} failed (exit ${res.status ?? res.signal}):\n${res.stdout ?? ''}${res.stderr ?? ''}`)
        process.exit(1)
    }
    return res.stdout
}

/** Every .js file under dir. */
function jsFiles(dir) {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.js'))
        .map((e) => join(e.parentPath ?? e.path, e.name))
}

/** The packages (not relative paths, not Node built-ins) that the compiled code imports, statically or dynamically. */
export function importedPackages(files) {
    const names = new Set()
    const builtins = new Set(builtinModules)
    for (const file of files) {
        const text = readFileSync(file, 'utf8')
        for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g)) {
            const spec = m[1]
            if (spec.startsWith('.') || spec.startsWith('node:') || builtins.has(spec)) continue
            const parts = spec.split('/')
            names.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0])
        }
    }
    return [...names].sort()
}

/** Where Node finds package `name` from the lock location `from` (nearest node_modules, walking up). */
function resolveInLock(name, from) {
    let base = from
    for (;;) {
        const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`
        if (lock.packages[candidate]) return candidate
        if (!base) return null
        const cut = base.lastIndexOf('/node_modules/')
        base = cut < 0 ? '' : base.slice(0, cut)
    }
}

/** The lock paths (node_modules/...) of `deps` and of everything they need. */
function dependencyTree(deps) {
    const out = {}
    const queue = deps.map((name) => [name, ''])
    while (queue.length > 0) {
        const [name, from] = queue.shift()
        const at = resolveInLock(name, from)
        if (at === null) {
            console.error(`ERROR: ${name} (needed from ${from || 'the CLI'}) is not in package-lock.json; run npm install.`)
            process.exit(1)
        }
        if (out[at]) continue
        const entry = lock.packages[at]
        out[at] = true
        for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) queue.push([dep, at])
    }
    return Object.keys(out).sort()
}

rmSync(STAGE, { recursive: true, force: true })
rmSync(OUT, { recursive: true, force: true })
mkdirSync(OUT, { recursive: true })
step('tsc -p tsconfig.cli.json', process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.cli.json', '--outDir', STAGE])
step('finish-build', process.execPath, [join(ROOT, 'src', 'cli', 'finish-build.mjs'), STAGE])

const deps = importedPackages(jsFiles(STAGE))
const dependencies = Object.fromEntries(
    deps.map((name) => {
        const at = resolveInLock(name, '')
        if (at === null) {
            console.error(`ERROR: the CLI imports ${name}, which is not installed; add it to package.json (exact version).`)
            process.exit(1)
        }
        return [name, lock.packages[at].version]
    }),
)
const cliPackage = {
    name: 'sn-aws-verify',
    version: rootPackage.version,
    description: 'Checks from any machine that AWS SNS can deliver alarms to ServiceNow Event Management with a REST API key; doctor and replay for the AWS side.',
    license: rootPackage.license,
    type: 'module',
    bin: { 'sn-aws-verify': 'cli/sn-aws-verify.js' },
    files: ['cli/', 'server/', 'README.md'],
    engines: rootPackage.engines,
    dependencies,
    bundleDependencies: Object.keys(dependencies),
}
writeFileSync(join(STAGE, 'package.json'), JSON.stringify(cliPackage, null, 4) + '\n')
const tree = dependencyTree(deps)
for (const at of tree) {
    // Nested node_modules come with their parent only when they are in the tree themselves.
    cpSync(join(ROOT, at), join(STAGE, at), { recursive: true, filter: (src) => !relative(join(ROOT, at), src).split('/').includes('node_modules') })
}
writeFileSync(
    join(STAGE, 'README.md'),
    `# sn-aws-verify ${cliPackage.version}

Checks from any machine that AWS SNS can deliver alarms to ServiceNow Event Management with a REST API key
(\`verify\`), that the AWS side is set up to deliver them (\`doctor\`), and re-posts alarms kept in a dead-letter
queue (\`replay\`). Run \`sn-aws-verify --help\`, then \`sn-aws-verify <command> --help\`.

Install: \`npm install -g sn-aws-verify-${cliPackage.version}.tgz\` (Node ${cliPackage.engines.node}). The AWS SDK
clients it uses are bundled at the exact versions it was tested with: the install needs no registry.
`,
)

const packed = JSON.parse(step('npm pack', 'npm', ['pack', STAGE, '--pack-destination', OUT, '--json', '--ignore-scripts'], { env: { ...process.env, npm_config_loglevel: 'error' } }))
const tarball = join(OUT, packed[0].filename)
console.log(`sn-aws-verify ${cliPackage.version}: ${packed[0].entryCount} files, ${(packed[0].size / 1e6).toFixed(1)} MB, ${tree.length} packages bundled for ${Object.keys(dependencies).length} dependencies (${Object.entries(dependencies).map(([n, v]) => `${n}@${v}`).join(', ')})`)
console.log(`install with: npm install -g ${relative(process.cwd(), tarball) || tarball}`)
console.log(tarball)
