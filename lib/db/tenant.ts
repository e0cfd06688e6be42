// Tenant scoping (ARCHITECTURE.md §2). Every tenant query runs inside withTenant: one interactive
// transaction that first sets `app.organization_id` (transaction-local), so Postgres RLS limits
// every statement in it — Prisma calls and raw SQL alike — to that organization.
import { z } from 'zod';
import type { Prisma } from './generated/prisma/client.ts';
import { appDb } from './client.ts';

export type TenantTx = Prisma.TransactionClient;

const ZOrganizationId = z.uuid();

export interface WithTenantOptions {
  isolationLevel?: Prisma.TransactionIsolationLevel;
  /** Milliseconds the transaction may run (Prisma's default of 5 s is too short for batches). */
  timeout?: number;
}

export async function withTenant<T>(
  organizationId: string,
  fn: (tx: TenantTx) => Promise<T>,
  options: WithTenantOptions = {},
): Promise<T> {
  const orgId = ZOrganizationId.parse(organizationId);
  return appDb().$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<{ org: string }[]>`
        SELECT set_config('app.organization_id', ${orgId}, true) AS org`;
      // Read back what was set before handing the transaction out (fail closed).
      if (row?.org !== orgId) throw new Error('tenant context was not applied');
      return fn(tx);
    },
    { timeout: options.timeout ?? 15_000, maxWait: 10_000, isolationLevel: options.isolationLevel },
  );
}

/** A tenant-bound handle: the form use cases receive, so they cannot pick another tenant. */
export interface TenantDb {
  readonly organizationId: string;
  run<T>(fn: (tx: TenantTx) => Promise<T>, options?: WithTenantOptions): Promise<T>;
}

export function tenantDb(organizationId: string): TenantDb {
  const orgId = ZOrganizationId.parse(organizationId);
  return {
    organizationId: orgId,
    run: (fn, options) => withTenant(orgId, fn, options),
  };
}
