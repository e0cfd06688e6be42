// The credentials store through the real KMS SDK and simulator: encrypted at rest under the
// organization's `credentials` key, bound to its row, replaced in place, hard-deleted, audited
// without the secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecryptionError, KmsUnavailableError } from '../crypto/errors.ts';
import { resetTenantKeys } from '../crypto/tenant-keys.ts';
import { systemDb } from '../db/system.ts';
import { withTenant } from '../db/tenant.ts';
import { createOrganization } from '../../tests/factories.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { setupKmsSimulator } from '../../tests/helpers/kms.ts';
import type { KmsSimulator } from '../../tests/simulators/kms/server.ts';
import { deleteCredential } from './delete-credential.ts';
import { readCredential } from './read-credential.ts';
import { storeCredential } from './store-credential.ts';

let sim: KmsSimulator;
beforeAll(async () => {
  sim = await setupKmsSimulator();
});
afterAll(async () => {
  resetTenantKeys();
  await sim.close();
});

const TOKEN = 'Atzr|IwEBCANARY-refresh-token';
const ref = { kind: 'amazon-refresh-token', ownerId: 'integration-1' };

describe('credentials', () => {
  it('stores encrypted, reads back, replaces in place, hard-deletes; audit names the credential, never the secret', async () => {
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    sim.calls.clear();
    const { credentialId } = await storeCredential(admin, { ...ref, secret: TOKEN });
    expect(sim.calls.countsByOperation()).toEqual({ GenerateDataKey: 1 });

    const [row] = await systemDb().$queryRaw<{ secret: Uint8Array; key_version: number }[]>`
      SELECT secret, key_version FROM credentials WHERE id = ${credentialId}::uuid`;
    expect(Buffer.from(row!.secret).toString('latin1')).not.toContain('CANARY');
    expect(await readCredential(admin, ref)).toBe(TOKEN);

    const again = await storeCredential(admin, { ...ref, secret: `${TOKEN}-2` });
    expect(again.credentialId).toBe(credentialId);
    expect(await readCredential(admin, ref)).toBe(`${TOKEN}-2`);

    expect(await deleteCredential(admin, ref)).toBe(true);
    expect(await readCredential(admin, ref)).toBeNull();
    const left = await systemDb().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM credentials WHERE id = ${credentialId}::uuid`;
    expect(left[0]?.n).toBe(0);
    expect(await deleteCredential(admin, ref)).toBe(false);

    const events = await withTenant(org.id, (tx) =>
      tx.auditEvent.findMany({ where: { action: { startsWith: 'credential.' } }, orderBy: { seq: 'asc' } }),
    );
    expect(events.map((e) => [e.action, e.targetId, e.metadata])).toEqual([
      ['credential.stored', credentialId, { kind: 'amazon-refresh-token', ownerId: 'integration-1' }],
      ['credential.replaced', credentialId, { kind: 'amazon-refresh-token', ownerId: 'integration-1' }],
      ['credential.deleted', credentialId, { kind: 'amazon-refresh-token', ownerId: 'integration-1' }],
    ]);
  });

  it('needs integrations.manage, and another tenant sees nothing', async () => {
    const org = await createOrganization();
    const other = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    const manager = await memberContext(org.id, 'MANAGER');
    await storeCredential(admin, { ...ref, secret: TOKEN });
    await expect(readCredential(manager, ref)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(storeCredential(manager, { ...ref, secret: 'x' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(deleteCredential(manager, ref)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await readCredential(await memberContext(other.id, 'OWNER'), ref)).toBeNull();
  });

  it('a tampered or moved secret fails to decrypt', async () => {
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    const first = await storeCredential(admin, { ...ref, secret: TOKEN });
    await storeCredential(admin, { kind: 'courier-api-secret', ownerId: 'courier-1', secret: 'courier' });
    await systemDb().$executeRaw`
      UPDATE credentials SET secret = (SELECT secret FROM credentials WHERE id = ${first.credentialId}::uuid)
       WHERE organization_id = ${org.id}::uuid AND kind = 'courier-api-secret'`;
    await expect(
      readCredential(admin, { kind: 'courier-api-secret', ownerId: 'courier-1' }),
    ).rejects.toBeInstanceOf(DecryptionError);
    await systemDb().$executeRaw`
      UPDATE credentials SET secret = set_byte(secret, 18, get_byte(secret, 18) # 128) WHERE id = ${first.credentialId}::uuid`;
    await expect(readCredential(admin, ref)).rejects.toBeInstanceOf(DecryptionError);
  });

  it('rejects bad input without echoing the secret, and stores nothing while KMS is down', async () => {
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    const error = await storeCredential(admin, {
      kind: 'Bad Kind',
      ownerId: 'x',
      secret: 'CANARY-secret',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(String((error as Error).message)).not.toContain('CANARY');

    sim.faults.set({ internalErrorRate: 1 });
    try {
      await expect(storeCredential(admin, { ...ref, secret: TOKEN })).rejects.toBeInstanceOf(
        KmsUnavailableError,
      );
    } finally {
      sim.faults.reset();
    }
    const rows = await systemDb().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM credentials WHERE organization_id = ${org.id}::uuid`;
    expect(rows[0]?.n).toBe(0);
  });
});
