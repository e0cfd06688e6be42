import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Brand } from '@/components/shell/brand.tsx';
import { Card } from '@/components/ui/card.tsx';
import { readOutbox } from '@/lib/email/send-email.ts';
import { getEnv } from '@/lib/env.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Development outbox' };

/**
 * Development only: the account emails the outbox transport wrote (password reset and invitation
 * links), newest first, so `npm run dev` works without a mail server. A 404 in production, and
 * when SMTP is configured (mail then really leaves).
 */
export default async function DevOutboxPage() {
  const env = getEnv();
  if (env.NODE_ENV === 'production' || env.SMTP_URL) notFound();
  const messages = (await readOutbox()).slice(0, 50);
  return (
    <main className="mx-auto max-w-3xl space-y-6 px-4 py-8">
      <Brand />
      <div>
        <h1 className="text-xl font-semibold text-ink">Development outbox</h1>
        <p className="mt-1 text-sm text-ink-muted">
          Emails Packline would have sent (newest first). Only in development; set SMTP_URL to send real mail.
        </p>
      </div>
      {messages.length === 0 ? (
        <p className="text-sm text-ink-muted">No emails yet.</p>
      ) : (
        messages.map((m) => (
          <Card key={m.id} className="p-4">
            <p className="text-xs text-ink-subtle">
              {m.at} · {m.kind}
            </p>
            <p className="mt-1 text-sm font-medium text-ink">
              To {m.to}: {m.subject}
            </p>
            <pre className="mt-3 overflow-x-auto text-[13px] whitespace-pre-wrap text-ink-muted">
              {m.text}
            </pre>
          </Card>
        ))
      )}
    </main>
  );
}
