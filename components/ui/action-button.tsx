'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from './button.tsx';

type Outcome = { ok: true } | { ok: false; error: { message: string } };

/** A small button that runs one server action, refreshes the page on success and shows the error otherwise. */
export function ActionButton({ label, run }: { label: string; run: () => Promise<Outcome> }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        size="sm"
        loading={pending}
        onClick={() =>
          start(async () => {
            const result = await run();
            setError(result.ok ? null : result.error.message);
            if (result.ok) router.refresh();
          })
        }
      >
        {label}
      </Button>
      {error ? (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
