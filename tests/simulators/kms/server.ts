// KMS simulator: a protocol-faithful AWS KMS (JSON 1.1 / TrentService) HTTP server for dev and
// tests (ARCHITECTURE.md §6). The real @aws-sdk/client-kms talks to it through `endpoint`.
//
// Protocol: `POST /`, `Content-Type: application/x-amz-json-1.1`,
// `X-Amz-Target: TrentService.<Operation>`, JSON bodies with blobs as base64 strings and
// timestamps as epoch seconds. Errors: HTTP 400 (500 for KMSInternalException) with
// `{"__type":"<Exception>","message":"…"}` and an `x-amzn-ErrorType` header. Every response
// carries `x-amzn-RequestId`.
//
// Operations: GenerateDataKey, Encrypt, Decrypt, ReEncrypt, DescribeKey. Keys are addressed by
// key id, key ARN (`arn:aws:kms:<region>:111122223333:key/<id>`), `alias/<name>` or alias ARN.
//
// Ciphertext blobs are real authenticated ciphertexts, not handles into a map:
//   0x01 | keyIdLength u8 | keyId ascii | backing-key version u32 BE | iv 12 | ciphertext | tag 16
// AES-256-GCM under that key's backing material; AAD = every header byte before the iv, then the
// canonical JSON of the encryption context (sorted [key, value] pairs: unlike a separator-free
// concatenation, {ab:"c"} and {a:"bc"} differ). Tampering, a wrong context and a wrong key are
// detected by GCM. Several backing versions per key model KMS rotation: old blobs still decrypt.
//
// SigV4: the SDK's `Authorization` header must be present but its signature is NOT verified —
// signature checking is out of scope for a local double (any static credentials work).
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const KMS_SIM_ACCOUNT_ID = '111122223333';
export const KMS_SIM_DEFAULT_REGION = 'eu-west-2';
const JSON_11 = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'TrentService.';
const BLOB_V1 = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MIN_BLOB_BYTES = 2 + 1 + 4 + IV_BYTES + TAG_BYTES;
const SYMMETRIC_DEFAULT = 'SYMMETRIC_DEFAULT';
const ASYMMETRIC_ALGORITHMS = new Set(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE']);
const ALIAS_PATTERN = /^alias\/[a-zA-Z0-9/_-]{1,250}$/;
const KEY_ID_PATTERN = /^[a-zA-Z0-9-]{1,128}$/;

export type KmsOperation = 'GenerateDataKey' | 'Encrypt' | 'Decrypt' | 'ReEncrypt' | 'DescribeKey';
const OPERATIONS: ReadonlySet<string> = new Set<KmsOperation>([
  'GenerateDataKey',
  'Encrypt',
  'Decrypt',
  'ReEncrypt',
  'DescribeKey',
]);

export type KmsKeyState = 'Enabled' | 'Disabled' | 'PendingDeletion';

export interface KmsSimulatorKeySeed {
  /** Default: a random UUID, as KMS assigns. */
  keyId?: string;
  /** `alias/<name>` names pointing at this key. */
  aliases?: readonly string[];
  /** 32 bytes of backing material. Default: random. Fixed material keeps blobs valid across restarts. */
  material?: Buffer;
  description?: string;
  /** Default true. */
  enabled?: boolean;
}

/** What the admin API shows of a key (never its material). */
export interface KmsSimulatorKeyInfo {
  keyId: string;
  arn: string;
  aliases: string[];
  state: KmsKeyState;
  description: string;
  creationDate: Date;
  /** Number of backing-key versions (1 + rotations). */
  backingKeyVersions: number;
}

export interface KmsFaults {
  /** Probability (0–1) that a request fails with ThrottlingException (HTTP 400). */
  throttleRate: number;
  /** Probability (0–1) that a request fails with KMSInternalException (HTTP 500). */
  internalErrorRate: number;
  /** Delay before every response. */
  latencyMs: number;
  /** The next n requests fail with `failNextWith`. */
  failNext: number;
  failNextWith: 'ThrottlingException' | 'KMSInternalException';
  /** Restrict faults to these operations; undefined = all. */
  operations: readonly KmsOperation[] | undefined;
}

export interface KmsCall {
  /** The operation from X-Amz-Target (or the raw target when unknown). */
  operation: string;
  status: number;
  /** `__type` of the error response, if any. */
  errorType?: string;
  /** ARN of the key the call resolved to, when it got that far. */
  keyArn?: string;
  /** Set when the response was an injected fault. */
  fault?: 'throttle' | 'internal' | 'failNext';
  at: number;
}

export interface StartKmsSimulatorOptions {
  /** 0 (default) = a random free port. */
  port?: number;
  host?: string;
  region?: string;
  /** Keys to create at start. Default: one key with alias `alias/packline`. */
  keys?: readonly KmsSimulatorKeySeed[];
  /** Request body limit; larger bodies get HTTP 413. Default 64 KiB. */
  maxBodyBytes?: number;
  /** Randomness for fault rates (inject a seeded one for reproducible runs). */
  random?: () => number;
}

export interface KmsSimulator {
  url: string;
  port: number;
  region: string;
  accountId: string;
  close(): Promise<void>;
  calls: {
    readonly log: readonly KmsCall[];
    /** Requests received for `operation` (all operations if omitted), failed ones included. */
    count(operation?: string): number;
    countsByOperation(): Record<string, number>;
    clear(): void;
  };
  keys: {
    createKey(seed?: KmsSimulatorKeySeed): KmsSimulatorKeyInfo;
    disableKey(ref: string): void;
    enableKey(ref: string): void;
    scheduleKeyDeletion(ref: string): void;
    /** Adds a backing-key version; new ciphertexts use it, old ones still decrypt. */
    rotateKey(ref: string): void;
    createAlias(alias: string, ref: string): void;
    get(ref: string): KmsSimulatorKeyInfo;
    list(): KmsSimulatorKeyInfo[];
  };
  faults: {
    set(faults: Partial<KmsFaults>): void;
    get(): KmsFaults;
    reset(): void;
  };
  /** Clears the call log and faults. Keys are kept. */
  reset(): void;
}

interface KeyRecord {
  keyId: string;
  arn: string;
  description: string;
  state: KmsKeyState;
  createdAt: number;
  deletionDate?: number;
  /** Backing-key versions; the last one encrypts. */
  materials: Buffer[];
}

/** An AWS-shaped error response. */
class KmsError extends Error {
  constructor(
    readonly type: string,
    readonly awsMessage: string | undefined,
    readonly status = 400,
  ) {
    super(awsMessage ?? type);
  }
}

const NO_FAULTS: KmsFaults = {
  throttleRate: 0,
  internalErrorRate: 0,
  latencyMs: 0,
  failNext: 0,
  failNextWith: 'KMSInternalException',
  operations: undefined,
};

type Json = Record<string, unknown>;

export async function startKmsSimulator(options: StartKmsSimulatorOptions = {}): Promise<KmsSimulator> {
  const region = options.region ?? KMS_SIM_DEFAULT_REGION;
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const random = options.random ?? Math.random;
  const keysById = new Map<string, KeyRecord>();
  const aliases = new Map<string, string>();
  const log: KmsCall[] = [];
  let faults: KmsFaults = { ...NO_FAULTS };

  const arnOf = (keyId: string) => `arn:aws:kms:${region}:${KMS_SIM_ACCOUNT_ID}:key/${keyId}`;

  // ---- keys -------------------------------------------------------------------------------

  function createKey(seed: KmsSimulatorKeySeed = {}): KmsSimulatorKeyInfo {
    const keyId = seed.keyId ?? randomUUID();
    if (!KEY_ID_PATTERN.test(keyId)) throw new Error(`invalid key id ${keyId}`);
    if (keysById.has(keyId)) throw new Error(`key ${keyId} exists`);
    if (seed.material && seed.material.length !== 32) throw new Error('key material must be 32 bytes');
    keysById.set(keyId, {
      keyId,
      arn: arnOf(keyId),
      description: seed.description ?? '',
      state: seed.enabled === false ? 'Disabled' : 'Enabled',
      createdAt: Date.now() / 1000,
      materials: [seed.material ? Buffer.from(seed.material) : randomBytes(32)],
    });
    for (const alias of seed.aliases ?? []) createAlias(alias, keyId);
    return info(keysById.get(keyId)!);
  }

  function createAlias(alias: string, ref: string): void {
    if (!ALIAS_PATTERN.test(alias) || alias.startsWith('alias/aws/'))
      throw new Error(`invalid alias ${alias}`);
    if (aliases.has(alias)) throw new Error(`alias ${alias} exists`);
    aliases.set(alias, adminKey(ref).keyId);
  }

  function info(key: KeyRecord): KmsSimulatorKeyInfo {
    return {
      keyId: key.keyId,
      arn: key.arn,
      aliases: [...aliases].filter(([, id]) => id === key.keyId).map(([alias]) => alias),
      state: key.state,
      description: key.description,
      creationDate: new Date(key.createdAt * 1000),
      backingKeyVersions: key.materials.length,
    };
  }

  function adminKey(ref: string): KeyRecord {
    try {
      return resolveKey(ref);
    } catch {
      throw new Error(`no such key: ${ref}`);
    }
  }

  /** Key id, key ARN, alias name or alias ARN → key, else NotFoundException. */
  function resolveKey(ref: string): KeyRecord {
    let kind: 'key' | 'alias' = ref.startsWith('alias/') ? 'alias' : 'key';
    let name = ref;
    if (ref.startsWith('arn:')) {
      const m = /^arn:aws:kms:([^:]+):(\d{12}):(key|alias)\/(.+)$/.exec(ref);
      if (!m || m[1] !== region || m[2] !== KMS_SIM_ACCOUNT_ID) throw notFound(ref, 'key');
      kind = m[3] as 'key' | 'alias';
      name = kind === 'alias' ? `alias/${m[4]}` : m[4]!;
    }
    const keyId = kind === 'alias' ? aliases.get(name) : name;
    const key = keyId === undefined ? undefined : keysById.get(keyId);
    if (!key) throw notFound(ref, kind);
    return key;
  }

  function notFound(ref: string, kind: 'key' | 'alias'): KmsError {
    return kind === 'alias'
      ? new KmsError(
          'NotFoundException',
          `Alias ${ref.startsWith('arn:') ? ref : `arn:aws:kms:${region}:${KMS_SIM_ACCOUNT_ID}:${ref}`} is not found.`,
        )
      : new KmsError(
          'NotFoundException',
          `Key '${ref.startsWith('arn:') ? ref : arnOf(ref)}' does not exist`,
        );
  }

  /** Cryptographic operations need an Enabled key. */
  function usable(key: KeyRecord): KeyRecord {
    if (key.state === 'Disabled') throw new KmsError('DisabledException', `${key.arn} is disabled.`);
    if (key.state === 'PendingDeletion') {
      throw new KmsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
    }
    return key;
  }

  // ---- ciphertext blobs ---------------------------------------------------------------------

  function seal(key: KeyRecord, plaintext: Buffer, context: Record<string, string>): Buffer {
    const version = key.materials.length - 1;
    const keyIdBytes = Buffer.from(key.keyId, 'ascii');
    const header = Buffer.alloc(2 + keyIdBytes.length + 4);
    header[0] = BLOB_V1;
    header[1] = keyIdBytes.length;
    keyIdBytes.copy(header, 2);
    header.writeUInt32BE(version, 2 + keyIdBytes.length);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key.materials[version]!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.concat([header, Buffer.from(canonicalContext(context), 'utf8')]));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([header, iv, ciphertext, cipher.getAuthTag()]);
  }

  /**
   * Decrypts a blob. `expectedKeyRef` (Decrypt's KeyId / ReEncrypt's SourceKeyId) must resolve to
   * the key named in the blob, else IncorrectKeyException. Every integrity failure is
   * InvalidCiphertextException without a message, as real KMS answers a context mismatch.
   */
  function open(blob: Buffer, context: Record<string, string>, expectedKeyRef: string | undefined) {
    const invalid = () => new KmsError('InvalidCiphertextException', undefined);
    if (blob.length < MIN_BLOB_BYTES || blob[0] !== BLOB_V1) throw invalid();
    const keyIdLength = blob[1]!;
    const headerLength = 2 + keyIdLength + 4;
    if (keyIdLength === 0 || blob.length < headerLength + IV_BYTES + TAG_BYTES) throw invalid();
    const keyId = blob.toString('ascii', 2, 2 + keyIdLength);
    const version = blob.readUInt32BE(2 + keyIdLength);
    // A blob naming a key this KMS never had was not issued here. (Real KMS may answer
    // AccessDeniedException for a key in another account; with one account, this is the case.)
    const key = keysById.get(keyId);
    if (!key) throw invalid();
    if (expectedKeyRef !== undefined && resolveKey(expectedKeyRef) !== key) {
      throw new KmsError(
        'IncorrectKeyException',
        'The key ID in the request does not identify a CMK that can perform this operation.',
      );
    }
    usable(key);
    const material = key.materials[version];
    if (!material) throw invalid();
    const header = blob.subarray(0, headerLength);
    const iv = blob.subarray(headerLength, headerLength + IV_BYTES);
    const ciphertext = blob.subarray(headerLength + IV_BYTES, blob.length - TAG_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', material, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.concat([header, Buffer.from(canonicalContext(context), 'utf8')]));
      decipher.setAuthTag(blob.subarray(blob.length - TAG_BYTES));
      const plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
      return { key, plaintext, keyMaterialId: keyMaterialId(key, version) };
    } catch {
      throw invalid();
    }
  }

  // ---- operations -------------------------------------------------------------------------

  type Handler = (body: Json, call: KmsCall) => Json;

  const handlers: Record<KmsOperation, Handler> = {
    GenerateDataKey(body, call) {
      const keyRef = requiredKeyId(body, 'KeyId');
      const context = encryptionContext(body, 'EncryptionContext');
      const length = dataKeyLength(body);
      const key = usable(resolveKey(keyRef));
      call.keyArn = key.arn;
      dryRun(body);
      const plaintext = randomBytes(length);
      return {
        CiphertextBlob: seal(key, plaintext, context).toString('base64'),
        Plaintext: plaintext.toString('base64'),
        KeyId: key.arn,
        KeyMaterialId: keyMaterialId(key, key.materials.length - 1),
      };
    },

    Encrypt(body, call) {
      const keyRef = requiredKeyId(body, 'KeyId');
      const plaintext = blob(body, 'Plaintext', 4096);
      const context = encryptionContext(body, 'EncryptionContext');
      algorithm(body, 'EncryptionAlgorithm');
      const key = usable(resolveKey(keyRef));
      call.keyArn = key.arn;
      dryRun(body);
      return {
        CiphertextBlob: seal(key, plaintext, context).toString('base64'),
        KeyId: key.arn,
        EncryptionAlgorithm: SYMMETRIC_DEFAULT,
      };
    },

    Decrypt(body, call) {
      const ciphertext = blob(body, 'CiphertextBlob', 6144);
      const context = encryptionContext(body, 'EncryptionContext');
      const keyRef = optionalKeyId(body, 'KeyId');
      algorithm(body, 'EncryptionAlgorithm');
      const opened = open(ciphertext, context, keyRef);
      call.keyArn = opened.key.arn;
      dryRun(body);
      return {
        KeyId: opened.key.arn,
        Plaintext: opened.plaintext.toString('base64'),
        EncryptionAlgorithm: SYMMETRIC_DEFAULT,
        KeyMaterialId: opened.keyMaterialId,
      };
    },

    ReEncrypt(body, call) {
      const ciphertext = blob(body, 'CiphertextBlob', 6144);
      const destinationRef = requiredKeyId(body, 'DestinationKeyId');
      const sourceContext = encryptionContext(body, 'SourceEncryptionContext');
      const destinationContext = encryptionContext(body, 'DestinationEncryptionContext');
      const sourceRef = optionalKeyId(body, 'SourceKeyId');
      algorithm(body, 'SourceEncryptionAlgorithm');
      algorithm(body, 'DestinationEncryptionAlgorithm');
      const destination = usable(resolveKey(destinationRef));
      const opened = open(ciphertext, sourceContext, sourceRef);
      call.keyArn = destination.arn;
      dryRun(body);
      return {
        CiphertextBlob: seal(destination, opened.plaintext, destinationContext).toString('base64'),
        SourceKeyId: opened.key.arn,
        KeyId: destination.arn,
        SourceEncryptionAlgorithm: SYMMETRIC_DEFAULT,
        DestinationEncryptionAlgorithm: SYMMETRIC_DEFAULT,
        SourceKeyMaterialId: opened.keyMaterialId,
        DestinationKeyMaterialId: keyMaterialId(destination, destination.materials.length - 1),
      };
    },

    DescribeKey(body, call) {
      // DescribeKey works whatever the key state: it is how an operator sees a disabled key.
      const key = resolveKey(requiredKeyId(body, 'KeyId'));
      call.keyArn = key.arn;
      const metadata: Json = {
        AWSAccountId: KMS_SIM_ACCOUNT_ID,
        KeyId: key.keyId,
        Arn: key.arn,
        CreationDate: key.createdAt,
        Enabled: key.state === 'Enabled',
        Description: key.description,
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeyState: key.state,
        Origin: 'AWS_KMS',
        KeyManager: 'CUSTOMER',
        CustomerMasterKeySpec: SYMMETRIC_DEFAULT,
        KeySpec: SYMMETRIC_DEFAULT,
        EncryptionAlgorithms: [SYMMETRIC_DEFAULT],
        MultiRegion: false,
        CurrentKeyMaterialId: keyMaterialId(key, key.materials.length - 1),
      };
      if (key.deletionDate !== undefined) {
        metadata.DeletionDate = key.deletionDate;
        metadata.PendingDeletionWindowInDays = 30;
      }
      return { KeyMetadata: metadata };
    },
  };

  // ---- HTTP -------------------------------------------------------------------------------

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = header(req, 'x-amz-target');
    const operation = target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : (target ?? '');
    const call: KmsCall = { operation, status: 200, at: Date.now() };
    try {
      if (req.method !== 'POST' || (req.url ?? '/').split('?')[0] !== '/') {
        throw new KmsError('UnknownOperationException', undefined, req.method === 'POST' ? 404 : 405);
      }
      if (!OPERATIONS.has(operation) || !target?.startsWith(TARGET_PREFIX)) {
        throw new KmsError('UnknownOperationException', undefined);
      }
      if (!header(req, 'content-type')?.startsWith(JSON_11)) {
        throw new KmsError('SerializationException', `Content-Type must be ${JSON_11}`);
      }
      if (!header(req, 'authorization')) {
        throw new KmsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
      }
      const raw = await readBody(req, maxBodyBytes);
      let body: unknown;
      try {
        body = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
      } catch {
        throw new KmsError('SerializationException', 'Start of structure or map found where not expected.');
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new KmsError('SerializationException', 'Start of structure or map found where not expected.');
      }
      await injectFaults(operation as KmsOperation, call);
      send(res, 200, handlers[operation as KmsOperation](body as Json, call));
    } catch (error) {
      const e =
        error instanceof KmsError
          ? error
          : new KmsError('KMSInternalException', 'An internal error occurred in the simulator.', 500);
      call.status = e.status;
      call.errorType = e.type;
      const payload: Json = { __type: e.type };
      if (e.awsMessage !== undefined) payload.message = e.awsMessage;
      send(res, e.status, payload, e.type, e.status === 413);
    } finally {
      log.push(call);
    }
  }

  async function injectFaults(operation: KmsOperation, call: KmsCall): Promise<void> {
    const f = faults;
    if (f.operations && !f.operations.includes(operation)) return;
    if (f.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, f.latencyMs).unref());
    if (f.failNext > 0) {
      f.failNext -= 1;
      call.fault = 'failNext';
      throw faultError(f.failNextWith);
    }
    if (f.throttleRate > 0 && random() < f.throttleRate) {
      call.fault = 'throttle';
      throw faultError('ThrottlingException');
    }
    if (f.internalErrorRate > 0 && random() < f.internalErrorRate) {
      call.fault = 'internal';
      throw faultError('KMSInternalException');
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';

  for (const seed of options.keys ?? [{ aliases: ['alias/packline'], description: 'Packline dev key' }]) {
    createKey(seed);
  }

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    region,
    accountId: KMS_SIM_ACCOUNT_ID,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    calls: {
      log,
      count: (operation) => (operation ? log.filter((c) => c.operation === operation).length : log.length),
      countsByOperation: () => {
        const counts: Record<string, number> = {};
        for (const c of log) counts[c.operation] = (counts[c.operation] ?? 0) + 1;
        return counts;
      },
      clear: () => {
        log.length = 0;
      },
    },
    keys: {
      createKey,
      disableKey: (ref) => {
        const key = adminKey(ref);
        if (key.state === 'PendingDeletion') throw new Error(`${key.arn} is pending deletion`);
        key.state = 'Disabled';
      },
      enableKey: (ref) => {
        const key = adminKey(ref);
        if (key.state === 'PendingDeletion') throw new Error(`${key.arn} is pending deletion`);
        key.state = 'Enabled';
      },
      scheduleKeyDeletion: (ref) => {
        const key = adminKey(ref);
        key.state = 'PendingDeletion';
        key.deletionDate = Date.now() / 1000 + 30 * 86_400;
      },
      rotateKey: (ref) => {
        adminKey(ref).materials.push(randomBytes(32));
      },
      createAlias,
      get: (ref) => info(adminKey(ref)),
      list: () => [...keysById.values()].map(info),
    },
    faults: {
      set: (partial) => {
        for (const rate of [partial.throttleRate, partial.internalErrorRate]) {
          if (rate !== undefined && !(rate >= 0 && rate <= 1)) throw new Error('fault rates are 0..1');
        }
        faults = { ...faults, ...partial };
      },
      get: () => ({ ...faults }),
      reset: () => {
        faults = { ...NO_FAULTS };
      },
    },
    reset: () => {
      log.length = 0;
      faults = { ...NO_FAULTS };
    },
  };
}

