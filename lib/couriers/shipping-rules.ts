// Shipping rules: list (fulfilment.ship), create/update/delete/reorder (integrations.manage), and
// the "which service would this parcel get?" preview. A rule's service must be one its account's
// carrier offers. New rules go last; moving swaps priorities with the neighbour. Audited.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import {
  ZMoveShippingRule,
  ZPreviewParcel,
  ZShippingRuleFields,
  ZShippingRuleId,
  ZUpdateShippingRule,
  type TShippingRuleFields,
} from './schemas.ts';
import { selectCarrierService } from './select-carrier-service.ts';
import { isKnownService } from './services.ts';

function audit(tx: TenantTx, ctx: TenantContext, action: string, ruleId: string) {
  return recordAuditEvent(tx, {
    organizationId: ctx.organizationId,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    ip: ctx.ip,
    requestId: ctx.requestId,
    action,
    targetType: 'shipping_rule',
    targetId: ruleId,
  });
}

async function checkedFields(tx: TenantTx, ctx: TenantContext, raw: TShippingRuleFields) {
  const f = ZShippingRuleFields.parse(raw);
  const account = await tx.carrierAccount.findFirst({
    where: { organizationId: ctx.organizationId, id: f.carrierAccountId },
    select: { carrier: true },
  });
  if (!account)
    throw new AppError('BAD_REQUEST', 'unknown carrier account', { fields: ['carrierAccountId'] });
  if (!isKnownService(account.carrier, f.serviceCode))
    throw new AppError('BAD_REQUEST', `service ${f.serviceCode} is not one of this carrier's`, {
      fields: ['serviceCode'],
    });
  return {
    name: f.name,
    countryCodes: [...new Set(f.countryCodes)].sort(),
    minWeightGrams: f.minWeightGrams ?? null,
    maxWeightGrams: f.maxWeightGrams ?? null,
    maxValueMinor: f.maxValueMinor ?? null,
    valueCurrency: f.maxValueMinor == null ? null : (f.valueCurrency ?? null),
    channel: f.channel ?? null,
    carrierAccountId: f.carrierAccountId,
    serviceCode: f.serviceCode,
    enabled: f.enabled,
  };
}

export function listShippingRules(ctx: TenantContext) {
  assertPermission(ctx, 'fulfilment.ship');
  return withTenant(ctx.organizationId, (tx) =>
    tx.shippingRule.findMany({
      where: { organizationId: ctx.organizationId },
      orderBy: [{ priority: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      include: { carrierAccount: { select: { name: true, carrier: true, enabled: true } } },
    }),
  );
}

export async function createShippingRule(ctx: TenantContext, raw: TShippingRuleFields) {
  assertPermission(ctx, 'integrations.manage');
  return withTenant(ctx.organizationId, async (tx) => {
    const data = await checkedFields(tx, ctx, raw);
    const last = await tx.shippingRule.aggregate({
      where: { organizationId: ctx.organizationId },
      _max: { priority: true },
    });
    const rule = await tx.shippingRule.create({
      data: { ...data, organizationId: ctx.organizationId, priority: (last._max.priority ?? -10) + 10 },
      select: { id: true },
    });
    await audit(tx, ctx, 'shipping_rule.created', rule.id);
    return { ruleId: rule.id };
  });
}

export async function updateShippingRule(
  ctx: TenantContext,
  raw: { ruleId: string; fields: TShippingRuleFields },
) {
  assertPermission(ctx, 'integrations.manage');
  const { ruleId, fields } = ZUpdateShippingRule.parse(raw);
  await withTenant(ctx.organizationId, async (tx) => {
    const data = await checkedFields(tx, ctx, fields);
    const { count } = await tx.shippingRule.updateMany({
      where: { organizationId: ctx.organizationId, id: ruleId },
      data,
    });
    if (!count) throw new AppError('NOT_FOUND', 'shipping rule not found');
    await audit(tx, ctx, 'shipping_rule.updated', ruleId);
  });
}

export async function deleteShippingRule(ctx: TenantContext, raw: { ruleId: string }) {
  assertPermission(ctx, 'integrations.manage');
  const { ruleId } = ZShippingRuleId.parse(raw);
  await withTenant(ctx.organizationId, async (tx) => {
    const { count } = await tx.shippingRule.deleteMany({
      where: { organizationId: ctx.organizationId, id: ruleId },
    });
    if (!count) throw new AppError('NOT_FOUND', 'shipping rule not found');
    await audit(tx, ctx, 'shipping_rule.deleted', ruleId);
  });
}

/** Swaps the rule with its neighbour in evaluation order; a no-op at either end. */
export async function moveShippingRule(
  ctx: TenantContext,
  raw: { ruleId: string; direction: 'up' | 'down' },
) {
  assertPermission(ctx, 'integrations.manage');
  const { ruleId, direction } = ZMoveShippingRule.parse(raw);
  await withTenant(ctx.organizationId, async (tx) => {
    const rules = await tx.shippingRule.findMany({
      where: { organizationId: ctx.organizationId },
      orderBy: [{ priority: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true },
    });
    const i = rules.findIndex((r) => r.id === ruleId);
    if (i < 0) throw new AppError('NOT_FOUND', 'shipping rule not found');
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= rules.length) return;
    [rules[i], rules[j]] = [rules[j]!, rules[i]!];
    // Renumber in steps of 10 so later inserts and moves stay simple.
    for (const [n, r] of rules.entries())
      await tx.shippingRule.update({ where: { id: r.id }, data: { priority: n * 10 } });
    await audit(tx, ctx, `shipping_rule.moved_${direction}`, ruleId);
  });
}

export async function previewCarrierService(ctx: TenantContext, raw: unknown) {
  assertPermission(ctx, 'fulfilment.ship');
  const parcel = ZPreviewParcel.parse(raw);
  return withTenant(ctx.organizationId, (tx) => selectCarrierService(tx, ctx.organizationId, parcel));
}
