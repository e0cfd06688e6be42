'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { UserPlus } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { Select } from '@/components/ui/select.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import type { MembershipRole } from '@/lib/db/generated/prisma/enums.ts';
import { inviteMemberAction } from './actions.ts';

export function InviteForm({
  orgSlug,
  roles,
}: {
  orgSlug: string;
  roles: { value: MembershipRole; label: string }[];
}) {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '');
    const role = String(data.get('role') ?? 'VIEWER') as MembershipRole;
    start(async () => {
      const result = await inviteMemberAction(orgSlug, { email, role });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(null);
      form.reset();
      toast({
        title: 'Invitation sent',
        description: `The link works once and expires in 7 days.`,
        tone: 'success',
      });
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" aria-label="Invite a member">
      <div className="min-w-56 flex-1 space-y-1.5">
        <Label htmlFor="invite-email">Email</Label>
        <Input id="invite-email" name="email" type="email" required autoComplete="off" invalid={!!error} />
      </div>
      <div className="w-40 space-y-1.5">
        <Label htmlFor="invite-role">Role</Label>
        <Select id="invite-role" name="role" defaultValue="VIEWER" options={roles} />
      </div>
      <Button type="submit" variant="primary" loading={pending}>
        <UserPlus aria-hidden />
        Invite
      </Button>
      {error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
