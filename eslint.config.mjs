// One lint entry for the whole repository: Next's recommended rules (with core web vitals and
// TypeScript), plus the project's own boundaries from STYLE.md.
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      'lib/db/generated/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
  {
    rules: {
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through getEnv() in lib/env.ts.' },
      ],
    },
  },
  {
    // Only the env module, Next's instrumentation hook (NEXT_RUNTIME), tooling configs, scripts that
    // start processes, and tests touch process.env.
    files: [
      'lib/env.ts',
      'instrumentation.ts',
      '*.config.{ts,mjs}',
      'scripts/**',
      'tests/**',
      '**/*.test.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['scripts/**', 'tests/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // lib/ is framework-free so the worker can load it: only auth and http adapters know Next.
    files: ['lib/**'],
    ignores: ['lib/auth/**', 'lib/http/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['next', 'next/*', 'react', 'react-dom', 'server-only'],
              message: 'lib/ stays framework-free.',
            },
            {
              group: ['@/app/*', '@/components/*', '../app/*', '../components/*'],
              message: 'lib/ never imports app/ or components/.',
            },
          ],
        },
      ],
    },
  },
];

export default config;
