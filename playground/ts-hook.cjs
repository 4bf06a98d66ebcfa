// Lets plain Node run the playground's TypeScript, the app's server modules and the instance double the way jest
// does: each .ts file is compiled by @swc/core (the compiler @swc/jest uses), and @servicenow/glide imports are served
// by the double through jest.config.js's own moduleNameMapper, so the mapping has one source.
'use strict'
const { readFileSync } = require('node:fs')
const Module = require('node:module')
const { join } = require('node:path')
const { transformSync } = require('@swc/core')

const ROOT = join(__dirname, '..')
const jestConfig = require(join(ROOT, 'jest.config.js'))
const mappings = Object.entries(jestConfig.moduleNameMapper).map(([pattern, target]) => ({
    pattern: new RegExp(pattern),
    target: target.replace('<rootDir>', ROOT),
}))

const resolveFilename = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
    const mapped = mappings.find((m) => m.pattern.test(request))
    return resolveFilename.call(this, mapped ? request.replace(mapped.pattern, mapped.target) : request, ...rest)
}

// Replaces Node's own handler where it has one (type stripping, Node 22.6+): swc also compiles enums and parameter
// properties, as under jest.
Module._extensions['.ts'] = function (module, filename) {
    const { code } = transformSync(readFileSync(filename, 'utf8'), {
        filename,
        jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
    })
    module._compile(code, filename)
}
