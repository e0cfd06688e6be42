import { describe, expect, it } from 'vitest';
import { PEER_ADDRESS_HEADER } from '../http/peer-address.ts';
import { ZTrustedProxies } from '../http/trusted-proxies.ts';
import { clientIp, requestMeta } from './request-meta.ts';

const none = ZTrustedProxies.parse('');

describe('clientIp', () => {
  it('is the TCP peer when no proxy is trusted, whatever X-Forwarded-For or X-Real-IP claim', () => {
    const spoofed = { 'x-forwarded-for': '6.6.6.6, 10.0.0.7', 'x-real-ip': '7.7.7.7' };
    expect(clientIp(new Headers({ ...spoofed, [PEER_ADDRESS_HEADER]: '198.51.100.4' }), none)).toBe(
      '198.51.100.4',
    );
    expect(clientIp({ [PEER_ADDRESS_HEADER]: '::ffff:127.0.0.1' }, none)).toBe('127.0.0.1');
    expect(clientIp({ [PEER_ADDRESS_HEADER]: '2001:db8::1' }, none)).toBe('2001:db8::1');
    // Without the peer (not a request through the server) the header alone is never believed.
    expect(clientIp(spoofed, none)).toBeNull();
  });

  it('believes as many X-Forwarded-For entries as trusted proxy hops', () => {
    const headers = {
      'x-forwarded-for': '6.6.6.6, 203.0.113.9, 10.0.0.7',
      [PEER_ADDRESS_HEADER]: '10.0.0.8',
    };
    expect(clientIp(headers, ZTrustedProxies.parse('1'))).toBe('10.0.0.7');
    expect(clientIp(headers, ZTrustedProxies.parse('2'))).toBe('203.0.113.9');
    // More hops than entries: the left-most entry.
    expect(clientIp(headers, ZTrustedProxies.parse('5'))).toBe('6.6.6.6');
  });

  it('walks past trusted proxy addresses only when the request came from one', () => {
    const proxies = ZTrustedProxies.parse('10.0.0.0/8, 2001:db8::/32');
    const xff = '6.6.6.6, 203.0.113.9, 10.1.2.3';
    expect(clientIp({ 'x-forwarded-for': xff, [PEER_ADDRESS_HEADER]: '10.0.0.8' }, proxies)).toBe(
      '203.0.113.9',
    );
    expect(clientIp({ 'x-forwarded-for': xff, [PEER_ADDRESS_HEADER]: '2001:db8::5' }, proxies)).toBe(
      '203.0.113.9',
    );
    // Straight from the internet: its own X-Forwarded-For is ignored.
    expect(clientIp({ 'x-forwarded-for': xff, [PEER_ADDRESS_HEADER]: '198.51.100.4' }, proxies)).toBe(
      '198.51.100.4',
    );
    // A malformed entry where the walk stops: unknown, not the attacker's choice.
    expect(
      clientIp({ 'x-forwarded-for': 'drop table', [PEER_ADDRESS_HEADER]: '10.0.0.8' }, proxies),
    ).toBeNull();
    // Every entry a proxy: the left-most.
    expect(clientIp({ 'x-forwarded-for': '10.9.9.9', [PEER_ADDRESS_HEADER]: '10.0.0.8' }, proxies)).toBe(
      '10.9.9.9',
    );
  });

  it('ignores what is not an address', () => {
    expect(clientIp({ [PEER_ADDRESS_HEADER]: 'drop table' }, none)).toBeNull();
    expect(clientIp(undefined, none)).toBeNull();
  });

  it('keeps the request id', () => {
    expect(requestMeta(new Headers({ 'x-request-id': 'r-1' }))).toEqual({ ip: null, requestId: 'r-1' });
  });
});

describe('TRUSTED_PROXIES', () => {
  it('parses nothing, hops and address ranges, and names a bad entry', () => {
    expect(ZTrustedProxies.parse(undefined)).toEqual({ kind: 'none' });
    expect(ZTrustedProxies.parse('0')).toEqual({ kind: 'none' });
    expect(ZTrustedProxies.parse(' 2 ')).toEqual({ kind: 'hops', hops: 2 });
    expect(ZTrustedProxies.parse('192.0.2.7,10.0.0.0/8')).toMatchObject({ kind: 'cidrs' });
    for (const bad of ['11', '10.0.0.0/33', 'proxy.internal', '10.0.0.0/x', '2001:db8::/129']) {
      const result = ZTrustedProxies.safeParse(bad);
      expect(result.success, bad).toBe(false);
    }
    expect(ZTrustedProxies.safeParse('10.0.0.0/8,nope').error?.issues[0]?.message).toMatch(/"nope"/);
  });
});
