// The health check's KMS slot against the simulator through the real SDK: provider kind and key
// id shown (never key material), a disabled key or an unreachable KMS reported as down — and the
// overall status stays ok/200, because KMS is advisory (lib/health/check-health.ts).
import '../../tests/simulators/kms/quiet-sdk-warning.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AwsKmsKeyProvider } from '../crypto/aws-kms-key-provider.ts';
import { LocalKeyProvider } from '../crypto/local-key-provider.ts';
import { DEV_LOCAL_MASTER_KEY } from '../crypto/schemas.ts';
import { startKmsSimulator, type KmsSimulator } from '../../tests/simulators/kms/server.ts';
import { checkHealth, KMS_PROBE_CACHE_MS, resetKmsProbeCache, toHttpStatus } from './check-health.ts';

let sim: KmsSimulator;
let provider: AwsKmsKeyProvider;

beforeAll(async () => {
  sim = await startKmsSimulator({ port: 0 });
  provider = new AwsKmsKeyProvider({
    keyId: 'alias/packline',
    region: sim.region,
    endpoint: sim.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  provider.close();
  await sim.close();
});
beforeEach(() => {
  resetKmsProbeCache();
  sim.reset();
});

describe('health: kms', () => {
  it('is up with the provider kind and key id, and caches the probe', async () => {
    const report = await checkHealth({ keyProvider: provider });
    expect(report.checks.kms).toEqual({
      status: 'up',
      latencyMs: expect.any(Number),
      provider: 'aws-kms',
      keyId: 'alias/packline',
    });
    await checkHealth({ keyProvider: provider });
    expect(sim.calls.count('DescribeKey')).toBe(1);
    expect(KMS_PROBE_CACHE_MS).toBeGreaterThan(0);
  });

  it('reports a disabled key and an unreachable KMS as down, and stays 200', async () => {
    sim.keys.disableKey('alias/packline');
    try {
      const disabled = await checkHealth({ keyProvider: provider });
      expect(disabled.checks.kms).toMatchObject({ status: 'down', reason: 'key-disabled' });
      expect(disabled.status).toBe('ok');
      expect(toHttpStatus(disabled)).toBe(200);
    } finally {
      sim.keys.enableKey('alias/packline');
    }

    resetKmsProbeCache();
    sim.faults.set({ internalErrorRate: 1 });
    const down = await checkHealth({ keyProvider: provider });
    expect(down.checks.kms).toMatchObject({ status: 'down', reason: 'unavailable', provider: 'aws-kms' });
    expect(toHttpStatus(down)).toBe(200);
    expect(JSON.stringify(down)).not.toMatch(/Exception|internal error/i);
  });

  it('shows the local provider as up, never its master key', async () => {
    const local = new LocalKeyProvider({ masterKey: DEV_LOCAL_MASTER_KEY, production: false });
    const report = await checkHealth({ keyProvider: local });
    expect(report.checks.kms).toEqual({ status: 'up', latencyMs: 0, provider: 'local', keyId: 'local' });
    expect(JSON.stringify(report)).not.toContain(DEV_LOCAL_MASTER_KEY);
  });
});
