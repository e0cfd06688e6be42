// A batch of buyers where a field is present for some and absent for others (Amazon sends an
// address line 2 for a minority of orders): every stored ciphertext must read back, after storing
// and after a key rotation re-encrypts them set-based. The demo seed (lib/demo) found labels
// failing for such buyers when the batch's first record had no line 2.
import { afterAll, describe, expect, it } from 'vitest';
import { rotateDataKey } from '../crypto/rotate-data-key.ts';
import { resetTenantKeys } from '../crypto/tenant-keys.ts';
import { closeQueues } from '../jobs/queues.ts';
import { createOrganization } from '../../tests/factories.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { readBuyerPiiBatch } from './read-buyer-pii.ts';
import { reencryptBuyerPiiBatch } from './reencrypt-buyer-pii.ts';
import { storeBuyerPiiBatch } from './store-buyer-pii.ts';

afterAll(async () => {
  resetTenantKeys();
  await closeQueues();
});

describe('storeBuyerPiiBatch with fields absent for some buyers', () => {
  it('reads back every buyer, whichever records of the batch lack a field', async () => {
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    const buyer = (n: number, line2: boolean) => ({
      ownerType: 'order-recipient' as const,
      ownerId: `order-${n}`,
      name: `Buyer ${n}`,
      addressLine1: `${n} High Street`,
      ...(line2 ? { addressLine2: `Flat ${n}` } : {}),
      city: 'Leeds',
      postcode: 'LS1 1UR',
      countryCode: 'GB',
    });
    // Absent first, then present; present first, then absent; absent at both ends.
    const batch = [
      buyer(1, false),
      buyer(2, true),
      buyer(3, true),
      buyer(4, false),
      buyer(5, true),
      buyer(6, false),
    ];
    const stored = await storeBuyerPiiBatch(admin, batch);
    const readAll = () =>
      readBuyerPiiBatch(
        admin,
        stored.map((s) => s.recordId),
        'label',
      );
    const expected = batch.map((b) => [b.name, b.addressLine2 ?? null]);
    expect((await readAll()).map((r) => [r.name, r.addressLine2 ?? null])).toEqual(expected);

    await rotateDataKey(admin, 'buyer-pii');
    expect(await reencryptBuyerPiiBatch(org.id, { after: null, limit: 100 })).toMatchObject({
      updated: batch.length,
    });
    expect((await readAll()).map((r) => [r.name, r.addressLine2 ?? null])).toEqual(expected);
  });
});
