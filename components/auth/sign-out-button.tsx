'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { LogOut } from 'lucide-react';
import { signOut } from 'next-auth/react';
import { popoverItemClasses } from '@/components/ui/popover-menu.tsx';

/** Signs out through next-auth (clears the session cookie) and returns to the sign-in page. */
export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  const router = useRouter();
  return (
    <button
      type="button"
      className={popoverItemClasses}
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        await signOut({ redirect: false });
        router.replace('/sign-in');
        router.refresh();
      }}
    >
      <LogOut aria-hidden className="size-4" />
      Sign out
    </button>
  );
}
