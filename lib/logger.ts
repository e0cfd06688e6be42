// The one logger (ARCHITECTURE.md §10): pino, JSON in production, pino-pretty in development only.
//
// Redaction is by key name (REDACTED_KEYS), in two layers:
// - pino's own `redact` with the top-level paths (`email`, `["set-cookie"]`, …);
// - a key walk in `formatters.log`/`formatters.bindings` for nested keys (`*.email`,
//   `*.*.email`, … down to MAX_DEPTH; array items count as a level). It stands in for pino's
//   nested `*.key` wildcard paths, which pino 10 (@pinojs/redact) evaluates one path at a time:
//   measured here, ~60 keys × 3 nesting levels of wildcard paths cost ≈170 µs per log line (a
//   plain line: ≈2 µs); the walk adds ≈0.5 µs and reaches any depth.
// A redacted key that holds an object (`shippingAddress`, `buyerInfo`) is replaced whole; the
// caller's object is never mutated. Redaction cannot see inside strings: never interpolate buyer
// data, tokens or connection strings into a message — log ids (`{ orderId }`), as job payloads do.
import { pino, type ChildLoggerOptions, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { getEnv } from './env.ts';
import { processSingleton } from './process-singleton.ts';

export type { Logger } from 'pino';

export const REDACTED = '[REDACTED]';

/**
 * Key names whose values never reach a log line. Both camelCase (our code) and PascalCase
 * (SP-API response bodies) spellings are listed; pino matches keys exactly.
 */
export const REDACTED_KEYS = [
  // buyer PII (Amazon BuyerInfo / ShippingAddress and our own field names)
  'buyer',
  'buyerInfo',
  'BuyerInfo',
  'buyerName',
  'BuyerName',
  'buyerEmail',
  'BuyerEmail',
  'buyerPhone',
  'recipientName',
  // a person's name and where they live, wherever it is nested (an address's `name`, `city`, …);
  // an object's display name is logged under a specific key (`queue`, `carrier`), never `name`
  'name',
  'Name',
  'city',
  'City',
  'region',
  'stateOrRegion',
  'StateOrRegion',
  'email',
  'phone',
  'Phone',
  'phoneNumber',
  'address',
  'shippingAddress',
  'ShippingAddress',
  'billingAddress',
  'addressLine1',
  'addressLine2',
  'addressLine3',
  'AddressLine1',
  'AddressLine2',
  'AddressLine3',
  'postalCode',
  'PostalCode',
  'postcode',
  // credentials and secrets
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'restrictedDataToken',
  'spapi_oauth_code',
  'authorizationCode',
  'totpCode',
  'secret',
  'clientSecret',
  'client_secret',
  'totpSecret',
  'apiKey',
  'privateKey',
  'masterKey',
  'dataKey',
  'plaintext',
  'connectionString',
  // HTTP headers (Node lower-cases incoming header names)
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'x-amz-access-token',
] as const;

const redactedKeySet: ReadonlySet<string> = new Set(REDACTED_KEYS);

/** Deeper values are replaced by TRUNCATED (fail closed: an unwalked value might hold PII). */
const MAX_DEPTH = 8;
export const TRUNCATED = '[TRUNCATED]';

/** pino `redact` paths: the top level (the key walk covers every nested level). */
export const REDACT_PATHS: readonly string[] = REDACTED_KEYS.map((key) =>
  // Keys that are not identifiers (`set-cookie`) need bracket notation.
  /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`,
);

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Returns a copy of `value` with every REDACTED_KEYS property replaced by REDACTED, at any depth
 * up to MAX_DEPTH. Only plain objects and arrays are walked: Errors, Dates and Buffers go to
 * pino's serializers untouched (the `err` serializer keeps type, message, stack and code).
 */
export function redactNested(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return TRUNCATED;
  if (Array.isArray(value)) return value.map((item: unknown) => redactNested(item, depth + 1));
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    copy[key] = redactedKeySet.has(key) ? REDACTED : redactNested(value[key], depth + 1);
  }
  return copy;
}

const redactObject = (object: Record<string, unknown>) => redactNested(object) as Record<string, unknown>;

/**
 * pino applies `formatters.bindings` to the root's base bindings only, not to `child()` bindings,
 * so the walk is put in front of `child` here. Children inherit this property through their
 * prototype (pino builds a child with Object.create(parent)), and `this` is the logger `child`
 * was called on, so nested children keep their parents' bindings.
 */
function redactChildBindings(logger: Logger): Logger {
  const originalChild = logger.child;
  const child: Logger['child'] = function <L extends string = never>(
    this: Logger,
    bindings: Record<string, unknown>,
    options?: ChildLoggerOptions<L>,
  ) {
    return originalChild.call<Logger, [Record<string, unknown>, ChildLoggerOptions<L>?], Logger<L>>(
      this,
      redactObject(bindings),
      options,
    );
  };
  return Object.assign(logger, { child });
}

export interface CreateLoggerOptions {
  level?: LoggerOptions['level'];
  /** Write here instead of stdout (tests pass a memory stream). Disables pino-pretty. */
  destination?: DestinationStream;
  /** Pretty-print through pino-pretty (a devDependency: only ever true in development). */
  pretty?: boolean;
  /** Bindings on every line, e.g. `{ service: 'worker' }`. */
  base?: Record<string, unknown>;
}

export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const config: LoggerOptions = {
    level: options.level ?? 'info',
    base: { ...options.base },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    formatters: {
      level: (label) => ({ level: label }),
      bindings: redactObject,
      log: redactObject,
    },
  };
  if (options.destination) return redactChildBindings(pino(config, options.destination));
  if (options.pretty) {
    // pino-pretty is resolved by name at runtime in a worker thread, so production never loads it.
    return redactChildBindings(
      pino({
        ...config,
        // numeric levels: pino-pretty colours them
        formatters: { bindings: redactObject, log: redactObject },
        transport: {
          target: 'pino-pretty',
          options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
        },
      }),
    );
  }
  return redactChildBindings(pino(config));
}

/** The process logger (one root per process): level from LOG_LEVEL, pretty only in development. */
export function getLogger(): Logger {
  return processSingleton('logger', () => {
    const env = getEnv();
    return createLogger({ level: env.LOG_LEVEL, pretty: env.NODE_ENV === 'development' });
  });
}

/** A child logger bound to one request (the id comes from the proxy's `x-request-id`). */
export function requestLogger(requestId: string, bindings: Record<string, unknown> = {}): Logger {
  return getLogger().child({ ...bindings, requestId });
}
