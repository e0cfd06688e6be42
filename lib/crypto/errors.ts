// Typed errors of the crypto core. Messages never carry key material, plaintext or ciphertext:
// only operation names, key ids (ARNs are not secret) and AWS error names.

/** Base of every key-provider failure. `retryable` tells a job whether a later attempt can succeed. */
export class KeyProviderError extends Error {
  override readonly name: string = 'KeyProviderError';
  readonly code: string = 'KEY_PROVIDER_ERROR';
  readonly retryable: boolean = false;
  /** The KMS error name (`ThrottlingException`, …) or Node error code, when there was one. */
  readonly providerErrorName: string | undefined;

  constructor(message: string, options: { cause?: unknown; providerErrorName?: string } = {}) {
    super(message, { cause: options.cause });
    this.providerErrorName = options.providerErrorName;
  }
}

/**
 * KMS could not be reached or refused for load: network errors, timeouts, throttling, 5xx.
 * Retry later with backoff (the SDK has already retried `maxAttempts` times).
 */
export class KmsUnavailableError extends KeyProviderError {
  override readonly name = 'KmsUnavailableError';
  override readonly code = 'KMS_UNAVAILABLE';
  override readonly retryable = true;
}

/**
 * The key cannot be used by us: not found, disabled, pending deletion, access denied, wrong key
 * usage. Retrying does not help; an operator must act.
 */
export class KeyAccessDeniedError extends KeyProviderError {
  override readonly name = 'KeyAccessDeniedError';
  override readonly code = 'KEY_ACCESS_DENIED';
}

/**
 * The wrapped key is corrupt, was wrapped under another key, or is presented with another
 * organization's or purpose's context. Never retryable; usually a bug or an attack.
 */
export class InvalidWrappedKeyError extends KeyProviderError {
  override readonly name = 'InvalidWrappedKeyError';
  override readonly code = 'INVALID_WRAPPED_KEY';
}

export type TDecryptionFailure =
  /** The first byte names no format this code knows. */
  | 'UNKNOWN_FORMAT'
  /** Shorter than header + tag. */
  | 'TRUNCATED'
  /** The resolver has no key for the version in the header. */
  | 'UNKNOWN_KEY_VERSION'
  /** GCM tag mismatch: tampered, moved to another row/column/tenant, or the wrong key. */
  | 'AUTHENTICATION_FAILED';

/** A field value could not be decrypted. Deliberately says nothing about the value itself. */
export class DecryptionError extends Error {
  override readonly name = 'DecryptionError';
  readonly code = 'DECRYPTION_FAILED';
  readonly reason: TDecryptionFailure;

  constructor(reason: TDecryptionFailure, message: string) {
    super(message);
    this.reason = reason;
  }
}

/**
 * The data key a value was encrypted under no longer exists: retired after a rotation, or
 * destroyed with the organization's keys (crypto-shredding). The value is unreadable for good.
 */
export class DataKeyUnavailableError extends Error {
  override readonly name = 'DataKeyUnavailableError';
  readonly code = 'DATA_KEY_UNAVAILABLE';
}
