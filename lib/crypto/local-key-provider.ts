// LocalKeyProvider: wraps data keys with AES-256-GCM under a master key held in memory (from
// LOCAL_MASTER_KEY). For development and demos only: anyone with the environment has every
// tenant's keys. It refuses to start in production unless explicitly allowed.
//
// It binds the same context as KMS does (canonical JSON of { organizationId, purpose } as AAD),
// and names the wrapping key inside the blob, so behaviour matches AwsKmsKeyProvider: another
// organization's context, another purpose, a flipped bit or a foreign key are all refused.
//
// Wrapped format (version 1):
//   0x01 | keyIdLength u8 | keyId utf8 | iv 12 | ciphertext 32 | tag 16
//   AAD = every byte before the iv, then canonicalContext(context) as utf8.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { InvalidWrappedKeyError, KeyAccessDeniedError } from './errors.ts';
import {
  canonicalContext,
  DATA_KEY_BYTES,
  toEncryptionContext,
  type DataKeyContext,
  type GeneratedDataKey,
  type KeyProvider,
  type RewrappedDataKey,
} from './key-provider.ts';

const FORMAT_V1 = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_PATTERN = /^[A-Za-z0-9:/_.-]{1,128}$/;
const BASE64_32_BYTES = /^[A-Za-z0-9+/]{43}=$/;

export interface LocalKeyProviderOptions {
  /** 32 bytes, standard base64 (`openssl rand -base64 32`), or the raw bytes. */
  masterKey: string | Buffer;
  /** Name of the master key, stored in every blob. Default `local`. */
  keyId?: string;
  /**
   * Further master keys by id, for unwrapping blobs wrapped under a previous master key and as
   * `rewrap` destinations (rotation in development).
   */
  additionalMasterKeys?: Readonly<Record<string, string | Buffer>>;
  /** True when NODE_ENV is production. */
  production: boolean;
  /** Lets a production deploy use the local provider anyway (a self-hosted demo). */
  allowInProduction?: boolean;
}

/** Decodes and checks a 32-byte master key; the message never echoes the value. */
export function parseMasterKey(value: string | Buffer, label = 'master key'): Buffer {
  if (Buffer.isBuffer(value)) {
    if (value.length !== DATA_KEY_BYTES) throw new TypeError(`${label} must be exactly 32 bytes`);
    return Buffer.from(value);
  }
  const trimmed = value.trim();
  if (!BASE64_32_BYTES.test(trimmed)) {
    throw new TypeError(`${label} must be 32 bytes in standard base64 (e.g. \`openssl rand -base64 32\`)`);
  }
  return Buffer.from(trimmed, 'base64');
}

export class LocalKeyProvider implements KeyProvider {
  readonly kind = 'local';
  readonly keyId: string;
  readonly #keys = new Map<string, Buffer>();

  constructor(options: LocalKeyProviderOptions) {
    if (options.production && !options.allowInProduction) {
      throw new Error(
        'LocalKeyProvider refuses to run in production: use KEY_PROVIDER=aws-kms, or set allowInProduction ' +
          'for a deliberate demo deployment',
      );
    }
    this.keyId = options.keyId ?? 'local';
    this.#addKey(this.keyId, options.masterKey);
    for (const [id, key] of Object.entries(options.additionalMasterKeys ?? {})) this.#addKey(id, key);
  }

  #addKey(keyId: string, key: string | Buffer): void {
    if (!KEY_ID_PATTERN.test(keyId)) throw new TypeError(`invalid local key id: ${JSON.stringify(keyId)}`);
    if (this.#keys.has(keyId)) throw new TypeError(`duplicate local key id: ${keyId}`);
    this.#keys.set(keyId, parseMasterKey(key, `master key ${keyId}`));
  }

