// Every SP-API call Packline makes for an integration goes through a session:
// 1. a token from the (selling partner, operation) bucket in Redis — waiting inline when the wait
//    is short, else RateLimitedError (the job moves itself to delayed and resumes from its cursor);
// 2. the disconnect fence (call-fence.ts): the call is registered in flight in Redis, by the same
//    script that takes its token, while the integration is known connected, and disconnect waits
//    for the calls in flight — nothing reaches Amazon after disconnect returns, and no database
//    lock is held across the HTTP call;
// 3. bounded retries: 429 → drain our bucket, back off (≥ 1/rate, exponential, full jitter);
//    5xx, timeouts and unparsable bodies → back off; everything else fails at once;
// 4. the LWA access token cached in this process outside the client instance (never in Redis:
//    it is a bearer secret), refreshed by the package only when missing or expired;
// 5. calls that carry a Restricted Data Token go through a client that never refreshes: on a 403
//    "expired" the package would refresh the ACCESS token and resend the same expired RDT, without
//    end (sp-api.md §8); the caller gets RestrictedDataTokenError and asks for a new RDT.
import type { SellingPartner } from 'amazon-sp-api';
import type { z } from 'zod';
import type { Logger } from '../../logger.ts';
import { amazonAppConfig } from './amazon-config.ts';
import { CallFence, FenceClosedError } from './call-fence.ts';
import { createSpClient, type SpClientConfig } from './create-sp-client.ts';
import { createRateLimiter, type AmazonOperation, type RateLimiter } from './rate-limiter.ts';
import { parseSpApiResponse, type TAmazonRegion } from './schemas.ts';

export class IntegrationDisconnectedError extends Error {
  override readonly name = 'IntegrationDisconnectedError';
  constructor() {
    super('the Amazon integration is disconnected');
  }
}

export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  constructor(
    readonly operation: AmazonOperation,
    readonly waitMs: number,
  ) {
    super(`Amazon rate limit for ${operation}: next token in ${waitMs} ms`);
  }
}

/** Amazon refused the seller's authorization (revoked, wrong app): reconnect needed. */
export class AmazonAuthorizationError extends Error {
  override readonly name = 'AmazonAuthorizationError';
}

/** Amazon refused a call's Restricted Data Token (expired or not covering the call): get a new one. */
export class RestrictedDataTokenError extends Error {
  override readonly name = 'RestrictedDataTokenError';
}

/** A call that kept failing after its bounded retries. */
export class SpApiCallError extends Error {
  override readonly name = 'SpApiCallError';
  constructor(
    readonly operation: string,
    readonly code: string,
    attempts: number,
  ) {
    super(`Amazon ${operation} failed with ${code} after ${attempts} attempt(s)`);
  }
}

export interface SpApiSessionInput {
  organizationId: string;
  integrationId: string;
  sellingPartnerId: string;
  region: TAmazonRegion;
  ordersApiVersion: 'V0' | 'V2026_01_01';
  refreshToken: string;
}

export interface SpApiSessionOptions {
  logger: Logger;
  signal?: AbortSignal;
  limiter?: RateLimiter;
  /** Longest inline wait for a bucket token before handing back RateLimitedError. Default 5 s. */
  maxInlineWaitMs?: number;
  /** Retries per call (429 and transient). Default 4. */
  maxRetries?: number;
  /** Base of the exponential backoff. Default 1 000 ms. */
  backoffBaseMs?: number;
  /** Per-call response timeout. Default 30 s. */
  responseTimeoutMs?: number;
}

/** Codes of a failure on Amazon's side or in transit: retried, then reported as Amazon unavailable. */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'InternalFailure',
  'Unavailable',
  'ServiceUnavailable',
  'API_RESPONSE_TIMEOUT',
  'API_DEADLINE_TIMEOUT',
  'JSON_PARSE_ERROR',
  'ECONNRESET',
  'ETIMEDOUT',
  'ECONNREFUSED',
  'EPIPE',
  'UND_ERR_SOCKET',
]);
const AUTH = new Set([
  'invalid_grant',
  'invalid_client',
  'unauthorized_client',
  'Unauthorized',
  'MissingAuthenticationToken',
]);

// Access tokens, per integration, in this process only (never Redis, never the database).
const accessTokens = new Map<string, { token: string; expiresAt: number }>();
const ACCESS_TOKEN_TTL_MS = 55 * 60_000;

