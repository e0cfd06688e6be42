'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Select } from '@/components/ui/select.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import type { MembershipRole } from '@/lib/db/generated/prisma/enums.ts';
import type { ActionResult } from '@/lib/auth/tenant-action.ts';
import {
  changeMemberRoleAction,
  leaveOrganizationAction,
  removeMemberAction,
  revokeInvitationAction,
  setMemberDisabledAction,
} from './actions.ts';

function useRun() {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, start] = useTransition();
  const run = (label: string, fn: () => Promise<ActionResult<unknown>>) =>
    start(async () => {
      const result = await fn();
      if (result.ok) {
        toast({ title: label, tone: 'success' });
      } else {
        toast({ title: 'Not done', description: result.error.message, tone: 'error' });
      }
      router.refresh();
    });
  return { pending, run };
}

export function MemberRoleSelect({
  orgSlug,
  membershipId,
  role,
  name,
  roles,
}: {
  orgSlug: string;
  membershipId: string;
  role: MembershipRole;
  name: string;
  roles: { value: MembershipRole; label: string }[];
}) {
  const { pending, run } = useRun();
  return (
    <Select
      aria-label={`Role of ${name}`}
      value={role}
      disabled={pending}
      options={roles}
      onChange={(e) => {
        const next = e.target.value as MembershipRole;
        run('Role changed', () => changeMemberRoleAction(orgSlug, { membershipId, role: next }));
      }}
    />
  );
}

export function MemberButtons({
  orgSlug,
  membershipId,
  name,
  disabled,
  canUpdate,
  canRemove,
}: {
  orgSlug: string;
  membershipId: string;
  name: string;
  disabled: boolean;
  canUpdate: boolean;
  canRemove: boolean;
}) {
  const { pending, run } = useRun();
  return (
    <div className="flex justify-end gap-2">
      {canUpdate ? (
        <Button
          size="sm"
          disabled={pending}
          aria-label={`${disabled ? 'Enable' : 'Disable'} ${name}`}
          onClick={() =>
            run(disabled ? 'Member enabled' : 'Member disabled', () =>
              setMemberDisabledAction(orgSlug, { membershipId, disabled: !disabled }),
            )
          }
        >
          {disabled ? 'Enable' : 'Disable'}
        </Button>
      ) : null}
      {canRemove ? (
        <Button
          size="sm"
          variant="danger"
          disabled={pending}
          aria-label={`Remove ${name}`}
          onClick={() => {
            if (window.confirm(`Remove ${name} from this organization?`)) {
              run('Member removed', () => removeMemberAction(orgSlug, { membershipId }));
            }
          }}
        >
          Remove
        </Button>
      ) : null}
    </div>
  );
}

export function RevokeInvitationButton({
  orgSlug,
  invitationId,
  email,
}: {
  orgSlug: string;
  invitationId: string;
  email: string;
}) {
  const { pending, run } = useRun();
  return (
    <Button
      size="sm"
      disabled={pending}
      aria-label={`Revoke invitation for ${email}`}
      onClick={() => run('Invitation revoked', () => revokeInvitationAction(orgSlug, { invitationId }))}
    >
      Revoke
    </Button>
  );
}

export function LeaveOrganizationButton({ orgSlug, orgName }: { orgSlug: string; orgName: string }) {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, start] = useTransition();
  return (
    <Button
      size="sm"
      loading={pending}
      onClick={() => {
        if (!window.confirm(`Leave ${orgName}? You will lose access at once.`)) return;
        start(async () => {
          const result = await leaveOrganizationAction(orgSlug, {});
          if (!result.ok) {
            toast({ title: 'You cannot leave', description: result.error.message, tone: 'error' });
            return;
          }
          router.replace('/');
          router.refresh();
        });
      }}
    >
      Leave organization
    </Button>
  );
}
