// Listings Items API 2021-08-01: patchListingsItem (the operation Packline uses to push stock),
// per shared/reference/sp-api-models/listingsItems_2021-08-01.json. Validation errors use the
// `{"errors":[{code,message,details}]}` envelope; a valid patch answers
// `{sku, status: 'ACCEPTED', submissionId, issues: []}`. The last fulfillment_availability
// quantity is kept per seller + sku + marketplace so tests can read what reached "Amazon".
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { csv, errors, invalidInput, type RequestContext, type SimResponse, type SimState } from './state.ts';

export interface SimListingQuantity {
  sellingPartnerId: string;
  sku: string;
  marketplaceId: string;
  quantity: number;
  fulfillmentChannelCode: string;
  submissionId: string;
  /** Simulated epoch ms. */
  at: number;
}

export function listingKey(sellingPartnerId: string, sku: string, marketplaceId: string): string {
  return `${sellingPartnerId}|${marketplaceId}|${sku}`;
}

const ZPatch = z.object({
  op: z.enum(['add', 'replace', 'merge', 'delete']),
  path: z.string().regex(/^\/attributes\/[a-z0-9_]+$/),
  value: z.array(z.unknown()).optional(),
});

const ZBody = z.object({
  productType: z.string().min(1),
  patches: z.array(ZPatch).min(1),
});

const ZAvailability = z.object({
  fulfillment_channel_code: z.string().min(1),
  quantity: z.number().int().min(0),
  marketplace_id: z.string().optional(),
});

export function patchListingsItem(state: SimState, ctx: RequestContext): SimResponse {
  const sellerId = ctx.pathParams.sellerId ?? '';
  const sku = ctx.pathParams.sku ?? '';
  if (sellerId !== ctx.seller?.sellingPartnerId)
    return errors(403, {
      code: 'Unauthorized',
      message: 'Access to requested resource is denied.',
      details: '',
    });
  if (!sku) return invalidInput('Missing required path parameter: sku');
  const marketplaceIds = csv(ctx.params, 'marketplaceIds');
  if (!marketplaceIds || marketplaceIds.length === 0)
    return invalidInput('Missing required query parameter: marketplaceIds');
  const unknown = marketplaceIds.filter((m) => !ctx.seller!.marketplaceIds.includes(m));
  if (unknown.length > 0) return invalidInput(`Invalid marketplaceIds: ${unknown.join(',')}`);
  let json: unknown;
  try {
    json = JSON.parse(ctx.body);
  } catch {
    return invalidInput('The request body is not valid JSON.');
  }
  const parsed = ZBody.safeParse(json);
  if (!parsed.success) {
    return errors(
      400,
      ...parsed.error.issues.map((i) => ({
        code: 'InvalidInput',
        message: `invalid value [${i.path.join('.')}]`,
        details: i.message,
      })),
    );
  }
  const submissionId = randomUUID().replace(/-/g, '');
  const issues: Record<string, unknown>[] = [];
  const quantities: { quantity: number; code: string }[] = [];
  for (const [index, patch] of parsed.data.patches.entries()) {
    if (patch.path !== '/attributes/fulfillment_availability') continue;
    if (patch.op === 'delete') continue;
    const values = z.array(ZAvailability).min(1).safeParse(patch.value);
    if (!values.success) {
      issues.push({
        code: '90220',
        message: `'fulfillment_availability' is invalid in patch ${index}.`,
        severity: 'ERROR',
        attributeNames: ['fulfillment_availability'],
        categories: ['INVALID_ATTRIBUTE'],
      });
      continue;
    }
    for (const v of values.data) quantities.push({ quantity: v.quantity, code: v.fulfillment_channel_code });
  }
  if (issues.length > 0) return { status: 200, body: { sku, status: 'INVALID', submissionId, issues } };
  for (const q of quantities) {
    for (const marketplaceId of marketplaceIds) {
      state.listingQuantities.set(listingKey(sellerId, sku, marketplaceId), {
        sellingPartnerId: sellerId,
        sku,
        marketplaceId,
        quantity: q.quantity,
        fulfillmentChannelCode: q.code,
        submissionId,
        at: ctx.now,
      });
    }
  }
  return { status: 200, body: { sku, status: 'ACCEPTED', submissionId, issues: [] } };
}
