// Vitest globalSetup of the integration project: one migrated template database per run, whose
// name reaches every test file through provide/inject; dropped when the run ends.
import type { TestProject } from 'vitest/node';
import { buildTemplate, dropDatabase } from './test-databases.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = await buildTemplate();
  project.provide('templateDatabase', template);
  return () => dropDatabase(template);
}
