import { describe, expect, it } from 'vitest';
import { systemDb } from '../db/system.ts';
import { userContext } from '../tenancy/tenant-context.ts';
import { addMember, createOrganization, createUser } from '../../tests/factories.ts';
import { getSecuritySettings, updateSecuritySettings } from './update-security-settings.ts';

describe('organization security settings', () => {
  it('lets an admin switch on MFA-for-PII and the Amazon DPP rules, audited', async () => {
    const org = await createOrganization();
    const admin = await createUser();
    await addMember(org.id, admin.id, 'ADMIN');
    const ctx = userContext({ organizationId: org.id, userId: admin.id, role: 'ADMIN' });
    expect(await getSecuritySettings(ctx)).toEqual({
      requireMfaForPii: false,
      amazonDppPasswordRules: false,
    });
    await updateSecuritySettings(ctx, { requireMfaForPii: true, amazonDppPasswordRules: true });
    expect(await getSecuritySettings(ctx)).toEqual({ requireMfaForPii: true, amazonDppPasswordRules: true });
    const audit = await systemDb().auditEvent.findMany({ where: { organizationId: org.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'organization.security_settings_changed', actorId: admin.id });
  });

  it('refuses roles without organization.update', async () => {
    const org = await createOrganization();
    const manager = await createUser();
    await addMember(org.id, manager.id, 'MANAGER');
    const ctx = userContext({ organizationId: org.id, userId: manager.id, role: 'MANAGER' });
    await expect(
      updateSecuritySettings(ctx, { requireMfaForPii: true, amazonDppPasswordRules: false }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
