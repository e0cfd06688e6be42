// npm run bench:crypto — figures for the PII vault's crypto (ARCHITECTURE.md §4), printed as
// ratios against a baseline measured in the same run, never as absolute pass/fail thresholds.
//
// 1. Field encryption: the field codec (lib/crypto/field-codec.ts: header, AAD string built per
//    value, random IV written in place) and a whole vault record (9 fields) against raw
//    node:crypto AES-256-GCM doing the same encrypt+decrypt with a precomputed AAD. Rounds
//    alternate and the median is reported; the aim is a ratio >= 0.8. Also: the cost of deriving
//    the two buyer-pii subkeys (HKDF-SHA256, lib/crypto/buyer-pii-keys.ts; once per key version
//    per vault call) and of a record's blind indexes (under the derived index subkey).
// 2. KMS calls per 10 000 records, through the real code path: the real @aws-sdk/client-kms
//    against the in-process KMS simulator, the vault use cases (storeBuyerPiiBatch,
//    readBuyerPiiBatch) on a scratch database migrated for the run and dropped after. One data
//    key (buyer-pii) per organization: expected 1 GenerateDataKey to store, 1 Decrypt to read in a
//    fresh process. Needs the local PostgreSQL; skipped (and said so) without it.
import '../tests/simulators/kms/quiet-sdk-warning.ts';
import { createCipheriv, createDecipheriv, randomBytes, randomFillSync } from 'node:crypto';
import { deriveBuyerPiiSubkeys, zeroiseSubkeys } from '../lib/crypto/buyer-pii-keys.ts';
import { decryptField, encryptField, type FieldAad } from '../lib/crypto/field-codec.ts';
import {
  blindIndexesOf,
  decryptPiiFields,
  encryptPiiFields,
  type PiiRow,
} from '../lib/pii/pii-record-codec.ts';
import { PII_FIELDS, type TPiiField } from '../lib/pii/schemas.ts';

const ROUNDS = 5;
const FIELDS_PER_ROUND = 60_000;
const ORG = '0193a000-0000-7000-8000-00000000b0b0';

const SAMPLE: Record<TPiiField, (i: number) => string> = {
  name: (i) => `Alexandra Buyer-${i}`,
  addressLine1: (i) => `${i} Kingsland High Street`,
  addressLine2: (i) => `Flat ${i % 40}`,
  addressLine3: () => 'Dalston',
  city: () => 'London',
  region: () => 'Greater London',
  postcode: () => 'E8 2JS',
  phone: (i) => `+44 20 7946 ${String(i % 10_000).padStart(4, '0')}`,
  email: (i) => `alexandra.buyer.${i}@example.com`,
};

interface Sample {
  value: string;
  aad: FieldAad;
  aadBytes: Buffer;
}

function samples(count: number): Sample[] {
  return Array.from({ length: count }, (_, i) => {
    const { field, column } = PII_FIELDS[i % PII_FIELDS.length]!;
    const rowId = `0193a000-0000-7000-8000-${String(i).padStart(12, '0')}`;
    const aad: FieldAad = { organizationId: ORG, table: 'pii_records', column, rowId };
    return {
      value: SAMPLE[field](i),
      aad,
      aadBytes: Buffer.from(`1|1|${ORG}|pii_records.${column}|${rowId}`, 'utf8'),
    };
  });
}

