import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { completeAmazonConsent } from '@/lib/channels/amazon/complete-amazon-consent.ts';
import { isAppError } from '@/lib/errors/app-error.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Connecting Amazon', referrer: 'no-referrer' };

/** Website authorization workflow, last step: the signed-in user who started it finishes it. */
export default async function AmazonCallbackPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'integrations.manage');
  const raw = await searchParams;
  const query = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? undefined : v]),
  );
  let message: string;
  try {
    await completeAmazonConsent(tenant.ctx, query);
    message = '';
  } catch (error) {
    if (!isAppError(error)) throw error;
    message = error.message;
  }
  if (!message) redirect(`/${tenant.organization.slug}/integrations`);
  return (
    <>
      <PageHeader title="Amazon was not connected" />
      <p role="alert" className="text-sm text-red-700">
        {message}
      </p>
    </>
  );
}
