// The adapter for one of the organization's carrier accounts, with its secret from the
// credentials store. Staff who ship (fulfilment.ship) buy labels, so they may use the account
// without being able to manage it: the secret is read through a system context narrowed to the
// credentials permission and goes only into the adapter's HTTP headers — it never reaches the
// caller, a log or a response.
import { readCredential } from '../credentials/read-credential.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { systemContext, type TenantContext } from '../tenancy/tenant-context.ts';
import type { Carrier, CourierAdapter } from './courier-adapter.ts';
import { courierEndpoint } from './courier-config.ts';
import { COURIER_CREDENTIALS_KIND, ZCourierSecret } from './credentials.ts';
import { dhlAdapter } from './dhl.ts';
import { dpdAdapter } from './dpd.ts';
import type { RetryPolicy } from './retry.ts';
import { royalMailAdapter } from './royal-mail.ts';
import { testCarrierAdapter } from './test-carrier.ts';

export interface AdapterSetup {
  carrier: Carrier;
  secret: unknown;
  accountNumber: string | null;
  retry?: RetryPolicy;
}

/** Builds an adapter from a parsed account; throws AppError for unusable setups. */
export function buildAdapter(setup: AdapterSetup): CourierAdapter {
  const endpoint = courierEndpoint(setup.carrier);
  if (!endpoint)
    throw new AppError('UNAVAILABLE', 'the test carrier is only available with the courier simulator');
  const bad = () =>
    new AppError('CONFLICT', 'the stored carrier credentials are unusable; reconnect the account');
  const base = { ...endpoint, retry: setup.retry };
  switch (setup.carrier) {
    case 'TEST': {
      const s = ZCourierSecret.TEST.safeParse(setup.secret);
      if (!s.success) throw bad();
      return testCarrierAdapter({ ...base, apiKey: s.data.apiKey });
    }
    case 'ROYAL_MAIL': {
      const s = ZCourierSecret.ROYAL_MAIL.safeParse(setup.secret);
      if (!s.success) throw bad();
      return royalMailAdapter({ ...base, apiKey: s.data.apiKey });
    }
    case 'DPD': {
      const s = ZCourierSecret.DPD.safeParse(setup.secret);
      if (!s.success || !setup.accountNumber) throw bad();
      return dpdAdapter({ ...base, ...s.data, accountNumber: setup.accountNumber });
    }
    case 'DHL': {
      const s = ZCourierSecret.DHL.safeParse(setup.secret);
      if (!s.success || !setup.accountNumber) throw bad();
      return dhlAdapter({ ...base, ...s.data, accountNumber: setup.accountNumber });
    }
  }
}

/** Reads the account's stored secret (JSON) or null. */
export async function readCarrierSecret(organizationId: string, carrierAccountId: string): Promise<unknown> {
  const raw = await readCredential(systemContext(organizationId, ['integrations.manage']), {
    kind: COURIER_CREDENTIALS_KIND,
    ownerId: carrierAccountId,
  });
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

export async function courierForAccount(
  ctx: TenantContext,
  carrierAccountId: string,
  options: { retry?: RetryPolicy } = {},
): Promise<CourierAdapter> {
  if (!ctx.permissions.has('fulfilment.ship') && !ctx.permissions.has('integrations.manage'))
    throw new AppError('FORBIDDEN', 'missing permission fulfilment.ship');
  const account = await withTenant(ctx.organizationId, (tx) =>
    tx.carrierAccount.findFirst({
      where: { organizationId: ctx.organizationId, id: carrierAccountId },
      select: { carrier: true, accountNumber: true, enabled: true },
    }),
  );
  if (!account) throw new AppError('NOT_FOUND', 'carrier account not found');
  if (!account.enabled) throw new AppError('CONFLICT', 'the carrier account is disabled');
  const secret = await readCarrierSecret(ctx.organizationId, carrierAccountId);
  return buildAdapter({
    carrier: account.carrier,
    secret,
    accountNumber: account.accountNumber,
    retry: options.retry,
  });
}
