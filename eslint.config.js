// ESLint: typescript-eslint's recommended rules for all TypeScript, React's rules of hooks for the
// renderer. Formatting is Prettier's job (`.prettierrc.json`), so no stylistic rules here.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Build output (what .gitignore leaves out, e.g. the renderer's dist-renderer/ that the e2e tests
  // build) is not linted. Migrations are frozen once the next one exists (tests/migrations-frozen),
  // and use Kysely<any> as Kysely's migration docs ask: not linted either.
  {
    ignores: [
      'out/**',
      'dist/**',
      'dist-renderer/**',
      'release/**',
      'test-results/**',
      '.tmp/**',
      'node_modules/**',
      '.electron-tooling/**',
      'types/**',
      'migrations/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Chinese text uses the ideographic space (U+3000) on purpose: in 称谓 and 落款 lines, envelopes, tables.
      'no-irregular-whitespace': [
        'error',
        { skipStrings: true, skipTemplates: true, skipJSXText: true, skipRegExps: true, skipComments: true },
      ],
      // `_name` marks a parameter or binding kept on purpose (a handler's signature, a destructured rest).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
