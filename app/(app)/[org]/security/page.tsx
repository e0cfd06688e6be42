import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { PII_ROLES } from '@/lib/auth/permissions.ts';
import { holds, requireTenant } from '@/lib/auth/require-tenant.ts';
import { getSecuritySettings } from '@/lib/organizations/update-security-settings.ts';
import { SecuritySettingsForm } from './security-settings-form.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Security' };

export default async function OrganizationSecurityPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'security.read');
  const settings = await getSecuritySettings(tenant.ctx);
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
    </>
  );
}
