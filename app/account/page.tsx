import type { Metadata } from 'next';
import Link from 'next/link';
import { Download, ShieldCheck, UserX } from 'lucide-react';
import { FormMessage } from '@/components/auth/auth-card.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { recentAuthMethod } from '@/lib/auth/require-recent-auth.ts';
import { requireSessionUser } from '@/lib/auth/session.ts';
import { lastOwnedOrganizations } from '@/lib/privacy/delete-user-account.ts';
import { DeleteAccountForm } from './account-forms.tsx';
import { AccountPageShell } from './account-page-shell.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const user = await requireSessionUser();
  const [lastOwned, method] = await Promise.all([
    lastOwnedOrganizations(user.userId),
    recentAuthMethod(user.userId),
  ]);

  return (
    <AccountPageShell
      user={user}
      title="Your account"
      links={
        <Link href="/account/security" className="text-accent-700 hover:underline">
          <ShieldCheck aria-hidden className="inline size-4" /> Password and two-factor authentication
        </Link>
      }
    >
      <Card>
        <CardHeader
          title="Your data"
          icon={<Download aria-hidden className="size-4" />}
          description="Everything Packline holds about you — profile, memberships, sign-in history and what you did in each organization — as a JSON file."
        />
        <div className="p-4">
          <a href="/account/data" download className="text-sm font-medium text-accent-700 hover:underline">
            Download my data (JSON)
          </a>
        </div>
      </Card>

      <Card>
        <CardHeader
          title="Delete your account"
          icon={<UserX aria-hidden className="size-4" />}
          description="Your memberships end at once and every session signs out. Your name and email are erased; the organizations' audit trails keep only an anonymous id."
        />
        <div className="space-y-4 p-4">
          {lastOwned.length > 0 ? (
            <div data-testid="last-owner-notice">
              <FormMessage>
                {`You are the last owner of ${lastOwned.map((o) => o.name).join(', ')}. Make another member an owner, or terminate the organization, before deleting your account.`}
              </FormMessage>
            </div>
          ) : null}
          <DeleteAccountForm method={method} />
        </div>
      </Card>
    </AccountPageShell>
  );
}
