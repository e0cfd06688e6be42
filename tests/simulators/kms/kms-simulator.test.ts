// The KMS simulator driven by the REAL @aws-sdk/client-kms (never mocked), plus raw HTTP for the
// wire-level details (error envelope, headers, body limit) the SDK hides.
import './quiet-sdk-warning.ts';
import {
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  KMSClient,
  ReEncryptCommand,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startKmsSimulator, type KmsSimulator } from './server.ts';

let sim: KmsSimulator;
const clients: KMSClient[] = [];

function client(maxAttempts = 1): KMSClient {
  const c = new KMSClient({
    region: sim.region,
    endpoint: sim.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts,
  });
  clients.push(c);
  return c;
}

/** Runs a promise expected to fail and returns the SDK error. */
async function failure(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

const ctxA = { organizationId: 'org-a', purpose: 'buyer-pii' };
const ctxB = { organizationId: 'org-b', purpose: 'buyer-pii' };

beforeAll(async () => {
  sim = await startKmsSimulator({ port: 0 });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await sim.close();
});
beforeEach(() => sim.reset());

describe('KMS simulator: GenerateDataKey and Decrypt', () => {
  it('generates an AES-256 data key by alias and returns the key ARN; Decrypt needs no KeyId', async () => {
    const kms = client();
    const key = sim.keys.get('alias/packline');
    expect(key.arn).toBe(`arn:aws:kms:${sim.region}:111122223333:key/${key.keyId}`);

    const out = await kms.send(
      new GenerateDataKeyCommand({ KeyId: 'alias/packline', KeySpec: 'AES_256', EncryptionContext: ctxA }),
    );
    expect(out.KeyId).toBe(key.arn);
    expect(out.Plaintext).toHaveLength(32);
    expect(out.CiphertextBlob!.length).toBeGreaterThan(32);

    const dec = await kms.send(
      new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: ctxA }),
    );
    expect(Buffer.from(dec.Plaintext!)).toEqual(Buffer.from(out.Plaintext!));
    expect(dec.KeyId).toBe(key.arn);
    expect(dec.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
  });

  it('addresses keys by id, ARN, alias and alias ARN', async () => {
    const kms = client();
    const key = sim.keys.get('alias/packline');
    const aliasArn = `arn:aws:kms:${sim.region}:111122223333:alias/packline`;
    for (const ref of [key.keyId, key.arn, 'alias/packline', aliasArn]) {
      const out = await kms.send(new GenerateDataKeyCommand({ KeyId: ref, NumberOfBytes: 64 }));
      expect(out.KeyId).toBe(key.arn);
      expect(out.Plaintext).toHaveLength(64);
      // Decrypt with the KeyId given in any form too.
      const dec = await kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, KeyId: ref }));
      expect(Buffer.from(dec.Plaintext!)).toEqual(Buffer.from(out.Plaintext!));
    }
  });

  it('validates KeySpec / NumberOfBytes like KMS', async () => {
    const kms = client();
    const both = await failure(
      kms.send(
        new GenerateDataKeyCommand({ KeyId: 'alias/packline', KeySpec: 'AES_256', NumberOfBytes: 32 }),
      ),
    );
    expect(both.name).toBe('ValidationException');
    const neither = await failure(kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/packline' })));
    expect(neither.name).toBe('ValidationException');
    const tooMany = await failure(
      kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/packline', NumberOfBytes: 1025 })),
    );
    expect(tooMany.name).toBe('ValidationException');
    const aes128 = await kms.send(
      new GenerateDataKeyCommand({ KeyId: 'alias/packline', KeySpec: 'AES_128' }),
    );
    expect(aes128.Plaintext).toHaveLength(16);
  });

  it('refuses a different encryption context with InvalidCiphertextException (no message, like KMS)', async () => {
    const kms = client();
    const out = await kms.send(
      new GenerateDataKeyCommand({ KeyId: 'alias/packline', KeySpec: 'AES_256', EncryptionContext: ctxA }),
    );
    const contexts = [
      ctxB,
      { organizationId: 'org-a', purpose: 'credentials' },
      { ...ctxA, extra: 'x' },
      { organizationId: 'ORG-A', purpose: 'buyer-pii' },
      {},
      undefined,
    ];
    for (const EncryptionContext of contexts) {
      const error = await failure(
        kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, EncryptionContext })),
      );
      expect(error.name).toBe('InvalidCiphertextException');
      expect(error.$metadata?.httpStatusCode).toBe(400);
    }
  });

  it('binds the context canonically: {ab:"c"} and {a:"bc"} are different contexts', async () => {
    const kms = client();
    const enc = await kms.send(
      new EncryptCommand({
        KeyId: 'alias/packline',
        Plaintext: Buffer.from('x'),
        EncryptionContext: { ab: 'c' },
      }),
    );
    const error = await failure(
      kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { a: 'bc' } })),
    );
    expect(error.name).toBe('InvalidCiphertextException');
  });

  it('detects a flipped bit anywhere in the blob', async () => {
    const kms = client();
    const enc = await kms.send(
      new EncryptCommand({
        KeyId: 'alias/packline',
        Plaintext: Buffer.from('secret'),
        EncryptionContext: ctxA,
      }),
    );
    const blob = Buffer.from(enc.CiphertextBlob!);
    const names = new Set<string>();
    for (let i = 0; i < blob.length; i++) {
      const tampered = Buffer.from(blob);
      tampered[i]! ^= 0x01 << (i % 8);
      const error = await failure(
        kms.send(new DecryptCommand({ CiphertextBlob: tampered, EncryptionContext: ctxA })),
      );
      names.add(error.name);
    }
    expect([...names]).toEqual(['InvalidCiphertextException']);
  });

  it('refuses Decrypt with a KeyId other than the blob key (IncorrectKeyException)', async () => {
    const kms = client();
    const other = sim.keys.createKey({ aliases: ['alias/other-incorrect'] });
    const out = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/packline', KeySpec: 'AES_256' }));
    const error = await failure(
      kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, KeyId: other.arn })),
    );
    expect(error.name).toBe('IncorrectKeyException');
    const missing = await failure(
      kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, KeyId: 'alias/does-not-exist' })),
    );
    expect(missing.name).toBe('NotFoundException');
  });

  it('answers NotFoundException for unknown keys and aliases', async () => {
    const kms = client();
    for (const KeyId of [
      '3f1e0c7a-0000-4000-8000-000000000000',
      'alias/nope',
      'arn:aws:kms:us-east-1:111122223333:key/x',
    ]) {
      const error = await failure(kms.send(new GenerateDataKeyCommand({ KeyId, KeySpec: 'AES_256' })));
      expect(error.name).toBe('NotFoundException');
    }
  });
});

