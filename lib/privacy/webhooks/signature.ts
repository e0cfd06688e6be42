// Security webhook signatures (docs/privacy-conformance.md, README "Security alert webhooks").
//
//   Packline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw JSON body>")>
//
// The timestamp is signed with the body, so a captured delivery cannot be replayed later than the
// receiver's tolerance (5 minutes by default); receivers compare in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'packline-signature';
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signWebhookBody(secret: string, body: string, timestamp: number): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** What a receiver does: true when the header's HMAC matches and its timestamp is recent. */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string | null,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhookBody(secret, body, timestamp).slice(-64), 'hex');
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}
