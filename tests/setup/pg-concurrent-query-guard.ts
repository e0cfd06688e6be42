// Runs before each integration test file: fails the test during which node-postgres would warn
// "Calling client.query() when the client is already executing a query is deprecated" (pg 9 will
// refuse such queries). Our Prisma clients send one statement at a time per connection
// (lib/db/serial-pg-client.ts) and our code does not Promise.all over one `tx` (ESLint
// no-restricted-syntax), so this fires only if one of those protections is lost, or a raw
// pg.Client is used concurrently.
//
// pg warns once per process, so its condition (a query issued while another is already queued
// behind the running one) is checked on every call here, and the failure names the statements
// (SQL text only: values are parameters, never part of it). The warning itself is a backstop.
import pg from 'pg';
import { afterAll, afterEach } from 'vitest';

const CONCURRENT_QUERY = /client\.query\(\) when the client is already executing a query/;

interface ClientInternals {
  pipeline?: boolean;
  _activeQuery?: { text?: string } | null;
  _queryQueue?: { text?: string }[];
}

const sqlOf = (q: unknown) =>
  String((typeof q === 'string' ? q : (q as { text?: string } | null)?.text) ?? '?')
    .replace(/\s+/g, ' ')
    .slice(0, 160);

let seen: Error | undefined;

const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
pg.Client.prototype.query = function guardedQuery(this: pg.Client, ...args: unknown[]) {
  const client = this as unknown as ClientInternals;
  if (!client.pipeline && (client._queryQueue?.length ?? 0) > 0) {
    const running = client._activeQuery ?? client._queryQueue?.[0];
    seen ??= new Error(`sent [${sqlOf(args[0])}] while [${sqlOf(running)}] was still running`);
  }
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

process.on('warning', (warning) => {
  if (warning.name === 'DeprecationWarning' && CONCURRENT_QUERY.test(warning.message)) seen ??= warning;
});

function failIfSeen(): void {
  if (!seen) return;
  const cause = seen;
  seen = undefined;
  throw new Error(
    'queries overlapped on one pg connection (pg 9 refuses this; see tests/setup/pg-concurrent-query-guard.ts): ' +
      cause.message,
  );
}

afterEach(failIfSeen);
afterAll(failIfSeen);
