// The outbound URL guard (docs/decisions/0018-outbound-url-guard.md): which addresses a tenant-set
// URL may reach, judged on every DNS answer, and the request connecting to the address it checked.
// DNS answers come from a resolver the test controls; the only traffic is to a loopback listener.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setTestEnv, snapshotTestEnv } from '../../tests/helpers/test-env.ts';
import {
  OutboundRequestError,
  OutboundUrlRefusedError,
  postToOutboundTarget,
  resolveOutboundUrl,
  type HostResolver,
  type ResolvedAddress,
} from './outbound-url-guard.ts';

const restore = snapshotTestEnv();
afterEach(restore);

const answers =
  (...addresses: string[]): HostResolver =>
  async () =>
    addresses.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }));

const REFUSED = [
  ['loopback', '127.0.0.1'],
  ['loopback elsewhere in 127/8', '127.10.0.5'],
  ['unspecified', '0.0.0.0'],
  ['private 10/8', '10.1.2.3'],
  ['private 172.16/12', '172.31.255.1'],
  ['private 192.168/16', '192.168.1.20'],
  ['carrier-grade NAT', '100.64.0.1'],
  ['link-local / cloud metadata', '169.254.169.254'],
  ['reserved (documentation)', '192.0.2.10'],
  ['multicast', '224.0.0.1'],
  ['broadcast', '255.255.255.255'],
  ['IPv6 loopback', '::1'],
  ['IPv6 unspecified', '::'],
  ['IPv6 link-local', 'fe80::1'],
  ['IPv6 unique-local', 'fd00:ec2::254'],
  ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
  ['IPv4-mapped metadata', '::ffff:169.254.169.254'],
  ['NAT64 of a private address', '64:ff9b::a00:1'],
  ['6to4', '2002:a00:1::1'],
] as const;

describe('outbound URL guard', () => {
  it.each(REFUSED)('refuses a host name that resolves to %s (%s)', async (_kind, address) => {
    await expect(
      resolveOutboundUrl('https://hooks.customer.test/packline', { resolve: answers(address) }),
    ).rejects.toBeInstanceOf(OutboundUrlRefusedError);
  });

  it.each(REFUSED)('refuses %s written as the URL host (%s)', async (_kind, address) => {
    const host = address.includes(':') ? `[${address}]` : address;
    await expect(resolveOutboundUrl(`https://${host}/packline`)).rejects.toBeInstanceOf(
      OutboundUrlRefusedError,
    );
  });

  it('accepts a public address and pins the first answer', async () => {
    const target = await resolveOutboundUrl('https://hooks.customer.test/packline', {
      resolve: answers('93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'),
    });
    expect(target).toMatchObject({ address: '93.184.215.14', family: 4 });
    expect(target.url.hostname).toBe('hooks.customer.test');
  });

  it('refuses a host when any one of its answers is private (no mixing public and internal)', async () => {
    await expect(
      resolveOutboundUrl('https://hooks.customer.test/', { resolve: answers('93.184.215.14', '10.0.0.7') }),
    ).rejects.toMatchObject({ name: 'OutboundUrlRefusedError', code: 'BAD_REQUEST' });
  });

  it('refuses an unresolvable host, credentials in the URL, and other schemes', async () => {
    await expect(resolveOutboundUrl('https://nowhere.test/', { resolve: answers() })).rejects.toThrow(
      OutboundUrlRefusedError,
    );
    await expect(
      resolveOutboundUrl('https://user:pw@hooks.customer.test/', { resolve: answers('93.184.215.14') }),
    ).rejects.toThrow(OutboundUrlRefusedError);
    await expect(resolveOutboundUrl('ftp://93.184.215.14/')).rejects.toThrow(OutboundUrlRefusedError);
    await expect(resolveOutboundUrl('not a url')).rejects.toThrow(OutboundUrlRefusedError);
  });

  it('refuses plain http to a public address even with loopback receivers allowed', async () => {
    setTestEnv({ OUTBOUND_ALLOW_LOOPBACK: 'true' });
    await expect(
      resolveOutboundUrl('http://hooks.customer.test/', { resolve: answers('93.184.215.14') }),
    ).rejects.toThrow(OutboundUrlRefusedError);
    await expect(resolveOutboundUrl('https://10.0.0.1/')).rejects.toThrow(OutboundUrlRefusedError);
  });

  it('allows a loopback receiver only with OUTBOUND_ALLOW_LOOPBACK', async () => {
    setTestEnv({ OUTBOUND_ALLOW_LOOPBACK: 'false' });
    await expect(resolveOutboundUrl('http://127.0.0.1:9/hook')).rejects.toThrow(OutboundUrlRefusedError);
    setTestEnv({ OUTBOUND_ALLOW_LOOPBACK: 'true' });
    expect(await resolveOutboundUrl('http://127.0.0.1:9/hook')).toMatchObject({ address: '127.0.0.1' });
  });
});

describe('pinned request', () => {
  let server: Server;
  let port: number;
  const hosts: (string | undefined)[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hosts.push(req.headers.host);
      req.resume();
      res.statusCode = 204;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('connects to the checked address, never asking DNS again', async () => {
    setTestEnv({ OUTBOUND_ALLOW_LOOPBACK: 'true' });
    let lookups = 0;
    // The first answer is checked and pinned; a rebinding second answer is never consulted (and
    // `.test` names do not resolve through the system resolver at all).
    const rebinding: HostResolver = async () => {
      lookups += 1;
      return [{ address: lookups === 1 ? '127.0.0.1' : '10.0.0.1', family: 4 }];
    };
    const target = await resolveOutboundUrl(`http://receiver.pinned.test:${port}/hook`, {
      resolve: rebinding,
    });
    hosts.length = 0;
    const res = await postToOutboundTarget(target, { headers: {}, body: '{}', timeoutMs: 5_000 });
    expect(res.status).toBe(204);
    expect(lookups).toBe(1);
    expect(hosts).toEqual([`receiver.pinned.test:${port}`]);
  });

  it('reports a refused connection as its kind only', async () => {
    setTestEnv({ OUTBOUND_ALLOW_LOOPBACK: 'true' });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const target = await resolveOutboundUrl(`http://127.0.0.1:${closedPort}/secret-token-in-path`);
    const error = await postToOutboundTarget(target, { headers: {}, body: '{}', timeoutMs: 5_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OutboundRequestError);
    expect(error).toMatchObject({ kind: 'connection failed' });
    expect((error as Error).message).not.toContain('secret-token-in-path');
  });
});
