'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { suspendOrganizationAction } from './actions.ts';

export function SuspendButton({
  organizationId,
  name,
  suspended,
}: {
  organizationId: string;
  name: string;
  suspended: boolean;
}) {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, start] = useTransition();
  return (
    <Button
      size="sm"
      variant={suspended ? 'secondary' : 'danger'}
      loading={pending}
      aria-label={`${suspended ? 'Reinstate' : 'Suspend'} ${name}`}
      onClick={() => {
        const reason = window.prompt(`Reason for ${suspended ? 'reinstating' : 'suspending'} ${name}:`);
        if (!reason) return;
        start(async () => {
          const result = await suspendOrganizationAction({ organizationId, suspended: !suspended, reason });
          toast(
            result.ok
              ? { title: suspended ? 'Organization reinstated' : 'Organization suspended', tone: 'success' }
              : { title: 'Not done', description: result.error.message, tone: 'error' },
          );
          router.refresh();
        });
      }}
    >
      {suspended ? 'Reinstate' : 'Suspend'}
    </Button>
  );
}
