import type { Metadata } from 'next';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { recentAuthMethod } from '@/lib/auth/require-recent-auth.ts';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { pendingTermination, TERMINATION_GRACE_DAYS } from '@/lib/privacy/termination-requests.ts';
import { CancelTerminationButton, RequestTerminationForm } from './termination-forms.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Terminate the organization' };

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default async function TerminationPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'organization.delete');
  const pending = await pendingTermination(tenant.ctx);
  const userId = tenant.ctx.actor.type === 'USER' ? tenant.ctx.actor.id : null;
  const method = userId ? await recentAuthMethod(userId) : 'password';

  return (
    <>
      <PageHeader
        title="Terminate the organization"
        description="Close this Packline account and delete its data."
      />
      <Card>
        <CardHeader title="What termination does" />
        <ul className="list-disc space-y-1 p-4 pl-8 text-sm">
          <li>
            Every order with its lines, history, pick lists, shipments, labels and returns, all buyer details,
            marketplace and carrier connections, members, invitations and API clients are deleted.
          </li>
          <li>
            The encryption keys are destroyed last, so nothing left anywhere (backups included) can be read.
          </li>
          <li>The audit log (ids only) is kept for its 12 months; the stock ledger and catalogue stay.</li>
          <li>
            It runs {TERMINATION_GRACE_DAYS} days after the request. Until then any owner can cancel it and
            nothing is lost.
          </li>
        </ul>
      </Card>
      <Card className="mt-6">
        {pending ? (
          <div className="space-y-4 p-4" data-testid="termination-scheduled">
            <p className="text-sm font-medium text-red-800" role="status">
              {pending.status === 'RUNNING'
                ? 'The termination is running now and can no longer be cancelled.'
                : `Termination scheduled for ${when.format(pending.scheduledFor)} UTC (requested ${when.format(pending.requestedAt)} UTC).`}
            </p>
            {pending.status === 'SCHEDULED' ? (
              <CancelTerminationButton orgSlug={tenant.organization.slug} />
            ) : null}
          </div>
        ) : (
          <>
            <CardHeader
              title="Request termination"
              description={
                method === 'mfa'
                  ? 'Type the name and a code from your authenticator app.'
                  : 'Type the name and your password.'
              }
            />
            <div className="p-4">
              <RequestTerminationForm
                orgSlug={tenant.organization.slug}
                orgName={tenant.organization.name}
                method={method}
              />
            </div>
          </>
        )}
      </Card>
    </>
  );
}
