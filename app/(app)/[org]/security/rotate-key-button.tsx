'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { rotateDataKeyAction } from './actions.ts';

const LABELS = { 'buyer-pii': 'buyer data', credentials: 'credentials' } as const;

export function RotateKeyButton({ orgSlug, purpose }: { orgSlug: string; purpose: keyof typeof LABELS }) {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, start] = useTransition();
  return (
    <Button
      size="sm"
      variant="secondary"
      loading={pending}
      onClick={() =>
        start(async () => {
          const result = await rotateDataKeyAction(orgSlug, { purpose });
          if (!result.ok) {
            toast({ title: 'Rotation failed', description: result.error.message, tone: 'error' });
            return;
          }
          toast({
            title: `New ${LABELS[purpose]} key (version ${result.data.version})`,
            description: result.data.jobId
              ? 'Existing data is being re-encrypted in the background.'
              : undefined,
            tone: 'success',
          });
          router.refresh();
        })
      }
    >
      Rotate {LABELS[purpose]} key
    </Button>
  );
}
