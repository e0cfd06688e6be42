// HTTP-level tests of the REST API's tokens (issue 3, items 5 and 7): the real route handlers of
// POST /api/v1/auth/token, GET /api/v1/members and GET /.well-known/jwks.json called with Request
// objects. Token attacks (alg none, HS256 with the public key, wrong kid, expired, wrong aud,
// tampered payload) are all 401 on a protected route; a reused refresh token revokes its family.
import { createHmac, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PEER_ADDRESS_HEADER } from '../../lib/http/peer-address.ts';

vi.mock('@/lib/auth/session.ts', () => ({ getSessionUser: async () => null }));
vi.mock('@/lib/auth/operator-session.ts', () => ({ getOperatorSession: async () => null }));

const { POST: tokenRoute } = await import('@/app/api/v1/auth/token/route.ts');
const { GET: membersRoute } = await import('@/app/api/v1/members/route.ts');
const { GET: jwksRoute } = await import('@/app/.well-known/jwks.json/route.ts');
const { createApiClient } = await import('@/lib/api-clients/create-api-client.ts');
const { revokeApiClient } = await import('@/lib/api-clients/revoke-api-client.ts');
const { AUDIENCES, signToken } = await import('@/lib/auth/tokens.ts');
const { getSigningKeys } = await import('@/lib/auth/keys.ts');
const { userContext } = await import('@/lib/tenancy/tenant-context.ts');
const { systemDb } = await import('@/lib/db/system.ts');
const { addMember, createOrganization, createUser } = await import('../factories.ts');
const { disconnectLimitsRedis } = await import('../../lib/redis/limits-redis.ts');

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');
let ip = 0;
const nextIp = () => `10.0.${Math.floor(++ip / 250)}.${ip % 250}`;

function tokenRequest(body: Record<string, string>, init: { json?: boolean; ip?: string } = {}) {
  return tokenRoute(
    new Request('http://localhost/api/v1/auth/token', {
      method: 'POST',
      headers: {
        'content-type': init.json ? 'application/json' : 'application/x-www-form-urlencoded',
        [PEER_ADDRESS_HEADER]: init.ip ?? nextIp(),
      },
      body: init.json ? JSON.stringify(body) : new URLSearchParams(body).toString(),
    }),
  );
}

const members = (token?: string) =>
  membersRoute(
    new Request('http://localhost/api/v1/members', {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    }),
    { params: Promise.resolve({}) },
  );

let orgA: { id: string; slug: string };
let orgB: { id: string };
let client: { id: string; clientId: string; clientSecret: string };
let narrowClient: { id: string; clientId: string; clientSecret: string };
let ownerEmail: string;

beforeAll(async () => {
  orgA = await createOrganization({ name: 'Alpha' });
  orgB = await createOrganization({ name: 'Bravo' });
  const owner = await createUser();
  ownerEmail = owner.email;
  await addMember(orgA.id, owner.id, 'OWNER');
  await addMember(orgB.id, (await createUser()).id, 'OWNER');
  const ctx = userContext({ organizationId: orgA.id, userId: owner.id, role: 'OWNER' });
  client = await createApiClient(ctx, { name: 'Sync', permissions: ['members.read', 'organization.read'] });
  narrowClient = await createApiClient(ctx, { name: 'Narrow', permissions: ['organization.read'] });
});

afterAll(async () => {
  await disconnectLimitsRedis();
});

/** Every secret the tests saw: none may appear in an audit row. */
const secretsSeen = new Set<string>();

