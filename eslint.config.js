import globals from 'globals';
import neostandard, { resolveIgnoresFromGitignore } from 'neostandard';

/**
 * neostandard (as fastify/demo uses it), set to the code's own style so that it flags little:
 * semicolons, single quotes, 2 spaces, lines of at most 120 characters, trailing commas.
 */
export default [
  ...neostandard({ ts: true, semi: true, noJsx: true, ignores: resolveIgnoresFromGitignore() }),
  {
    rules: {
      '@stylistic/max-len': ['error', { code: 120, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
      '@stylistic/comma-dangle': ['error', 'always-multiline'],
      '@stylistic/space-before-function-paren': ['error', { anonymous: 'always', named: 'never', asyncArrow: 'always' }],
      '@stylistic/operator-linebreak': ['error', 'after', { overrides: { '?': 'before', ':': 'before' } }],
      '@stylistic/arrow-parens': ['error', 'always'],
      '@stylistic/multiline-ternary': 'off',
      '@stylistic/quote-props': ['error', 'as-needed'],
      // The code was laid out by a formatter whose indentation of curried arrows and chains differs
      // from @stylistic's; two spaces are kept by review, not by this rule.
      '@stylistic/indent': 'off',
      '@stylistic/indent-binary-ops': 'off',
      '@stylistic/generator-star-spacing': ['error', { before: false, after: false }],
      '@stylistic/quotes': ['error', 'single', { avoidEscape: true }],
      // `() => void promise` marks a promise deliberately not awaited.
      'no-void': 'off',
    },
  },
  {
    // The TypeScript rules; the dashboard's browser modules (src/dashboard/assets) are plain JavaScript.
    files: ['**/*.ts'],
    rules: {
      // A TypeBox schema and its static type share one name (`const X = Type.Object(...)`, `type X = Static<typeof X>`).
      '@typescript-eslint/no-redeclare': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // A source file past 400 lines does more than one job: split it (the house's rule, docs/architecture.md).
    files: ['src/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
  {
    // The dashboard's modules run in the browser.
    files: ['src/dashboard/assets/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    // The tests' case tables keep one case per line, however long.
    files: ['test/**/*.ts'],
    rules: { '@stylistic/max-len': 'off' },
  },
];