describe('KMS simulator: Encrypt, ReEncrypt, key states, rotation', () => {
  it('Encrypt/Decrypt round trip', async () => {
    const kms = client();
    const enc = await kms.send(
      new EncryptCommand({
        KeyId: 'alias/packline',
        Plaintext: Buffer.from('hello'),
        EncryptionContext: ctxA,
      }),
    );
    expect(enc.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    const dec = await kms.send(
      new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: ctxA }),
    );
    expect(Buffer.from(dec.Plaintext!).toString()).toBe('hello');
  });

  it('ReEncrypt moves a blob to another key and context; only the destination context decrypts it', async () => {
    const kms = client();
    const source = sim.keys.get('alias/packline');
    const destination = sim.keys.createKey({ aliases: ['alias/reencrypt-dest'] });
    const gen = await kms.send(
      new GenerateDataKeyCommand({ KeyId: 'alias/packline', KeySpec: 'AES_256', EncryptionContext: ctxA }),
    );
    const destContext = { ...ctxA, v: '2' };
    const re = await kms.send(
      new ReEncryptCommand({
        CiphertextBlob: gen.CiphertextBlob,
        SourceEncryptionContext: ctxA,
        DestinationKeyId: 'alias/reencrypt-dest',
        DestinationEncryptionContext: destContext,
      }),
    );
    expect(re.SourceKeyId).toBe(source.arn);
    expect(re.KeyId).toBe(destination.arn);
    expect(re.SourceEncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');

    const dec = await kms.send(
      new DecryptCommand({
        CiphertextBlob: re.CiphertextBlob,
        EncryptionContext: destContext,
        KeyId: destination.arn,
      }),
    );
    expect(Buffer.from(dec.Plaintext!)).toEqual(Buffer.from(gen.Plaintext!));
    expect(dec.KeyId).toBe(destination.arn);
    const wrongContext = await failure(
      kms.send(new DecryptCommand({ CiphertextBlob: re.CiphertextBlob, EncryptionContext: ctxA })),
    );
    expect(wrongContext.name).toBe('InvalidCiphertextException');
    const wrongKey = await failure(
      kms.send(
        new DecryptCommand({
          CiphertextBlob: re.CiphertextBlob,
          EncryptionContext: destContext,
          KeyId: source.arn,
        }),
      ),
    );
    expect(wrongKey.name).toBe('IncorrectKeyException');
  });

  it('ReEncrypt refuses a wrong source context and a wrong SourceKeyId', async () => {
    const kms = client();
    const other = sim.keys.createKey();
    const gen = await kms.send(
      new GenerateDataKeyCommand({ KeyId: 'alias/packline', KeySpec: 'AES_256', EncryptionContext: ctxA }),
    );
    const badContext = await failure(
      kms.send(
        new ReEncryptCommand({
          CiphertextBlob: gen.CiphertextBlob,
          SourceEncryptionContext: ctxB,
          DestinationKeyId: other.keyId,
          DestinationEncryptionContext: ctxB,
        }),
      ),
    );
    expect(badContext.name).toBe('InvalidCiphertextException');
    const badSource = await failure(
      kms.send(
        new ReEncryptCommand({
          CiphertextBlob: gen.CiphertextBlob,
          SourceEncryptionContext: ctxA,
          SourceKeyId: other.arn,
          DestinationKeyId: other.keyId,
        }),
      ),
    );
    expect(badSource.name).toBe('IncorrectKeyException');
  });

  it('a disabled key gives DisabledException; DescribeKey still works; enabling restores it', async () => {
    const kms = client();
    const key = sim.keys.createKey({ aliases: ['alias/to-disable'] });
    const gen = await kms.send(new GenerateDataKeyCommand({ KeyId: key.arn, KeySpec: 'AES_256' }));
    sim.keys.disableKey('alias/to-disable');

    const genError = await failure(
      kms.send(new GenerateDataKeyCommand({ KeyId: key.arn, KeySpec: 'AES_256' })),
    );
    expect(genError.name).toBe('DisabledException');
    const decError = await failure(kms.send(new DecryptCommand({ CiphertextBlob: gen.CiphertextBlob })));
    expect(decError.name).toBe('DisabledException');
    const described = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/to-disable' }));
    expect(described.KeyMetadata).toMatchObject({ Enabled: false, KeyState: 'Disabled', Arn: key.arn });

    sim.keys.enableKey(key.keyId);
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: gen.CiphertextBlob }));
    expect(Buffer.from(dec.Plaintext!)).toEqual(Buffer.from(gen.Plaintext!));
  });

  it('a key pending deletion gives KMSInvalidStateException', async () => {
    const kms = client();
    const key = sim.keys.createKey();
    sim.keys.scheduleKeyDeletion(key.keyId);
    const error = await failure(
      kms.send(new GenerateDataKeyCommand({ KeyId: key.keyId, KeySpec: 'AES_256' })),
    );
    expect(error.name).toBe('KMSInvalidStateException');
    const described = await kms.send(new DescribeKeyCommand({ KeyId: key.keyId }));
    expect(described.KeyMetadata?.KeyState).toBe('PendingDeletion');
    expect(described.KeyMetadata?.DeletionDate).toBeInstanceOf(Date);
  });

  it('DescribeKey returns KeyMetadata with the documented fields', async () => {
    const kms = client();
    const key = sim.keys.createKey({ description: 'described', aliases: ['alias/described'] });
    const out = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/described' }));
    expect(out.KeyMetadata).toMatchObject({
      AWSAccountId: '111122223333',
      KeyId: key.keyId,
      Arn: key.arn,
      Enabled: true,
      Description: 'described',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      KeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    });
    expect(out.KeyMetadata?.CreationDate).toBeInstanceOf(Date);
    expect(Math.abs(out.KeyMetadata!.CreationDate!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('after rotation, old and new ciphertexts both decrypt', async () => {
    const kms = client();
    const key = sim.keys.createKey();
    const before = await kms.send(new GenerateDataKeyCommand({ KeyId: key.keyId, KeySpec: 'AES_256' }));
    sim.keys.rotateKey(key.keyId);
    expect(sim.keys.get(key.keyId).backingKeyVersions).toBe(2);
    const after = await kms.send(new GenerateDataKeyCommand({ KeyId: key.keyId, KeySpec: 'AES_256' }));
    expect(after.KeyMaterialId).not.toBe(before.KeyMaterialId);
    for (const gen of [before, after]) {
      const dec = await kms.send(new DecryptCommand({ CiphertextBlob: gen.CiphertextBlob }));
      expect(Buffer.from(dec.Plaintext!)).toEqual(Buffer.from(gen.Plaintext!));
    }
  });

  it('a blob is bound to its own key material: same id, different simulator → InvalidCiphertextException', async () => {
    const keyId = '5ca1ab1e-0000-4000-8000-000000000001';
    const first = await startKmsSimulator({ keys: [{ keyId }] });
    const second = await startKmsSimulator({ keys: [{ keyId }] });
    try {
      const a = new KMSClient({
        region: first.region,
        endpoint: first.url,
        credentials: { accessKeyId: 'a', secretAccessKey: 'a' },
        maxAttempts: 1,
      });
      const b = new KMSClient({
        region: second.region,
        endpoint: second.url,
        credentials: { accessKeyId: 'a', secretAccessKey: 'a' },
        maxAttempts: 1,
      });
      clients.push(a, b);
      const gen = await a.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
      const error = await failure(b.send(new DecryptCommand({ CiphertextBlob: gen.CiphertextBlob })));
      expect(error.name).toBe('InvalidCiphertextException');
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe('KMS simulator: faults and call log', () => {
  it('counts calls per operation and records the resolved key', async () => {
    const kms = client();
    const key = sim.keys.get('alias/packline');
    for (let i = 0; i < 3; i++) {
      await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/packline', KeySpec: 'AES_256' }));
    }
    await kms.send(new DescribeKeyCommand({ KeyId: 'alias/packline' }));
    expect(sim.calls.count('GenerateDataKey')).toBe(3);
    expect(sim.calls.count()).toBe(4);
    expect(sim.calls.countsByOperation()).toEqual({ GenerateDataKey: 3, DescribeKey: 1 });
    expect(sim.calls.log[0]).toMatchObject({ operation: 'GenerateDataKey', status: 200, keyArn: key.arn });
    sim.calls.clear();
    expect(sim.calls.count()).toBe(0);
  });

  it('failNext: the SDK retries through injected faults (its default retry behaviour)', async () => {
    const kms = client(3);
    sim.faults.set({ failNext: 2, failNextWith: 'KMSInternalException' });
    const out = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/packline', KeySpec: 'AES_256' }));
    expect(out.Plaintext).toHaveLength(32);
    expect(sim.calls.count('GenerateDataKey')).toBe(3);
    expect(sim.calls.log.map((c) => c.fault ?? 'ok')).toEqual(['failNext', 'failNext', 'ok']);
  });

  it('throttleRate 1: ThrottlingException (HTTP 400) once the SDK gives up', async () => {
    const kms = client(2);
    sim.faults.set({ throttleRate: 1 });
    const error = await failure(
      kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/packline', KeySpec: 'AES_256' })),
    );
    expect(error.name).toBe('ThrottlingException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(sim.calls.count('GenerateDataKey')).toBe(2);
  });

  it('internalErrorRate 1: KMSInternalException (HTTP 500)', async () => {
    const kms = client(1);
    sim.faults.set({ internalErrorRate: 1 });
    const error = await failure(kms.send(new DescribeKeyCommand({ KeyId: 'alias/packline' })));
    expect(error.name).toBe('KMSInternalException');
    expect(error.$metadata?.httpStatusCode).toBe(500);
  });

  it('faults can be limited to some operations, and reset', async () => {
    const kms = client(1);
    sim.faults.set({ internalErrorRate: 1, operations: ['Decrypt'] });
    const gen = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/packline', KeySpec: 'AES_256' }));
    const error = await failure(kms.send(new DecryptCommand({ CiphertextBlob: gen.CiphertextBlob })));
    expect(error.name).toBe('KMSInternalException');
    sim.faults.reset();
    await kms.send(new DecryptCommand({ CiphertextBlob: gen.CiphertextBlob }));
  });

  it('latencyMs delays responses', async () => {
    const kms = client(1);
    sim.faults.set({ latencyMs: 150 });
    const started = performance.now();
    await kms.send(new DescribeKeyCommand({ KeyId: 'alias/packline' }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('KMS simulator: wire format', () => {
  async function post(target: string | undefined, body: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${sim.url}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        authorization:
          'AWS4-HMAC-SHA256 Credential=test/20260101/eu-west-2/kms/aws4_request, SignedHeaders=host, Signature=0',
        ...(target ? { 'x-amz-target': target } : {}),
        ...headers,
      },
      body,
    });
    return { res, json: (await res.json()) as Record<string, unknown> };
  }

  it('errors: HTTP 400, JSON {__type, message}, x-amzn-ErrorType and x-amzn-RequestId headers', async () => {
    const { res, json } = await post('TrentService.DescribeKey', JSON.stringify({ KeyId: 'alias/nope' }));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(res.headers.get('x-amzn-errortype')).toBe('NotFoundException');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(json).toEqual({
      __type: 'NotFoundException',
      message: `Alias arn:aws:kms:${sim.region}:111122223333:alias/nope is not found.`,
    });
  });

  it('success: blobs are base64 strings in JSON', async () => {
    const { res, json } = await post(
      'TrentService.GenerateDataKey',
      JSON.stringify({ KeyId: 'alias/packline', KeySpec: 'AES_256' }),
    );
    expect(res.status).toBe(200);
    expect(Buffer.from(json.Plaintext as string, 'base64')).toHaveLength(32);
    expect(typeof json.CiphertextBlob).toBe('string');
  });

  it('rejects unknown targets, missing auth, bad JSON, wrong content type and bad base64', async () => {
    expect((await post('TrentService.Sign', '{}')).json.__type).toBe('UnknownOperationException');
    expect((await post(undefined, '{}')).json.__type).toBe('UnknownOperationException');
    expect((await post('TrentService.DescribeKey', '{}', { authorization: '' })).json.__type).toBe(
      'MissingAuthenticationTokenException',
    );
    expect((await post('TrentService.DescribeKey', '{not json')).json.__type).toBe('SerializationException');
    expect((await post('TrentService.DescribeKey', '[]')).json.__type).toBe('SerializationException');
    expect(
      (await post('TrentService.DescribeKey', '{}', { 'content-type': 'application/json' })).json.__type,
    ).toBe('SerializationException');
    expect((await post('TrentService.DescribeKey', '{}')).json.__type).toBe('ValidationException');
    expect((await post('TrentService.Decrypt', JSON.stringify({ CiphertextBlob: '***' }))).json.__type).toBe(
      'SerializationException',
    );
    expect((await post('TrentService.Decrypt', JSON.stringify({ CiphertextBlob: 'AAAA' }))).json.__type).toBe(
      'InvalidCiphertextException',
    );
  });

  it('bounds the request body (HTTP 413)', async () => {
    const huge = JSON.stringify({ KeyId: 'alias/packline', Padding: 'x'.repeat(128 * 1024) });
    const { res, json } = await post('TrentService.DescribeKey', huge);
    expect(res.status).toBe(413);
    expect(json.__type).toBe('RequestEntityTooLargeException');
  });

  it('answers 405 to other methods', async () => {
    const res = await fetch(`${sim.url}/`);
    expect(res.status).toBe(405);
    await res.arrayBuffer();
  });
});
