// Which X-Forwarded-For entries to believe (TRUSTED_PROXIES, lib/env.ts). Without a trusted proxy
// the client is the TCP peer and X-Forwarded-For is ignored: anyone can send that header.
// - `TRUSTED_PROXIES=2`: that many proxies (each appending the address it saw) are in front; the
//   client is the entry that many places from the right.
// - `TRUSTED_PROXIES=10.0.0.0/8,2001:db8::/32,192.0.2.7`: the proxies' addresses; walking from the
//   TCP peer leftwards through X-Forwarded-For, the first address outside them is the client. A
//   request whose peer is not a trusted proxy came straight in: its header is ignored.
import { BlockList, isIP } from 'node:net';
import { z } from 'zod';

export type TrustedProxies =
  { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'cidrs'; list: BlockList };

const family = (address: string): 'ipv4' | 'ipv6' | null =>
  isIP(address) === 4 ? 'ipv4' : isIP(address) === 6 ? 'ipv6' : null;

/** An address as compared and stored: IPv4-mapped IPv6 (`::ffff:1.2.3.4`) becomes plain IPv4. */
export function normaliseAddress(value: string | null | undefined): string | null {
  const trimmed = value?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return trimmed && family(trimmed) ? trimmed : null;
}

export const ZTrustedProxies = z
  .string()
  .trim()
  .default('')
  .transform((value, ctx): TrustedProxies => {
    if (!value) return { kind: 'none' };
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops === 0) return { kind: 'none' };
      if (hops <= 10) return { kind: 'hops', hops };
      ctx.addIssue({ code: 'custom', message: 'a number of proxy hops must be 0 to 10' });
      return z.NEVER;
    }
    const list = new BlockList();
    for (const entry of value.split(',').map((e) => e.trim())) {
      const [address = '', prefix] = entry.split('/');
      const type = family(address);
      const max = type === 'ipv4' ? 32 : 128;
      const bits = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : -1;
      if (!type || bits < 0 || bits > max) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not an address or CIDR range` });
        return z.NEVER;
      }
      list.addSubnet(address, bits, type);
    }
    return { kind: 'cidrs', list };
  });

const trusted = (list: BlockList, address: string): boolean => list.check(address, family(address)!);

/**
 * The client's address from the TCP peer and the X-Forwarded-For entries (left to right), or null
 * when it cannot be told (no peer, or a malformed entry where the walk would stop).
 */
export function resolveClientAddress(
  peer: string | null,
  forwardedFor: readonly string[],
  proxies: TrustedProxies,
): string | null {
  const from = normaliseAddress(peer);
  if (proxies.kind === 'none' || forwardedFor.length === 0) return from;
  if (proxies.kind === 'hops') {
    return normaliseAddress(forwardedFor[Math.max(0, forwardedFor.length - proxies.hops)]);
  }
  if (!from || !trusted(proxies.list, from)) return from;
  for (let i = forwardedFor.length - 1; i >= 0; i--) {
    const address = normaliseAddress(forwardedFor[i]);
    if (!address) return null;
    if (i === 0 || !trusted(proxies.list, address)) return address;
  }
  return from;
}
