import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { JobProgress } from '@/components/ui/job-progress.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { PII_ROLES } from '@/lib/auth/permissions.ts';
import { recentAuthentication } from '@/lib/auth/recent-auth.ts';
import { holds, requireTenant } from '@/lib/auth/require-tenant.ts';
import { listDataKeys } from '@/lib/crypto/list-data-keys.ts';
import { listReencryptionProgress } from '@/lib/crypto/reencryption-progress.ts';
import { getSecuritySettings } from '@/lib/organizations/update-security-settings.ts';
import { ReauthenticateForm } from '@/app/account/security/security-forms.tsx';
import { AlertChannelsCard } from './alert-channels-card.tsx';
import { RotateKeyButton } from './rotate-key-button.tsx';
import { SecuritySettingsForm } from './security-settings-form.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Security' };

export default async function OrganizationSecurityPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'security.read');
  const [settings, keys, standing] = await Promise.all([
    getSecuritySettings(tenant.ctx),
    listDataKeys(tenant.ctx),
    recentAuthentication(),
  ]);
  const canRotate = holds(tenant, 'keys.rotate');
  const reencrypting = await listReencryptionProgress(tenant.ctx, keys);
  const now = new Date();
  // Changing the sign-in policy or where alerts go needs a recent authentication (actions.ts).
  const reauth = holds(tenant, 'organization.update') && standing && !standing.recent ? standing : null;
  const roles = PII_ROLES.map((r) => r.charAt(0) + r.slice(1).toLowerCase()).join(', ');
  return (
    <>
      <PageHeader title="Security" description="Sign-in rules for everyone in this organization." />
      <p className="mb-4 text-sm">
        <Link
          href={`/${tenant.organization.slug}/security/events`}
          className="text-accent-700 hover:underline"
        >
          Security events →
        </Link>
      </p>
      {reauth ? (
        <Card className="mb-6">
          <CardHeader title="Confirm it is you" />
          <div className="p-4">
            <ReauthenticateForm
              method={reauth.method}
              reason="Changing these settings needs a recent sign-in. Confirm it is you to continue."
            />
          </div>
        </Card>
      ) : null}
      <Card>
        <CardHeader
          title="Sign-in policy"
          description={
            <>
              Your own password and two-factor settings are on your{' '}
              <Link href="/account/security" className="text-accent-700 hover:underline">
                account security
              </Link>{' '}
              page.
            </>
          }
        />
        <div className="p-4">
          <SecuritySettingsForm
            orgSlug={tenant.organization.slug}
            initial={settings}
            canEdit={holds(tenant, 'organization.update')}
            piiRoles={roles}
          />
        </div>
      </Card>
      <Card className="mt-6">
        <CardHeader
          title="Encryption keys"
          description="Buyer data and marketplace credentials are encrypted under this organization's own data keys, wrapped by the key management service. Rotating creates a new version; existing data is re-encrypted in the background and the old version retired."
        />
        <div className="space-y-4 p-4">
          {canRotate ? (
            <div className="flex flex-wrap gap-2">
              <RotateKeyButton orgSlug={tenant.organization.slug} purpose="buyer-pii" />
              <RotateKeyButton orgSlug={tenant.organization.slug} purpose="credentials" />
            </div>
          ) : null}
          {reencrypting.map((r) => (
            <JobProgress
              key={r.purpose}
              title={`Re-encrypting ${r.purpose} under version ${r.version}`}
              {...r.progress}
              unit="values"
              now={now}
              testId={`reencryption-progress-${r.purpose}`}
            />
          ))}
          <Table caption="Data key versions">
            <TableHead>
              <TableRow>
                <TableHeaderCell>Purpose</TableHeaderCell>
                <TableHeaderCell>Version</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Created</TableHeaderCell>
                <TableHeaderCell>Replaced</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {keys.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={5}>
                    No data keys yet: one is created with the first encrypted value.
                  </TableCell>
                </TableRow>
              ) : (
                keys.map((k) => (
                  <TableRow key={`${k.purpose}-${k.version}`}>
                    <TableCell>{k.purpose}</TableCell>
                    <TableCell numeric>{k.version}</TableCell>
                    <TableCell>
                      <Badge
                        tone={
                          k.status === 'ACTIVE' ? 'success' : k.status === 'RETIRED' ? 'neutral' : 'warning'
                        }
                      >
                        {k.status.toLowerCase().replace('_', ' ')}
                      </Badge>
                    </TableCell>
                    <TableCell>{k.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</TableCell>
                    <TableCell>
                      {k.supersededAt
                        ? `${k.supersededAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`
                        : '—'}
                    </TableCell>
                  </TableRow>
                ))
              )}
            </TableBody>
          </Table>
        </div>
      </Card>
      <AlertChannelsCard tenant={tenant} />
    </>
  );
}
