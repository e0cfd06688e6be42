// The KeyProvider contract (ARCHITECTURE.md §4): wraps and unwraps per-organization data keys.
// Two implementations: AwsKmsKeyProvider (production) and LocalKeyProvider (dev/demo).
//
// The context becomes the KMS EncryptionContext (non-secret AAD, visible in CloudTrail): it holds
// ids only, never PII. Binding organizationId and purpose means a data key wrapped for one
// organization (or one purpose) cannot be unwrapped as another's, even by our own code.
//
// Purposes: `buyer-pii` (the vault: field encryption and blind indexes both use subkeys derived
// from it, buyer-pii-keys.ts) and `credentials`. The database enum `data_key_purpose` still has a
// legacy `blind-index` value (the blind indexes once had a data key of their own); no code creates,
// unwraps or rotates such keys any more, and crypto-shredding erases any that remain.
export const DATA_KEY_PURPOSES = ['buyer-pii', 'credentials'] as const;
export type TDataKeyPurpose = (typeof DATA_KEY_PURPOSES)[number];

export interface DataKeyContext {
  organizationId: string;
  purpose: TDataKeyPurpose;
}

export interface GeneratedDataKey {
  /** 32 random bytes (AES-256). Keep in memory only; never log, never persist. */
  plaintext: Buffer;
  /** The data key encrypted under the provider's key; store this. */
  wrapped: Buffer;
  /** The wrapping key that was used (a key ARN for KMS); store it beside `wrapped`. */
  keyId: string;
}

export interface RewrappedDataKey {
  wrapped: Buffer;
  keyId: string;
}

export interface KeyProvider {
  readonly kind: 'aws-kms' | 'local';
  /** The wrapping key new data keys are generated under. */
  readonly keyId: string;
  generateDataKey(context: DataKeyContext): Promise<GeneratedDataKey>;
  /**
   * Returns the plaintext data key. `keyId`, when given (the value stored beside `wrapped`),
   * must name the key the blob was wrapped under, so a substituted blob is refused; without it
   * the provider's own `keyId` is expected.
   */
  unwrap(wrapped: Buffer, context: DataKeyContext, keyId?: string): Promise<Buffer>;
  /**
   * Re-wraps under `newKeyId` without the plaintext leaving the provider (KMS ReEncrypt).
   * `sourceKeyId`, when given (the key id stored beside `wrapped`), must name the key the blob is
   * wrapped under, as for `unwrap`.
   */
  rewrap(
    wrapped: Buffer,
    context: DataKeyContext,
    newKeyId: string,
    sourceKeyId?: string,
  ): Promise<RewrappedDataKey>;
}

/** Data keys are AES-256. */
export const DATA_KEY_BYTES = 32;

const PURPOSES: ReadonlySet<string> = new Set(DATA_KEY_PURPOSES);

/**
 * Validates a context and returns it as a KMS EncryptionContext. Throws a TypeError on a bad
 * context: that is a programming error, not a KMS failure.
 */
export function toEncryptionContext(context: DataKeyContext): Record<string, string> {
  const { organizationId, purpose } = context;
  if (typeof organizationId !== 'string' || organizationId.length === 0 || organizationId.length > 256) {
    throw new TypeError('DataKeyContext.organizationId must be a non-empty string (max 256 chars)');
  }
  if (!PURPOSES.has(purpose)) {
    throw new TypeError(`DataKeyContext.purpose must be one of ${DATA_KEY_PURPOSES.join(', ')}`);
  }
  return { organizationId, purpose };
}

/**
 * Canonical serialisation of an encryption context, used as AAD: sorted [key, value] pairs in
 * JSON, so `{ab:'c'}` and `{a:'bc'}` can never collide (unlike a plain concatenation).
 */
export function canonicalContext(context: Readonly<Record<string, string>>): string {
  const keys = Object.keys(context).sort();
  return JSON.stringify(keys.map((k) => [k, context[k]]));
}
