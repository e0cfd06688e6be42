// Client address and request id of a request, from headers. The address is the right-most
// X-Forwarded-For entry (the one our own proxy or Next's server appended), so a client cannot
// pick the address it is rate-limited under by sending its own header.
import { z } from 'zod';
import { REQUEST_ID_HEADER } from '../http/security-headers.ts';

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined | null;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}

const isIp = (v: string) => z.ipv4().safeParse(v).success || z.ipv6().safeParse(v).success;

export function clientIp(headers: HeaderSource): string | null {
  const forwarded = header(headers, 'x-forwarded-for')
    ?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  const candidate = forwarded?.at(-1) ?? header(headers, 'x-real-ip')?.trim();
  if (!candidate) return null;
  const unmapped = candidate.replace(/^::ffff:/, '');
  return isIp(unmapped) ? unmapped : null;
}

export function requestMeta(headers: HeaderSource): { ip: string | null; requestId: string | null } {
  const requestId = header(headers, REQUEST_ID_HEADER)?.slice(0, 100) ?? null;
  return { ip: clientIp(headers), requestId };
}
