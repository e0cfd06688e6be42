import type { Metadata } from 'next';
import { Brand } from '@/components/shell/brand.tsx';
import { Card } from '@/components/ui/card.tsx';

export const metadata: Metadata = { title: 'Organization suspended' };

// Where requireTenant sends members of a suspended organization (issue 3, item 10).
export default function SuspendedPage() {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-zinc-50 px-4 py-12">
      <div className="w-full max-w-md space-y-6">
        <Brand />
        <Card className="p-6">
          <h1 className="text-base font-semibold text-ink">This organization is suspended</h1>
          <p className="mt-2 text-sm text-ink-muted">
            Access is paused for every member and API client. Contact Packline support.
          </p>
        </Card>
      </div>
    </main>
  );
}
