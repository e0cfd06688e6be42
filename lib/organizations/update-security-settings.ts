// The organization's identity settings (issue 3, items 2 and 4): "require MFA for roles that can
// read buyer PII" and "Amazon DPP password rules" (docs/decisions/0004-password-policy.md).
// Changing either is audited with the before/after values.
import { z } from 'zod';
import { withTenant } from '../db/tenant.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';

export const ZUpdateSecuritySettingsInput = z.strictObject({
  requireMfaForPii: z.boolean(),
  amazonDppPasswordRules: z.boolean(),
});
export type TUpdateSecuritySettingsInput = z.input<typeof ZUpdateSecuritySettingsInput>;

export interface SecuritySettings {
  requireMfaForPii: boolean;
  amazonDppPasswordRules: boolean;
}

export async function getSecuritySettings(ctx: TenantContext): Promise<SecuritySettings> {
  assertPermission(ctx, 'security.read');
  return withTenant(ctx.organizationId, (tx) =>
    tx.organization.findUniqueOrThrow({
      where: { id: ctx.organizationId },
      select: { requireMfaForPii: true, amazonDppPasswordRules: true },
    }),
  );
}

export async function updateSecuritySettings(
  ctx: TenantContext,
  input: TUpdateSecuritySettingsInput,
): Promise<SecuritySettings> {
  assertPermission(ctx, 'organization.update');
  const next = ZUpdateSecuritySettingsInput.parse(input);
  return withTenant(ctx.organizationId, async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({
      where: { id: ctx.organizationId },
      select: { requireMfaForPii: true, amazonDppPasswordRules: true },
    });
    const after = await tx.organization.update({
      where: { id: ctx.organizationId },
      data: next,
      select: { requireMfaForPii: true, amazonDppPasswordRules: true },
    });
    const changedFields = (Object.keys(next) as (keyof SecuritySettings)[]).filter(
      (k) => before[k] !== after[k],
    );
    if (changedFields.length) {
      await recordAuditEvent(tx, {
        organizationId: ctx.organizationId,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        action: 'organization.security_settings_changed',
        targetType: 'organization',
        targetId: ctx.organizationId,
        ip: ctx.ip ?? null,
        requestId: ctx.requestId ?? null,
        metadata: {
          changedFields,
          // (audit metadata keys must not look like secrets, hence not "…Password…")
          mfaForPii: after.requireMfaForPii,
          amazonDppRules: after.amazonDppPasswordRules,
        },
      });
    }
    return after;
  });
}
