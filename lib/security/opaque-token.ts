// Opaque secrets (invitation links, API client secrets, refresh tokens): 256 bits from the OS
// CSPRNG, base64url, with a short prefix naming the kind. Stored only as SHA-256: a 256-bit random
// value cannot be guessed or brute-forced from its hash, so a slow password hash (bcrypt) would add
// cost per request without adding security — and would make the token endpoint a CPU-DoS target.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newOpaqueToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function newPublicId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented token with a stored SHA-256 hex digest. */
export function opaqueTokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashOpaqueToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
