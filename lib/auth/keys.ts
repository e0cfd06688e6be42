// RS256 keys for every token Packline issues (sessions and REST API access tokens), and their
// JWKS. The private key comes from AUTH_PRIVATE_KEY; retired public keys stay verifiable through
// AUTH_PREVIOUS_PUBLIC_KEYS until their tokens expire. Key ids are RFC 7638 thumbprints.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import { getEnv } from '../env.ts';

export interface VerificationKey {
  kid: string;
  key: KeyObject;
  jwk: JWK;
}

export interface SigningKeys {
  kid: string;
  privateKey: KeyObject;
  /** Current key first. */
  verification: VerificationKey[];
}

/** Accepts a PEM, or a PEM base64-encoded on one line (convenient in .env files). */
export function readPem(value: string): string {
  const trimmed = value.trim();
  return trimmed.startsWith('-----BEGIN') ? trimmed : Buffer.from(trimmed, 'base64').toString('utf8');
}

async function verificationKey(publicKey: KeyObject): Promise<VerificationKey> {
  if (publicKey.asymmetricKeyType !== 'rsa') throw new Error('auth keys must be RSA keys');
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  return { kid, key: publicKey, jwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
}

let cached: Promise<SigningKeys> | undefined;

export function getSigningKeys(): Promise<SigningKeys> {
  cached ??= (async () => {
    const env = getEnv();
    if (!env.AUTH_PRIVATE_KEY) {
      throw new Error('AUTH_PRIVATE_KEY is not set (npm run dev writes a development key to .env)');
    }
    const privateKey = createPrivateKey(readPem(env.AUTH_PRIVATE_KEY));
    if (
      privateKey.asymmetricKeyType !== 'rsa' ||
      (privateKey.asymmetricKeyDetails?.modulusLength ?? 0) < 2048
    ) {
      throw new Error('AUTH_PRIVATE_KEY must be an RSA key of at least 2048 bits');
    }
    const current = await verificationKey(createPublicKey(privateKey));
    const previous = await Promise.all(
      (env.AUTH_PREVIOUS_PUBLIC_KEYS ?? '')
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
        .map((v) => verificationKey(createPublicKey(readPem(v)))),
    );
    return {
      kid: current.kid,
      privateKey,
      verification: [current, ...previous.filter((p) => p.kid !== current.kid)],
    };
  })();
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}

/** The public JSON Web Key Set served at /.well-known/jwks.json. */
export async function jwks(): Promise<{ keys: JWK[] }> {
  return { keys: (await getSigningKeys()).verification.map((v) => v.jwk) };
}

/** Test helper: forget keys after the environment changed. */
export function resetSigningKeysForTests(): void {
  cached = undefined;
}
