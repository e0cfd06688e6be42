// Service selection (Mintsoft-style courier rules, wms-anchors.md): the enabled rule with the
// lowest priority whose conditions all hold, on an enabled carrier account, picks the account and
// service. Conditions left empty match anything. A value limit compares only in its own currency:
// a parcel valued in another currency does not match it (no guessing exchange rates).
import type { OrderChannel } from '../db/generated/prisma/enums.ts';
import type { TenantTx } from '../db/tenant.ts';
import type { Carrier } from './courier-adapter.ts';
import { serviceName } from './services.ts';

export interface ParcelFacts {
  /** ISO alpha-2 destination country. */
  countryCode: string;
  weightGrams: number;
  valueMinor: number;
  currency: string;
  channel: OrderChannel;
}

export interface RuleConditions {
  countryCodes: string[];
  minWeightGrams: number | null;
  maxWeightGrams: number | null;
  maxValueMinor: number | null;
  valueCurrency: string | null;
  channel: OrderChannel | null;
}

export interface SelectedService {
  ruleId: string;
  carrierAccountId: string;
  carrier: Carrier;
  serviceCode: string;
  serviceName: string;
}

export function ruleMatches(rule: RuleConditions, parcel: ParcelFacts): boolean {
  if (rule.countryCodes.length && !rule.countryCodes.includes(parcel.countryCode.toUpperCase())) return false;
  if (rule.minWeightGrams !== null && parcel.weightGrams < rule.minWeightGrams) return false;
  if (rule.maxWeightGrams !== null && parcel.weightGrams > rule.maxWeightGrams) return false;
  if (rule.maxValueMinor !== null) {
    if (rule.valueCurrency !== parcel.currency.toUpperCase()) return false;
    if (parcel.valueMinor > rule.maxValueMinor) return false;
  }
  if (rule.channel !== null && rule.channel !== parcel.channel) return false;
  return true;
}

/** Null when no rule matches: the parcel needs a manual service choice. */
export async function selectCarrierService(
  tx: TenantTx,
  organizationId: string,
  parcel: ParcelFacts,
): Promise<SelectedService | null> {
  const rules = await tx.shippingRule.findMany({
    where: { organizationId, enabled: true, carrierAccount: { enabled: true } },
    orderBy: [{ priority: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    include: { carrierAccount: { select: { carrier: true } } },
  });
  const rule = rules.find((r) => ruleMatches(r, parcel));
  if (!rule) return null;
  return {
    ruleId: rule.id,
    carrierAccountId: rule.carrierAccountId,
    carrier: rule.carrierAccount.carrier,
    serviceCode: rule.serviceCode,
    serviceName: serviceName(rule.carrierAccount.carrier, rule.serviceCode),
  };
}
