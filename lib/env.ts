// The one reader of process.env (STYLE.md). Parsed with zod on first use; a missing or bad
// variable fails with a message naming it. Local defaults apply outside production only, so a
// fresh machine with Postgres and Redis runs `npm run dev` without a .env file, while a
// production deploy must state every connection explicitly.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { ZTrustedProxies } from './http/trusted-proxies.ts';
import { DEV_LOCAL_MASTER_KEY, keyProviderEnvShape, refineKeyProviderConfig } from './crypto/schemas.ts';

/** A default used only outside production. */
function local<T extends z.ZodType>(schema: T, fallback: z.input<T>) {
  return process.env.NODE_ENV === 'production' ? schema : schema.prefault(fallback as never);
}

/** A default outside production; optional in production. `prefault`: the fallback is parsed
 * like a set value (zod 4's `default` would hand it back as is, e.g. a date as a string). */
function devDefault<T extends z.ZodType>(schema: T, fallback: z.input<T>) {
  return process.env.NODE_ENV === 'production' ? schema.optional() : schema.prefault(fallback as never);
}

const postgresUrl = z
  .string()
  .url()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL');

const buildEnvSchema = () =>
  z.object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** The app role: no BYPASSRLS, does not own the tables (ARCHITECTURE.md §2). */
    DATABASE_URL: local(postgresUrl, 'postgresql://packline_app:packline_app@127.0.0.1:5432/packline'),
    /** The system role for the few reviewed cross-tenant paths (lib/db/system.ts). */
    DATABASE_SYSTEM_URL: local(
      postgresUrl,
      'postgresql://packline_system:packline_system@127.0.0.1:5432/packline',
    ),
    /** The owner role: runs migrations. */
    DATABASE_OWNER_URL: local(
      postgresUrl,
      'postgresql://packline_owner:packline_owner@127.0.0.1:5432/packline',
    ),
    /** A superuser connection used only by `npm run db:setup` and the test rig to create roles and databases. */
    DATABASE_ADMIN_URL: local(postgresUrl, 'postgresql://postgres@127.0.0.1:5432/postgres'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** How long a query waits for a pooled connection before failing (a stuck server fails fast). */
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
    REDIS_URL: local(
      z.string().refine((v) => /^rediss?:\/\//.test(v), 'must be a redis:// or rediss:// URL'),
      'redis://127.0.0.1:6379',
    ),
    /** Prefix for every BullMQ key, so several environments can share one Redis. */
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-z0-9_-]+$/i)
      .default('packline'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /**
     * Reverse proxies in front of the app whose X-Forwarded-For entries are believed
     * (lib/http/trusted-proxies.ts): unset → none, the client is the TCP peer; a number of proxy
     * hops (`1`); or the proxies' addresses and CIDR ranges (`10.0.0.0/8,192.0.2.7`).
     */
    TRUSTED_PROXIES: ZTrustedProxies,
    /** Public origin of the web app, used for absolute links and cookie security. */
    APP_URL: local(z.string().url(), 'http://localhost:3000'),
    /** Interval of the worker heartbeat housekeeping job. */
    HEARTBEAT_EVERY_MS: z.coerce.number().int().min(1000).default(30_000),
    /** Jobs each queue's worker runs at once (jobs/start-worker.ts). */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    /** On SIGTERM, how long active jobs may finish before a forced close (keep under the orchestrator's grace). */
    WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(25_000),
    /** Deadline of each dependency probe in the health check (lib/health/check-health.ts). */
    HEALTH_CHECK_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2_000),
    // Key provider of the envelope encryption (lib/crypto, ARCHITECTURE.md §4, .env.example).
    // Outside production the default is the local provider with DEV_LOCAL_MASTER_KEY, a public,
    // clearly-labelled development key; production must choose, and refuses that key.
    ...keyProviderEnvShape,
    KEY_PROVIDER: local(keyProviderEnvShape.KEY_PROVIDER, 'local'),
    LOCAL_MASTER_KEY: local(keyProviderEnvShape.LOCAL_MASTER_KEY, DEV_LOCAL_MASTER_KEY),
    /** Max age of an unwrapped data key in memory (lib/crypto/data-key-cache.ts). */
    DATA_KEY_CACHE_TTL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(600_000),
    /** Max encryptions/decryptions per unwrap before KMS is asked again. */
    DATA_KEY_CACHE_MAX_USES: z.coerce.number().int().min(1).default(1_000_000),
    /** Rows per transaction of the re-encryption job (jobs/crypto-reencrypt.ts). */
    REENCRYPT_BATCH_SIZE: z.coerce.number().int().min(1).max(5_000).default(500),
    /** Pause between re-encryption batches, to spare the database during a big rotation. */
    REENCRYPT_BATCH_PAUSE_MS: z.coerce.number().int().min(0).max(60_000).default(0),
    /** RS256 signing key for session and API tokens: PKCS#8 PEM, or that PEM base64-encoded on one line. `npm run dev` writes a dev pair to .env. */
    AUTH_PRIVATE_KEY: z.string().min(1).optional(),
    /** Public keys (same formats, comma-separated) of retired signing keys still accepted while their tokens live. */
    AUTH_PREVIOUS_PUBLIC_KEYS: z.string().optional(),
    /** next-auth's own secret (CSRF and state cookies), at least 32 characters. */
    AUTH_SECRET: z.string().min(32).optional(),
    /**
     * Account emails and security alerts by SMTP (lib/email/smtp-transport.ts):
     * `smtps://user:pass@host:465`, or `smtp://user:pass@host:587` with STARTTLS (required except
     * to localhost). Unset → the development outbox (.outbox/), which production refuses unless
     * EMAIL_OUTBOX_ALLOW_IN_PRODUCTION is set (a throwaway test stack).
     */
    SMTP_URL: z
      .string()
      .url()
      .refine((v) => /^smtps?:\/\//.test(v), 'must be an smtp:// or smtps:// URL')
      .optional(),
    /** A throwaway production-mode test stack (the e2e run) may write emails to the outbox. */
    EMAIL_OUTBOX_ALLOW_IN_PRODUCTION: z.stringbool().default(false),
    /** From of account emails, e.g. `Packline <no-reply@example.com>`. */
    EMAIL_FROM: z.string().min(3).max(200).default('Packline <no-reply@packline.local>'),
    /**
     * Buyer records one user / API client may decrypt per window (lib/privacy/pii-read-monitor.ts):
     * above it reads are refused (429) and a `pii.read_volume` security event is raised.
     */
    PII_READ_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(500),
    PII_READ_LIMIT_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
    /**
     * Months security_events and operator_audit_events are kept (lib/privacy/expire-security-logs.ts);
     * never fewer than 12 (the database function refuses a younger cutoff as well).
     */
    SECURITY_LOG_RETENTION_MONTHS: z.coerce.number().int().min(12).max(120).default(12),
    // Security alerts to an organization's owners and admins (lib/security/detect-security-alerts.ts).
    /** The window failed sign-ins are counted in. */
    SECURITY_ALERT_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    /** Failed sign-ins to one account within the window that raise an alert. */
    SECURITY_ALERT_ACCOUNT_FAILURES: z.coerce.number().int().min(2).max(1000).default(3),
    /** Failed sign-ins from one IP address within the window that raise an alert. */
    SECURITY_ALERT_IP_FAILURES: z.coerce.number().int().min(2).max(100_000).default(10),
    /** One alert per organization, kind and subject (account, address, client) per this many minutes. */
    SECURITY_ALERT_DEBOUNCE_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
    /** Minutes without a request after which a signed-in session ends (ARCHITECTURE.md §3). */
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(720).default(30),
    /** Google sign-in is offered only when both are set (lib/auth/auth-options.ts). */
    GOOGLE_CLIENT_ID: z.string().min(1).optional(),
    GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
    // Amazon SP-API (lib/channels/amazon/amazon-config.ts). Outside production the defaults are
    // the SP-API simulator's public dev app (tests/simulators/amazon DEV_APP); production must
    // set them to connect Amazon at all (unset → the Amazon integration is unavailable).
    /** The app's id in Seller Central (`amzn1.sellerapps.app.…`), for the consent URL. */
    AMAZON_APPLICATION_ID: devDefault(
      z.string().min(1),
      'amzn1.sellerapps.app.0b5e55ed-0000-4000-8000-00000000a001',
    ),
    AMAZON_LWA_CLIENT_ID: devDefault(
      z.string().min(1),
      'amzn1.application-oa2-client.packlinedev0000000000000000001',
    ),
    AMAZON_LWA_CLIENT_SECRET: devDefault(
      z.string().min(1),
      'amzn1.oa2-cs.v1.packline-dev-lwa-client-secret-not-a-real-secret',
    ),
    /** When the LWA client secret was last rotated (Amazon requires a rotation every 180 days). */
    AMAZON_LWA_CLIENT_SECRET_ROTATED_AT: devDefault(z.coerce.date(), '2026-11-01T00:00:00Z'),
    /** Seller Central base of the consent URL (the seller's marketplace's Seller Central). */
    AMAZON_SELLER_CENTRAL_URL: z.string().url().default('https://sellercentral.amazon.com'),
    /** Append `version=beta` to the consent URL (an app still in Draft state). */
    AMAZON_APP_DRAFT: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    /** Dev/tests only: send SP-API and LWA connections to the simulator at host:port (Amazon hostnames and TLS kept). */
    AMAZON_SP_API_SIMULATOR: z
      .string()
      .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'host:port')
      .optional(),
    /** The simulator's dev CA (PEM file); required with AMAZON_SP_API_SIMULATOR. */
    AMAZON_SP_API_CA_PATH: z.string().min(1).optional(),
    /** A throwaway production-mode test stack (the e2e run) may use the SP-API simulator. */
    AMAZON_SP_API_SIMULATOR_ALLOW_IN_PRODUCTION: z.stringbool().default(false),
    /** Default minutes between order syncs of a new integration. */
    AMAZON_SYNC_EVERY_MINUTES: z.coerce.number().int().min(1).max(1440).default(2),
    /** First sync of a new integration looks back this many days. */
    AMAZON_SYNC_LOOKBACK_DAYS: z.coerce.number().int().min(1).max(730).default(7),
    /** Stock push to Amazon: changes to one listing within this window become one push. */
    AMAZON_STOCK_PUSH_DEBOUNCE_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
    /** Stock push: first retry delay after a failed push (exponential after that). */
    AMAZON_STOCK_PUSH_RETRY_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
    // Couriers (lib/couriers/courier-config.ts). Outside production every carrier's base URL points
    // at the courier simulator (tests/simulators/courier, `npm run sim:courier`); in production the
    // carriers' real URLs are the defaults and the simulator is refused unless explicitly allowed
    // (a throwaway test stack, as the e2e run). The TEST carrier exists only with a simulator.
    /** The courier simulator's root URL (dev/tests). */
    COURIER_SIMULATOR_URL: devDefault(z.string().url(), 'http://127.0.0.1:4610'),
    COURIER_SIMULATOR_ALLOW_IN_PRODUCTION: z.stringbool().default(false),
    /** Per-carrier base URL overrides (e.g. DPD Local instead of DPD, DHL's test environment). */
    ROYAL_MAIL_API_URL: z.string().url().optional(),
    DPD_API_URL: z.string().url().optional(),
    DHL_API_URL: z.string().url().optional(),
    /** Deadline of one carrier HTTP call. */
    COURIER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
    /**
     * Development and tests only: tenant-set outbound URLs (security webhooks) may point at a
     * loopback receiver, over http too (lib/http/outbound-url-guard.ts). Refused in production.
     */
    OUTBOUND_ALLOW_LOOPBACK: z.stringbool().default(false),
  });

