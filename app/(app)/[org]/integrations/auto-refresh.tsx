'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** While a sync runs, re-renders the page every few seconds so its counters move live. */
export function AutoRefresh({ everyMs = 3000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const t = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(t);
  }, [router, everyMs]);
  return null;
}
