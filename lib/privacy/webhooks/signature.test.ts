import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyWebhookSignature } from './signature.ts';

const SECRET = 's'.repeat(40);
const BODY = '{"type":"security.alert"}';

describe('security webhook signature', () => {
  it('is t=<timestamp>,v1=<HMAC-SHA256 of "t.body"> and verifies', () => {
    const header = signWebhookBody(SECRET, BODY, 1_800_000_000);
    const mac = createHmac('sha256', SECRET).update(`1800000000.${BODY}`).digest('hex');
    expect(header).toBe(`t=1800000000,v1=${mac}`);
    expect(verifyWebhookSignature(SECRET, BODY, header, 1_800_000_010)).toBe(true);
  });

  it('refuses another secret, an edited body or timestamp, a stale timestamp and garbage', () => {
    const header = signWebhookBody(SECRET, BODY, 1_800_000_000);
    expect(verifyWebhookSignature('x'.repeat(40), BODY, header, 1_800_000_000)).toBe(false);
    expect(verifyWebhookSignature(SECRET, `${BODY} `, header, 1_800_000_000)).toBe(false);
    expect(
      verifyWebhookSignature(SECRET, BODY, header.replace('t=1800000000', 't=1800000001'), 1_800_000_000),
    ).toBe(false);
    expect(verifyWebhookSignature(SECRET, BODY, header, 1_800_000_301)).toBe(false);
    expect(verifyWebhookSignature(SECRET, BODY, null)).toBe(false);
    expect(verifyWebhookSignature(SECRET, BODY, 'v1=abc')).toBe(false);
  });
});
