'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import type { SecuritySettings } from '@/lib/organizations/update-security-settings.ts';
import { updateSecuritySettingsAction } from './actions.ts';

export function SecuritySettingsForm({
  orgSlug,
  initial,
  canEdit,
  piiRoles,
}: {
  orgSlug: string;
  initial: SecuritySettings;
  canEdit: boolean;
  piiRoles: string;
}) {
  const [values, setValues] = useState(initial);
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const router = useRouter();
  const dirty =
    values.requireMfaForPii !== initial.requireMfaForPii ||
    values.amazonDppPasswordRules !== initial.amazonDppPasswordRules;

  return (
    <form
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await updateSecuritySettingsAction(orgSlug, values);
          if (result.ok) {
            toast({ title: 'Security settings saved', tone: 'success' });
            router.refresh();
          } else toast({ title: 'Not saved', description: result.error.message, tone: 'error' });
        });
      }}
    >
      <label className="flex items-start gap-3">
        <input
          type="checkbox"
          className="mt-1 size-4 accent-accent-600"
          checked={values.requireMfaForPii}
          disabled={!canEdit}
          onChange={(e) => setValues({ ...values, requireMfaForPii: e.target.checked })}
        />
        <span>
          <span className="block text-sm font-medium text-ink">
            Require two-factor authentication for buyer data
          </span>
          <span className="block text-xs text-ink-muted">
            Members whose role can read buyer personal data ({piiRoles}) must have signed in with a second
            factor to print labels or reveal buyer details. Amazon’s Data Protection Policy asks for this.
          </span>
        </span>
      </label>
      <label className="flex items-start gap-3">
        <input
          type="checkbox"
          className="mt-1 size-4 accent-accent-600"
          checked={values.amazonDppPasswordRules}
          disabled={!canEdit}
          onChange={(e) => setValues({ ...values, amazonDppPasswordRules: e.target.checked })}
        />
        <span>
          <span className="block text-sm font-medium text-ink">Amazon DPP password rules</span>
          <span className="block text-xs text-ink-muted">
            Passwords must also mix three kinds of characters (lower case, upper case, digits, symbols) and be
            changed every 365 days. Required by Amazon for sellers connecting an Amazon account; otherwise
            Packline follows OWASP guidance, which advises against both.
          </span>
        </span>
      </label>
      {canEdit ? (
        <Button type="submit" variant="primary" loading={pending} disabled={!dirty}>
          Save
        </Button>
      ) : (
        <p className="text-xs text-ink-subtle">Only owners and admins can change these settings.</p>
      )}
    </form>
  );
}
