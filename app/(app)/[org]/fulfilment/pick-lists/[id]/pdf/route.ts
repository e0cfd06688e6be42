// Pick list PDF download (A4 or Letter, `?paper=`). No buyer PII is in it; still never cached.
import { withTenantRoute } from '@/lib/auth/with-tenant-route.ts';
import { attachmentDisposition } from '@/lib/http/content-disposition.ts';
import { renderPickListPdf } from '@/lib/fulfilment/pick-list-pdf.ts';
import { ZPickListPdfQuery } from '@/lib/fulfilment/pick-list-schemas.ts';

export const GET = withTenantRoute(
  async ({ ctx, params, query }) => {
    const { filename, pdf } = await renderPickListPdf(ctx, {
      pickListId: String(params.id),
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
  { permission: 'fulfilment.pick', query: ZPickListPdfQuery },
);
