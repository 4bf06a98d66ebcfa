// Served for every @servicenow/glide/<namespace> the double does not model (jest.config.js moduleNameMapper).
// Importing is harmless; using any export throws an error that names it, so a test never runs against a no-op.
export {}

function unsupported(name: string): Error {
    return new Error(
        `The instance double does not model "${name}" from this @servicenow/glide namespace. ` +
            'Model it under test/support/instance and map the namespace in jest.config.js.',
    )
}

function poisoned(name: string): unknown {
    const fail = () => {
        throw unsupported(name)
    }
    return new Proxy(function unsupportedExport() {}, { apply: fail, construct: fail, get: fail, set: fail })
}

// Names module loaders and jest probe on every module; answering them keeps a plain import working.
const PROBED = new Set(['__esModule', 'default', 'then', 'toJSON', 'asymmetricMatch', 'constructor', 'prototype', 'nodeType', '$$typeof', '@@__IMMUTABLE_ITERABLE__@@', '@@__IMMUTABLE_RECORD__@@', '_isMockFunction'])

module.exports = new Proxy({} as Record<string, unknown>, {
    get(_target, prop) {
        if (prop === '__esModule') return true
        if (typeof prop === 'symbol' || PROBED.has(prop)) return undefined
        return poisoned(prop)
    },
})
