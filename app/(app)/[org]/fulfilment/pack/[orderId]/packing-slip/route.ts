// Packing slip PDF of one order: GET prints it; POST with `{ reason }` prints it for a buyer whose
// processing a data-subject request restricts (the audited override). Each print is audited by
// readBuyerPii. The PDF is never cached.
import { z } from 'zod';
import { withTenantRoute } from '@/lib/auth/with-tenant-route.ts';
import { attachmentDisposition } from '@/lib/http/content-disposition.ts';
import { renderPackingSlip } from '@/lib/fulfilment/packing-slip.ts';

const ZQuery = z.strictObject({ paper: z.enum(['A4', 'LETTER']).optional() });
const ZBody = z.strictObject({ reason: z.string().max(500) });
const ZParams = z.object({ orderId: z.uuid() });

function pdfResponse({ filename, pdf }: { filename: string; pdf: Buffer }): Response {
  return new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': attachmentDisposition(filename),
      'cache-control': 'no-store',
    },
  });
}

export const GET = withTenantRoute(
  async ({ ctx, params, query }) =>
    pdfResponse(await renderPackingSlip(ctx, { orderId: params.orderId, paper: query.paper })),
  { permission: 'pii.print', params: ZParams, query: ZQuery },
);

export const POST = withTenantRoute(
  async ({ ctx, params, query, body }) =>
    pdfResponse(
      await renderPackingSlip(
        ctx,
        { orderId: params.orderId, paper: query.paper },
        { restrictionOverride: { reason: body.reason } },
      ),
    ),
  { permission: 'pii.print', params: ZParams, query: ZQuery, body: ZBody },
);
