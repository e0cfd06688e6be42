// Rotation end to end through the real KMS SDK and the real job worker: a new data-key version,
// the crypto.reencrypt job moving every row to it (surviving a SIGKILL of the worker process
// midway), the old version retired, and re-wrapping every data key under another KMS key.
import { spawn, type ChildProcess } from 'node:child_process';
import { Queue, type Job } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readCredential } from '../credentials/read-credential.ts';
import { storeCredential } from '../credentials/store-credential.ts';
import { systemDb } from '../db/system.ts';
import { withTenant } from '../db/tenant.ts';
import { childProcessEnv, setTestEnv } from '../../tests/helpers/test-env.ts';
import { workerConnection } from '../jobs/connection.ts';
import { queuePrefix } from '../jobs/queues.ts';
import { createLogger } from '../logger.ts';
import { eraseBuyerPiiRecords } from '../pii/erase-buyer-pii.ts';
import { findBuyerPiiRecords } from '../pii/find-buyer-pii-records.ts';
import { readBuyerPiiBatch } from '../pii/read-buyer-pii.ts';
import { PII_READ_BATCH_MAX, type TStoreBuyerPiiInput } from '../pii/schemas.ts';
import { storeBuyerPii, storeBuyerPiiBatch } from '../pii/store-buyer-pii.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import { startWorker, type RunningWorker } from '../../jobs/start-worker.ts';
import { createOrganization } from '../../tests/factories.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { CRASH_TEST_WORKER_OPTIONS } from '../../tests/helpers/crash-test.ts';
import { freshKeyCache, setupKmsSimulator } from '../../tests/helpers/kms.ts';
import type { KmsSimulator } from '../../tests/simulators/kms/server.ts';
import { resetTenantKeys } from './tenant-keys.ts';
import { rewrapDataKeys } from './rewrap-data-keys.ts';
import { resumeReencryption } from './resume-reencryption.ts';
import { rotateDataKey } from './rotate-data-key.ts';
import { Writable } from 'node:stream';

const silent = createLogger({ destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let sim: KmsSimulator;
let queue: Queue;
let worker: RunningWorker | undefined;
let child: ChildProcess | undefined;

beforeAll(async () => {
  // Checks read back thousands of records as one member: above the per-actor read limit
  // (lib/privacy/pii-read-limits.integration.test.ts tests it on its own).
  setTestEnv({ PII_READ_LIMIT: '1000000' });
  sim = await setupKmsSimulator();
  queue = new Queue('crypto', { connection: workerConnection(), prefix: queuePrefix() });
});
afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  await worker?.close();
  worker = undefined;
});
afterAll(async () => {
  await queue.close();
  resetTenantKeys();
  await sim.close();
});

const buyer = (n: number): TStoreBuyerPiiInput => ({
  ownerType: 'order-recipient',
  ownerId: `order-${n}`,
  name: `Buyer ${n}`,
  addressLine1: `${n} High Street`,
  postcode: 'SW1A 1AA',
  email: `buyer.${n}@example.com`,
  countryCode: 'GB',
});

async function storeMany(ctx: TenantContext, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, count - start) }, (_, i) => buyer(start + i));
    ids.push(...(await storeBuyerPiiBatch(ctx, batch)).map((r) => r.recordId));
  }
  return ids;
}

async function versions(organizationId: string) {
  return withTenant(organizationId, async (tx) => ({
    rows: await tx.$queryRaw<{ key_version: number; blind_index_key_version: number | null; n: number }[]>`
      SELECT key_version, blind_index_key_version, count(*)::int AS n FROM pii_records
       GROUP BY 1, 2 ORDER BY 1, 2`,
    keys: await tx.$queryRaw<{ purpose: string; version: number; status: string; wrapped: boolean }[]>`
      SELECT purpose::text AS purpose, version, status::text AS status, wrapped_key IS NOT NULL AS wrapped
        FROM data_keys ORDER BY purpose, version`,
  }));
}

async function waitForJob(jobId: string, state: 'completed' | 'active', timeoutMs = 20_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await queue.getJob(jobId);
    if (job && (await job.getState()) === state) return job;
    if (job && (await job.getState()) === 'failed') throw new Error(`job failed: ${job.failedReason}`);
    if (Date.now() > deadline) throw new Error(`job ${jobId} did not become ${state} in time`);
    await sleep(100);
  }
}

/**
 * An in-process worker. Every worker on this queue prefix gets the crash-test lock settings: the
 * stall check runs at the interval of whichever worker ran it last.
 */
