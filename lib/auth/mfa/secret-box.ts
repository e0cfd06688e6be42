// Encryption of TOTP secrets at rest: AES-256-GCM under a key derived with HKDF-SHA256 from
// AUTH_SECRET, with the user id as additional authenticated data (a secret copied onto another
// user's row does not decrypt). Stored as `v1.<iv>.<ciphertext+tag>` (base64url).
// Follow-up: move to the envelope encryption of lib/crypto (field codec + key providers, KMS)
// once it is wired for global (non-tenant) records; the `v1` prefix leaves room for that.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { getEnv } from '../../env.ts';

const INFO = 'packline:totp-secret:v1';

function key(): Buffer {
  const secret = getEnv().AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set');
  return Buffer.from(hkdfSync('sha256', secret, Buffer.from('packline-totp'), INFO, 32));
}

export function sealSecret(plaintext: string, userId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  cipher.setAAD(Buffer.from(userId, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `v1.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

export function openSecret(sealed: string, userId: string): string {
  const [version, ivText, bodyText] = sealed.split('.');
  if (version !== 'v1' || !ivText || !bodyText) throw new Error('unknown sealed secret format');
  const body = Buffer.from(bodyText, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(ivText, 'base64url'));
  decipher.setAAD(Buffer.from(userId, 'utf8'));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString(
    'utf8',
  );
}
