// Vitest globalSetup of the integration project: PostgreSQL and Redis when the machine has none
// (scripts/lib/local-services.ts; `npm test` has usually started them already), then one migrated
// template database per run, whose name reaches every test file through provide/inject; dropped
// when the run ends.
import type { TestProject } from 'vitest/node';
import { ensureLocalServices } from '../../scripts/lib/local-services.ts';
import { buildTemplate, dropDatabase } from './test-databases.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const services = await ensureLocalServices();
  const template = await buildTemplate();
  project.provide('templateDatabase', template);
  return async () => {
    await dropDatabase(template);
    await services.stop();
  };
}
