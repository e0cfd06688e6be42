'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { Button } from '@/components/ui/button.tsx';

/** A plain "Sign out" button (outside the user menu). */
export function SignOutForm() {
  const [busy, setBusy] = useState(false);
  const router = useRouter();
  return (
    <Button
      loading={busy}
      onClick={async () => {
        setBusy(true);
        await signOut({ redirect: false });
        router.replace('/sign-in');
        router.refresh();
      }}
    >
      Sign out
    </Button>
  );
}
