// The one guard for every outbound URL a tenant can set (security webhooks today; merchant
// webhooks reuse it). Server-side request forgery defence, docs/decisions/0018-outbound-url-guard.md:
//
// 1. The URL is https without credentials (http only to a loopback receiver when the
//    OUTBOUND_ALLOW_LOOPBACK setting is on — development and tests; lib/env.ts refuses it in
//    production).
// 2. The host is resolved (every address, not the first) and EVERY address must be public
//    unicast: loopback, private (RFC 1918), carrier-grade NAT, link-local (the cloud metadata
//    address 169.254.169.254), unique-local, multicast, reserved, and IPv6 forms that embed an
//    IPv4 address (mapped, NAT64, 6to4, Teredo) are refused. Range classification is ipaddr.js.
// 3. The request is sent to the address that was checked (pinned): the socket's lookup answers
//    with it, so a second DNS answer (rebinding) is never consulted, while TLS still verifies the
//    certificate against the URL's host name. No redirects are followed.
//
// Run it at save (a clear 400) AND at send (DNS may have changed since). Errors never repeat the
// URL: its path may carry the receiver's token.
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { getEnv } from '../env.ts';
import { AppError } from '../errors/app-error.ts';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses (tests pass their own to control DNS answers). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface OutboundGuardOptions {
  resolve?: HostResolver;
}

/** A URL that passed the guard, with the address the request must connect to. */
export interface OutboundTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/**
 * `reason`: `address` — a non-public address; `url` — scheme or credentials; `unresolvable` — no
 * DNS answer (at send, a transient failure worth a retry rather than a refusal).
 */
export class OutboundUrlRefusedError extends AppError {
  override name = 'OutboundUrlRefusedError';
  constructor(
    readonly reason: 'address' | 'url' | 'unresolvable',
    message: string,
  ) {
    super('BAD_REQUEST', message);
  }
}

export class OutboundRequestError extends Error {
  override name = 'OutboundRequestError';
  constructor(readonly kind: 'timed out' | 'connection failed') {
    super(`outbound request ${kind}`);
  }
}

const systemResolver: HostResolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/** ipaddr.js's range name for an address; IPv4-mapped IPv6 is classified as its IPv4 address. */
export function addressRange(address: string): string {
  return ipaddr.process(address).range();
}

function isAllowedAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const range = addressRange(address);
  return range === 'unicast' || (range === 'loopback' && getEnv().OUTBOUND_ALLOW_LOOPBACK);
}

const REFUSED_ADDRESS =
  'this URL points at a private, loopback, link-local or reserved address: use a public https:// URL';

/** Checks a tenant-set URL and resolves it to the address to connect to; throws OutboundUrlRefusedError. */
export async function resolveOutboundUrl(
  raw: string,
  options: OutboundGuardOptions = {},
): Promise<OutboundTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundUrlRefusedError('url', 'not a valid URL');
  }
  if (url.username || url.password)
    throw new OutboundUrlRefusedError('url', 'the URL must not contain credentials');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new OutboundUrlRefusedError('url', 'use an https:// URL');
  }
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: ResolvedAddress[];
  if (ipaddr.isValid(hostname)) {
    addresses = [{ address: hostname, family: ipaddr.parse(hostname).kind() === 'ipv6' ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolver)(hostname);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0)
      throw new OutboundUrlRefusedError('unresolvable', 'the URL’s host name does not resolve');
  }
  if (!addresses.every((a) => isAllowedAddress(a.address)))
    throw new OutboundUrlRefusedError('address', REFUSED_ADDRESS);
  // Plain http only to a loopback receiver (allowed above only with OUTBOUND_ALLOW_LOOPBACK).
  if (url.protocol === 'http:' && !addresses.every((a) => addressRange(a.address) === 'loopback')) {
    throw new OutboundUrlRefusedError('url', 'use an https:// URL');
  }
  const [first] = addresses;
  return { url, address: first!.address, family: first!.family };
}

/** A socket lookup that always answers with the checked address: the request cannot be re-pointed. */
function pinnedLookup(target: OutboundTarget): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
}

/**
 * POSTs `body` to a guarded target, connecting to its pinned address. Resolves with the status
 * (the response body is discarded); throws OutboundRequestError on a timeout or connection failure.
 */
export function postToOutboundTarget(
  target: OutboundTarget,
  input: { headers: Record<string, string>; body: string; timeoutMs: number },
): Promise<OutboundResponse> {
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    // One deadline for the whole exchange (a socket idle timeout alone lets a slow receiver drip).
    const timer = setTimeout(() => req.destroy(new OutboundRequestError('timed out')), input.timeoutMs);
    const req = send(
      target.url,
      {
        method: 'POST',
        headers: { ...input.headers, 'content-length': String(Buffer.byteLength(input.body)) },
        lookup: pinnedLookup(target),
        agent: false,
      },
      (res) => {
        clearTimeout(timer);
        // The answer's status is all we use: the body is never read.
        res.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers });
      },
    );
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error instanceof OutboundRequestError ? error : new OutboundRequestError('connection failed'));
    });
    req.end(input.body);
  });
}