async function credentials(c = client) {
  secretsSeen.add(c.clientSecret);
  const res = await tokenRequest({
    grant_type: 'client_credentials',
    client_id: c.clientId,
    client_secret: c.clientSecret,
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as {
    access_token: string;
    refresh_token: string;
    expires_in: number;
    scope: string;
  };
  secretsSeen.add(body.access_token).add(body.refresh_token);
  return body;
}

describe('POST /api/v1/auth/token', () => {
  it('issues an RS256 access token with iss, aud, sub, org, exp, kid and scope, and a refresh token', async () => {
    const body = await credentials();
    expect(body.expires_in).toBe(3600);
    expect(body.refresh_token).toMatch(/^plr_/);
    const header = decodeProtectedHeader(body.access_token);
    const claims = decodeJwt(body.access_token);
    expect(header.alg).toBe('RS256');
    expect(header.kid).toBe((await getSigningKeys()).kid);
    expect(claims).toMatchObject({
      aud: 'packline:api',
      sub: client.id,
      org: orgA.id,
      scope: 'members.read organization.read',
    });
    expect(claims.iss).toBeTruthy();
    expect(claims.exp! - claims.iat!).toBe(3600);
    // Stored hashed only.
    const rows = await systemDb().apiRefreshToken.findMany({ where: { apiClientId: client.id } });
    expect(rows.some((r) => r.tokenHash === body.refresh_token)).toBe(false);
    const stored = await systemDb().apiClient.findUniqueOrThrow({ where: { id: client.id } });
    expect(stored.secretHash).not.toContain(client.clientSecret.slice(4));
    expect(stored.secretHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts JSON bodies and HTTP Basic client authentication', async () => {
    expect(
      (
        await tokenRequest(
          {
            grant_type: 'client_credentials',
            client_id: client.clientId,
            client_secret: client.clientSecret,
          },
          { json: true },
        )
      ).status,
    ).toBe(200);
    const res = await tokenRoute(
      new Request('http://localhost/api/v1/auth/token', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
          [PEER_ADDRESS_HEADER]: nextIp(),
        },
        body: 'grant_type=client_credentials',
      }),
    );
    expect(res.status).toBe(200);
  });

  it('refuses a wrong secret and an unknown client alike, in the one envelope', async () => {
    const wrong = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: `pls_${'A'.repeat(43)}`,
    });
    const unknown = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: `plc_${'B'.repeat(22)}`,
      client_secret: `pls_${'A'.repeat(43)}`,
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('answers bad input with a 400 envelope, never a 500', async () => {
    for (const body of [
      {},
      { grant_type: 'password' },
      { grant_type: 'client_credentials', client_id: 'x' },
    ]) {
      const res = await tokenRequest(body as Record<string, string>);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    }
    const res = await tokenRoute(
      new Request('http://localhost/api/v1/auth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json', [PEER_ADDRESS_HEADER]: nextIp() },
        body: '{not json',
      }),
    );
    expect(res.status).toBe(400);
  });

  it('stops reading a body past 8 KB: a declared length at once, a chunked stream at the limit', async () => {
    const declared = await tokenRoute(
      new Request('http://localhost/api/v1/auth/token', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          [PEER_ADDRESS_HEADER]: nextIp(),
          'content-length': '9000000',
        },
        body: 'grant_type=client_credentials',
      }),
    );
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    // A body with no length that never ends: reading it whole would never finish.
    let chunks = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        chunks++;
        controller.enqueue(new TextEncoder().encode('a'.repeat(1024)));
      },
    });
    const streamed = await tokenRoute(
      new Request('http://localhost/api/v1/auth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', [PEER_ADDRESS_HEADER]: nextIp() },
        body: endless,
        duplex: 'half',
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(chunks).toBeLessThan(20);
  });

  it('rate-limits one credential', async () => {
    const id = `plc_${'R'.repeat(22)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      statuses.push(
        (
          await tokenRequest({
            grant_type: 'client_credentials',
            client_id: id,
            client_secret: `pls_${'A'.repeat(43)}`,
          })
        ).status,
      );
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('rotates refresh tokens; reusing a rotated one revokes the whole family and records a security event', async () => {
    const first = await credentials();
    const r1 = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(r1.status).toBe(200);
    const second = (await r1.json()) as { access_token: string; refresh_token: string };
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await members(second.access_token)).status).toBe(200);

    // The attacker (or the victim) presents the already-rotated token.
    const reuse = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(reuse.status).toBe(401);
    // The legitimate newest token of the family is dead too.
    const after = await tokenRequest({ grant_type: 'refresh_token', refresh_token: second.refresh_token });
    expect(after.status).toBe(401);

    const events = await systemDb().auditEvent.findMany({
      where: { organizationId: orgA.id, action: 'security.refresh_token_reused' },
    });
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]!.metadata)).not.toContain(first.refresh_token);
  });

  it('refuses an unknown refresh token', async () => {
    const res = await tokenRequest({ grant_type: 'refresh_token', refresh_token: `plr_${'Z'.repeat(43)}` });
    expect(res.status).toBe(401);
  });
});

describe('GET /api/v1/members with a bearer token', () => {
  it('lists the token organization’s members', async () => {
    const { access_token } = await credentials();
    const res = await members(access_token);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { email: string }[] };
    expect(body.data.map((m) => m.email)).toEqual([ownerEmail]);
  });

  it('is 401 without a token, with a malformed header, and 403 without the permission (audited)', async () => {
    const none = await members();
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect((await members('')).status).toBe(401);
    const { access_token } = await credentials(narrowClient);
    const res = await members(access_token);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const denied = await systemDb().auditEvent.findMany({
      where: { organizationId: orgA.id, action: 'security.permission_denied', actorId: narrowClient.id },
    });
    expect(denied.length).toBeGreaterThan(0);
  });

  describe('token attacks — each is a 401', () => {
    const body = async () => (await credentials()).access_token.split('.');

    it('alg none', async () => {
      const [, payload] = await body();
      const forged = `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${payload}.`;
      expect((await members(forged)).status).toBe(401);
    });

    it('HS256 signed with the public key', async () => {
      const [header, payload] = await body();
      const kid = JSON.parse(Buffer.from(header!, 'base64url').toString()).kid;
      const publicPem = createPublicKey((await getSigningKeys()).privateKey)
        .export({ type: 'spki', format: 'pem' })
        .toString();
      const h = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid }));
      const sig = createHmac('sha256', publicPem).update(`${h}.${payload}`).digest('base64url');
      expect((await members(`${h}.${payload}.${sig}`)).status).toBe(401);
    });

    it('wrong kid, and a right kid on a foreign key', async () => {
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const claims = decodeJwt((await credentials()).access_token);
      const unknownKid = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'not-ours' })
        .sign(other);
      expect((await members(unknownKid)).status).toBe(401);
      const ourKid = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: (await getSigningKeys()).kid })
        .sign(other);
      expect((await members(ourKid)).status).toBe(401);
    });

    it('expired', async () => {
      const expired = await signToken(
        { org: orgA.id, scope: 'members.read' },
        { audience: AUDIENCES.api, subject: client.id, expiresInSeconds: -60 },
      );
      expect((await members(expired)).status).toBe(401);
    });

    it('wrong audience (a session-audience token)', async () => {
      const session = await signToken(
        { org: orgA.id, scope: 'members.read' },
        { audience: AUDIENCES.session, subject: client.id, expiresInSeconds: 600 },
      );
      expect((await members(session)).status).toBe(401);
    });

    it('tampered payload (org switched to another tenant)', async () => {
      const [header, payload, sig] = await body();
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const tampered = b64url(JSON.stringify({ ...claims, org: orgB.id }));
      expect((await members(`${header}.${tampered}.${sig}`)).status).toBe(401);
    });

    it('a validly signed token naming another organization than its client’s is refused', async () => {
      const crossTenant = await signToken(
        { org: orgB.id, scope: 'members.read' },
        { audience: AUDIENCES.api, subject: client.id, expiresInSeconds: 600 },
      );
      const res = await members(crossTenant);
      expect([401, 404]).toContain(res.status);
    });
  });

  it('stops a revoked client’s live access token on the next request', async () => {
    const extra = await createApiClient(
      userContext({ organizationId: orgA.id, userId: (await createUser()).id, role: 'OWNER' }),
      { name: 'Temp', permissions: ['members.read'] },
    );
    const { access_token, refresh_token } = await credentials(extra);
    expect((await members(access_token)).status).toBe(200);
    await revokeApiClient(
      userContext({ organizationId: orgA.id, userId: (await createUser()).id, role: 'OWNER' }),
      {
        apiClientId: extra.id,
      },
    );
    expect((await members(access_token)).status).toBe(401);
    expect((await tokenRequest({ grant_type: 'refresh_token', refresh_token })).status).toBe(401);
  });
});

describe('GET /.well-known/jwks.json', () => {
  it('publishes the signing key’s public half under its kid', async () => {
    const res = await jwksRoute();
    const { keys } = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(keys[0]).toMatchObject({ kid: (await getSigningKeys()).kid, alg: 'RS256', kty: 'RSA' });
    expect(keys[0]).not.toHaveProperty('d');
  });
});

describe('audit trail of API tokens', () => {
  it('records issuance, rotation, reuse and revocation without any secret, token or hash', async () => {
    const rows = await systemDb().auditEvent.findMany({ where: { organizationId: orgA.id } });
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      'api_client.created',
      'api_token.issued',
      'api_token.refreshed',
      'security.refresh_token_reused',
      'api_client.revoked',
    ]) {
      expect(actions).toContain(a);
    }
    const dump = JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    expect(secretsSeen.size).toBeGreaterThan(5);
    for (const secret of secretsSeen) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(secret.slice(4, 24));
    }
    const hashes = (await systemDb().apiRefreshToken.findMany({ where: { organizationId: orgA.id } })).map(
      (r) => r.tokenHash,
    );
    for (const h of hashes) expect(dump).not.toContain(h);
  });
});
