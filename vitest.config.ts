import path from 'node:path';
import { defineConfig } from 'vitest/config';

const roots = ['lib', 'jobs', 'scripts', 'tests', 'components', 'app'];

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: roots.map((r) => `${r}/**/*.test.{ts,tsx}`),
          exclude: ['**/*.integration.test.ts', 'tests/e2e/**', '**/node_modules/**'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: roots.map((r) => `${r}/**/*.integration.test.ts`),
          globalSetup: ['tests/setup/integration-global.ts'],
          setupFiles: ['tests/setup/integration-file.ts', 'tests/setup/pg-concurrent-query-guard.ts'],
          pool: 'forks',
          maxWorkers: 3,
          sequence: { groupOrder: 1 },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
