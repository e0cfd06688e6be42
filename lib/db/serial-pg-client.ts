// A node-postgres Client that sends one statement at a time: a query issued while another is still
// running waits for it here instead of being handed to pg while the connection is busy.
//
// Why: Prisma's query interpreter loads the relations of one read side by side (`Promise.all` over
// the children of a `join` node). Outside a transaction each runs on its own pooled connection;
// inside an interactive transaction (every withTenant) they all go to the transaction's ONE
// connection. pg 8 queues them itself but warns "Calling client.query() when the client is already
// executing a query is deprecated" (pg 9 will refuse them). Upstream: prisma/orm#29468, #29979.
// The statements ran one after another before this wrapper too, in the same order; nothing else
// changes. Remove once @prisma/adapter-pg serialises transaction queries itself.
//
// Our own code must not rely on this: Promise.all over one `tx` gains nothing, so such reads are
// written one after another (ESLint no-restricted-syntax; tests/setup/pg-concurrent-query-guard.ts
// fails integration tests on any overlap pg itself would warn about).
import pg from 'pg';

type AnyQuery = (this: pg.Client, ...args: unknown[]) => unknown;

export class SerialPgClient extends pg.Client {
  /** Settles when the last statement handed to pg has finished. */
  serialTail: Promise<unknown> = Promise.resolve();
}

SerialPgClient.prototype.query = function serialQuery(this: SerialPgClient, ...args: unknown[]) {
  const send = () => (pg.Client.prototype.query as AnyQuery).apply(this, args);
  // Callback and Submittable forms are not used by @prisma/adapter-pg: pass them straight on.
  if (
    args.some((a) => typeof a === 'function') ||
    typeof (args[0] as { submit?: unknown })?.submit === 'function'
  ) {
    return send();
  }
  const run = this.serialTail.then(send);
  this.serialTail = run.catch(() => undefined);
  return run;
} as pg.Client['query'];
