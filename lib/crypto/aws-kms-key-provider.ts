// AwsKmsKeyProvider: data keys from AWS KMS through the real @aws-sdk/client-kms client. In dev
// and tests `endpoint` points at the KMS simulator (tests/simulators/kms); the code path is the
// same as in production.
//
// - GenerateDataKey (AES_256) returns the plaintext and the blob wrapped under `keyId`.
// - Decrypt always passes KeyId (the stored key id, or ours): AWS prescriptive guidance, so a blob
//   wrapped under some other key the role can also use is refused (IncorrectKeyException).
// - ReEncrypt moves a blob to another KMS key; the plaintext never leaves KMS.
// - The EncryptionContext is { organizationId, purpose }: KMS refuses another tenant's context.
//
// SDK errors are mapped to KmsUnavailableError (retryable), KeyAccessDeniedError or
// InvalidWrappedKeyError. Config comes in through the constructor; this file reads no env.
import {
  DecryptCommand,
  DescribeKeyCommand,
  GenerateDataKeyCommand,
  KMSClient,
  ReEncryptCommand,
  type KMSClientConfig,
} from '@aws-sdk/client-kms';
import {
  InvalidWrappedKeyError,
  KeyAccessDeniedError,
  KeyProviderError,
  KmsUnavailableError,
} from './errors.ts';
import {
  DATA_KEY_BYTES,
  toEncryptionContext,
  type DataKeyContext,
  type GeneratedDataKey,
  type KeyProvider,
  type RewrappedDataKey,
} from './key-provider.ts';

export interface AwsKmsKeyProviderOptions {
  /** Key id, key ARN, alias (`alias/packline`) or alias ARN of a symmetric ENCRYPT_DECRYPT key. */
  keyId: string;
  region: string;
  /** e.g. `http://127.0.0.1:4599` for the simulator. Omit for real AWS. */
  endpoint?: string;
  /**
   * Static credentials (the simulator accepts any). Omit in production: the SDK's default chain
   * (instance/task role) is used.
   */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Total attempts per call, including SDK retries with backoff. Default 3. */
  maxAttempts?: number;
  /** Per-attempt timeouts. Defaults: connect 2 s, whole request 5 s. */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export class AwsKmsKeyProvider implements KeyProvider {
  readonly kind = 'aws-kms';
  readonly keyId: string;
  readonly #client: KMSClient;

  constructor(options: AwsKmsKeyProviderOptions) {
    if (!options.keyId) throw new TypeError('AwsKmsKeyProvider needs a keyId');
    if (!options.region) throw new TypeError('AwsKmsKeyProvider needs a region');
    this.keyId = options.keyId;
    const config: KMSClientConfig = {
      region: options.region,
      maxAttempts: options.maxAttempts ?? 3,
      retryMode: 'standard',
      // Stated explicitly so the SDK does not look these up in the environment or ~/.aws/config.
      useFipsEndpoint: false,
      useDualstackEndpoint: false,
      defaultsMode: 'standard',
      requestHandler: {
        connectionTimeout: options.connectionTimeoutMs ?? 2_000,
        requestTimeout: options.requestTimeoutMs ?? 5_000,
        throwOnRequestTimeout: true,
      },
    };
    if (options.endpoint) config.endpoint = options.endpoint;
    if (options.credentials) config.credentials = options.credentials;
    this.#client = new KMSClient(config);
  }

  async generateDataKey(context: DataKeyContext): Promise<GeneratedDataKey> {
    const encryptionContext = toEncryptionContext(context);
    const out = await this.#send('GenerateDataKey', () =>
      this.#client.send(
        new GenerateDataKeyCommand({
          KeyId: this.keyId,
          KeySpec: 'AES_256',
          EncryptionContext: encryptionContext,
        }),
      ),
    );
    if (!out.Plaintext || out.Plaintext.length !== DATA_KEY_BYTES || !out.CiphertextBlob || !out.KeyId) {
      throw new KeyProviderError('KMS GenerateDataKey returned an incomplete response');
    }
    return { plaintext: toBuffer(out.Plaintext), wrapped: toBuffer(out.CiphertextBlob), keyId: out.KeyId };
  }

  async unwrap(wrapped: Buffer, context: DataKeyContext, keyId?: string): Promise<Buffer> {
    const encryptionContext = toEncryptionContext(context);
    const out = await this.#send('Decrypt', () =>
      this.#client.send(
        new DecryptCommand({
          CiphertextBlob: wrapped,
          EncryptionContext: encryptionContext,
          KeyId: keyId ?? this.keyId,
        }),
      ),
    );
    if (!out.Plaintext || out.Plaintext.length !== DATA_KEY_BYTES) {
      throw new InvalidWrappedKeyError('KMS Decrypt did not return a 32-byte data key');
    }
    return toBuffer(out.Plaintext);
  }

  async rewrap(
    wrapped: Buffer,
    context: DataKeyContext,
    newKeyId: string,
    sourceKeyId?: string,
  ): Promise<RewrappedDataKey> {
    const encryptionContext = toEncryptionContext(context);
    const out = await this.#send('ReEncrypt', () =>
      this.#client.send(
        new ReEncryptCommand({
          CiphertextBlob: wrapped,
          SourceEncryptionContext: encryptionContext,
          ...(sourceKeyId ? { SourceKeyId: sourceKeyId } : {}),
          DestinationKeyId: newKeyId,
          DestinationEncryptionContext: encryptionContext,
        }),
      ),
    );
    if (!out.CiphertextBlob || !out.KeyId)
      throw new KeyProviderError('KMS ReEncrypt returned an incomplete response');
    return { wrapped: toBuffer(out.CiphertextBlob), keyId: out.KeyId };
  }

  /**
   * Readiness check: resolves the configured key (or `keyId`; alias → ARN) and its state, so a deploy can
   * fail fast on a wrong or disabled key instead of at the first encryption.
   */
  async describeKey(keyId: string = this.keyId): Promise<{ arn: string; enabled: boolean; state: string }> {
    const out = await this.#send('DescribeKey', () =>
      this.#client.send(new DescribeKeyCommand({ KeyId: keyId })),
    );
    const meta = out.KeyMetadata;
    if (!meta?.Arn) throw new KeyProviderError('KMS DescribeKey returned an incomplete response');
    return { arn: meta.Arn, enabled: meta.Enabled === true, state: meta.KeyState ?? 'Unknown' };
  }

  /** Closes the client's sockets (tests, graceful shutdown). */
  close(): void {
    this.#client.destroy();
  }

  async #send<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw mapKmsError(operation, error);
    }
  }
}