const startTestWorker = () =>
  startWorker({
    logger: silent,
    closeDatabase: false,
    heartbeatEveryMs: 3_600_000,
    workerOptions: CRASH_TEST_WORKER_OPTIONS,
  });

/**
 * Decrypts every record through the purpose-bound read; returns the names. Each call must leave
 * exactly one pii.read audit event with its purpose.
 */
async function readAll(ctx: TenantContext, ids: string[]): Promise<string[]> {
  const events = () =>
    withTenant(ctx.organizationId, (tx) =>
      tx.auditEvent.count({ where: { action: 'pii.read', purpose: 'customer-service' } }),
    );
  const before = await events();
  const names: string[] = [];
  let calls = 0;
  for (let i = 0; i < ids.length; i += PII_READ_BATCH_MAX) {
    calls += 1;
    for (const r of await readBuyerPiiBatch(ctx, ids.slice(i, i + PII_READ_BATCH_MAX), 'customer-service')) {
      names.push(r.name ?? '');
    }
  }
  expect(await events()).toBe(before + calls);
  return names;
}

describe('rotateDataKey', () => {
  it('needs keys.rotate', async () => {
    const org = await createOrganization();
    const manager = await memberContext(org.id, 'MANAGER');
    await expect(rotateDataKey(manager, 'buyer-pii')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('makes a new version ACTIVE at once; the job moves every row to it, then retires the old one', async () => {
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    const ids = await storeMany(admin, 600);

    const rotation = await rotateDataKey(admin, 'buyer-pii');
    expect(rotation).toMatchObject({ version: 2, previousVersion: 1 });
    // Written after the rotation: already on the new version.
    const late = await storeBuyerPii(admin, buyer(10_000));
    ids.push(late.recordId);
    // Fields and indexes of a row always use the same buyer-pii version (two subkeys of one key).
    expect((await versions(org.id)).rows).toEqual([
      { key_version: 1, blind_index_key_version: 1, n: 600 },
      { key_version: 2, blind_index_key_version: 2, n: 1 },
    ]);
    // Old rows still decrypt while the job has not run.
    expect((await readBuyerPiiBatch(admin, ids.slice(0, 2), 'customer-service'))[1]?.name).toBe('Buyer 1');

    worker = await startTestWorker();
    const job = await waitForJob(rotation.jobId!, 'completed');
    expect(job.progress).toEqual({ done: 600, total: 600 });

    const after = await versions(org.id);
    expect(after.rows).toEqual([{ key_version: 2, blind_index_key_version: 2, n: 601 }]);
    expect(after.keys).toEqual([
      { purpose: 'buyer-pii', version: 1, status: 'RETIRED', wrapped: false },
      { purpose: 'buyer-pii', version: 2, status: 'ACTIVE', wrapped: true },
    ]);
    freshKeyCache();
    const names = await readAll(admin, ids);
    expect(names.slice(0, 3)).toEqual(['Buyer 0', 'Buyer 1', 'Buyer 2']);
    expect(names).toHaveLength(601);

    const actions = await withTenant(org.id, (tx) =>
      tx.auditEvent.findMany({ where: { action: { startsWith: 'data_key.' } }, orderBy: { seq: 'asc' } }),
    );
    expect(actions.map((a) => [a.action, a.actorType, a.metadata])).toEqual([
      ['data_key.rotated', 'USER', { keyPurpose: 'buyer-pii', fromVersion: 1, toVersion: 2 }],
      ['data_key.retired', 'SYSTEM', { keyPurpose: 'buyer-pii', version: 1 }],
    ]);
  });

  it('an erased vault row is not re-encrypted and does not hold its old version from retirement', async () => {
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    const ids = await storeMany(admin, 3);
    // Erased as the anonymiser and DSR erasure do: fields and indexes NULL, key_version kept.
    await withTenant(org.id, (tx) => eraseBuyerPiiRecords(tx, org.id, [ids[0]!], new Date()));
    const rotation = await rotateDataKey(admin, 'buyer-pii');

    worker = await startTestWorker();
    const job = await waitForJob(rotation.jobId!, 'completed');
    expect(job.progress).toEqual({ done: 2, total: 2 });
    const after = await versions(org.id);
    expect(after.rows).toEqual([
      { key_version: 1, blind_index_key_version: null, n: 1 },
      { key_version: 2, blind_index_key_version: 2, n: 2 },
    ]);
    expect(after.keys).toEqual([
      { purpose: 'buyer-pii', version: 1, status: 'RETIRED', wrapped: false },
      { purpose: 'buyer-pii', version: 2, status: 'ACTIVE', wrapped: true },
    ]);
    freshKeyCache();
    expect(await readAll(admin, ids.slice(1))).toEqual(['Buyer 1', 'Buyer 2']);
  });

  it('rotating buyer-pii recomputes every blind index in the same pass; lookups keep working throughout', async () => {
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    const ids = await storeMany(admin, 120);
    const rotation = await rotateDataKey(admin, 'buyer-pii');
    // Mid-rotation: a row written now is indexed under version 2, the others still under 1, and the
    // searched value is indexed under both (every non-retired version).
    const late = await storeBuyerPii(admin, { ...buyer(7), ownerId: 'order-late' });
    expect((await versions(org.id)).rows).toEqual([
      { key_version: 1, blind_index_key_version: 1, n: 120 },
      { key_version: 2, blind_index_key_version: 2, n: 1 },
    ]);
    expect((await findBuyerPiiRecords(admin, { email: 'BUYER.7@example.com' })).sort()).toEqual(
      [ids[7], late.recordId].sort(),
    );

    worker = await startTestWorker();
    const job = await waitForJob(rotation.jobId!, 'completed');
    expect(job.progress).toEqual({ done: 120, total: 120 });
    const after = await versions(org.id);
    expect(after.rows).toEqual([{ key_version: 2, blind_index_key_version: 2, n: 121 }]);
    expect(after.keys).toEqual([
      { purpose: 'buyer-pii', version: 1, status: 'RETIRED', wrapped: false },
      { purpose: 'buyer-pii', version: 2, status: 'ACTIVE', wrapped: true },
    ]);
    // Version 1 is retired: the lookup now uses version 2 only, in a fresh process too.
    freshKeyCache();
    sim.calls.clear();
    expect((await findBuyerPiiRecords(admin, { email: 'buyer.7@example.com' })).sort()).toEqual(
      [ids[7], late.recordId].sort(),
    );
    expect(await findBuyerPiiRecords(admin, { postcode: 'sw1a1aa' })).toHaveLength(121);
    expect(sim.calls.countsByOperation()).toEqual({ Decrypt: 1 });
  });

  it('rotates the credentials key the same way', async () => {
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    for (let i = 0; i < 5; i += 1) {
      await storeCredential(admin, {
        kind: 'amazon-refresh-token',
        ownerId: `integration-${i}`,
        secret: `Atzr|secret-${i}`,
      });
    }
    const rotation = await rotateDataKey(admin, 'credentials');
    worker = await startTestWorker();
    await waitForJob(rotation.jobId!, 'completed');
    const rows = await withTenant(
      org.id,
      (tx) => tx.$queryRaw<{ key_version: number }[]>`SELECT DISTINCT key_version FROM credentials`,
    );
    expect(rows).toEqual([{ key_version: 2 }]);
    freshKeyCache();
    expect(await readCredential(admin, { kind: 'amazon-refresh-token', ownerId: 'integration-3' })).toBe(
      'Atzr|secret-3',
    );
  });

  it('a re-encryption killed midway (SIGKILL) resumes on restart: every row ends on the new version, none lost', async () => {
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    const total = 3_000;
    const ids = await storeMany(admin, total);
    const rotation = await rotateDataKey(admin, 'buyer-pii');

    child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/crypto-worker-child.ts'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: childProcessEnv({
        REENCRYPT_BATCH_SIZE: '100',
        REENCRYPT_BATCH_PAUSE_MS: '100',
        LOG_LEVEL: 'silent',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise((resolve) => child!.once('exit', resolve));

    // Wait until the child has moved some rows, but not all.
    const deadline = Date.now() + 90_000; // a loaded 2-core box can take this long to start tsx
    let moved = 0;
    while (moved < 300) {
      if (Date.now() > deadline) throw new Error(`the child never got going:\n${output}`);
      await sleep(50);
      const [row] = await systemDb().$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pii_records WHERE organization_id = ${org.id}::uuid AND key_version = 2`;
      moved = row?.n ?? 0;
    }
    child.kill('SIGKILL');
    await exited;
    child = undefined;

    const [midway] = await systemDb().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pii_records WHERE organization_id = ${org.id}::uuid AND key_version = 2`;
    expect(midway!.n).toBeGreaterThanOrEqual(300);
    expect(midway!.n).toBeLessThan(total);
    expect(await (await queue.getJob(rotation.jobId!))!.getState()).toBe('active'); // orphaned: its lock will expire

    const started = Date.now();
    worker = await startTestWorker();
    const job = await waitForJob(rotation.jobId!, 'completed', 30_000);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(job.stalledCounter).toBe(1);
    // The second run counted only what was left: the first run's batches had committed.
    expect((job.progress as { total: number }).total).toBe(total - midway!.n);

    const after = await versions(org.id);
    expect(after.rows).toEqual([{ key_version: 2, blind_index_key_version: 2, n: total }]);
    expect(after.keys.find((k) => k.purpose === 'buyer-pii' && k.version === 1)).toMatchObject({
      status: 'RETIRED',
      wrapped: false,
    });
    freshKeyCache();
    const names = await readAll(admin, ids);
    expect(names).toEqual(ids.map((_, i) => `Buyer ${i}`));
  }, 90_000);
});

describe('resumeReencryption', () => {
  it('re-derives a rotation’s lost job from the database (a flushed Redis loses nothing)', async () => {
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    await storeMany(admin, 50);
    const rotation = await rotateDataKey(admin, 'buyer-pii');
    await (await queue.getJob(rotation.jobId!))!.remove();
    expect(await queue.getJob(rotation.jobId!)).toBeUndefined();

    const { enqueued } = await resumeReencryption();
    expect(enqueued).toBeGreaterThanOrEqual(1);
    expect(await queue.getJob(rotation.jobId!)).toBeDefined();
    // Idempotent: the same deterministic id while the job exists.
    await resumeReencryption();
    expect((await queue.getJobs(['waiting'])).filter((j) => j.id === rotation.jobId)).toHaveLength(1);

    worker = await startTestWorker();
    await waitForJob(rotation.jobId!, 'completed');
    expect((await versions(org.id)).rows).toEqual([{ key_version: 2, blind_index_key_version: 2, n: 50 }]);
  });
});

describe('rewrapDataKeys', () => {
  it('moves every wrapped key to another KMS key with ReEncrypt; data keys and ciphertexts unchanged', async () => {
    const a = await createOrganization();
    const b = await createOrganization();
    const adminA = await memberContext(a.id, 'ADMIN');
    const adminB = await memberContext(b.id, 'ADMIN');
    const [recordA] = await storeMany(adminA, 1);
    const [recordB] = await storeMany(adminB, 1);
    await storeCredential(adminA, { kind: 'courier-api-secret', ownerId: 'courier-1', secret: 's3cret' });
    const oldArn = sim.keys.get('alias/packline').arn;
    const next = sim.keys.createKey({ aliases: ['alias/packline-2026'] });

    const [{ n: pending }] = (await systemDb().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM data_keys WHERE wrapped_key IS NOT NULL AND kms_key_id <> ${next.arn}`) as [
      { n: number },
    ];
    sim.calls.clear();
    const result = await rewrapDataKeys({ toKeyId: 'alias/packline-2026' });
    expect(result).toMatchObject({ keyId: next.arn, rewrapped: pending });
    expect(result.organizations).toBeGreaterThanOrEqual(2);
    expect(sim.calls.countsByOperation()).toEqual({ DescribeKey: 1, ReEncrypt: pending });
    const left = await systemDb().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM data_keys WHERE wrapped_key IS NOT NULL AND kms_key_id <> ${next.arn}`;
    expect(left[0]?.n).toBe(0);
    // Idempotent.
    expect((await rewrapDataKeys({ toKeyId: next.arn })).rewrapped).toBe(0);

    // With the old KMS key disabled, a fresh process still reads everything: the new wrapping is used.
    sim.keys.disableKey(oldArn);
    try {
      freshKeyCache();
      expect((await readBuyerPiiBatch(adminA, [recordA!], 'customer-service'))[0]?.name).toBe('Buyer 0');
      expect((await readBuyerPiiBatch(adminB, [recordB!], 'customer-service'))[0]?.name).toBe('Buyer 0');
      expect(await readCredential(adminA, { kind: 'courier-api-secret', ownerId: 'courier-1' })).toBe(
        's3cret',
      );
    } finally {
      sim.keys.enableKey(oldArn);
    }
    const audit = await withTenant(a.id, (tx) =>
      tx.auditEvent.findFirst({ where: { action: 'data_key.rewrapped' } }),
    );
    expect(audit?.metadata).toEqual({ keys: 2, kmsKeyId: next.arn }); // buyer-pii + credentials
  });
});
