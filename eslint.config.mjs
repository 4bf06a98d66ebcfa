// Flat eslint config: typescript-eslint everywhere, plus the Rhino rules for code that runs on the instance.
import js from '@eslint/js'
import jestPlugin from 'eslint-plugin-jest'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// What the instance's Rhino engine rejects or does not have (see sdk-facts.md, "Server modules").
const rhinoSyntax = [
    { selector: 'PrivateIdentifier', message: 'Rhino: no private #fields in server modules.' },
    {
        selector: 'ClassDeclaration[superClass.name=/^(Error|TypeError|RangeError|Array|Map|Set|Promise|Object)$/]',
        message: 'Rhino: do not subclass built-ins; return or throw a plain Error.',
    },
    {
        selector: 'ClassExpression[superClass.name=/^(Error|TypeError|RangeError|Array|Map|Set|Promise|Object)$/]',
        message: 'Rhino: do not subclass built-ins; return or throw a plain Error.',
    },
    { selector: 'Literal[regex.pattern=/\\(\\?<[=!]/]', message: 'Rhino: no regex lookbehind.' },
    { selector: 'MethodDefinition[value.async=true]', message: 'Rhino: no async class methods.' },
    { selector: 'FunctionDeclaration[async=true][generator=true]', message: 'Rhino: no async generators.' },
    { selector: 'NewExpression[callee.name="Function"]', message: 'Rhino: no new Function.' },
]
const rhinoGlobals = [
    'globalThis', 'Reflect', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'fetch',
    'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Buffer', 'process', 'crypto', 'require',
    'module', '__dirname', '__filename', 'XMLHttpRequest', 'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams',
].map((name) => ({ name, message: `Rhino: ${name} does not exist on the instance. Use a Glide API.` }))

export default tseslint.config(
    { ignores: ['node_modules/', 'dist/', 'build/', 'target/', '.target-kept-during-test/', '.now/', '.jest_cache/', '.test-results/', 'src/fluent/generated/', '@types/'] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        rules: {
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
        },
    },
    {
        files: ['src/server/**/*.ts'],
        languageOptions: { globals: {} },
        rules: {
            'no-restricted-syntax': ['error', ...rhinoSyntax],
            'no-restricted-globals': ['error', ...rhinoGlobals],
            'no-restricted-imports': [
                'error',
                { patterns: [{ group: ['node:*', 'fs', 'path', 'http', 'https', 'crypto', 'os', 'child_process'], message: 'Rhino: no Node modules in server code.' }] },
            ],
        },
    },
    {
        files: ['scripts/**/*.mjs', 'test/**/*.ts', 'src/cli/**/*.ts', 'playground/**/*.ts', '*.js', '*.mjs'],
        languageOptions: { globals: { ...globals.node } },
    },
    // Honest tests: none skipped, none focused, none without an assertion. expect-expect counts expect() and the
    // project's helpers that assert through expect() themselves (a new such helper is added here by name).
    {
        files: ['test/**/*.ts'],
        plugins: { jest: jestPlugin },
        rules: {
            'jest/no-disabled-tests': 'error',
            'jest/no-focused-tests': 'error',
            'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expectExit', 'expectNoSecret', 'expectNoLeak', 'expectEachDeliveredOnce', 'runWholeFlow', 'runAtfFlow'] }],
            // Written fields are checked exactly: no partial matcher lets an unchecked field slip through.
            'jest/no-restricted-matchers': ['error', {
                toMatchObject: 'Compare the whole value with toEqual (take out a varying field and check it on its own).',
                toHaveProperty: 'Compare the whole value with toEqual.',
            }],
            'no-restricted-properties': ['error',
                ...['objectContaining', 'arrayContaining'].map((property) => ({ object: 'expect', property, message: 'Compare the whole value exactly (filter a list the test does not control explicitly).' })),
            ],
        },
    },
    {
        files: ['jest.config.js', 'playground/**/*.cjs'],
        languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
        rules: { '@typescript-eslint/no-require-imports': 'off' },
    },
    // The playground's stand-ins for the platform's client globals (npm start).
    { files: ['playground/client/**/*.js'], languageOptions: { sourceType: 'script', globals: { ...globals.browser } } },
    // Platform scripts: each declares the platform globals it relies on. Top-level names are the script's export.
    {
        files: ['src/browser/**/*.js'],
        languageOptions: {
            sourceType: 'script',
            globals: { ...globals.browser, g_form: 'readonly', g_modal: 'readonly', GlideAjax: 'readonly', GlideModal: 'readonly' },
        },
        rules: { '@typescript-eslint/no-unused-vars': ['error', { vars: 'local', caughtErrors: 'none' }] },
    },
    {
        files: ['src/script-includes/**/*.js', 'src/atf/**/*.js'],
        languageOptions: {
            sourceType: 'script',
            globals: {
                Class: 'readonly', global: 'readonly', GlideRecord: 'readonly', gs: 'readonly', require: 'readonly',
                x_em_aws_apikey: 'readonly',
                outputs: 'readonly', steps: 'readonly', params: 'readonly', stepResult: 'readonly', assertEqual: 'readonly',
            },
        },
        rules: {
            '@typescript-eslint/no-unused-vars': ['error', { vars: 'local', caughtErrors: 'none' }],
            '@typescript-eslint/no-require-imports': 'off',
        },
    },
    {
        files: ['src/script-includes/aws-endpoint-key-ajax.js', 'src/script-includes/aws-endpoint-key-buttons.js', 'src/script-includes/aws-sns-event-keys-test-api.js'],
        languageOptions: { globals: { AwsSnsModuleLoader: 'readonly' } },
    },
    // UI-action scripts with a browser half (confirm, then gsftSubmit) and a server half (current, action).
    {
        files: ['src/browser/revoke-key.client.js', 'src/browser/repair-restrictions.client.js', 'src/browser/undo-repair.client.js'],
        languageOptions: { globals: { gsftSubmit: 'readonly', AwsSnsModuleLoader: 'readonly', current: 'readonly', action: 'readonly' } },
    },
)
