// Jest: tests live under test/, and every Glide import is served by the in-memory instance double.
/** @type {import('jest').Config} */
module.exports = {
    rootDir: __dirname,
    roots: ['<rootDir>/test'],
    testMatch: ['**/*.test.ts'],
    testEnvironment: 'node',
    transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
    moduleNameMapper: {
        '^@servicenow/glide$': '<rootDir>/test/support/instance/glide.ts',
        '^@servicenow/glide/sn_auth$': '<rootDir>/test/support/instance/sn-auth.ts',
        '^@servicenow/glide/sn_ws$': '<rootDir>/test/support/instance/sn-ws.ts',
        '^@servicenow/glide/(.*)$': '<rootDir>/test/support/instance/unsupported-namespace.ts',
    },
    globalSetup: '<rootDir>/test/support/global-setup.ts',
    cacheDirectory: '<rootDir>/.jest_cache',
    testTimeout: 60000,
}
