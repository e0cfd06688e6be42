// Client address and request id of a request, from headers. The address is the TCP peer (stamped
// by lib/http/peer-address.ts), or — only with TRUSTED_PROXIES configured — what the trusted
// proxies reported in X-Forwarded-For (lib/http/trusted-proxies.ts). A client therefore cannot pick
// the address it is rate-limited and audited under by sending its own header.
import { getEnv } from '../env.ts';
import { PEER_ADDRESS_HEADER } from '../http/peer-address.ts';
import { REQUEST_ID_HEADER } from '../http/security-headers.ts';
import { resolveClientAddress, type TrustedProxies } from '../http/trusted-proxies.ts';

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined | null;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}

export function clientIp(
  headers: HeaderSource,
  proxies: TrustedProxies = getEnv().TRUSTED_PROXIES,
): string | null {
  const forwardedFor =
    header(headers, 'x-forwarded-for')
      ?.split(',')
      .map((v) => v.trim())
      .filter(Boolean) ?? [];
  return resolveClientAddress(header(headers, PEER_ADDRESS_HEADER) ?? null, forwardedFor, proxies);
}

export function requestMeta(headers: HeaderSource): { ip: string | null; requestId: string | null } {
  const requestId = header(headers, REQUEST_ID_HEADER)?.slice(0, 100) ?? null;
  return { ip: clientIp(headers), requestId };
}
