// The operator console's frame: brand, navigation between its screens, the signed-in operator
// and sign-out. Every console page resolves the operator session first (requireOperator) and
// renders inside this frame; none of them shows tenant data or buyer PII.
import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { Brand } from '@/components/shell/brand.tsx';
import { Button } from '@/components/ui/button.tsx';
import { getOperatorSession, type OperatorSession } from '@/lib/auth/operator-session.ts';
import { operatorSignOutAction } from './actions.ts';

const NAV = [
  { href: '/operator', label: 'Organizations' },
  { href: '/operator/incidents', label: 'Incidents' },
  { href: '/operator/security-events', label: 'Security events' },
  { href: '/operator/evidence', label: 'Platform evidence' },
] as const;

export async function requireOperator(): Promise<OperatorSession> {
  const operator = await getOperatorSession();
  if (!operator) redirect('/operator/sign-in');
  return operator;
}

export function OperatorShell({
  operator,
  current,
  title,
  children,
}: {
  operator: OperatorSession;
  current: (typeof NAV)[number]['href'];
  title: string;
  children: ReactNode;
}) {
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <header className="flex flex-wrap items-center justify-between gap-4">
        <Brand />
        <div className="flex items-center gap-3 text-sm text-ink-muted">
          <span>Operator: {operator.email}</span>
          <form action={operatorSignOutAction}>
            <Button type="submit" size="sm">
              Sign out
            </Button>
          </form>
        </div>
      </header>
      <nav aria-label="Operator console" className="flex flex-wrap gap-4 border-b border-line pb-2 text-sm">
        {NAV.map((item) => (
          <Link
            key={item.href}
            href={item.href}
            aria-current={item.href === current ? 'page' : undefined}
            className={item.href === current ? 'font-medium text-ink' : 'text-accent-700 hover:underline'}
          >
            {item.label}
          </Link>
        ))}
      </nav>
      <h1 className="text-lg font-semibold text-ink">{title}</h1>
      {children}
    </main>
  );
}
