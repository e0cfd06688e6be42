'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button.tsx';
import type { TAuditFilter } from '@/lib/privacy/audit-log.ts';
import { exportAuditCsvAction } from './actions.ts';

export function ExportAuditCsvButton({ orgSlug, filter }: { orgSlug: string; filter: TAuditFilter }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-3">
      <Button
        loading={pending}
        onClick={() =>
          start(async () => {
            const result = await exportAuditCsvAction(orgSlug, filter);
            if (!result.ok) {
              setError(result.error.message);
              return;
            }
            setError(null);
            const url = URL.createObjectURL(new Blob([result.data.csv], { type: 'text/csv;charset=utf-8' }));
            const link = document.createElement('a');
            link.href = url;
            link.download = `audit-${orgSlug}.csv`;
            link.click();
            URL.revokeObjectURL(url);
          })
        }
      >
        Export CSV
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
