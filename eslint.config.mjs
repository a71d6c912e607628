// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const VSCODE = { name: 'vscode', message: 'Only the adapters import vscode; keep core/, api/ and base/ free of it.' };

/**
 * The folders of src/, top down (see CONTRIBUTING.md, "Architecture"): a folder imports only
 * from its own layer and the layers below it. webview/ is bundled apart and sits beside actions/.
 * core/ and api/ share a layer but neither knows the other's insides; views never hold a client.
 * Exported for test/unit/layers.test.ts, which probes every pair of folders against these rules.
 */
export const LAYERS = [
  ['commands', 'testing'],
  ['actions', 'webview'],
  ['views'],
  ['flows'],
  ['services'],
  ['ui', 'failures'],
  ['platform'],
  ['core', 'api'],
  ['base'],
];
const VSCODE_FREE = new Set(['core', 'api', 'base']);
const EXTRA = {
  core: [
    {
      group: ['**/api/*'],
      message: 'core/ does not import the API layer: classify its errors through callbacks or src/base.',
    },
  ],
  api: [{ group: ['**/core/*'], message: 'api/ does not import core/: put what both need in src/base.' }],
  views: [
    {
      group: ['**/api/*', '**/apiClients'],
      message: 'Views never hold a client: call an action or the state-check service.',
    },
  ],
  webview: [
    {
      group: ['**/api/*', '**/apiClients'],
      message: 'Views never hold a client: call an action or the state-check service.',
    },
  ],
};

function layerRules() {
  return LAYERS.flatMap((layer, depth) =>
    layer.map((folder) => {
      const above = LAYERS.slice(0, depth).flat();
      const patterns = [
        ...(above.length
          ? [
              {
                group: above.flatMap((name) => [`**/${name}/*`, `**/${name}/**`]),
                message: `src/${folder}/ sits below ${above.join(', ')}: it may import only its own layer and those below it.`,
              },
            ]
          : []),
        ...(EXTRA[folder] ?? []),
      ];
      const paths = VSCODE_FREE.has(folder) ? [VSCODE] : [];
      return { files: [`src/${folder}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { paths, patterns }] } };
    }),
  );
}

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
    files: [
      'src/**/*.ts',
      'test/integration/**/*.ts',
      'test/untrusted/**/*.ts',
      'test/e2e/**/*.ts',
      'bench/host/**/*.ts',
    ],
    ignores: ['src/core/**', 'src/api/**', 'src/base/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  ...layerRules(),
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
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^show(Information|Warning|Error)Message$/] > :matches(Literal, TemplateLiteral, BinaryExpression).arguments:first-child',
          message: 'Make notification text with t() from src/core/l10n.ts, which neutralizes the values in it.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
