import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronOnlyIn = (files, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { paths: [{ name: 'electron', message }] }],
  },
});

/** What the renderer may never import: main's modules and Node. */
const RENDERER_SANDBOX = {
  group: ['electron', 'node:*', 'dockerode', '**/main/**', '**/preload/**'],
  message: 'The renderer talks to main only through window.api.',
};

// The renderer's layers (docs/architecture.md): lib < components < features < app. A feature
// imports lib, components and itself; features meet only in app/, which composes them.
const FEATURES = [
  'builds',
  'containers',
  'editor',
  'engine',
  'images',
  'layers',
  'registry',
  'system',
  'wizard',
];
const rendererLayer = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [RENDERER_SANDBOX, ...patterns] }] },
});
const NO_APP = {
  regex: '^(\\.\\./)+app(/|$)',
  message: 'Only app/ composes features: pass what you need in as props or through lib/.',
};
const NO_FEATURES = {
  regex: '^(\\.\\./)+features(/|$)',
  message: 'lib/ and components/ sit below the features and never import them.',
};
const NO_INVOKE = {
  group: ['**/lib/invoke'],
  importNames: ['invoke'],
  message: "Requests live in a feature's api/ folder, next to its query keys.",
};
const featureLayers = FEATURES.flatMap((feature) => {
  const noOtherFeature = {
    regex: `^(\\.\\./)+(features/)?(${FEATURES.filter((other) => other !== feature).join('|')})(/|$)`,
    message: 'Features do not import each other: share through components/ or compose in app/.',
  };
  return [
    rendererLayer([`src/renderer/features/${feature}/**/*.{ts,tsx}`], [NO_APP, noOtherFeature, NO_INVOKE]),
    rendererLayer([`src/renderer/features/${feature}/api/**/*.{ts,tsx}`], [NO_APP, noOtherFeature]),
  ];
});

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.cache/**',
      'test/e2e/artifacts/**',
      'test-results/**',
      'test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer reaches main only through window.api.
      'no-restricted-imports': ['error', { patterns: [RENDERER_SANDBOX] }],
    },
  },
  rendererLayer(
    ['src/renderer/lib/**/*.{ts,tsx}', 'src/renderer/components/**/*.{ts,tsx}'],
    [NO_APP, NO_FEATURES, NO_INVOKE],
  ),
  rendererLayer(['src/renderer/app/**/*.{ts,tsx}', 'src/renderer/*.{ts,tsx}'], [NO_INVOKE]),
  ...featureLayers,
  // Outside features' api/ folders (and lib, where it is defined), nothing calls main.
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ignores: ['src/renderer/features/*/api/**', 'src/renderer/lib/invoke.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.object.name='window'][callee.object.property.name='api'][callee.property.name='invoke']",
          message: "Requests live in a feature's api/ folder, next to its query keys.",
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'node:*', 'dockerode', 'react', '**/main/**', '**/renderer/**'],
              message: 'src/shared is pure: no Node, no DOM, no Electron.',
            },
          ],
        },
      ],
    },
  },
  // Main-process logic is plain Node so tests drive it without Electron; only the shell and the IPC binding import it.
  electronOnlyIn(['src/main/**/*.ts'], 'Only src/main/index.ts and src/main/ipc.ts may import electron.'),
  { files: ['src/main/index.ts', 'src/main/ipc.ts'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['scripts/**/*.mjs'], languageOptions: { globals: { ...globals.node } } },
);
