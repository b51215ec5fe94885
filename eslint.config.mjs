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

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.cache/**',
      'test/e2e/artifacts/**',
      'test-results/**',
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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'node:*', 'dockerode', '**/main/**', '**/preload/**'],
              message: 'The renderer talks to main only through window.api.',
            },
          ],
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
