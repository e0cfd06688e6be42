import type { ReactNode } from 'react';
import { Brand } from '@/components/shell/brand.tsx';
import { ButtonLink } from '@/components/ui/button.tsx';

/** The centred card of the sign-in, sign-up, reset and MFA screens. */
export function AuthCard({
  title,
  description,
  children,
  footer,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-8 px-6 py-16">
      <Brand />
      <div className="w-full max-w-sm rounded-card border border-line bg-surface p-6 shadow-card sm:p-8">
        <h1 className="text-lg font-semibold text-ink">{title}</h1>
        {description ? <p className="mt-1 text-sm text-ink-muted">{description}</p> : null}
        <div className="mt-6">{children}</div>
      </div>
      {footer ? <div className="text-sm text-ink-muted">{footer}</div> : null}
    </main>
  );
}

/** A form-level message (error or notice), announced to screen readers. */
export function FormMessage({ tone = 'error', children }: { tone?: 'error' | 'info'; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p
      role={tone === 'error' ? 'alert' : 'status'}
      className={
        tone === 'error'
          ? 'rounded-control border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800'
          : 'rounded-control border border-accent-100 bg-accent-50 px-3 py-2 text-sm text-accent-800'
      }
    >
      {children}
    </p>
  );
}

/** A finished step of an emailed link (reset, verification): its message and where to go next. */
export function FormDone({ message, href, label }: { message?: string; href: string; label: string }) {
  return (
    <div className="space-y-4">
      <FormMessage tone="info">{message}</FormMessage>
      <ButtonLink href={href} variant="primary" className="w-full">
        {label}
      </ButtonLink>
    </div>
  );
}

/** Anti-automation honeypot: invisible to people and assistive tech, filled in by naive bots. */
export function Honeypot() {
  return (
    <div aria-hidden className="absolute -left-[9999px] h-px w-px overflow-hidden">
      <label>
        Website
        <input type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
      </label>
    </div>
  );
}