export type TEnv = z.infer<ReturnType<typeof buildEnvSchema>>;

/** The variables the chosen key provider needs; never the public dev key in production. */
function checkKeyProvider(env: TEnv, ctx: z.RefinementCtx): void {
  refineKeyProviderConfig(env, ctx);
  const devKeyInProduction =
    env.NODE_ENV === 'production' &&
    env.KEY_PROVIDER === 'local' &&
    env.LOCAL_MASTER_KEY === DEV_LOCAL_MASTER_KEY;
  if (env.AMAZON_SP_API_SIMULATOR && !env.AMAZON_SP_API_CA_PATH) {
    ctx.addIssue({
      code: 'custom',
      path: ['AMAZON_SP_API_CA_PATH'],
      message: 'is required with AMAZON_SP_API_SIMULATOR',
    });
  }
  if (
    env.NODE_ENV === 'production' &&
    env.AMAZON_SP_API_SIMULATOR &&
    !env.AMAZON_SP_API_SIMULATOR_ALLOW_IN_PRODUCTION
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['AMAZON_SP_API_SIMULATOR'],
      message:
        'is for development and tests only (AMAZON_SP_API_SIMULATOR_ALLOW_IN_PRODUCTION=true for a throwaway test stack)',
    });
  }
  if (
    env.NODE_ENV === 'production' &&
    env.COURIER_SIMULATOR_URL &&
    !env.COURIER_SIMULATOR_ALLOW_IN_PRODUCTION
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['COURIER_SIMULATOR_URL'],
      message:
        'is for development and tests only (COURIER_SIMULATOR_ALLOW_IN_PRODUCTION=true for a throwaway test stack)',
    });
  }
  if (env.NODE_ENV === 'production' && env.OUTBOUND_ALLOW_LOOPBACK) {
    ctx.addIssue({
      code: 'custom',
      path: ['OUTBOUND_ALLOW_LOOPBACK'],
      message: 'is for development and tests only: production never sends to loopback addresses',
    });
  }
  if (env.NODE_ENV === 'production' && !env.SMTP_URL && !env.EMAIL_OUTBOX_ALLOW_IN_PRODUCTION) {
    ctx.addIssue({
      code: 'custom',
      path: ['SMTP_URL'],
      message:
        'is required in production: security alerts and account emails must be sent (EMAIL_OUTBOX_ALLOW_IN_PRODUCTION=true for a throwaway test stack)',
    });
  }
  if (devKeyInProduction) {
    ctx.addIssue({ code: 'custom', path: ['LOCAL_MASTER_KEY'], message: 'is the public development key' });
  }
}

