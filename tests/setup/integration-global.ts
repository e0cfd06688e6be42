// Vitest globalSetup of the integration project: one migrated template database per run.
import { buildTemplate } from './test-databases.ts';

export default async function setup(): Promise<void> {
  await buildTemplate();
}