// ---- request validation (AWS-style ValidationException / SerializationException) -----------

function validation(message: string): KmsError {
  return new KmsError('ValidationException', `1 validation error detected: ${message}`);
}

function requiredKeyId(body: Json, field: string): string {
  const value = body[field];
  if (value === undefined || value === null) {
    throw validation(`Value null at '${camel(field)}' failed to satisfy constraint: Member must not be null`);
  }
  return keyIdString(value, field);
}

function optionalKeyId(body: Json, field: string): string | undefined {
  const value = body[field];
  return value === undefined || value === null ? undefined : keyIdString(value, field);
}

function keyIdString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new KmsError('SerializationException', `${field} must be a string`);
  if (value.length < 1 || value.length > 2048) {
    throw validation(
      `Value at '${camel(field)}' failed to satisfy constraint: Member must have length between 1 and 2048`,
    );
  }
  return value;
}

function blob(body: Json, field: string, maxBytes: number): Buffer {
  const value = body[field];
  if (value === undefined || value === null) {
    throw validation(`Value null at '${camel(field)}' failed to satisfy constraint: Member must not be null`);
  }
  if (typeof value !== 'string' || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
    throw new KmsError('SerializationException', `${field} must be a base64-encoded blob`);
  }
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length < 1 || bytes.length > maxBytes) {
    throw validation(
      `Value at '${camel(field)}' failed to satisfy constraint: Member must have length between 1 and ${maxBytes}`,
    );
  }
  return bytes;
}

