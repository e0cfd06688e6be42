// Reading Postgres errors through Prisma + @prisma/adapter-pg, and running inventory work in a
// tenant transaction that retries deadlocks and maps the ledger's refusals to AppError.
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';

interface AdapterCause {
  originalCode?: string;
  code?: string;
  originalMessage?: string;
  constraint?: { index?: string; fields?: string[] };
}

/** The SQLSTATE of a database error, or null. */
export function sqlStateOf(error: unknown): string | null {
  if (!error || typeof error !== 'object') return null;
  const e = error as {
    code?: unknown;
    meta?: { driverAdapterError?: { cause?: AdapterCause } };
    message?: unknown;
  };
  const cause = e.meta?.driverAdapterError?.cause;
  if (cause?.originalCode) return cause.originalCode;
  if (e.code === 'P2002') return '23505';
  if (e.code === 'P2034') return '40001';
  const match = typeof e.message === 'string' ? /Code: `([0-9A-Z]{5})`/.exec(e.message) : null;
  return match?.[1] ?? null;
}

/** The database's own message (trigger messages name the broken rule), or ''. */
function databaseMessageOf(error: unknown): string {
  const e = error as { meta?: { driverAdapterError?: { cause?: AdapterCause } }; message?: unknown };
  return (
    e.meta?.driverAdapterError?.cause?.originalMessage ?? (typeof e.message === 'string' ? e.message : '')
  );
}

export const isUniqueViolation = (error: unknown): boolean => sqlStateOf(error) === '23505';

/** Deadlock or serialization failure: safe to run the whole transaction again. */
const isRetryable = (error: unknown): boolean => {
  const state = sqlStateOf(error);
  return state === '40P01' || state === '40001';
};

const MAX_ATTEMPTS = 6;

/**
 * Runs `fn` in the context's tenant transaction. A deadlock (two moves locking the same bins in
 * opposite order) is retried; the ledger's refusal of negative stock becomes CONFLICT.
 */
export async function runInventoryTx<T>(ctx: TenantContext, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await withTenant(ctx.organizationId, fn);
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && isRetryable(error)) {
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.floor(Math.random() * 10)));
        continue;
      }
      if (sqlStateOf(error) === '23514') {
        throw /insufficient stock/.test(databaseMessageOf(error))
          ? new AppError('CONFLICT', 'insufficient stock: the quantity is not on hand in that location')
          : new AppError('CONFLICT', 'the change breaks an inventory rule');
      }
      throw error;
    }
  }
}
