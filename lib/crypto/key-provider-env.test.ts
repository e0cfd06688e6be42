// The key-provider variables of lib/env.ts: a working local default outside production, an
// explicit choice in production, never the public development key there.
import '../../tests/simulators/kms/quiet-sdk-warning.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { getEnv } from '../env.ts';
import { generateAuthSecrets } from '../../scripts/lib/dev-secrets.ts';
import { setTestEnv, snapshotTestEnv } from '../../tests/helpers/test-env.ts';
import { createKeyProvider } from './create-key-provider.ts';
import { DEV_LOCAL_MASTER_KEY } from './schemas.ts';

const PROD_BASE = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgresql://a:a@127.0.0.1/x',
  DATABASE_SYSTEM_URL: 'postgresql://b:b@127.0.0.1/x',
  DATABASE_OWNER_URL: 'postgresql://c:c@127.0.0.1/x',
  DATABASE_ADMIN_URL: 'postgresql://d@127.0.0.1/x',
  REDIS_URL: 'redis://127.0.0.1:6379',
  APP_URL: 'https://packline.example',
  SMTP_URL: 'smtps://mailer:secret@smtp.example.com:465',
  ...generateAuthSecrets(),
};
const KEY_VARS = [
  'KEY_PROVIDER',
  'LOCAL_MASTER_KEY',
  'LOCAL_KEY_PROVIDER_ALLOW_IN_PRODUCTION',
  'KMS_KEY_ID',
  'KMS_REGION',
  'KMS_ENDPOINT',
];

afterEach(snapshotTestEnv());

function withEnv(vars: Record<string, string | undefined>) {
  setTestEnv({ ...Object.fromEntries(KEY_VARS.map((key) => [key, undefined])), ...vars });
}

/** The error getEnv throws, or '' when it parsed. Its variable-name list is what the tests read. */
function envError(): string {
  try {
    getEnv();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('key provider environment', () => {
  it('defaults to the local provider with the public dev key outside production', () => {
    withEnv({ NODE_ENV: 'development' });
    const env = getEnv();
    expect(env).toMatchObject({ KEY_PROVIDER: 'local', LOCAL_MASTER_KEY: DEV_LOCAL_MASTER_KEY });
    const provider = createKeyProvider(env, { production: false });
    expect(provider).toMatchObject({ kind: 'local', keyId: 'local' });
  });

  it('makes production choose a provider', () => {
    withEnv(PROD_BASE);
    expect(envError()).toMatch(/KEY_PROVIDER/);
  });

  it('refuses the public dev key in production, even when the local provider is allowed', () => {
    withEnv({
      ...PROD_BASE,
      KEY_PROVIDER: 'local',
      LOCAL_MASTER_KEY: DEV_LOCAL_MASTER_KEY,
      LOCAL_KEY_PROVIDER_ALLOW_IN_PRODUCTION: 'true',
    });
    expect(envError()).toMatch(/LOCAL_MASTER_KEY: is the public development key/);
    // And without a key at all, the local provider's key is required.
    withEnv({ ...PROD_BASE, KEY_PROVIDER: 'local', LOCAL_KEY_PROVIDER_ALLOW_IN_PRODUCTION: 'true' });
    expect(envError()).toMatch(/LOCAL_MASTER_KEY/);
  });

  it('needs a key id and region for AWS KMS; the endpoint is optional', () => {
    withEnv({ ...PROD_BASE, KEY_PROVIDER: 'aws-kms' });
    expect(envError()).toMatch(/KMS_KEY_ID[\s\S]*KMS_REGION|KMS_REGION[\s\S]*KMS_KEY_ID/);
    withEnv({ ...PROD_BASE, KEY_PROVIDER: 'aws-kms', KMS_KEY_ID: 'alias/packline', KMS_REGION: 'eu-west-2' });
    expect(envError()).toBe('');
    expect(createKeyProvider(getEnv(), { production: true })).toMatchObject({
      kind: 'aws-kms',
      keyId: 'alias/packline',
    });
  });

  it('the dev key is a valid, labelled 32-byte key', () => {
    expect(Buffer.from(DEV_LOCAL_MASTER_KEY, 'base64')).toHaveLength(32);
  });
});
