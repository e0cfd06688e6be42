// AwsKmsKeyProvider against the KMS simulator, in-process on a random port, through the REAL
// @aws-sdk/client-kms (the SDK is never mocked).
import '../../tests/simulators/kms/quiet-sdk-warning.ts';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startKmsSimulator, type KmsSimulator } from '../../tests/simulators/kms/server.ts';
import { AwsKmsKeyProvider, mapKmsError, type AwsKmsKeyProviderOptions } from './aws-kms-key-provider.ts';
import { createKeyProvider } from './create-key-provider.ts';
import {
  InvalidWrappedKeyError,
  KeyAccessDeniedError,
  KeyProviderError,
  KmsUnavailableError,
} from './errors.ts';
import type { DataKeyContext } from './key-provider.ts';
import { ZKeyProviderConfig } from './schemas.ts';

let sim: KmsSimulator;
const providers: AwsKmsKeyProvider[] = [];
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

function provider(overrides: Partial<AwsKmsKeyProviderOptions> = {}): AwsKmsKeyProvider {
  const p = new AwsKmsKeyProvider({
    keyId: 'alias/packline',
    region: sim.region,
    endpoint: sim.url,
    credentials,
    maxAttempts: 1,
    ...overrides,
  });
  providers.push(p);
  return p;
}

async function rejection(promise: Promise<unknown>): Promise<KeyProviderError> {
  try {
    await promise;
  } catch (error) {
    return error as KeyProviderError;
  }
  throw new Error('expected a rejection');
}

const orgA: DataKeyContext = { organizationId: 'org_a', purpose: 'buyer-pii' };
const orgB: DataKeyContext = { organizationId: 'org_b', purpose: 'buyer-pii' };

beforeAll(async () => {
  sim = await startKmsSimulator({ port: 0 });
});
afterAll(async () => {
  for (const p of providers) p.close();
  await sim.close();
});
beforeEach(() => sim.reset());

