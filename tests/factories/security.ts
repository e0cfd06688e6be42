// An organization with an owner, an admin and a warehouse member, and a security webhook row (so
// alerts queue a delivery), for the security alert and breach notification tests. The webhook
// row is written directly: these tests check that a delivery is queued, the security webhook's
// own test delivers it.
import { systemDb } from '../../lib/db/system.ts';
import { addMember, createOrganization, createUser } from '../factories.ts';

export async function createOrganizationWithAdmins(input: { name?: string } = {}) {
  const org = await createOrganization(input);
  const [owner, admin, staff] = [await createUser(), await createUser(), await createUser()];
  await addMember(org.id, owner.id, 'OWNER');
  await addMember(org.id, admin.id, 'ADMIN');
  await addMember(org.id, staff.id, 'WAREHOUSE');
  await systemDb().securityWebhook.create({
    data: { organizationId: org.id, url: 'https://hooks.example.test/security' },
  });
  return { org, owner, admin, staff };
}
