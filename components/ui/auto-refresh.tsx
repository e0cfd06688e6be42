'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * While a long job runs, re-renders the page every few seconds (router.refresh: the server
 * components again, no full reload, no third-party request) so its progress moves live. The one
 * mechanism for every live-progress panel (components/ui/job-progress.tsx).
 */
export function AutoRefresh({ everyMs = 3000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const t = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(t);
  }, [router, everyMs]);
  return null;
}
