import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { delegablePermissions } from '@/lib/auth/permissions.ts';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { listBreakGlassGrants } from '@/lib/break-glass/create-break-glass-grant.ts';
import { GrantForm, RevokeGrantButton } from './grant-forms.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Operator access' };

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

// Break-glass (issue 3, item 10): Packline staff see no tenant data unless the owner grants it here.
export default async function OperatorAccessPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'break_glass.grant');
  const grants = await listBreakGlassGrants(tenant.ctx);
  const now = new Date();
  const grantable = delegablePermissions(tenant.ctx.permissions);
  return (
    <>
      <PageHeader
        title="Operator access"
        description="Let Packline support into this organization for a few hours, with a reason, when you need their help. Every grant is audited."
      />
      <Card className="mb-6">
        <CardHeader
          title="Grant temporary access"
          description="At most 24 hours; you can revoke it at any time."
        />
        <div className="p-4">
          <GrantForm orgSlug={tenant.organization.slug} permissions={grantable} />
        </div>
      </Card>
      <Card>
        <CardHeader title="Grants" />
        {grants.length === 0 ? (
          <p className="p-4 text-sm text-ink-muted">No operator has ever had access.</p>
        ) : (
          <ul className="divide-y divide-line">
            {grants.map((g) => {
              const live = !g.revokedAt && g.expiresAt > now;
              return (
                <li key={g.id} className="flex items-start justify-between gap-3 px-4 py-3 text-sm">
                  <div className="min-w-0">
                    <p className="font-medium">
                      {g.operator.email}{' '}
                      <Badge tone={live ? 'accent' : 'neutral'}>
                        {live ? 'Active' : g.revokedAt ? 'Revoked' : 'Expired'}
                      </Badge>
                    </p>
                    <p className="text-ink-muted">{g.reason}</p>
                    <p className="text-xs text-ink-subtle">
                      Until {when.format(g.expiresAt)} UTC · {g.permissions.join(', ')}
                    </p>
                  </div>
                  {live ? <RevokeGrantButton orgSlug={tenant.organization.slug} grantId={g.id} /> : null}
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </>
  );
}
