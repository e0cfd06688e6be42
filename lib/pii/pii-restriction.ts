// DSR restriction of processing (privacy engine §5, docs/privacy-conformance.md): a vault record
// with `restricted_at` set may not be used for fulfilment or customer service until the
// restriction is lifted. An access request (`dsr-export`) is still answered: restricting
// processing never blocks the data subject's own rights.
//
// Printing a label or packing slip for a restricted record needs an explicit override with a
// reason, by someone holding `pii.print` AND `privacy.dsr`: the override is a one-off, partial
// lifting of the restriction, so it needs the same authority as lifting it (the DSR handler,
// ADMIN/OWNER), plus the right to print. It is audited as its own event and raises a security event.
import { z } from 'zod';
import type { Permission } from '../auth/permissions.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import type { TPiiPurpose } from './schemas.ts';

/** Purposes a restriction blocks. */
export const RESTRICTED_PURPOSES: ReadonlySet<TPiiPurpose> = new Set([
  'label',
  'packing-slip',
  'customer-service',
]);
/** Purposes an override may unblock: getting an already-sold parcel out of the door. */
export const OVERRIDABLE_PURPOSES: ReadonlySet<TPiiPurpose> = new Set(['label', 'packing-slip']);
/** Besides the purpose's own permission (`pii.print`). */
export const RESTRICTION_OVERRIDE_PERMISSION: Permission = 'privacy.dsr';
export const RESTRICTION_OVERRIDE_ACTION = 'pii.restriction_override';

export const ZRestrictionOverride = z.strictObject({
  reason: z.string().trim().min(10, 'give a reason of at least 10 characters').max(500),
});
export type TRestrictionOverride = z.output<typeof ZRestrictionOverride>;

export interface PiiReadOptions {
  restrictionOverride?: z.input<typeof ZRestrictionOverride>;
}

export class PiiRestrictedError extends AppError {
  override name = 'PiiRestrictedError';
  constructor() {
    super(
      'CONFLICT',
      'processing of these buyer details is restricted by a data-subject request; printing needs an audited override',
      { restricted: true },
    );
  }
}

/** Parses the options up front: a bad override reason is a 400 whatever the records are. */
export function parsePiiReadOptions(options: PiiReadOptions | undefined): TRestrictionOverride | undefined {
  if (options?.restrictionOverride === undefined) return undefined;
  const parsed = ZRestrictionOverride.safeParse(options.restrictionOverride);
  if (!parsed.success) {
    throw new AppError('BAD_REQUEST', parsed.error.issues[0]?.message ?? 'invalid override reason');
  }
  return parsed.data;
}

/**
 * Decides a read touching `restrictedIds` (the requested records with `restricted_at` set).
 * Returns the override to audit, or undefined when nothing restricted is read; throws otherwise.
 */
export function checkRestriction(
  ctx: TenantContext,
  purpose: TPiiPurpose,
  restrictedIds: readonly string[],
  override: TRestrictionOverride | undefined,
): TRestrictionOverride | undefined {
  if (restrictedIds.length === 0 || !RESTRICTED_PURPOSES.has(purpose)) return undefined;
  if (!override) throw new PiiRestrictedError();
  if (!OVERRIDABLE_PURPOSES.has(purpose)) {
    throw new AppError('FORBIDDEN', 'a restriction can be overridden only to print labels and packing slips');
  }
  assertPermission(ctx, RESTRICTION_OVERRIDE_PERMISSION);
  return override;
}
