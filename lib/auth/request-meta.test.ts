import { describe, expect, it } from 'vitest';
import { clientIp, requestMeta } from './request-meta.ts';

describe('clientIp', () => {
  it('takes the right-most X-Forwarded-For entry (appended by our own proxy)', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '6.6.6.6, 10.0.0.7' }))).toBe('10.0.0.7');
    expect(clientIp({ 'x-forwarded-for': '::ffff:127.0.0.1' })).toBe('127.0.0.1');
    expect(clientIp({ 'x-real-ip': '2001:db8::1' })).toBe('2001:db8::1');
  });

  it('ignores what is not an address', () => {
    expect(clientIp({ 'x-forwarded-for': 'drop table' })).toBeNull();
    expect(clientIp(undefined)).toBeNull();
  });

  it('keeps the request id', () => {
    expect(requestMeta(new Headers({ 'x-request-id': 'r-1' }))).toEqual({ ip: null, requestId: 'r-1' });
  });
});
