'use client';

import { useEffect, useState } from 'react';

/**
 * The `token` of an emailed link's fragment (`#token=…`), which browsers never send to a server,
 * so it stays out of access logs and Referer headers. Read after hydration (the fragment exists
 * only in the browser), then dropped from the address bar and history.
 */
export function useFragmentToken(): string | null {
  const [token, setToken] = useState<string | null>(null);
  useEffect(() => {
    const match = /(?:^#|&)token=([A-Za-z0-9._-]+)/.exec(window.location.hash);
    if (match?.[1]) {
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setToken(match[1]);
      window.history.replaceState(null, '', window.location.pathname);
    }
  }, []);
  return token;
}
