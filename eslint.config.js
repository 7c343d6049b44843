// One lint config for every workspace: typescript-eslint's recommended rules.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import importExtensions from './eslint/import-extensions.js';
import packageBoundaries from './eslint/package-boundaries.js';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      'frontend/dist-test/**',
      '**/.tsbuild/**',
      '**/.azle/**',
      '**/node_modules/**',
      '**/.localnet/**',
      'canister/src/generated/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'ii/no-cross-package-imports': 'error',
    },
    plugins: { ii: { rules: { ...packageBoundaries.rules, ...importExtensions.rules } } },
  },
  {
    // The README's import conventions, in every package.
    files: [
      '{localnet,frontend,canister,client,test-dapp,test-dapp-icrc,scripts,probes,deploy,dashboards}/**/*.{ts,tsx}',
    ],
    rules: {
      'ii/relative-import-extension': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