describe('AwsKmsKeyProvider', () => {
  it('generates a data key and unwraps it (with the stored key ARN, and with its own alias)', async () => {
    const kms = provider();
    const key = sim.keys.get('alias/packline');
    const generated = await kms.generateDataKey(orgA);
    expect(kms.kind).toBe('aws-kms');
    expect(generated.keyId).toBe(key.arn);
    expect(generated.plaintext).toHaveLength(32);
    expect(generated.wrapped.equals(generated.plaintext)).toBe(false);

    expect((await kms.unwrap(generated.wrapped, orgA, generated.keyId)).equals(generated.plaintext)).toBe(
      true,
    );
    expect((await kms.unwrap(generated.wrapped, orgA)).equals(generated.plaintext)).toBe(true);
  });

  it("refuses org A's wrapped key presented with org B's context (InvalidCiphertextException → InvalidWrappedKeyError)", async () => {
    const kms = provider();
    const generated = await kms.generateDataKey(orgA);
    for (const context of [orgB, { organizationId: 'org_a', purpose: 'credentials' } as const]) {
      const error = await rejection(kms.unwrap(generated.wrapped, context, generated.keyId));
      expect(error).toBeInstanceOf(InvalidWrappedKeyError);
      expect(error.retryable).toBe(false);
      expect(error.providerErrorName).toBe('InvalidCiphertextException');
    }
  });

  it('refuses a tampered wrapped key', async () => {
    const kms = provider();
    const generated = await kms.generateDataKey(orgA);
    const tampered = Buffer.from(generated.wrapped);
    tampered[tampered.length - 1]! ^= 0x80;
    expect(await rejection(kms.unwrap(tampered, orgA, generated.keyId))).toBeInstanceOf(
      InvalidWrappedKeyError,
    );
  });

  it('refuses a blob wrapped under another key than the one named (IncorrectKeyException)', async () => {
    const kms = provider();
    const other = sim.keys.createKey();
    const generated = await kms.generateDataKey(orgA);
    const error = await rejection(kms.unwrap(generated.wrapped, orgA, other.arn));
    expect(error).toBeInstanceOf(InvalidWrappedKeyError);
    expect(error.providerErrorName).toBe('IncorrectKeyException');
  });

  it('a disabled key → KeyAccessDeniedError (not retryable); an unknown key likewise', async () => {
    const key = sim.keys.createKey({ aliases: ['alias/provider-disabled'] });
    const kms = provider({ keyId: 'alias/provider-disabled' });
    const generated = await kms.generateDataKey(orgA);
    sim.keys.disableKey(key.keyId);
    try {
      const genError = await rejection(kms.generateDataKey(orgA));
      expect(genError).toBeInstanceOf(KeyAccessDeniedError);
      expect(genError.retryable).toBe(false);
      expect(genError.providerErrorName).toBe('DisabledException');
      const unwrapError = await rejection(kms.unwrap(generated.wrapped, orgA, generated.keyId));
      expect(unwrapError).toBeInstanceOf(KeyAccessDeniedError);
      expect(await kms.describeKey()).toEqual({ arn: key.arn, enabled: false, state: 'Disabled' });
    } finally {
      sim.keys.enableKey(key.keyId);
    }
    const missing = await rejection(provider({ keyId: 'alias/missing' }).generateDataKey(orgA));
    expect(missing).toBeInstanceOf(KeyAccessDeniedError);
    expect(missing.providerErrorName).toBe('NotFoundException');
  });

  it('throttling → KmsUnavailableError (retryable) after maxAttempts attempts', async () => {
    const kms = provider({ maxAttempts: 2 });
    sim.faults.set({ throttleRate: 1 });
    const error = await rejection(kms.generateDataKey(orgA));
    expect(error).toBeInstanceOf(KmsUnavailableError);
    expect(error.retryable).toBe(true);
    expect(error.providerErrorName).toBe('ThrottlingException');
    expect(sim.calls.count('GenerateDataKey')).toBe(2);
  });

  it('HTTP 500 (KMSInternalException) → KmsUnavailableError', async () => {
    const kms = provider();
    const generated = await kms.generateDataKey(orgA);
    sim.faults.set({ internalErrorRate: 1 });
    const error = await rejection(kms.unwrap(generated.wrapped, orgA, generated.keyId));
    expect(error).toBeInstanceOf(KmsUnavailableError);
    expect(error.providerErrorName).toBe('KMSInternalException');
  });

  it('a transient fault within maxAttempts is absorbed by the SDK retry', async () => {
    const kms = provider({ maxAttempts: 3 });
    sim.faults.set({ failNext: 1, failNextWith: 'KMSInternalException' });
    const generated = await kms.generateDataKey(orgA);
    expect(generated.plaintext).toHaveLength(32);
    expect(sim.calls.count('GenerateDataKey')).toBe(2);
  });

  it('a request timeout → KmsUnavailableError', async () => {
    const kms = provider({ requestTimeoutMs: 100 });
    sim.faults.set({ latencyMs: 400 });
    const error = await rejection(kms.generateDataKey(orgA));
    expect(error).toBeInstanceOf(KmsUnavailableError);
  });

  it('a refused connection → KmsUnavailableError', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const kms = provider({ endpoint: `http://127.0.0.1:${port}` });
    const error = await rejection(kms.generateDataKey(orgA));
    expect(error).toBeInstanceOf(KmsUnavailableError);
    expect(error.providerErrorName).toBe('ECONNREFUSED');
  });

  it('rewraps to a new key with ReEncrypt; the old blob still unwraps under the old key', async () => {
    const kms = provider();
    const oldKey = sim.keys.get('alias/packline');
    const newKey = sim.keys.createKey({ aliases: ['alias/provider-rotated'] });
    const generated = await kms.generateDataKey(orgA);

    const rewrapped = await kms.rewrap(generated.wrapped, orgA, 'alias/provider-rotated');
    expect(rewrapped.keyId).toBe(newKey.arn);
    expect(rewrapped.wrapped.equals(generated.wrapped)).toBe(false);
    expect(sim.calls.count('ReEncrypt')).toBe(1);

    expect((await kms.unwrap(rewrapped.wrapped, orgA, rewrapped.keyId)).equals(generated.plaintext)).toBe(
      true,
    );
    expect((await kms.unwrap(generated.wrapped, orgA, oldKey.arn)).equals(generated.plaintext)).toBe(true);
    // The rewrapped blob keeps the tenant binding.
    expect(await rejection(kms.unwrap(rewrapped.wrapped, orgB, rewrapped.keyId))).toBeInstanceOf(
      InvalidWrappedKeyError,
    );
    // And the default (the provider's own key) no longer matches it.
    expect(await rejection(kms.unwrap(rewrapped.wrapped, orgA))).toBeInstanceOf(InvalidWrappedKeyError);
  });

  it('rewrap refuses a wrong context and a disabled destination', async () => {
    const kms = provider();
    const destination = sim.keys.createKey();
    const generated = await kms.generateDataKey(orgA);
    expect(await rejection(kms.rewrap(generated.wrapped, orgB, destination.arn))).toBeInstanceOf(
      InvalidWrappedKeyError,
    );
    sim.keys.disableKey(destination.keyId);
    expect(await rejection(kms.rewrap(generated.wrapped, orgA, destination.arn))).toBeInstanceOf(
      KeyAccessDeniedError,
    );
  });

  it('describeKey resolves the alias to the key ARN', async () => {
    const key = sim.keys.get('alias/packline');
    expect(await provider().describeKey()).toEqual({ arn: key.arn, enabled: true, state: 'Enabled' });
    expect(sim.calls.count('DescribeKey')).toBe(1);
  });

  it('costs exactly one KMS call per operation (call counter)', async () => {
    // A key of its own, so a slow request left over from an earlier test cannot be counted here.
    const key = sim.keys.createKey();
    const kms = provider({ keyId: key.arn });
    const keys = await Promise.all(Array.from({ length: 5 }, () => kms.generateDataKey(orgA)));
    await Promise.all(keys.map((k) => kms.unwrap(k.wrapped, orgA, k.keyId)));
    const counts = sim.calls.log
      .filter((c) => c.keyArn === key.arn)
      .reduce<Record<string, number>>(
        (acc, c) => ({ ...acc, [c.operation]: (acc[c.operation] ?? 0) + 1 }),
        {},
      );
    expect(counts).toEqual({ GenerateDataKey: 5, Decrypt: 5 });
  });

  it('refuses an invalid context before calling KMS', async () => {
    const kms = provider();
    await expect(kms.generateDataKey({ organizationId: '', purpose: 'buyer-pii' })).rejects.toThrow(
      TypeError,
    );
    await expect(
      kms.generateDataKey({ organizationId: 'org', purpose: 'nope' as DataKeyContext['purpose'] }),
    ).rejects.toThrow(TypeError);
    expect(sim.calls.count()).toBe(0);
  });
});

