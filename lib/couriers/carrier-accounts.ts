// Carrier accounts: connect (secret into the credentials store), test the connection against the
// carrier, enable/disable, delete (with its secret; refused while rules use it). Viewing needs
// fulfilment.ship; changing needs integrations.manage. Audited without secrets.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { deleteCredential } from '../credentials/delete-credential.ts';
import { storeCredential } from '../credentials/store-credential.ts';
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { CarrierError } from './courier-adapter.ts';
import { buildAdapter, readCarrierSecret } from './courier-for-account.ts';
import { COURIER_CREDENTIALS_KIND, NEEDS_ACCOUNT_NUMBER, ZCourierSecret } from './credentials.ts';
import {
  ZCarrierAccountId,
  ZConnectCarrierAccount,
  ZSetCarrierAccountEnabled,
  type TConnectCarrierAccount,
} from './schemas.ts';

function audit(
  tx: TenantTx,
  ctx: TenantContext,
  action: string,
  id: string,
  metadata: Record<string, string | number | boolean>,
) {
  return recordAuditEvent(tx, {
    organizationId: ctx.organizationId,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    ip: ctx.ip,
    requestId: ctx.requestId,
    action,
    targetType: 'carrier_account',
    targetId: id,
    metadata,
  });
}

export function listCarrierAccounts(ctx: TenantContext) {
  assertPermission(ctx, 'fulfilment.ship');
  return withTenant(ctx.organizationId, (tx) =>
    tx.carrierAccount.findMany({
      where: { organizationId: ctx.organizationId },
      orderBy: { name: 'asc' },
      select: {
        id: true,
        carrier: true,
        name: true,
        accountNumber: true,
        enabled: true,
        verifiedAt: true,
        _count: { select: { rules: true } },
      },
    }),
  );
}

export async function connectCarrierAccount(ctx: TenantContext, raw: TConnectCarrierAccount) {
  assertPermission(ctx, 'integrations.manage');
  const input = ZConnectCarrierAccount.parse(raw);
  const secret = ZCourierSecret[input.carrier].safeParse(input.secret);
  if (!secret.success)
    throw new AppError('BAD_REQUEST', `the ${input.carrier} credentials are incomplete`, {
      fields: secret.error.issues.map((i) => i.path.join('.')),
    });
  if (NEEDS_ACCOUNT_NUMBER[input.carrier] && !input.accountNumber)
    throw new AppError('BAD_REQUEST', 'this carrier needs an account number', { fields: ['accountNumber'] });
  const account = await withTenant(ctx.organizationId, async (tx) => {
    const clash = await tx.carrierAccount.findFirst({
      where: { organizationId: ctx.organizationId, name: input.name },
      select: { id: true },
    });
    if (clash) throw new AppError('CONFLICT', 'a carrier account with this name exists');
    const created = await tx.carrierAccount.create({
      data: {
        organizationId: ctx.organizationId,
        carrier: input.carrier,
        name: input.name,
        accountNumber: input.accountNumber ?? null,
      },
      select: { id: true },
    });
    await audit(tx, ctx, 'carrier_account.connected', created.id, { carrier: input.carrier });
    return created;
  });
  try {
    const { credentialId } = await storeCredential(ctx, {
      kind: COURIER_CREDENTIALS_KIND,
      ownerId: account.id,
      secret: JSON.stringify(secret.data),
    });
    await withTenant(ctx.organizationId, (tx) =>
      tx.carrierAccount.update({ where: { id: account.id }, data: { credentialId } }),
    );
  } catch (error) {
    // No account without its secret: undo the row when the store failed (e.g. KMS down).
    await withTenant(ctx.organizationId, (tx) => tx.carrierAccount.delete({ where: { id: account.id } }));
    throw error;
  }
  return { carrierAccountId: account.id };
}

/** Calls the carrier with the stored credentials; records when it last worked. */
export async function testCarrierConnection(ctx: TenantContext, raw: { carrierAccountId: string }) {
  assertPermission(ctx, 'integrations.manage');
  const { carrierAccountId } = ZCarrierAccountId.parse(raw);
  const account = await withTenant(ctx.organizationId, (tx) =>
    tx.carrierAccount.findFirst({
      where: { organizationId: ctx.organizationId, id: carrierAccountId },
      select: { carrier: true, accountNumber: true },
    }),
  );
  if (!account) throw new AppError('NOT_FOUND', 'carrier account not found');
  const adapter = buildAdapter({
    carrier: account.carrier,
    accountNumber: account.accountNumber,
    secret: await readCarrierSecret(ctx.organizationId, carrierAccountId),
  });
  let failure: CarrierError | null = null;
  try {
    await adapter.verifyCredentials();
  } catch (error) {
    if (!(error instanceof CarrierError)) throw error;
    failure = error;
  }
  await withTenant(ctx.organizationId, async (tx) => {
    if (!failure)
      await tx.carrierAccount.update({ where: { id: carrierAccountId }, data: { verifiedAt: new Date() } });
    await audit(tx, ctx, 'carrier_account.tested', carrierAccountId, {
      ok: !failure,
      ...(failure ? { kind: failure.kind } : {}),
    });
  });
  if (failure)
    throw new AppError(
      failure.kind === 'AUTH' ? 'UNPROCESSABLE' : 'UNAVAILABLE',
      `${failure.kind}: ${failure.message}`,
    );
  return { ok: true as const };
}

export async function setCarrierAccountEnabled(
  ctx: TenantContext,
  raw: { carrierAccountId: string; enabled: boolean },
) {
  assertPermission(ctx, 'integrations.manage');
  const { carrierAccountId, enabled } = ZSetCarrierAccountEnabled.parse(raw);
  await withTenant(ctx.organizationId, async (tx) => {
    const { count } = await tx.carrierAccount.updateMany({
      where: { organizationId: ctx.organizationId, id: carrierAccountId },
      data: { enabled },
    });
    if (!count) throw new AppError('NOT_FOUND', 'carrier account not found');
    await audit(
      tx,
      ctx,
      enabled ? 'carrier_account.enabled' : 'carrier_account.disabled',
      carrierAccountId,
      {},
    );
  });
}

export async function deleteCarrierAccount(ctx: TenantContext, raw: { carrierAccountId: string }) {
  assertPermission(ctx, 'integrations.manage');
  const { carrierAccountId } = ZCarrierAccountId.parse(raw);
  await withTenant(ctx.organizationId, async (tx) => {
    const account = await tx.carrierAccount.findFirst({
      where: { organizationId: ctx.organizationId, id: carrierAccountId },
      select: { carrier: true, _count: { select: { rules: true } } },
    });
    if (!account) throw new AppError('NOT_FOUND', 'carrier account not found');
    if (account._count.rules)
      throw new AppError('CONFLICT', 'shipping rules use this account; change or delete them first');
    await deleteCredential(ctx, { kind: COURIER_CREDENTIALS_KIND, ownerId: carrierAccountId }, tx);
    await tx.carrierAccount.delete({ where: { id: carrierAccountId } });
    await audit(tx, ctx, 'carrier_account.deleted', carrierAccountId, { carrier: account.carrier });
  });
}