  async generateDataKey(context: DataKeyContext): Promise<GeneratedDataKey> {
    const encryptionContext = toEncryptionContext(context);
    const plaintext = randomBytes(DATA_KEY_BYTES);
    return { plaintext, wrapped: this.#wrap(this.keyId, plaintext, encryptionContext), keyId: this.keyId };
  }

  async unwrap(wrapped: Buffer, context: DataKeyContext, keyId?: string): Promise<Buffer> {
    return this.#unwrap(wrapped, toEncryptionContext(context), keyId ?? this.keyId);
  }

  async rewrap(
    wrapped: Buffer,
    context: DataKeyContext,
    newKeyId: string,
    sourceKeyId?: string,
  ): Promise<RewrappedDataKey> {
    const encryptionContext = toEncryptionContext(context);
    if (!this.#keys.has(newKeyId)) throw new KeyAccessDeniedError(`local key ${newKeyId} is not configured`);
    const parsed = parse(wrapped);
    const plaintext = this.#unwrap(wrapped, encryptionContext, sourceKeyId ?? parsed.keyId);
    try {
      return { wrapped: this.#wrap(newKeyId, plaintext, encryptionContext), keyId: newKeyId };
    } finally {
      plaintext.fill(0);
    }
  }

  #wrap(keyId: string, plaintext: Buffer, encryptionContext: Record<string, string>): Buffer {
    const master = this.#keys.get(keyId);
    if (!master) throw new KeyAccessDeniedError(`local key ${keyId} is not configured`);
    const keyIdBytes = Buffer.from(keyId, 'utf8');
    const headerLength = 2 + keyIdBytes.length;
    const out = Buffer.allocUnsafe(headerLength + IV_BYTES + plaintext.length + TAG_BYTES);
    out[0] = FORMAT_V1;
    out[1] = keyIdBytes.length;
    keyIdBytes.copy(out, 2);
    const iv = randomBytes(IV_BYTES);
    iv.copy(out, headerLength);
    const cipher = createCipheriv('aes-256-gcm', master, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(out.subarray(0, headerLength), encryptionContext));
    const ciphertext = cipher.update(plaintext);
    cipher.final();
    ciphertext.copy(out, headerLength + IV_BYTES);
    cipher.getAuthTag().copy(out, headerLength + IV_BYTES + ciphertext.length);
    return out;
  }

  #unwrap(wrapped: Buffer, encryptionContext: Record<string, string>, expectedKeyId: string): Buffer {
    const parsed = parse(wrapped);
    if (parsed.keyId !== expectedKeyId) {
      throw new InvalidWrappedKeyError(`wrapped key was not wrapped under local key ${expectedKeyId}`);
    }
    const master = this.#keys.get(parsed.keyId);
    if (!master) throw new KeyAccessDeniedError(`local key ${parsed.keyId} is not configured`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', master, parsed.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(parsed.header, encryptionContext));
      decipher.setAuthTag(parsed.tag);
      const plaintext = decipher.update(parsed.ciphertext);
      decipher.final();
      return plaintext;
    } catch (cause) {
      throw new InvalidWrappedKeyError('wrapped key failed authentication (tampered, or another context)', {
        cause,
      });
    }
  }
}

function aad(header: Buffer, encryptionContext: Record<string, string>): Buffer {
  return Buffer.concat([header, Buffer.from(canonicalContext(encryptionContext), 'utf8')]);
}

function parse(wrapped: Buffer) {
  if (!Buffer.isBuffer(wrapped) || wrapped.length < 2 || wrapped[0] !== FORMAT_V1) {
    throw new InvalidWrappedKeyError('not a local wrapped key (unknown format)');
  }
  const keyIdLength = wrapped[1] ?? 0;
  const headerLength = 2 + keyIdLength;
  if (keyIdLength === 0 || wrapped.length !== headerLength + IV_BYTES + DATA_KEY_BYTES + TAG_BYTES) {
    throw new InvalidWrappedKeyError('not a local wrapped key (bad length)');
  }
  return {
    header: wrapped.subarray(0, headerLength),
    keyId: wrapped.toString('utf8', 2, headerLength),
    iv: wrapped.subarray(headerLength, headerLength + IV_BYTES),
    ciphertext: wrapped.subarray(headerLength + IV_BYTES, wrapped.length - TAG_BYTES),
    tag: wrapped.subarray(wrapped.length - TAG_BYTES),
  };
}