function encryptionContext(body: Json, field: string): Record<string, string> {
  const value = body[field];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new KmsError('SerializationException', `${field} must be a map of strings`);
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string')
      throw new KmsError('SerializationException', `${field} must be a map of strings`);
    out[k] = v;
  }
  return out;
}

function dataKeyLength(body: Json): number {
  const { KeySpec: spec, NumberOfBytes: bytes } = body;
  const hasSpec = spec !== undefined && spec !== null;
  const hasBytes = bytes !== undefined && bytes !== null;
  if (hasSpec && hasBytes) {
    throw new KmsError(
      'ValidationException',
      'Please specify either number of bytes or key spec, but not both.',
    );
  }
  if (!hasSpec && !hasBytes) {
    throw new KmsError('ValidationException', 'Please specify either number of bytes or key spec.');
  }
  if (hasSpec) {
    if (spec === 'AES_256') return 32;
    if (spec === 'AES_128') return 16;
    throw validation(
      `Value '${String(spec)}' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]`,
    );
  }
  if (typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 1 || bytes > 1024) {
    throw validation(
      `Value '${String(bytes)}' at 'numberOfBytes' failed to satisfy constraint: Member must have value between 1 and 1024`,
    );
  }
  return bytes;
}

function algorithm(body: Json, field: string): void {
  const value = body[field];
  if (value === undefined || value === null || value === SYMMETRIC_DEFAULT) return;
  if (typeof value === 'string' && ASYMMETRIC_ALGORITHMS.has(value)) {
    throw new KmsError('InvalidKeyUsageException', `${value} is not supported by a symmetric key.`);
  }
  throw validation(
    `Value '${String(value)}' at '${camel(field)}' failed to satisfy constraint: Member must satisfy enum value set`,
  );
}

