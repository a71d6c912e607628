// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const VSCODE = { name: 'vscode', message: 'Only the adapters import vscode; keep core/, api/ and shared/ free of it.' };

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-output/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
      'no-restricted-imports': ['error', { paths: [VSCODE] }],
    },
  },
  {
    // The adapters and what runs inside the extension host (tests, the host benchmark) may import vscode.
    files: ['src/**/*.ts', 'test/integration/**/*.ts', 'test/untrusted/**/*.ts', 'test/e2e/**/*.ts', 'bench/host/**/*.ts'],
    ignores: ['src/core/**', 'src/api/**', 'src/shared/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The layers, bottom up: shared ← api, core (neither knows the other's insides, nor
    // vscode) ← services, flows, actions ← views (sidebar, qr, link, webview), which reach
    // GREEN-API only through actions and the state-check service, never a client.
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [VSCODE], patterns: [{ group: ['**/api/*', '**/apiClients'], message: 'core/ does not import the API layer: classify its errors through callbacks or src/shared.' }] }] },
  },
  {
    files: ['src/api/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [VSCODE], patterns: [{ group: ['**/core/*'], message: 'api/ does not import core/: put what both need in src/shared.' }] }] },
  },
  {
    files: ['src/sidebar/**/*.ts', 'src/qr/**/*.ts', 'src/link/**/*.ts', 'src/webview/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/api/*', '**/apiClients'], message: 'Views never hold a client: call an action or the state-check service.' }] }] },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Notification text is made by t() (src/core/l10n.ts), which neutralizes every value put
    // into it: raw strings, templates and concatenations would let a path or a name carry a
    // `[label](command:…)` link past it.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.property.name=/^show(Information|Warning|Error)Message$/] > :matches(Literal, TemplateLiteral, BinaryExpression).arguments:first-child",
        message: 'Make notification text with t() from src/core/l10n.ts, which neutralizes the values in it.',
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
