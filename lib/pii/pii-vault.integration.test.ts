// The PII vault end to end, through the REAL @aws-sdk/client-kms against the in-process KMS
// simulator: KMS call counts, purpose-bound reads with exactly one audit event each, tamper /
// swap / wrong-tenant refusals, KMS outages, crypto-shredding.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { blindIndexEmail } from '../crypto/blind-index.ts';
import { withBuyerPiiSubkeysOf } from '../crypto/buyer-pii-keys.ts';
import { destroyOrganizationKeys } from '../crypto/destroy-organization-keys.ts';
import {
  DataKeyUnavailableError,
  DecryptionError,
  InvalidWrappedKeyError,
  KmsUnavailableError,
} from '../crypto/errors.ts';
import { decryptField } from '../crypto/field-codec.ts';
import { asBuffer, resetTenantKeys, TenantKeys, tenantKeys } from '../crypto/tenant-keys.ts';
import { systemDb } from '../db/system.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import { createOrganization } from '../../tests/factories.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { freshKeyCache, setupKmsSimulator } from '../../tests/helpers/kms.ts';
import type { KmsSimulator } from '../../tests/simulators/kms/server.ts';
import { findBuyerPiiRecords } from './find-buyer-pii-records.ts';
import {
  readBuyerPii,
  readBuyerPiiBatch,
  readBuyerPiiForDsr,
  type TCallerPiiPurpose,
} from './read-buyer-pii.ts';
import { PII_READ_BATCH_MAX, type TStoreBuyerPiiInput } from './schemas.ts';
import { storeBuyerPii, storeBuyerPiiBatch } from './store-buyer-pii.ts';
import { setTestEnv } from '../../tests/helpers/test-env.ts';

let sim: KmsSimulator;
/** Every successful purpose-bound read this file made: each must have left exactly one audit event. */
const reads: { organizationId: string; purpose: TCallerPiiPurpose; recordIds: string[] }[] = [];

async function read(ctx: TenantContext, ids: string[], purpose: TCallerPiiPurpose) {
  const out = await readBuyerPiiBatch(ctx, ids, purpose);
  reads.push({ organizationId: ctx.organizationId, purpose, recordIds: [...new Set(ids)] });
  return out;
}

const buyer = (n: number, overrides: Partial<TStoreBuyerPiiInput> = {}): TStoreBuyerPiiInput => ({
  ownerType: 'order-recipient',
  ownerId: `order-${n}`,
  name: `CANARY Buyer ${n}`,
  addressLine1: `${n} CANARY Street`,
  city: 'London',
  postcode: 'SW1A 1AA',
  phone: `+44 20 7946 ${String(n).padStart(4, '0')}`,
  email: `canary.buyer.${n}@example.com`,
  countryCode: 'gb',
  ...overrides,
});

async function setupOrg() {
  const org = await createOrganization();
  return {
    org,
    owner: await memberContext(org.id, 'OWNER'),
    manager: await memberContext(org.id, 'MANAGER'),
    warehouse: await memberContext(org.id, 'WAREHOUSE'),
    viewer: await memberContext(org.id, 'VIEWER'),
  };
}

const auditCount = (organizationId: string, action = 'pii.read') =>
  withTenant(organizationId, (tx) => tx.auditEvent.count({ where: { organizationId, action } }));

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  // The KMS-cost test reads 10 000 records as one member: above the per-actor read limit, which
  // lib/privacy/pii-read-limits.integration.test.ts tests on its own.
  setTestEnv({ PII_READ_LIMIT: '1000000' });
  sim = await setupKmsSimulator();
});
afterAll(async () => {
  resetTenantKeys();
  await sim.close();
});
beforeEach(() => sim.reset());

