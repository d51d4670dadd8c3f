import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'public/**', 'tmp/**'] },
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly' },
    },
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-namespace': 'off',
    },
  },
  {
    // Group commit (src/db/group-commit.ts) answers a transaction once its shared COMMIT is
    // on disk; Kysely's controlled transactions hand back commit() before that, so none here.
    files: ['src/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          property: 'startTransaction',
          message: 'Use db.transaction().execute(...): it answers only once the COMMIT is durable.',
        },
      ],
    },
  },
  {
    // Only queries files run queries (STYLE.md); src/db opens the connection and migrates.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.queries.ts', 'src/db/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'kysely',
              message: 'Run queries from a *.queries.ts file.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