/** A view on the SDK's bytes, no copy. */
function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const UNAVAILABLE_NAMES = new Set([
  'ThrottlingException',
  'KMSInternalException',
  'DependencyTimeoutException',
  'KeyUnavailableException',
  'LimitExceededException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  // Credential lookups (instance metadata, STS) fail transiently too.
  'CredentialsProviderError',
]);
const INVALID_BLOB_NAMES = new Set(['InvalidCiphertextException', 'IncorrectKeyException']);
const ACCESS_NAMES = new Set([
  'AccessDeniedException',
  'NotFoundException',
  'DisabledException',
  'KMSInvalidStateException',
  'InvalidKeyUsageException',
  'InvalidGrantTokenException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

interface SdkErrorLike {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** Maps an SDK (or network) error to a typed KeyProviderError. Exported for tests. */
export function mapKmsError(operation: string, error: unknown): KeyProviderError {
  if (error instanceof KeyProviderError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorLike;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const status = e.$metadata?.httpStatusCode;
  const code = networkCode(error);
  const opts = { cause: error, providerErrorName: code ?? name };

  if (INVALID_BLOB_NAMES.has(name)) {
    return new InvalidWrappedKeyError(`KMS ${operation} refused the wrapped key (${name})`, opts);
  }
  if (ACCESS_NAMES.has(name)) {
    return new KeyAccessDeniedError(`KMS ${operation} refused the key (${name})`, opts);
  }
  if (UNAVAILABLE_NAMES.has(name) || (status !== undefined && status >= 500) || status === 429 || code) {
    return new KmsUnavailableError(`KMS ${operation} unavailable (${code ?? name})`, opts);
  }
  return new KeyProviderError(`KMS ${operation} failed (${name})`, opts);
}

/** A Node network error code anywhere in the cause chain (the SDK sometimes wraps them). */
function networkCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  const { code, cause } = error as SdkErrorLike;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  return networkCode(cause, depth + 1);
}
