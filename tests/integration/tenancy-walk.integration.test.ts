// The two-tenant walk of every server action and route handler (docs/decisions/0020-tenancy-walk-and-404s.md).
// Tenants A and B each hold a row of every kind (tests/factories/tenancy-walk.ts). B's owner —
// signed in with MFA passed, so no permission is what refuses it — calls every action and route
// handler of tests/helpers/tenancy-walk-table.ts with A's ids, in B's organization and in A's, and
// B's API token calls every REST route. Each call must be refused (404 / NOT_FOUND, or
// UNAUTHENTICATED where only an operator may act), every row of A must read back unchanged, and no
// id, name or buyer value of A may appear in the answer. As in tenant-action.integration.test.ts,
// the session is replaced only where it is read (getSessionUser); the wrappers, use cases, RLS
// and vault are real, and API tokens come from the real token endpoint.
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PEER_ADDRESS_HEADER } from '../../lib/http/peer-address.ts';

const session = vi.hoisted(() => ({
  user: null as null | {
    userId: string;
    email: string;
    name: string;
    sessionVersion: number;
    mfaVerified: boolean;
  },
}));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ [PEER_ADDRESS_HEADER]: '203.0.113.9' }),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock('@/lib/auth/session.ts', () => ({ getSessionUser: async () => session.user }));
vi.mock('@/lib/auth/operator-session.ts', () => ({ getOperatorSession: async () => null }));

const { ACTIONS, ROUTES } = await import('../helpers/tenancy-walk-table.ts');
const { ROOT } = await import('../helpers/app-surface.ts');
const { seedWalkTenant } = await import('../factories/tenancy-walk.ts');
const { setEmailTransportForTests } = await import('@/lib/email/send-email.ts');
const { disconnectLimitsRedis } = await import('@/lib/redis/limits-redis.ts');
const { closeQueues } = await import('@/lib/jobs/queues.ts');
const { getEnv } = await import('@/lib/env.ts');
const { issueAccessToken } = await import('../helpers/api-token.ts');

type Seeded = Awaited<ReturnType<typeof seedWalkTenant>>;
type Envelope = { ok: boolean; data?: unknown; error?: { code: string; message: string } };
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const UNKNOWN_ID = '0196f000-0000-7000-8000-00000000beef';

let a: Seeded;
let b: Seeded;
let bToken: string;
let system: pg.Client;

/** Every row of tenant A, table by table, as one hash each (read through the BYPASSRLS system role). */
async function rowsOf(organizationId: string): Promise<Record<string, string>> {
  const { rows: tables } = await system.query<{ table: string }>(
    `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped)
      ORDER BY 1`,
  );
  const hash = (from: string, where: string) =>
    `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${from} t WHERE ${where}`;
  const parts = [
    ...tables.map(({ table }) => [table, hash(pg.escapeIdentifier(table), 'organization_id = $1')] as const),
    ['organizations', hash('organizations', 'id = $1')] as const,
    ['users', hash('users', 'id IN (SELECT user_id FROM memberships WHERE organization_id = $1)')] as const,
    ['incidents', hash('incidents', '$1 = ANY (affected_organization_ids)')] as const,
  ];
  const out: Record<string, string> = {};
  for (const [name, sql] of parts)
    out[name] = (await system.query<{ h: string }>(sql, [organizationId])).rows[0]!.h;
  return out;
}

/** A's names and ids that must not come back, except those the caller sent itself. */
function leaksOf(answer: string, sent: unknown): string[] {
  const sentText = JSON.stringify(sent ?? null);
  const markers = [a.tag, a.ownerEmail, a.binCode, a.amazonOrderId, a.organizationId, a.piiRecordId];
  return markers.filter((m) => !sentText.includes(m) && answer.includes(m));
}

const signInAsB = () => {
  session.user = {
    userId: b.ownerUserId,
    email: b.ownerEmail,
    name: 'B',
    sessionVersion: 1,
    mfaVerified: true,
  };
};

async function load<T>(key: string): Promise<T> {
  const [file, name] = key.split('#') as [string, string];
  const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
  const fn = mod[name];
  if (typeof fn !== 'function') throw new Error(`${key} is not a function export`);
  return fn as T;
}

