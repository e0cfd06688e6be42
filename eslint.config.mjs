// One lint entry for the whole repository: Next's recommended rules (with core web vitals and
// TypeScript), plus the project's own boundaries from STYLE.md.
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Promise.all over one transaction client (`tx`, lib/db/tenant.ts): a transaction is ONE connection,
// so the statements only queue behind each other — no gain — and pg 9 refuses overlapping queries.
const combinator =
  "CallExpression[callee.object.name='Promise'][callee.property.name=/^(all|allSettled|any|race)$/]";
const sameTxMessage =
  'A transaction is one connection: run queries on the same tx one after another, not in Promise.all.';
const sameTxSelectors = [
  `${combinator} > ArrayExpression > CallExpression[callee.object.object.name='tx']`, // tx.order.count()
  `${combinator} > ArrayExpression > CallExpression[callee.object.name='tx']`, // tx.$queryRawUnsafe()
  `${combinator} > ArrayExpression > TaggedTemplateExpression[tag.object.name='tx']`, // tx.$queryRaw``
  `${combinator} > ArrayExpression > CallExpression > Identifier.arguments[name='tx']`, // helper(tx, …)
  `${combinator} > CallExpression[callee.property.name='map'] > ArrowFunctionExpression > CallExpression[callee.object.object.name='tx']`,
  `${combinator} > CallExpression[callee.property.name='map'] > ArrowFunctionExpression > CallExpression > Identifier.arguments[name='tx']`,
].map((selector) => ({ selector, message: sameTxMessage }));

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
      'no-restricted-syntax': ['error', ...sameTxSelectors],
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
