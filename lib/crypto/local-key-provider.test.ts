import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createKeyProvider } from './create-key-provider.ts';
import { InvalidWrappedKeyError, KeyAccessDeniedError } from './errors.ts';
import type { DataKeyContext } from './key-provider.ts';
import { LocalKeyProvider } from './local-key-provider.ts';
import { ZKeyProviderConfig } from './schemas.ts';

const masterKey = randomBytes(32).toString('base64');
const nextMasterKey = randomBytes(32).toString('base64');
const orgA: DataKeyContext = { organizationId: 'org_a', purpose: 'buyer-pii' };
const orgB: DataKeyContext = { organizationId: 'org_b', purpose: 'buyer-pii' };

const local = () => new LocalKeyProvider({ masterKey, production: false });

describe('LocalKeyProvider', () => {
  it('generates a 32-byte data key and unwraps it', async () => {
    const provider = local();
    const generated = await provider.generateDataKey(orgA);
    expect(provider.kind).toBe('local');
    expect(generated.keyId).toBe('local');
    expect(generated.plaintext).toHaveLength(32);
    expect(generated.wrapped.includes(generated.plaintext)).toBe(false);
    expect((await provider.unwrap(generated.wrapped, orgA)).equals(generated.plaintext)).toBe(true);
    expect((await provider.unwrap(generated.wrapped, orgA, 'local')).equals(generated.plaintext)).toBe(true);
  });

  it("refuses another organization's or purpose's context", async () => {
    const provider = local();
    const generated = await provider.generateDataKey(orgA);
    await expect(provider.unwrap(generated.wrapped, orgB)).rejects.toBeInstanceOf(InvalidWrappedKeyError);
    await expect(
      provider.unwrap(generated.wrapped, { organizationId: 'org_a', purpose: 'credentials' }),
    ).rejects.toBeInstanceOf(InvalidWrappedKeyError);
  });

  it('refuses a flipped bit anywhere in the wrapped key', async () => {
    const provider = local();
    const { wrapped } = await provider.generateDataKey(orgA);
    for (let i = 0; i < wrapped.length; i++) {
      const tampered = Buffer.from(wrapped);
      tampered[i]! ^= 1 << (i % 8);
      await expect(provider.unwrap(tampered, orgA)).rejects.toBeInstanceOf(InvalidWrappedKeyError);
    }
  });

  it('refuses a blob wrapped under another master key', async () => {
    const other = new LocalKeyProvider({ masterKey: nextMasterKey, production: false });
    const { wrapped } = await other.generateDataKey(orgA);
    // Same key id ("local"), different material: authentication fails.
    await expect(local().unwrap(wrapped, orgA)).rejects.toBeInstanceOf(InvalidWrappedKeyError);
  });

  it('rewraps to another configured master key (rotation)', async () => {
    const provider = new LocalKeyProvider({
      masterKey,
      production: false,
      additionalMasterKeys: { 'local-2': nextMasterKey },
    });
    const generated = await provider.generateDataKey(orgA);
    const rewrapped = await provider.rewrap(generated.wrapped, orgA, 'local-2');
    expect(rewrapped.keyId).toBe('local-2');
    expect((await provider.unwrap(rewrapped.wrapped, orgA, 'local-2')).equals(generated.plaintext)).toBe(
      true,
    );
    // Unwrapping expects the provider's own key unless told otherwise.
    await expect(provider.unwrap(rewrapped.wrapped, orgA)).rejects.toBeInstanceOf(InvalidWrappedKeyError);
    await expect(provider.rewrap(generated.wrapped, orgB, 'local-2')).rejects.toBeInstanceOf(
      InvalidWrappedKeyError,
    );
    await expect(provider.rewrap(generated.wrapped, orgA, 'local-9')).rejects.toBeInstanceOf(
      KeyAccessDeniedError,
    );
  });

  it('refuses to start in production unless allowed', () => {
    expect(() => new LocalKeyProvider({ masterKey, production: true })).toThrow(/production/);
    expect(new LocalKeyProvider({ masterKey, production: true, allowInProduction: true }).kind).toBe('local');
  });

  it('refuses a master key that is not 32 bytes of base64, without echoing it', () => {
    for (const bad of ['short', randomBytes(16).toString('base64'), `${masterKey.slice(0, -2)}!=`]) {
      let message = '';
      try {
        new LocalKeyProvider({ masterKey: bad, production: false });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/32 bytes/);
      expect(message).not.toContain(bad);
    }
  });

  it('does not show key material when inspected or serialised', async () => {
    const provider = local();
    const text = `${inspect(provider, { depth: 10, showHidden: true })} ${JSON.stringify(provider)}`;
    expect(text).not.toContain(masterKey);
    expect(text).not.toContain(Buffer.from(masterKey, 'base64').toString('hex'));
  });

  it('refuses an invalid context', async () => {
    await expect(local().generateDataKey({ organizationId: '', purpose: 'buyer-pii' })).rejects.toThrow(
      TypeError,
    );
  });
});

describe('ZKeyProviderConfig + createKeyProvider (local)', () => {
  it('requires the variables of the chosen provider', () => {
    expect(ZKeyProviderConfig.safeParse({ KEY_PROVIDER: 'local' }).success).toBe(false);
    expect(ZKeyProviderConfig.safeParse({ KEY_PROVIDER: 'aws-kms', KMS_KEY_ID: 'alias/x' }).success).toBe(
      false,
    );
    expect(
      ZKeyProviderConfig.safeParse({
        KEY_PROVIDER: 'aws-kms',
        KMS_KEY_ID: 'alias/x',
        KMS_REGION: 'eu-west-2',
      }).success,
    ).toBe(true);
    expect(
      ZKeyProviderConfig.safeParse({ KEY_PROVIDER: 'aws-kms', KMS_KEY_ID: 'k', KMS_REGION: 'Europe' })
        .success,
    ).toBe(false);
    expect(ZKeyProviderConfig.safeParse({ KEY_PROVIDER: 'vault' }).success).toBe(false);
    expect(ZKeyProviderConfig.safeParse({ KEY_PROVIDER: 'local', LOCAL_MASTER_KEY: 'abc' }).success).toBe(
      false,
    );
  });

  it('builds a LocalKeyProvider, refused in production unless LOCAL_KEY_PROVIDER_ALLOW_IN_PRODUCTION', async () => {
    const config = ZKeyProviderConfig.parse({ KEY_PROVIDER: 'local', LOCAL_MASTER_KEY: masterKey });
    expect(config.LOCAL_KEY_PROVIDER_ALLOW_IN_PRODUCTION).toBe(false);
    const provider = createKeyProvider(config, { production: false });
    const generated = await provider.generateDataKey(orgA);
    expect((await local().unwrap(generated.wrapped, orgA)).equals(generated.plaintext)).toBe(true);

    expect(() => createKeyProvider(config, { production: true })).toThrow(/production/);
    const allowed = ZKeyProviderConfig.parse({
      KEY_PROVIDER: 'local',
      LOCAL_MASTER_KEY: masterKey,
      LOCAL_KEY_PROVIDER_ALLOW_IN_PRODUCTION: 'true',
    });
    expect(createKeyProvider(allowed, { production: true }).kind).toBe('local');
  });
});
