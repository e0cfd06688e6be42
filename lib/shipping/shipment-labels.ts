// Reprinting a stored label (issue 8 item 4): the file is decrypted from shipment_labels. A print
// shows the recipient, so it is a `label` read of the order's vault record through readBuyerPii:
// that writes the print's audit event (committed before anything is returned) and enforces a
// DSR restriction (override with a reason, audited). The decrypted address itself is not used.
import { tenantKeys } from '../crypto/tenant-keys.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { readBuyerPii } from '../pii/read-buyer-pii.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { decryptLabel } from './label-vault.ts';
import { ZReprintLabelInput, type TReprintLabelInput } from './schemas.ts';

export interface LabelFile {
  filename: string;
  mediaType: string;
  data: Buffer;
}

export async function reprintLabel(ctx: TenantContext, input: TReprintLabelInput): Promise<LabelFile> {
  assertPermission(ctx, 'fulfilment.ship');
  const { shipmentId, format, restrictionOverride } = ZReprintLabelInput.parse(input);
  const { organizationId } = ctx;
  const keys = tenantKeys();
  const found = await withTenant(organizationId, async (tx) => {
    const label = await tx.shipmentLabel.findFirst({
      where: { organizationId, shipmentId, format },
      select: {
        id: true,
        keyVersion: true,
        content: true,
        shipment: {
          select: {
            parcelNumber: true,
            order: { select: { id: true, amazonOrderId: true, piiRecordId: true } },
          },
        },
      },
    });
    if (!label) return null;
    const keyRows = await keys.findUsableKeys(tx, organizationId, 'buyer-pii', [label.keyVersion]);
    return { label, keyRows };
  });
  if (!found) throw new AppError('NOT_FOUND', 'no stored label (voided, or purged with the buyer’s details)');
  const { label, keyRows } = found;
  const order = label.shipment.order;
  if (!order.piiRecordId) throw new AppError('GONE', 'the buyer’s details of this order are gone');
  await readBuyerPii(
    ctx,
    order.piiRecordId,
    'label',
    restrictionOverride ? { restrictionOverride } : undefined,
  );
  const data = await decryptLabel(keys, keyRows, organizationId, label);
  const number = order.amazonOrderId ?? order.id;
  return {
    filename: `label-${number}-${label.shipment.parcelNumber}.${format === 'PDF' ? 'pdf' : 'zpl'}`,
    mediaType: format === 'PDF' ? 'application/pdf' : 'application/x-zpl',
    data,
  };
}
