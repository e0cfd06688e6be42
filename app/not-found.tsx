import type { Metadata } from 'next';
import { FileQuestion } from 'lucide-react';
import { ButtonLink } from '@/components/ui/button.tsx';
import { Brand } from '@/components/shell/brand.tsx';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-8 px-6 py-16">
      <Brand />
      <div className="w-full max-w-md rounded-card border border-line bg-surface p-8 text-center shadow-card">
        <span className="mx-auto flex size-11 items-center justify-center rounded-full bg-zinc-100 text-ink-subtle">
          <FileQuestion aria-hidden className="size-5" />
        </span>
        <h1 className="mt-4 text-lg font-semibold text-ink">Page not found</h1>
        <p className="mt-1 text-sm text-ink-muted">
          There is nothing at this address, or the organization does not exist. Check the link, or start again
          from the home page.
        </p>
        <ButtonLink href="/" variant="primary" className="mt-6">
          Go to Packline
        </ButtonLink>
      </div>
    </main>
  );
}
