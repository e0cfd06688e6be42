// The vault with the development default (no KEY_PROVIDER set: the local provider and its public
// dev key), i.e. what `npm run dev` runs: store, read with an audit event, crypto-shred.
import { afterAll, describe, expect, it } from 'vitest';
import { destroyOrganizationKeys } from '../crypto/destroy-organization-keys.ts';
import { DataKeyUnavailableError } from '../crypto/errors.ts';
import { resetTenantKeys, tenantKeys } from '../crypto/tenant-keys.ts';
import { withTenant } from '../db/tenant.ts';
import { createOrganization } from '../../tests/factories.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { readBuyerPii } from './read-buyer-pii.ts';
import { storeBuyerPii } from './store-buyer-pii.ts';

afterAll(() => resetTenantKeys());

describe('the vault on the local key provider (development default)', () => {
  it('stores, reads once per audit event, and shreds', async () => {
    resetTenantKeys();
    expect(tenantKeys().provider).toMatchObject({ kind: 'local', keyId: 'local' });
    const org = await createOrganization();
    const manager = await memberContext(org.id, 'MANAGER');
    const { recordId } = await storeBuyerPii(manager, {
      ownerType: 'order-recipient',
      ownerId: 'order-1',
      name: 'Dev Buyer',
      email: 'dev.buyer@example.com',
      countryCode: 'DE',
    });
    expect(await readBuyerPii(manager, recordId, 'customer-service')).toMatchObject({
      name: 'Dev Buyer',
      email: 'dev.buyer@example.com',
      countryCode: 'DE',
    });
    const events = await withTenant(org.id, (tx) =>
      tx.auditEvent.findMany({ where: { action: 'pii.read' } }),
    );
    expect(events.map((e) => e.purpose)).toEqual(['customer-service']);

    await destroyOrganizationKeys(org.id);
    await expect(readBuyerPii(manager, recordId, 'customer-service')).rejects.toBeInstanceOf(
      DataKeyUnavailableError,
    );
  });
});
