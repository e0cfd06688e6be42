// One HTTP call to a carrier, with a deadline, and the failure mapping every adapter shares:
// no answer / timeout / 5xx → CARRIER_DOWN, 429 → RATE_LIMITED (the only retryable kinds).
// Bodies are parsed with zod by the adapters; an unparsable answer is a carrier fault too.
import type { z } from 'zod';
import { CarrierError, type Carrier } from './courier-adapter.ts';

export interface CarrierHttp {
  carrier: Carrier;
  baseUrl: string;
  timeoutMs: number;
}

export interface CarrierResponse {
  status: number;
  contentType: string;
  bytes: Buffer;
  text(): string;
}

export async function carrierFetch(
  http: CarrierHttp,
  request: { method: string; path: string; headers?: Record<string, string>; json?: unknown },
): Promise<CarrierResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (request.json !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${http.baseUrl}${request.path}`, {
      method: request.method,
      headers,
      body: request.json === undefined ? undefined : JSON.stringify(request.json),
      signal: AbortSignal.timeout(http.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new CarrierError({
      kind: 'CARRIER_DOWN',
      carrier: http.carrier,
      message: timedOut ? `no answer within ${http.timeoutMs} ms` : 'the carrier could not be reached',
    });
  }
  let bytes: Buffer;
  try {
    bytes = Buffer.from(await response.arrayBuffer());
  } catch {
    throw new CarrierError({
      kind: 'CARRIER_DOWN',
      carrier: http.carrier,
      message: 'the answer was cut off',
    });
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    bytes,
    text: () => bytes.toString('utf8'),
  };
}

/** The statuses that mean the same thing at every carrier. */
export function throwOnTransportStatus(http: CarrierHttp, res: CarrierResponse): void {
  if (res.status === 429)
    throw new CarrierError({ kind: 'RATE_LIMITED', carrier: http.carrier, message: 'rate limited (429)' });
  if (res.status >= 500)
    throw new CarrierError({
      kind: 'CARRIER_DOWN',
      carrier: http.carrier,
      message: `the carrier failed (${res.status})`,
    });
}

/** Parses a JSON answer; anything else (truncated, wrong shape) is the carrier failing. */
export function parseCarrierJson<T extends z.ZodType>(
  http: CarrierHttp,
  res: CarrierResponse,
  schema: T,
): z.output<T> {
  let value: unknown;
  try {
    value = JSON.parse(res.text());
  } catch {
    throw new CarrierError({
      kind: 'CARRIER_DOWN',
      carrier: http.carrier,
      message: `unparsable answer (HTTP ${res.status})`,
    });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || '(root)';
    throw new CarrierError({
      kind: 'CARRIER_DOWN',
      carrier: http.carrier,
      message: `unexpected answer shape (HTTP ${res.status}, at ${where})`,
    });
  }
  return parsed.data;
}

/** JSON.parse that yields undefined instead of throwing (error bodies are best effort). */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