/**
 * Production refuses what only a development machine may have: no signing key or next-auth
 * secret (sessions would fail, or be signed with a throwaway key), and plain-http endpoints for
 * KMS or a carrier (data keys and buyer addresses would cross the network unencrypted). The
 * courier simulator is refused separately above, unless a throwaway test stack allows it.
 */
function checkProductionSecurity(env: TEnv, ctx: z.RefinementCtx): void {
  if (env.NODE_ENV !== 'production') return;
  for (const name of ['AUTH_PRIVATE_KEY', 'AUTH_SECRET'] as const) {
    if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required in production' });
  }
  for (const name of ['KMS_ENDPOINT', 'ROYAL_MAIL_API_URL', 'DPD_API_URL', 'DHL_API_URL'] as const) {
    const url = env[name];
    if (url && new URL(url).protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', path: [name], message: 'must be an https:// URL in production' });
    }
  }
}

let cached: TEnv | undefined;

/** Parses the environment once; throws an error naming every bad or missing variable. */
export function getEnv(): TEnv {
  if (cached) return cached;
  // A local .env (see .env.example) for the scripts and the worker; Next loads it itself.
  // Variables already set in the environment win.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const parsed = buildEnvSchema()
    .superRefine((env, ctx) => {
      checkKeyProvider(env, ctx);
      checkProductionSecurity(env, ctx);
    })
    .safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  cached = parsed.data;
  // next-auth v4 reads its public origin from NEXTAUTH_URL itself (callback URLs, redirects);
  // Packline states it once, as APP_URL.
  process.env.NEXTAUTH_URL ??= cached.APP_URL;
  return cached;
}

/** Test helper: forget the parsed environment after process.env changed. */
export function resetEnvForTests(): void {
  cached = undefined;
}