export function forgetAccessToken(integrationId: string): void {
  accessTokens.delete(integrationId);
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    // The listener goes when the sleep ends: a worker's signal outlives many sleeps.
    const onAbort = () => {
      clearTimeout(t);
      reject(new Error('aborted'));
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function errorCode(error: unknown): string {
  const e = error as { code?: unknown; statusCode?: unknown };
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.statusCode === 'number')
    return e.statusCode >= 500 ? 'InternalFailure' : `HTTP_${e.statusCode}`;
  return 'UNKNOWN';
}

export interface CallRequest {
  operation: AmazonOperation;
  path?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: Record<string, unknown>;
  restrictedDataToken?: string;
}

export class SpApiSession {
  readonly input: SpApiSessionInput;
  private readonly clientConfig: SpClientConfig;
  private readonly client: SellingPartner;
  private readonly limiter: RateLimiter;
  private readonly fence: CallFence;
  private readonly opts: Required<Omit<SpApiSessionOptions, 'signal' | 'limiter'>> & { signal?: AbortSignal };
  calls = 0;

  constructor(input: SpApiSessionInput, options: SpApiSessionOptions) {
    this.input = input;
    this.limiter = options.limiter ?? createRateLimiter();
    this.opts = {
      logger: options.logger,
      signal: options.signal,
      maxInlineWaitMs: options.maxInlineWaitMs ?? 5_000,
      maxRetries: options.maxRetries ?? 4,
      backoffBaseMs: options.backoffBaseMs ?? 1_000,
      responseTimeoutMs: options.responseTimeoutMs ?? 30_000,
    };
    // Registered calls outlive their HTTP deadline by a margin (call-fence.ts).
    this.fence = new CallFence(input, this.opts.responseTimeoutMs * 2 + 10_000);
    const app = amazonAppConfig();
    const cached = accessTokens.get(input.integrationId);
    this.clientConfig = {
      region: input.region,
      refreshToken: input.refreshToken,
      lwa: app.lwa,
      agent: app.agent,
      ordersVersion: input.ordersApiVersion === 'V0' ? 'v0' : '2026-01-01',
      timeouts: { response: this.opts.responseTimeoutMs, deadline: this.opts.responseTimeoutMs * 2 },
    };
    this.client = createSpClient({
      ...this.clientConfig,
      ...(cached && cached.expiresAt > Date.now() ? { accessToken: cached.token } : {}),
    });
  }

  /**
   * The client for a call with a Restricted Data Token: the RDT authorizes it, and a 403 comes
   * back as an error instead of an endless refresh loop. (The package checks that an access token
   * is held even though it sends the RDT: the session's is passed along.)
   */
  private rdtClient(): SellingPartner {
    return createSpClient({
      ...this.clientConfig,
      autoRequestTokens: false,
      ...(this.client.access_token ? { accessToken: this.client.access_token } : {}),
    });
  }

  /** Calls `operation` and parses the result with `schema`. */
  async call<T extends z.ZodType>(req: CallRequest, schema: T): Promise<z.output<T>> {
    const raw = await this.callRaw(req);
    return parseSpApiResponse(req.operation, schema, raw);
  }

  /** A token taken and the call registered in flight: `fence.release()` when the call ends. */
  private async admit(operation: AmazonOperation): Promise<void> {
    const bucket = this.limiter.bucket(this.input.sellingPartnerId, operation);
    for (;;) {
      let wait: number;
      try {
        wait = await this.fence.admit(bucket);
      } catch (error) {
        if (error instanceof FenceClosedError) throw new IntegrationDisconnectedError();
        throw error;
      }
      if (wait === 0) return;
      if (wait > this.opts.maxInlineWaitMs) throw new RateLimitedError(operation, wait);
      await sleep(wait, this.opts.signal);
    }
  }

  private backoff(operation: AmazonOperation, attempt: number, throttled: boolean): number {
    const base = throttled
      ? Math.max(this.opts.backoffBaseMs, 1000 / this.limiter.plan(operation).rate)
      : this.opts.backoffBaseMs;
    const cap = Math.min(base * 2 ** attempt, 60_000);
    return Math.round(cap / 2 + (Math.random() * cap) / 2);
  }

  private async callRaw(req: CallRequest): Promise<unknown> {
    const { operation } = req;
    for (let attempt = 0; ; attempt++) {
      await this.admit(operation);
      let result: unknown;
      try {
        this.calls++;
        const client = req.restrictedDataToken ? this.rdtClient() : this.client;
        result = await client.callAPI({
          // The limiter names the 2026 getOrder apart; the client calls it orders.getOrder.
          operation: operation === 'orders2026.getOrder' ? 'orders.getOrder' : operation,
          ...(req.path ? { path: req.path } : {}),
          ...(req.query ? { query: req.query } : {}),
          ...(req.body ? { body: req.body } : {}),
          ...(req.restrictedDataToken ? { restricted_data_token: req.restrictedDataToken } : {}),
        } as never);
      } catch (error) {
        this.fence.release();
        const code = errorCode(error);
        if (req.restrictedDataToken && code === 'Unauthorized') {
          throw new RestrictedDataTokenError(`Amazon refused the restricted data token for ${operation}`);
        }
        if (AUTH.has(code)) {
          forgetAccessToken(this.input.integrationId);
          throw new AmazonAuthorizationError(
            `Amazon refused the authorization (${code}); reconnect the integration`,
          );
        }
        const throttled = code === 'QuotaExceeded';
        if (!throttled && !TRANSIENT_CODES.has(code)) throw new SpApiCallError(operation, code, attempt + 1);
        if (throttled) await this.limiter.drain(this.input.sellingPartnerId, operation);
        if (attempt >= this.opts.maxRetries) throw new SpApiCallError(operation, code, attempt + 1);
        const wait = this.backoff(operation, attempt, throttled);
        this.opts.logger.warn(
          { operation, code, attempt: attempt + 1, waitMs: wait },
          'SP-API call failed; retrying',
        );
        if (throttled && wait > this.opts.maxInlineWaitMs) throw new RateLimitedError(operation, wait);
        await sleep(wait, this.opts.signal);
        continue;
      }
      this.fence.release();
      const token = this.client.access_token;
      if (token && accessTokens.get(this.input.integrationId)?.token !== token) {
        accessTokens.set(this.input.integrationId, { token, expiresAt: Date.now() + ACCESS_TOKEN_TTL_MS });
      }
      return result;
    }
  }
}
