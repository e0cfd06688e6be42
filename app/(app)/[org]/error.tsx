'use client';

import { useEffect } from 'react';
import { RotateCcw } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import { ErrorState } from '@/components/ui/error-state.tsx';

export default function OrganizationError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  // Server errors reach the browser as a generic message plus a digest that matches the server
  // log; show only the digest, never a message that might carry details.
  const digest =
    error && typeof error === 'object' && 'digest' in error && typeof error.digest === 'string'
      ? error.digest
      : undefined;

  return (
    <ErrorState
      description="This page could not be loaded. Your data is safe — try again in a moment."
      reference={digest}
      action={
        <Button variant="secondary" onClick={() => retry()}>
          <RotateCcw aria-hidden />
          Try again
        </Button>
      }
    />
  );
}
