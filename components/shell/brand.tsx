import { Package } from 'lucide-react';
import { cn } from '@/components/ui/cn.ts';

/** The Packline mark and word. `collapsible` hides the word in the tablet icon rail. */
export function Brand({ collapsible = false }: { collapsible?: boolean }) {
  return (
    <span className="flex items-center gap-2.5">
      <span className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-accent-600 text-white shadow-sm">
        <Package aria-hidden className="size-4.5" strokeWidth={2.25} />
      </span>
      <span
        className={cn(
          'text-[15px] font-semibold tracking-tight text-ink',
          collapsible && 'md:max-lg:sr-only',
        )}
      >
        Packline
      </span>
    </span>
  );
}
