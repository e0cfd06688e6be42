// Token attacks (identity issue): alg none, HS256 signed with the public key, wrong kid,
// expired, wrong audience, tampered payload — all rejected.
import { createHmac, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { setTestEnv } from '../../tests/helpers/test-env.ts';
import { jwks } from './keys.ts';
import { AUDIENCES, InvalidTokenError, signToken, verifyToken } from './tokens.ts';

const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const { privateKey } = pair();
const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');

beforeAll(() => {
  setTestEnv({
    AUTH_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    APP_URL: 'https://packline.test',
  });
});

const valid = () =>
  signToken({ org: 'o1' }, { audience: AUDIENCES.api, subject: 'client-1', expiresInSeconds: 3600 });
const reject = (token: string, reason: RegExp) =>
  expect(verifyToken(token, AUDIENCES.api)).rejects.toThrow(
    expect.objectContaining({ name: InvalidTokenError.name, message: expect.stringMatching(reason) }),
  );

describe('RS256 tokens', () => {
  it('round-trips and publishes the key in the JWKS with its kid', async () => {
    const token = await valid();
    const payload = await verifyToken(token, AUDIENCES.api);
    expect(payload).toMatchObject({
      sub: 'client-1',
      org: 'o1',
      iss: 'https://packline.test',
      aud: 'packline:api',
    });
    const { keys } = await jwks();
    expect(keys).toHaveLength(1);
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid).toBe(keys[0]!.kid);
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('rejects alg none', async () => {
    const [, body] = (await valid()).split('.');
    await reject(`${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${body}.`, /alg/);
  });

  it('rejects HS256 signed with the public key as the secret', async () => {
    const [header, body] = [(await valid()).split('.')[0]!, (await valid()).split('.')[1]!];
    const kid = JSON.parse(Buffer.from(header, 'base64url').toString()).kid;
    const publicPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
    const forgedHeader = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid }));
    const signature = createHmac('sha256', publicPem).update(`${forgedHeader}.${body}`).digest('base64url');
    await reject(`${forgedHeader}.${body}.${signature}`, /alg/);
  });

  it('rejects a token signed by another key, or naming an unknown kid', async () => {
    const other = pair().privateKey;
    const kid = (await jwks()).keys[0]!.kid!;
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer('https://packline.test')
      .setAudience(AUDIENCES.api)
      .setSubject('client-1')
      .setExpirationTime(now + 60)
      .sign(other);
    await reject(forged, /signature/);
    const unknownKid = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'not-ours' })
      .setSubject('x')
      .sign(other);
    await reject(unknownKid, /unknown key/);
  });

  it('rejects expired tokens, the wrong audience and a tampered payload', async () => {
    await reject(
      await signToken({}, { audience: AUDIENCES.api, subject: 's', expiresInSeconds: -10 }),
      /expired/,
    );
    await expect(verifyToken(await valid(), AUDIENCES.session)).rejects.toThrow(/aud/);
    const [header, body, signature] = (await valid()).split('.');
    const tampered = b64url(
      JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), org: 'o2' }),
    );
    await reject(`${header}.${tampered}.${signature}`, /signature/);
    await reject('not-a-token', /malformed/);
  });
});