function call(
  handler: Handler,
  method: string,
  params: Record<string, string>,
  init: { token?: string; body?: unknown } = {},
): Promise<Response> {
  const headers: Record<string, string> = { [PEER_ADDRESS_HEADER]: '203.0.113.9' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const url = `http://localhost/${Object.values(params).map(encodeURIComponent).join('/')}`;
  return handler(
    new Request(url, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
    { params: Promise.resolve(params) },
  );
}

beforeAll(async () => {
  setEmailTransportForTests({ send: async () => {} });
  system = new pg.Client({ connectionString: getEnv().DATABASE_SYSTEM_URL });
  await system.connect();
  a = await seedWalkTenant('Alpha');
  b = await seedWalkTenant('Bravo');
  bToken = await issueAccessToken(b.apiClient, '203.0.113.10');
});

afterAll(async () => {
  await system?.end();
  await disconnectLimitsRedis();
  await closeQueues();
});

describe('the walk’s own checks', () => {
  it('see a change to any row of A, and any of A’s names in an answer', async () => {
    const before = await rowsOf(a.organizationId);
    await system.query(`UPDATE products SET name = name || ' ' WHERE id = $1`, [a.productId]);
    const after = await rowsOf(a.organizationId);
    await system.query(`UPDATE products SET name = rtrim(name) WHERE id = $1`, [a.productId]);
    expect(Object.keys(after).filter((t) => after[t] !== before[t])).toEqual(['products']);
    expect(await rowsOf(a.organizationId)).toEqual(before);
    expect(leaksOf(`{"name":"${a.tag} Buyer"}`, {})).toEqual([a.tag]);
    expect(
      leaksOf(`{"orderId":"${a.orderId}","code":"${a.amazonOrderId}"}`, { code: a.amazonOrderId }),
    ).toEqual([]);
  });

  it('B’s owner and B’s token do reach B’s own organization', async () => {
    signInAsB();
    const exportCsv = await load<(slug: string, input: unknown) => Promise<Envelope>>(
      'app/(app)/[org]/audit/actions.ts#exportAuditCsvAction',
    );
    expect(await exportCsv(b.slug, {})).toMatchObject({ ok: true });
    const pdf = await load<Handler>('app/(app)/[org]/fulfilment/pick-lists/[id]/pdf/route.ts#GET');
    const own = await call(pdf, 'GET', { org: b.slug, id: b.pickListId });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('application/pdf');
    const members = await load<Handler>('app/api/v1/members/route.ts#GET');
    const listed = await call(members, 'GET', {}, { token: bToken });
    expect(listed.status).toBe(200);
    expect(await listed.text()).toContain(b.ownerEmail);
  });
});

const actionRows = Object.entries(ACTIONS).filter(([, row]) => !('outsideTenancy' in row));

describe('server actions: B with A’s ids', () => {
  it.each(actionRows)('%s', async (key, row) => {
    signInAsB();
    const before = await rowsOf(a.organizationId);
    const answers: { sent: unknown; answer: Envelope }[] = [];
    if ('operator' in row) {
      const action = await load<(input: unknown) => Promise<Envelope>>(key);
      const sent = row.operator(a);
      const answer = await action(sent);
      expect(answer, 'a signed-in user is no operator').toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      });
      answers.push({ sent, answer });
    } else {
      const action = await load<(slug: string, input: unknown) => Promise<Envelope>>(key);
      const sent = 'foreign' in row ? row.foreign(a, b) : {};
      const inA = await action(a.slug, sent);
      expect(inA, 'in A’s organization').toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      answers.push({ sent, answer: inA });
      if ('foreign' in row) {
        const inB = await action(b.slug, sent);
        const note = `in B’s organization, naming A’s rows: ${JSON.stringify(inB)}`;
        if (row.findsNothing) {
          expect(inB.ok && row.findsNothing(inB.data), note).toBe(true);
        } else {
          expect(inB.error?.code, note).toBe(row.refused ?? 'NOT_FOUND');
        }
        answers.push({ sent, answer: inB });
      }
    }
    for (const { sent, answer } of answers) expect(leaksOf(JSON.stringify(answer), sent)).toEqual([]);
    expect(await rowsOf(a.organizationId)).toEqual(before);
  });
});

const routeRows = Object.entries(ROUTES).filter(([, row]) => !('outsideTenancy' in row));

describe('route handlers: B with A’s ids', () => {
  it.each(routeRows)('%s', async (key, row) => {
    signInAsB();
    const handler = await load<Handler>(key);
    const method = key.split('#')[1]!;
    const before = await rowsOf(a.organizationId);
    const answers: { sent: unknown; res: Response }[] = [];
    if ('bearerForeign' in row) {
      // A REST route naming A's row in its path: B's token is refused as if the row did not exist.
      const { params } = row.bearerForeign(a);
      const res = await handler(
        new Request('http://localhost/api', { method, headers: { authorization: `Bearer ${bToken}` } }),
        { params: Promise.resolve(params) },
      );
      expect(res.status, `B’s token naming A’s row: ${await res.clone().text()}`).toBe(404);
      answers.push({ sent: params, res });
    } else if ('bearer' in row) {
      // The REST API takes the organization from the token: B's token reads and changes B only.
      const { query, body } = row.bearer(a);
      const params = query ? { q: new URLSearchParams(query).toString() } : {};
      const res = await handler(
        new Request(`http://localhost/api?${params.q ?? ''}`, {
          method,
          headers: {
            authorization: `Bearer ${bToken}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
        { params: Promise.resolve({}) },
      );
      expect(res.status, `B’s own data: ${await res.clone().text()}`).toBe(200);
      answers.push({ sent: query, res });
    } else {
      const { params, body } = 'foreign' in row ? row.foreign(a) : { params: {}, body: undefined };
      const inA = await call(handler, method, { org: a.slug, ...params }, { body });
      expect(inA.status, 'B’s owner in A’s organization').toBe(404);
      const tokenInA = await call(handler, method, { org: a.slug, ...params }, { body, token: bToken });
      expect(tokenInA.status, 'B’s token in A’s organization').toBe(404);
      answers.push({ sent: params, res: inA }, { sent: params, res: tokenInA });
      if ('foreign' in row) {
        const inB = await call(handler, method, { org: b.slug, ...params }, { body });
        expect(inB.status, 'B’s owner in B’s organization, naming A’s row').toBe(404);
        expect(await inB.clone().json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
        answers.push({ sent: params, res: inB });
        // Nothing behind the id at all, or no id: the same 404.
        for (const id of [UNKNOWN_ID, 'not-an-id']) {
          const none = Object.fromEntries(Object.keys(params).map((k) => [k, id]));
          const res = await call(handler, method, { org: b.slug, ...none }, { body });
          expect(res.status, `${id} in B’s organization: ${await res.clone().text()}`).toBe(404);
        }
      }
    }
    for (const { sent, res } of answers) expect(leaksOf(await res.text(), sent)).toEqual([]);
    expect(await rowsOf(a.organizationId)).toEqual(before);
  });
});
