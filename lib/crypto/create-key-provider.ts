// Builds the configured KeyProvider from a parsed ZKeyProviderConfig (see schemas.ts).
import { AwsKmsKeyProvider, type AwsKmsKeyProviderOptions } from './aws-kms-key-provider.ts';
import type { KeyProvider } from './key-provider.ts';
import { LocalKeyProvider } from './local-key-provider.ts';
import type { TKeyProviderConfig } from './schemas.ts';

export interface CreateKeyProviderOptions {
  /** NODE_ENV === 'production': the local provider then refuses to start unless allowed. */
  production: boolean;
  /** aws-kms only: client settings the environment does not carry (static simulator credentials, retries). */
  kms?: Pick<
    AwsKmsKeyProviderOptions,
    'credentials' | 'maxAttempts' | 'connectionTimeoutMs' | 'requestTimeoutMs'
  >;
}

export function createKeyProvider(
  config: TKeyProviderConfig,
  options: CreateKeyProviderOptions,
): KeyProvider {
  if (config.KEY_PROVIDER === 'local') {
    if (!config.LOCAL_MASTER_KEY) throw new TypeError('LOCAL_MASTER_KEY is required when KEY_PROVIDER=local');
    return new LocalKeyProvider({
      masterKey: config.LOCAL_MASTER_KEY,
      production: options.production,
      allowInProduction: config.LOCAL_KEY_PROVIDER_ALLOW_IN_PRODUCTION,
    });
  }
  if (!config.KMS_KEY_ID || !config.KMS_REGION) {
    throw new TypeError('KMS_KEY_ID and KMS_REGION are required when KEY_PROVIDER=aws-kms');
  }
  return new AwsKmsKeyProvider({
    keyId: config.KMS_KEY_ID,
    region: config.KMS_REGION,
    ...(config.KMS_ENDPOINT ? { endpoint: config.KMS_ENDPOINT } : {}),
    ...options.kms,
  });
}
