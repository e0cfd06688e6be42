// A parcel's stored label, decrypted: GET ?format=PDF|ZPL; POST `{ reason }` for a buyer whose
// processing a data-subject request restricts (audited override). Every print is audited.
import { z } from 'zod';
import { withTenantRoute } from '@/lib/auth/with-tenant-route.ts';
import { attachmentDisposition } from '@/lib/http/content-disposition.ts';
import { reprintLabel, type LabelFile } from '@/lib/shipping/shipment-labels.ts';

const ZQuery = z.strictObject({ format: z.enum(['PDF', 'ZPL']).default('PDF') });
const ZBody = z.strictObject({ reason: z.string().max(500) });
const ZParams = z.object({ shipmentId: z.uuid() });

function fileResponse(file: LabelFile): Response {
  return new Response(new Uint8Array(file.data), {
    headers: {
      'content-type': file.mediaType,
      'content-disposition': attachmentDisposition(file.filename),
      'cache-control': 'no-store',
    },
  });
}

export const GET = withTenantRoute(
  async ({ ctx, params, query }) =>
    fileResponse(await reprintLabel(ctx, { shipmentId: params.shipmentId, format: query.format })),
  { permission: 'pii.print', params: ZParams, query: ZQuery },
);

export const POST = withTenantRoute(
  async ({ ctx, params, query, body }) =>
    fileResponse(
      await reprintLabel(ctx, {
        shipmentId: params.shipmentId,
        format: query.format,
        restrictionOverride: { reason: body.reason },
      }),
    ),
  { permission: 'pii.print', params: ZParams, query: ZQuery, body: ZBody },
);