describe('storing and reading buyer PII', () => {
  it('encrypts every field at rest, keeps the country code clear, and reads back per purpose', async () => {
    const { org, manager, warehouse } = await setupOrg();
    const { recordId } = await storeBuyerPii(manager, buyer(1));

    const raw = await withTenant(
      org.id,
      (tx) => tx.$queryRaw<Record<string, unknown>[]>`SELECT * FROM pii_records WHERE id = ${recordId}::uuid`,
    );
    // Values only: column names (pii_records.canary) are not data.
    const stored = JSON.stringify(raw.map(Object.values), (_k, v) =>
      v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v,
    );
    expect(stored).not.toMatch(/CANARY|canary|7946|SW1A/);
    expect(raw[0]).toMatchObject({ country_code: 'GB', key_version: 1, blind_index_key_version: 1 });

    const [full] = await read(manager, [recordId], 'customer-service');
    expect(full).toEqual({
      recordId,
      ownerType: 'order-recipient',
      ownerId: 'order-1',
      countryCode: 'GB',
      name: 'CANARY Buyer 1',
      addressLine1: '1 CANARY Street',
      addressLine2: null,
      addressLine3: null,
      city: 'London',
      region: null,
      postcode: 'SW1A 1AA',
      phone: '+44 20 7946 0001',
      email: 'canary.buyer.1@example.com',
    });

    // A packing slip decrypts the address only: no email, no phone.
    const [slip] = await read(warehouse, [recordId], 'packing-slip');
    expect(slip).not.toHaveProperty('email');
    expect(slip).not.toHaveProperty('phone');
    expect(slip?.name).toBe('CANARY Buyer 1');
    const [label] = await read(warehouse, [recordId], 'label');
    expect(label?.phone).toBe('+44 20 7946 0001');
    expect(label).not.toHaveProperty('email');
  });

  it('encrypts with the HKDF field subkey and indexes with the blind-index subkey, never the raw data key', async () => {
    const { org, manager } = await setupOrg();
    const { recordId } = await storeBuyerPii(manager, buyer(1));
    const [row] = await withTenant(
      org.id,
      (tx) => tx.$queryRaw<{ email: Uint8Array; email_index: Uint8Array }[]>`
        SELECT email, email_index FROM pii_records WHERE id = ${recordId}::uuid`,
    );
    const aad = { organizationId: org.id, table: 'pii_records', column: 'email', rowId: recordId };
    const keyRow = await withTenant(org.id, (tx) => tenantKeys().lockActiveKey(tx, org.id, 'buyer-pii'));
    await tenantKeys().withKey(keyRow, (dataKey) => {
      expect(() => decryptField(dataKey, aad, asBuffer(row!.email))).toThrow(DecryptionError);
      expect(blindIndexEmail(dataKey, 'canary.buyer.1@example.com')!.equals(asBuffer(row!.email_index))).toBe(
        false,
      );
    });
    await withBuyerPiiSubkeysOf(tenantKeys(), keyRow, ({ fieldKey, indexKey }) => {
      expect(decryptField(fieldKey, aad, asBuffer(row!.email))).toBe('canary.buyer.1@example.com');
      expect(() => decryptField(indexKey, aad, asBuffer(row!.email))).toThrow(DecryptionError);
      expect(
        blindIndexEmail(indexKey, 'canary.buyer.1@example.com')!.equals(asBuffer(row!.email_index)),
      ).toBe(true);
    });
  });

  it('writes exactly one audit event per read: actor, purpose, record ids and field names, never values', async () => {
    const { org, manager, warehouse } = await setupOrg();
    const stored = await storeBuyerPiiBatch(manager, [buyer(1), buyer(2)]);
    const ids = stored.map((s) => s.recordId);
    expect(await auditCount(org.id)).toBe(0);

    await read(warehouse, ids, 'packing-slip');
    const events = await withTenant(org.id, (tx) =>
      tx.auditEvent.findMany({ where: { organizationId: org.id, action: 'pii.read' } }),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorType: 'USER',
      actorId: warehouse.actor.id,
      purpose: 'packing-slip',
      targetType: 'pii_record',
      targetId: null,
      metadata: {
        recordIds: ids,
        records: 2,
        fields: ['name', 'addressLine1', 'city', 'postcode'],
      },
    });
    expect(JSON.stringify(events[0], (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toMatch(
      /CANARY|canary|7946|SW1A|London/,
    );

    await readBuyerPii(warehouse, ids[0]!, 'label');
    reads.push({ organizationId: org.id, purpose: 'label', recordIds: [ids[0]!] });
    const single = await withTenant(org.id, (tx) =>
      tx.auditEvent.findFirst({ where: { organizationId: org.id, action: 'pii.read', purpose: 'label' } }),
    );
    expect(single?.targetId).toBe(ids[0]);
  });

  it('checks the permission of the purpose before touching anything, and audits nothing when refused', async () => {
    const { org, owner, manager, warehouse, viewer } = await setupOrg();
    const { recordId } = await storeBuyerPii(manager, buyer(1));
    for (const [ctx, purpose] of [
      [viewer, 'packing-slip'],
      [viewer, 'label'],
      [warehouse, 'customer-service'],
    ] as const) {
      const error = await failure(readBuyerPii(ctx, recordId, purpose));
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('FORBIDDEN');
    }
    expect(await failure(readBuyerPiiForDsr(manager, [recordId]))).toMatchObject({ code: 'FORBIDDEN' });
    // dsr-export is the data-subject request's own reader: no other caller may name it, even one
    // holding privacy.dsr.
    expect(await failure(readBuyerPii(owner, recordId, 'dsr-export' as TCallerPiiPurpose))).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('data-subject request'),
    });
    expect(await failure(readBuyerPii(manager, recordId, 'marketing' as TCallerPiiPurpose))).toMatchObject({
      code: 'BAD_REQUEST',
    });
    // Writing needs orders.update, which a warehouse member does not have.
    expect(await failure(storeBuyerPii(warehouse, buyer(2)))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await auditCount(org.id)).toBe(0);
  });

  it('bounds bulk reads', async () => {
    const { manager } = await setupOrg();
    const ids = Array.from({ length: PII_READ_BATCH_MAX + 1 }, () => crypto.randomUUID());
    expect(await failure(readBuyerPiiBatch(manager, ids, 'customer-service'))).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('replaces a record for the same owner in place (the row id, bound into the ciphertexts, stays)', async () => {
    const { manager } = await setupOrg();
    const first = await storeBuyerPii(manager, buyer(1));
    const second = await storeBuyerPii(manager, buyer(1, { name: 'CANARY Renamed', addressLine1: null }));
    expect(second.recordId).toBe(first.recordId);
    const [record] = await read(manager, [first.recordId], 'customer-service');
    expect(record).toMatchObject({ name: 'CANARY Renamed', addressLine1: null, city: 'London' });
  });

  it('finds a buyer’s records by blind index (normalised email, phone, postcode) without decrypting', async () => {
    const { org, owner, manager } = await setupOrg();
    const [a, b] = await storeBuyerPiiBatch(manager, [
      buyer(1),
      buyer(2, { email: 'Canary.Buyer.1@Example.com ' }),
    ]);
    await storeBuyerPii(manager, buyer(3, { email: null, phone: null, postcode: null }));

    expect((await findBuyerPiiRecords(owner, { email: '  CANARY.BUYER.1@example.COM' })).sort()).toEqual(
      [a!.recordId, b!.recordId].sort(),
    );
    expect(await findBuyerPiiRecords(owner, { phone: '+44 (20) 7946-0002' })).toEqual([b!.recordId]);
    expect(
      await findBuyerPiiRecords(owner, { email: 'canary.buyer.1@example.com', phone: '+4420 7946 0002' }),
    ).toEqual([b!.recordId]);
    expect(await findBuyerPiiRecords(owner, { email: 'nobody@example.com' })).toEqual([]);
    expect(await failure(findBuyerPiiRecords(manager, { email: 'x@example.com' }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await auditCount(org.id, 'pii.searched')).toBe(4);
    expect(await auditCount(org.id)).toBe(0);
  });

  it('refuses to read or refill an anonymised record', async () => {
    const { org, manager } = await setupOrg();
    const { recordId } = await storeBuyerPii(manager, buyer(1));
    await withTenant(
      org.id,
      (tx) => tx.$executeRaw`
        UPDATE pii_records SET anonymised_at = now(), name = NULL, address_line1 = NULL, city = NULL,
               postcode = NULL, phone = NULL, email = NULL, email_index = NULL, phone_index = NULL,
               postcode_index = NULL
         WHERE id = ${recordId}::uuid`,
    );
    expect(await failure(readBuyerPii(manager, recordId, 'customer-service'))).toMatchObject({
      code: 'GONE',
    });
    expect(await failure(storeBuyerPii(manager, buyer(1)))).toMatchObject({ code: 'GONE' });
  });
});

describe('ciphertexts are bound to their tenant, row and column', () => {
  let a: Awaited<ReturnType<typeof setupOrg>>;
  let b: Awaited<ReturnType<typeof setupOrg>>;
  let recordA1: string;
  let recordA2: string;
  let recordB1: string;

  beforeAll(async () => {
    a = await setupOrg();
    b = await setupOrg();
    [recordA1, recordA2] = (await storeBuyerPiiBatch(a.manager, [buyer(1), buyer(2)])).map(
      (r) => r.recordId,
    ) as [string, string];
    recordB1 = (await storeBuyerPii(b.manager, buyer(9))).recordId;
  });

  /** Runs SQL as the system role (an attacker with database write access, or a bug). */
  const tamper = (sql: TemplateStringsArray, ...values: unknown[]) => systemDb().$executeRaw(sql, ...values);

  async function expectRefused(ctx: TenantContext, recordId: string) {
    const before = await auditCount(ctx.organizationId);
    const error = await failure(readBuyerPii(ctx, recordId, 'customer-service'));
    expect(error).toBeInstanceOf(DecryptionError);
    expect((error as DecryptionError).reason).toBe('AUTHENTICATION_FAILED');
    expect(String((error as Error).message)).not.toMatch(/CANARY|canary/);
    // No plaintext, so no audit event either.
    expect(await auditCount(ctx.organizationId)).toBe(before);
  }

  it('a flipped bit fails to decrypt', async () => {
    await tamper`UPDATE pii_records SET name = set_byte(name, 20, get_byte(name, 20) # 1) WHERE id = ${recordA1}::uuid`;
    await expectRefused(a.manager, recordA1);
  });

  it('a ciphertext moved to another column fails to decrypt', async () => {
    await tamper`UPDATE pii_records SET city = address_line1 WHERE id = ${recordA2}::uuid`;
    await expectRefused(a.manager, recordA2);
  });

  it('a ciphertext moved to another row of the same tenant fails to decrypt', async () => {
    const { recordId } = await storeBuyerPii(a.manager, buyer(3));
    await tamper`UPDATE pii_records SET email = (SELECT email FROM pii_records WHERE owner_id = 'order-2' AND organization_id = ${a.org.id}::uuid)
                  WHERE id = ${recordId}::uuid`;
    await expectRefused(a.manager, recordId);
  });

  it('a ciphertext moved to another tenant’s row fails to decrypt', async () => {
    const { recordId } = await storeBuyerPii(a.manager, buyer(4));
    await tamper`UPDATE pii_records SET phone = (SELECT phone FROM pii_records WHERE id = ${recordId}::uuid)
                  WHERE id = ${recordB1}::uuid`;
    await expectRefused(b.manager, recordB1);
  });

  it('a whole row moved to another tenant (ids, key version and all) fails to decrypt', async () => {
    const { recordId } = await storeBuyerPii(a.manager, buyer(5));
    await tamper`UPDATE pii_records SET organization_id = ${b.org.id}::uuid, owner_id = 'moved' WHERE id = ${recordId}::uuid`;
    await expectRefused(b.manager, recordId);
  });

  it('another tenant’s record is NOT_FOUND, whatever the role', async () => {
    const { recordId } = await storeBuyerPii(a.manager, buyer(6));
    expect(await failure(readBuyerPii(b.owner, recordId, 'customer-service'))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await failure(readBuyerPiiForDsr(b.owner, [recordB1, recordId]))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('KMS refuses organization A’s wrapped key presented with organization B’s context', async () => {
    const [keyA] = await systemDb().$queryRaw<{ wrapped_key: Uint8Array; kms_key_id: string }[]>`
      SELECT wrapped_key, kms_key_id FROM data_keys WHERE organization_id = ${a.org.id}::uuid AND purpose = 'buyer-pii'`;
    const provider = tenantKeys().provider;
    const wrapped = asBuffer(keyA!.wrapped_key);
    sim.calls.clear();
    const error = await failure(
      provider.unwrap(wrapped, { organizationId: b.org.id, purpose: 'buyer-pii' }, keyA!.kms_key_id),
    );
    expect(error).toBeInstanceOf(InvalidWrappedKeyError);
    expect(sim.calls.log.at(-1)).toMatchObject({
      operation: 'Decrypt',
      errorType: 'InvalidCiphertextException',
    });
    // … and with another purpose of the same organization, too.
    await expect(
      provider.unwrap(wrapped, { organizationId: a.org.id, purpose: 'credentials' }, keyA!.kms_key_id),
    ).rejects.toBeInstanceOf(InvalidWrappedKeyError);
    // With its own context it unwraps.
    expect(
      await provider.unwrap(wrapped, { organizationId: a.org.id, purpose: 'buyer-pii' }, keyA!.kms_key_id),
    ).toHaveLength(32);
  });
});

describe('KMS down', () => {
  it('stores nothing — no record, no key — and gives the caller a retryable error', async () => {
    const { org, manager } = await setupOrg();
    sim.faults.set({ internalErrorRate: 1 });
    const error = await failure(storeBuyerPii(manager, buyer(1)));
    expect(error).toBeInstanceOf(KmsUnavailableError);
    expect((error as KmsUnavailableError).retryable).toBe(true);
    const counts = await systemDb().$queryRaw<{ records: number; keys: number }[]>`
      SELECT (SELECT count(*)::int FROM pii_records WHERE organization_id = ${org.id}::uuid) AS records,
             (SELECT count(*)::int FROM data_keys WHERE organization_id = ${org.id}::uuid) AS keys`;
    expect(counts[0]).toEqual({ records: 0, keys: 0 });

    sim.faults.reset();
    const { recordId } = await storeBuyerPii(manager, buyer(1));
    expect((await read(manager, [recordId], 'customer-service'))[0]?.name).toBe('CANARY Buyer 1');
  });

  it('with a key that exists but is not cached (a fresh process), still stores nothing', async () => {
    const { org, manager } = await setupOrg();
    await storeBuyerPii(manager, buyer(1));
    freshKeyCache();
    sim.faults.set({ failNext: 100, failNextWith: 'ThrottlingException' });
    await expect(storeBuyerPii(manager, buyer(2))).rejects.toBeInstanceOf(KmsUnavailableError);
    sim.faults.reset();
    const [row] = await withTenant(
      org.id,
      (tx) => tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pii_records`,
    );
    expect(row?.n).toBe(1);
  });
});

describe('KMS cost', () => {
  it('10 000 records for one organization cost 1 GenerateDataKey; reading them in a fresh process costs 1 Decrypt', async () => {
    const { org, owner, manager } = await setupOrg();
    sim.calls.clear();
    const ids: string[] = [];
    for (let batch = 0; batch < 10; batch += 1) {
      const stored = await storeBuyerPiiBatch(
        manager,
        Array.from({ length: 1_000 }, (_, i) => buyer(batch * 1_000 + i)),
      );
      ids.push(...stored.map((s) => s.recordId));
    }
    expect(ids).toHaveLength(10_000);
    // One data key (buyer-pii), generated once: the field-encryption and blind-index keys are
    // HKDF subkeys of it, and the plaintext GenerateDataKey returned needs no Decrypt here.
    expect(sim.calls.countsByOperation()).toEqual({ GenerateDataKey: 1 });
    const keys = await withTenant(
      org.id,
      (tx) =>
        tx.$queryRaw<{ purpose: string; n: number }[]>`
        SELECT purpose::text AS purpose, count(*)::int AS n FROM data_keys GROUP BY purpose ORDER BY purpose`,
    );
    expect(keys).toEqual([{ purpose: 'buyer-pii', n: 1 }]);
    // Every record is indexed, under the buyer-pii version its fields use.
    const [indexed] = await withTenant(
      org.id,
      (tx) =>
        tx.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pii_records
         WHERE key_version = 1 AND blind_index_key_version = 1 AND email_index IS NOT NULL`,
    );
    expect(indexed?.n).toBe(10_000);
    // … and searchable (the index subkey, derived from the same cached key: no KMS call).
    sim.calls.clear();
    expect(await findBuyerPiiRecords(owner, { email: 'canary.buyer.9999@example.com' })).toEqual([
      ids[9_999],
    ]);
    expect(sim.calls.countsByOperation()).toEqual({});

    freshKeyCache();
    sim.calls.clear();
    let decrypted = 0;
    for (let i = 0; i < ids.length; i += PII_READ_BATCH_MAX) {
      const batch = await read(manager, ids.slice(i, i + PII_READ_BATCH_MAX), 'customer-service');
      decrypted += batch.length;
      if (i === 0) expect(batch[7]?.name).toBe('CANARY Buyer 7');
    }
    expect(decrypted).toBe(10_000);
    expect(sim.calls.countsByOperation()).toEqual({ Decrypt: 1 });
    expect(await auditCount(org.id)).toBe(10_000 / PII_READ_BATCH_MAX);
  }, 60_000);

  it('two processes creating an organization’s first key concurrently end with one key', async () => {
    const { org, manager } = await setupOrg();
    sim.calls.clear();
    const processes = Array.from(
      { length: 4 },
      () => new TenantKeys({ provider: tenantKeys().provider, ttlMs: 60_000 }),
    );
    const rows = await Promise.all(processes.map((p) => p.ensureActiveKey(org.id, 'buyer-pii')));
    expect(new Set(rows.map((r) => r.id)).size).toBe(1);
    expect(sim.calls.count('GenerateDataKey')).toBe(1);
    const [count] = await withTenant(
      org.id,
      (tx) =>
        tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM data_keys WHERE purpose = 'buyer-pii'`,
    );
    expect(count?.n).toBe(1);
    for (const p of processes) p.cache.clear();
    // And the vault uses that one key.
    const { recordId } = await storeBuyerPii(manager, buyer(1));
    const [row] = await withTenant(
      org.id,
      (tx) =>
        tx.$queryRaw<
          { key_version: number }[]
        >`SELECT key_version FROM pii_records WHERE id = ${recordId}::uuid`,
    );
    expect(row?.key_version).toBe(rows[0]?.version);
  });
});

describe('crypto-shredding', () => {
  it('destroying an organization’s keys makes its ciphertexts unreadable, and only its own', async () => {
    const a = await setupOrg();
    const b = await setupOrg();
    const { recordId } = await storeBuyerPii(a.manager, buyer(1));
    const { recordId: other } = await storeBuyerPii(b.manager, buyer(2));
    const [before] = await systemDb().$queryRaw<
      { name: Uint8Array }[]
    >`SELECT name FROM pii_records WHERE id = ${recordId}::uuid`;
    await read(a.manager, [recordId], 'customer-service');

    // One key: buyer-pii (fields and blind indexes both derive from it).
    expect(await destroyOrganizationKeys(a.org.id)).toEqual({ destroyed: 1 });

    // The ciphertext is still there; the key that could open it is not — in this process's cache,
    // or in any other process (each read checks the key row first), or in the database.
    const error = await failure(readBuyerPii(a.manager, recordId, 'customer-service'));
    expect(error).toBeInstanceOf(DataKeyUnavailableError);
    const keys = await systemDb().$queryRaw<{ status: string; wrapped: boolean }[]>`
      SELECT status::text AS status, wrapped_key IS NOT NULL AS wrapped FROM data_keys WHERE organization_id = ${a.org.id}::uuid`;
    expect(keys.every((k) => k.status === 'RETIRED' && !k.wrapped)).toBe(true);
    expect(tenantKeys().cache.stats().size).toBeGreaterThan(0); // organization B's keys stay cached
    // Organization B's keys cannot open it either (different key, different AAD).
    await withBuyerPiiSubkeysOf(
      tenantKeys(),
      await withTenant(b.org.id, (tx) => tenantKeys().lockActiveKey(tx, b.org.id, 'buyer-pii')),
      ({ fieldKey: keyB }) =>
        expect(() =>
          decryptField(
            keyB,
            { organizationId: a.org.id, table: 'pii_records', column: 'name', rowId: recordId },
            asBuffer(before!.name),
          ),
        ).toThrow(DecryptionError),
    );
    expect((await read(b.manager, [other], 'customer-service'))[0]?.name).toBe('CANARY Buyer 2');

    // A later write gets a new key version: a version number never names two keys.
    const { recordId: later } = await storeBuyerPii(a.manager, buyer(3));
    const [row] = await withTenant(
      a.org.id,
      (tx) =>
        tx.$queryRaw<
          { key_version: number }[]
        >`SELECT key_version FROM pii_records WHERE id = ${later}::uuid`,
    );
    expect(row?.key_version).toBe(2);
    expect(await auditCount(a.org.id, 'data_key.destroyed')).toBe(1);
  });
});

describe('the audit trail of this file', () => {
  it('holds exactly one pii.read event, with its purpose, for every read made', async () => {
    const orgs = [...new Set(reads.map((r) => r.organizationId))];
    for (const organizationId of orgs) {
      const mine = reads.filter((r) => r.organizationId === organizationId);
      const events = await withTenant(organizationId, (tx) =>
        tx.auditEvent.findMany({ where: { organizationId, action: 'pii.read' }, orderBy: { seq: 'asc' } }),
      );
      expect(events.map((e) => [e.purpose, (e.metadata as { recordIds: string[] }).recordIds])).toEqual(
        mine.map((r) => [r.purpose, r.recordIds]),
      );
    }
    expect(reads.length).toBeGreaterThan(200);
  });
});
