// crypto.reencrypt: after a rotation (lib/crypto/rotate-data-key.ts), moves an organization's rows
// to the ACTIVE data-key versions in batches (REENCRYPT_BATCH_SIZE rows per transaction, an
// optional REENCRYPT_BATCH_PAUSE_MS between them), reporting { done, total } through
// job.updateProgress, then retires the versions no row uses any more.
//
// Safe to kill at any point (SIGKILL included): every batch commits on its own and moved rows are
// never selected again, so a retry (stalled-job recovery, or the next attempt) simply continues.
// Rows a writer held while the job passed (FOR UPDATE SKIP LOCKED) are picked up by another pass.
import { UnrecoverableError } from 'bullmq';
import { DataKeyUnavailableError, DecryptionError } from '../lib/crypto/errors.ts';
import type { TDataKeyPurpose } from '../lib/crypto/key-provider.ts';
import { retireUnusedDataKeys } from '../lib/crypto/retire-unused-data-keys.ts';
import {
  countStaleCredentials,
  reencryptCredentialsBatch,
} from '../lib/credentials/reencrypt-credentials.ts';
import { getEnv } from '../lib/env.ts';
import type { JobPayload } from '../lib/jobs/registry.ts';
import {
  countStaleBuyerPii,
  reencryptBuyerPiiBatch,
  type ReencryptBatchResult,
} from '../lib/pii/reencrypt-buyer-pii.ts';
import type { JobContext } from './context.ts';

interface Reencryptor {
  countStale(organizationId: string): Promise<number>;
  batch(
    organizationId: string,
    options: { after: string | null; limit: number },
  ): Promise<ReencryptBatchResult>;
  /** Purposes whose versions this table records (retired afterwards). */
  purposes: readonly TDataKeyPurpose[];
}

// The vault's fields and blind indexes both use subkeys of the buyer-pii key: one pass re-encrypts
// the fields and recomputes the indexes. (A payload naming the legacy `blind-index` purpose, still
// accepted by the job schema, runs the same vault pass.)
const VAULT: Reencryptor = {
  countStale: countStaleBuyerPii,
  batch: reencryptBuyerPiiBatch,
  purposes: ['buyer-pii'],
};
const CREDENTIALS: Reencryptor = {
  countStale: countStaleCredentials,
  batch: reencryptCredentialsBatch,
  purposes: ['credentials'],
};

/** Passes over the table looking for rows skipped because a writer held them, before giving up (and retrying later). */
const MAX_PASSES = 20;

export interface ReencryptProgress {
  done: number;
  total: number;
}

export async function runReencrypt(payload: JobPayload<'crypto.reencrypt'>, ctx: JobContext): Promise<void> {
  const { organizationId, purpose } = payload;
  const env = getEnv();
  const table = purpose === 'credentials' ? CREDENTIALS : VAULT;
  const limit = env.REENCRYPT_BATCH_SIZE;
  const total = await table.countStale(organizationId);
  let done = 0;
  await ctx.job.updateProgress({ done, total } satisfies ReencryptProgress);

  try {
    let after: string | null = null;
    let passes = 1;
    for (;;) {
      if (ctx.signal.aborted) throw new Error('re-encryption interrupted by shutdown; it resumes on retry');
      const batch = await table.batch(organizationId, { after, limit });
      done += batch.updated;
      if (batch.updated > 0) {
        await ctx.job.updateProgress({ done, total: Math.max(total, done) } satisfies ReencryptProgress);
      }
      if (batch.scanned < limit) {
        // End of the keyset. Rows skipped because a writer held them are still stale: go round.
        const left = await table.countStale(organizationId);
        if (left === 0) break;
        if (++passes > MAX_PASSES) throw new Error(`${left} rows still to re-encrypt; retrying later`);
        after = null;
        await sleep(200, ctx.signal);
        continue;
      }
      after = batch.lastId;
      if (env.REENCRYPT_BATCH_PAUSE_MS > 0) await sleep(env.REENCRYPT_BATCH_PAUSE_MS, ctx.signal);
    }
  } catch (error) {
    // A destroyed key or a ciphertext that fails authentication will not re-encrypt on retry.
    if (error instanceof DataKeyUnavailableError || error instanceof DecryptionError) {
      throw new UnrecoverableError(`re-encryption cannot continue: ${error.message}`);
    }
    throw error;
  }

  const retired: Record<string, number[]> = {};
  for (const keyPurpose of table.purposes)
    retired[keyPurpose] = await retireUnusedDataKeys(organizationId, keyPurpose);
  ctx.logger.info({ organizationId, purpose, done, retired }, 're-encryption finished');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