describe('createKeyProvider (aws-kms) and error mapping', () => {
  afterEach(() => sim.faults.reset());

  it('builds a working AwsKmsKeyProvider from the parsed variables', async () => {
    const config = ZKeyProviderConfig.parse({
      KEY_PROVIDER: 'aws-kms',
      KMS_KEY_ID: 'alias/packline',
      KMS_REGION: sim.region,
      KMS_ENDPOINT: sim.url,
    });
    const kms = createKeyProvider(config, { production: true, kms: { credentials, maxAttempts: 1 } });
    expect(kms).toBeInstanceOf(AwsKmsKeyProvider);
    providers.push(kms as AwsKmsKeyProvider);
    const generated = await kms.generateDataKey(orgA);
    expect((await kms.unwrap(generated.wrapped, orgA, generated.keyId)).equals(generated.plaintext)).toBe(
      true,
    );
  });

  it('maps unknown SDK errors to a non-retryable KeyProviderError', () => {
    const error = mapKmsError('Decrypt', Object.assign(new Error('x'), { name: 'ValidationException' }));
    expect(error).toBeInstanceOf(KeyProviderError);
    expect(error).not.toBeInstanceOf(KmsUnavailableError);
    expect(error.retryable).toBe(false);
    const wrapped = mapKmsError('Decrypt', new Error('socket', { cause: { code: 'ECONNRESET' } }));
    expect(wrapped).toBeInstanceOf(KmsUnavailableError);
    const status503 = mapKmsError(
      'Decrypt',
      Object.assign(new Error('x'), { name: 'Unknown', $metadata: { httpStatusCode: 503 } }),
    );
    expect(status503).toBeInstanceOf(KmsUnavailableError);
  });
});
