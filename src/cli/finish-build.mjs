// Runs after tsc -p tsconfig.cli.json: tsc emits ES modules as .js, and the root package.json has no "type",
// so a package.json marker makes Node load build/cli as ESM. Also makes the bin executable.
import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { argv } from 'node:process'

const outDir = argv[2] ?? 'build/cli'
writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }\n')
chmodSync(join(outDir, 'cli', 'sn-aws-verify.js'), 0o755)
