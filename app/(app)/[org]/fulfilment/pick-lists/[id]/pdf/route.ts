// Pick list PDF download (A4 or Letter, `?paper=`). No buyer PII is in it; still never cached.
import { z } from 'zod';
import { withTenantRoute } from '@/lib/auth/with-tenant-route.ts';
import { attachmentDisposition } from '@/lib/http/content-disposition.ts';
import { renderPickListPdf } from '@/lib/fulfilment/pick-list-pdf.ts';
import { ZPickListPdfQuery } from '@/lib/fulfilment/pick-list-schemas.ts';

export const GET = withTenantRoute(
  async ({ ctx, params, query }) => {
    const { filename, pdf } = await renderPickListPdf(ctx, {
      pickListId: params.id,
      paper: query.paper,
    });
    return new Response(new Uint8Array(pdf), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': attachmentDisposition(filename),
        'cache-control': 'no-store',
      },
    });
  },
  { permission: 'fulfilment.pick', params: z.object({ id: z.uuid() }), query: ZPickListPdfQuery },
);