/** Raw node:crypto: encrypt then decrypt each value (random IV, precomputed AAD). Returns fields/s. */
function rawRound(key: Buffer, data: readonly Sample[]): number {
  const started = process.hrtime.bigint();
  const iv = Buffer.allocUnsafe(12);
  for (const { value, aadBytes } of data) {
    randomFillSync(iv);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    cipher.setAAD(aadBytes);
    const ciphertext = cipher.update(value, 'utf8');
    cipher.final();
    const tag = cipher.getAuthTag();
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    decipher.setAAD(aadBytes);
    decipher.setAuthTag(tag);
    const plaintext = decipher.update(ciphertext);
    decipher.final();
    if (plaintext.length !== Buffer.byteLength(value)) throw new Error('raw round trip failed');
  }
  return data.length / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** The field codec: encryptField then decryptField. Returns fields/s. */
function codecRound(key: Buffer, data: readonly Sample[]): number {
  const started = process.hrtime.bigint();
  for (const { value, aad } of data) {
    const blob = encryptField(key, 1, aad, value);
    if (decryptField(key, aad, blob) !== value) throw new Error('codec round trip failed');
  }
  return data.length / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** Whole vault records (9 fields each) through encryptPiiFields/decryptPiiFields. Returns fields/s. */
function recordRound(
  key: Buffer,
  records: readonly { id: string; fields: Record<TPiiField, string> }[],
): number {
  const all = PII_FIELDS.map((f) => f.field);
  const started = process.hrtime.bigint();
  for (const { id, fields } of records) {
    const columns = encryptPiiFields(key, 1, ORG, id, fields);
    const row = { id, key_version: 1, ...columns } as unknown as PiiRow;
    const plain = decryptPiiFields(() => key, ORG, row, all);
    if (plain.email !== fields.email) throw new Error('record round trip failed');
  }
  return (records.length * PII_FIELDS.length) / (Number(process.hrtime.bigint() - started) / 1e9);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

function fieldBench(): void {
  const dataKey = randomBytes(32);
  // The vault encrypts under the HKDF field subkey and indexes under the index subkey.
  const { fieldKey: key, indexKey } = deriveBuyerPiiSubkeys(dataKey, ORG);
  const data = samples(FIELDS_PER_ROUND);
  const records = Array.from({ length: Math.ceil(FIELDS_PER_ROUND / PII_FIELDS.length) }, (_, i) => ({
    id: `0193a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    fields: Object.fromEntries(PII_FIELDS.map(({ field }) => [field, SAMPLE[field](i)])) as Record<
      TPiiField,
      string
    >,
  }));
  const avgBytes = data.reduce((n, s) => n + Buffer.byteLength(s.value), 0) / data.length;

  // Warm-up (JIT, OpenSSL contexts), then alternating rounds.
  rawRound(key, data.slice(0, 5_000));
  codecRound(key, data.slice(0, 5_000));
  recordRound(key, records.slice(0, 500));
  const raw: number[] = [];
  const codec: number[] = [];
  const record: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    raw.push(rawRound(key, data));
    codec.push(codecRound(key, data));
    record.push(recordRound(key, records));
  }
  const base = median(raw);
  const blindStart = process.hrtime.bigint();
  for (const { fields } of records) blindIndexesOf(indexKey, fields);
  const blindUs = Number(process.hrtime.bigint() - blindStart) / 1e3 / records.length;
  const DERIVATIONS = 20_000;
  for (let i = 0; i < 1_000; i += 1) zeroiseSubkeys(deriveBuyerPiiSubkeys(dataKey, ORG));
  const deriveStart = process.hrtime.bigint();
  for (let i = 0; i < DERIVATIONS; i += 1) zeroiseSubkeys(deriveBuyerPiiSubkeys(dataKey, ORG));
  const deriveUs = Number(process.hrtime.bigint() - deriveStart) / 1e3 / DERIVATIONS;

  console.log(
    `Field encryption: AES-256-GCM encrypt+decrypt, ${fmt(FIELDS_PER_ROUND)} fields/round (avg ${avgBytes.toFixed(0)} B), median of ${ROUNDS} rounds`,
  );
  console.log(`  raw node:crypto (baseline)        ${fmt(base).padStart(9)} fields/s   ratio 1.00`);
  console.log(
    `  field codec (encryptField)        ${fmt(median(codec)).padStart(9)} fields/s   ratio ${(median(codec) / base).toFixed(2)}`,
  );
  console.log(
    `  vault record (9 fields per row)   ${fmt(median(record)).padStart(9)} fields/s   ratio ${(median(record) / base).toFixed(2)}`,
  );
  console.log(
    `  buyer-pii subkeys (HKDF-SHA256 field + index key): ${deriveUs.toFixed(1)} µs per key version per call`,
  );
  console.log(`  blind indexes (email+phone+postcode HMAC): ${blindUs.toFixed(1)} µs per record`);
}

async function kmsBench(): Promise<void> {
  const { setupScratchDatabase } = await import('../tests/helpers/scratch-database.ts');
  let scratch: { drop: () => Promise<void> };
  try {
    scratch = await setupScratchDatabase('bench_crypto');
  } catch (error) {
    console.log(`KMS calls per 10 000 records: skipped (no local PostgreSQL: ${(error as Error).message})`);
    return;
  }
  const { setupKmsSimulator, freshKeyCache } = await import('../tests/helpers/kms.ts');
  const { systemDb, disconnectSystemDb } = await import('../lib/db/system.ts');
  const { disconnectAppDb } = await import('../lib/db/client.ts');
  const { resetTenantKeys } = await import('../lib/crypto/tenant-keys.ts');
  const { systemContext } = await import('../lib/tenancy/tenant-context.ts');
  const { storeBuyerPiiBatch } = await import('../lib/pii/store-buyer-pii.ts');
  const { readBuyerPiiBatch } = await import('../lib/pii/read-buyer-pii.ts');
  const { PII_READ_BATCH_MAX } = await import('../lib/pii/schemas.ts');
  const sim = await setupKmsSimulator();
  try {
    const org = await systemDb().organization.create({
      data: { name: 'Bench', slug: `bench-${process.pid}` },
    });
    const ctx = systemContext(org.id, ['orders.update', 'pii.reveal']);
    const total = 10_000;

    sim.calls.clear();
    const ids: string[] = [];
    let started = performance.now();
    for (let start = 0; start < total; start += 1_000) {
      const batch = Array.from({ length: 1_000 }, (_, i) => ({
        ownerType: 'order-recipient' as const,
        ownerId: `order-${start + i}`,
        ...Object.fromEntries(PII_FIELDS.map(({ field }) => [field, SAMPLE[field](start + i)])),
        countryCode: 'GB',
      }));
      ids.push(...(await storeBuyerPiiBatch(ctx, batch)).map((r) => r.recordId));
    }
    const storeSeconds = (performance.now() - started) / 1000;
    const storeCalls = sim.calls.countsByOperation();

    freshKeyCache();
    sim.calls.clear();
    started = performance.now();
    for (let i = 0; i < ids.length; i += PII_READ_BATCH_MAX) {
      await readBuyerPiiBatch(ctx, ids.slice(i, i + PII_READ_BATCH_MAX), 'customer-service');
    }
    const readSeconds = (performance.now() - started) / 1000;
    const readCalls = sim.calls.countsByOperation();

    const calls = (counts: Record<string, number>) =>
      Object.entries(counts)
        .map(([op, n]) => `${op} ${n}`)
        .join(', ') || 'none';
    console.log(`KMS calls per 10 000 records (real @aws-sdk/client-kms → KMS simulator):`);
    console.log(
      `  store 10 000 (new organization): ${calls(storeCalls)}  — one data key (buyer-pii); field and blind-index keys are HKDF subkeys of it`,
    );
    console.log(`  read 10 000 in a fresh process:  ${calls(readCalls)}`);
    console.log(
      `End to end (PostgreSQL, set-based writes, one audit event per ${PII_READ_BATCH_MAX}-record read):`,
    );
    console.log(`  store ${fmt(total / storeSeconds)} records/s, read ${fmt(total / readSeconds)} records/s`);
  } finally {
    resetTenantKeys();
    await Promise.allSettled([disconnectAppDb(), disconnectSystemDb(), sim.close()]);
    await scratch.drop();
  }
}

fieldBench();
await kmsBench();
