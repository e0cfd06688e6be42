// Points the process-wide key provider (lib/crypto/tenant-keys.ts) at an in-process KMS
// simulator, so integration tests run the real @aws-sdk/client-kms against it.
import '../simulators/kms/quiet-sdk-warning.ts';
import { resetTenantKeys } from '../../lib/crypto/tenant-keys.ts';
import { resetEnvForTests } from '../../lib/env.ts';
import { startKmsSimulator, type KmsSimulator } from '../simulators/kms/server.ts';

export async function setupKmsSimulator(): Promise<KmsSimulator> {
  const sim = await startKmsSimulator({ port: 0 });
  process.env.KEY_PROVIDER = 'aws-kms';
  process.env.KMS_ENDPOINT = sim.url;
  process.env.KMS_REGION = sim.region;
  process.env.KMS_KEY_ID = 'alias/packline';
  resetEnvForTests();
  resetTenantKeys();
  return sim;
}

/** A fresh process, as far as KMS can tell: the next use builds a new provider and an empty cache. */
export function freshKeyCache(): void {
  resetTenantKeys();
}
