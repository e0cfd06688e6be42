'use client';

// Replaces the root layout when that fails, so it brings its own <html>, <body> and stylesheet.
// No inline style attributes: the production CSP (lib/http/security-headers.ts) blocks them.
import './globals.css';

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest =
    error && typeof error === 'object' && 'digest' in error && typeof error.digest === 'string'
      ? error.digest
      : undefined;

  return (
    <html lang="en">
      <head>
        <title>Something went wrong · Packline</title>
      </head>
      <body>
        <main className="flex min-h-dvh items-center justify-center px-6 py-16">
          <div
            role="alert"
            className="w-full max-w-md rounded-card border border-line bg-surface p-8 text-center shadow-card"
          >
            <h1 className="text-lg font-semibold text-ink">Packline hit an unexpected error</h1>
            <p className="mt-1 text-sm text-ink-muted">
              Try again. If it keeps happening, contact support
              {digest ? ' and quote the reference below' : ''}.
            </p>
            {digest ? (
              <p className="mt-3 text-xs text-ink-subtle">
                Reference: <code className="font-mono">{digest}</code>
              </p>
            ) : null}
            <button
              type="button"
              onClick={() => retry()}
              className="mt-6 inline-flex h-9 items-center rounded-control bg-accent-600 px-4 text-sm font-medium text-white hover:bg-accent-700"
            >
              Try again
            </button>
          </div>
        </main>
      </body>
    </html>
  );
}