function dryRun(body: Json): void {
  if (body.DryRun === true) {
    throw new KmsError(
      'DryRunOperationException',
      'The request would have succeeded, but the DryRun option is set.',
      412,
    );
  }
}

function faultError(type: 'ThrottlingException' | 'KMSInternalException'): KmsError {
  return type === 'ThrottlingException'
    ? new KmsError('ThrottlingException', 'Rate exceeded')
    : new KmsError('KMSInternalException', 'An internal error occurred.', 500);
}

// ---- helpers ----------------------------------------------------------------------------

/** Sorted [key, value] pairs as JSON: an unambiguous canonical form of an encryption context. */
function canonicalContext(context: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(context)
      .sort()
      .map((k) => [k, context[k]]),
  );
}

/** A stable, non-secret identifier of one backing-key version (KMS shows a 64-hex id). */
function keyMaterialId(key: KeyRecord, version: number): string {
  return createHash('sha256').update(`${key.arn}#${version}`).digest('hex');
}

function camel(field: string): string {
  return field.charAt(0).toLowerCase() + field.slice(1);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(
  res: ServerResponse,
  status: number,
  payload: Json,
  errorType?: string,
  closeConnection = false,
) {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify(payload);
  const headers: Record<string, string | number> = {
    'content-type': JSON_11,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': randomUUID(),
  };
  if (errorType) headers['x-amzn-errortype'] = errorType;
  if (closeConnection) headers.connection = 'close';
  res.writeHead(status, headers);
  res.end(body);
}

/** Reads the body, refusing more than `limit` bytes (HTTP 413) without buffering the excess. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () =>
    new KmsError('RequestEntityTooLargeException', `Request body exceeds ${limit} bytes`, 413);
  const declared = Number(header(req, 'content-length') ?? '0');
  // The 413 response carries `connection: close`, so the unread rest of the body is dropped
  // with the socket instead of being read.
  if (declared > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}
