import { describe, it, expect } from 'vitest';
import { decodeKeysetCursor, encodeKeysetCursor } from './keyset-cursor.ts';

const position = {
  createdAt: new Date('2025-03-04T05:06:07.089Z'),
  id: '0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
};

describe('keyset cursor', () => {
  it('round-trips a position', () => {
    const cursor = encodeKeysetCursor(position);
    expect(decodeKeysetCursor(cursor)).toEqual(position);
  });

  it('is URL-safe and opaque', () => {
    const cursor = encodeKeysetCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(position.id);
  });

  it('keeps millisecond precision', () => {
    const decoded = decodeKeysetCursor(encodeKeysetCursor(position));
    expect(decoded?.createdAt.getTime()).toBe(position.createdAt.getTime());
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['empty', ''],
    ['not base64url', 'abc+/='],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['wrong shape', Buffer.from(JSON.stringify({ a: 1 })).toString('base64url')],
    ['bad date', Buffer.from(JSON.stringify(['yesterday', position.id])).toString('base64url')],
    ['bad id', Buffer.from(JSON.stringify([position.createdAt.toISOString(), 'x'])).toString('base64url')],
    [
      'extra items',
      Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id, 1])).toString('base64url'),
    ],
    ['too long', 'a'.repeat(1000)],
  ])('rejects a cursor that is %s', (_name, cursor) => {
    expect(decodeKeysetCursor(cursor)).toBeNull();
  });

  it('normalises an upper-case id', () => {
    const cursor = Buffer.from(
      JSON.stringify([position.createdAt.toISOString(), position.id.toUpperCase()]),
    ).toString('base64url');
    expect(decodeKeysetCursor(cursor)?.id).toBe(position.id);
  });
});
