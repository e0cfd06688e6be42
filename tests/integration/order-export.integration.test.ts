// Order export (privacy engine §6, "no bulk PII export"): GET /api/v1/orders/export (bearer,
// orders.read) and the orders screen's route stream a CSV with the screen's filters, across pages,
// with ids, statuses, dates, lines and the country code — and none of the buyer PII seeded in the
// vault (canary values, one of them a canary record). Cells are safe against formula injection.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectInvalidInput } from '../helpers/expect-error.ts';

vi.mock('@/lib/auth/session.ts', () => ({ getSessionUser: async () => null }));
vi.mock('@/lib/auth/operator-session.ts', () => ({ getOperatorSession: async () => null }));

const { issueAccessToken } = await import('../helpers/api-token.ts');
const { GET: exportRoute } = await import('@/app/api/v1/orders/export/route.ts');
const { createApiClient } = await import('@/lib/api-clients/create-api-client.ts');
const { appDb } = await import('@/lib/db/client.ts');
const { systemDb } = await import('@/lib/db/system.ts');
const { withTenant } = await import('@/lib/db/tenant.ts');
const { resetTenantKeys } = await import('@/lib/crypto/tenant-keys.ts');
const { exportOrdersCsv, ORDER_EXPORT_COLUMNS, ORDER_EXPORT_PAGE, readCsvStream } =
  await import('@/lib/orders/export-orders.ts');
const { userContext } = await import('@/lib/tenancy/tenant-context.ts');
const { addMember, createOrganization, createUser } = await import('../factories.ts');
const { createOrdersWithPii } = await import('../factories/orders.ts');
const { setupKmsSimulator } = await import('../helpers/kms.ts');
const { disconnectLimitsRedis } = await import('../../lib/redis/limits-redis.ts');

const CANARY = {
  name: 'Canary Zebedee Quartermain',
  email: 'canary.zebedee@leak-watch.example',
  phone: '+44 7700 900123',
  postcode: 'ZZ9 9ZZ',
};
const PII_PATTERN =
  /Zebedee|Quartermain|leak-watch|7700 900123|ZZ9 9ZZ|Test Street|Testville|buyer\.example|Buyer T-|1234567/;
const ORDERS = ORDER_EXPORT_PAGE + 5;

let sim: Awaited<ReturnType<typeof setupKmsSimulator>>;
let ctx: ReturnType<typeof userContext>;
let orgId: string;
let reader: string;
let noOrders: string;
let orderIds: string[];

async function accessToken(permissions: Parameters<typeof createApiClient>[1]['permissions']) {
  const client = await createApiClient(ctx, { name: `client ${permissions.join(' ')}`, permissions });
  return issueAccessToken(client, '10.9.0.2');
}

const get = (token: string, query = '') =>
  exportRoute(
    new Request(`http://localhost/api/v1/orders/export${query}`, {
      headers: { authorization: `Bearer ${token}` },
    }),
    { params: Promise.resolve({}) },
  );

beforeAll(async () => {
  sim = await setupKmsSimulator();
  const org = await createOrganization();
  orgId = org.id;
  const owner = await createUser();
  await addMember(org.id, owner.id, 'OWNER');
  ctx = userContext({ organizationId: org.id, userId: owner.id, role: 'OWNER' });
  const orders = await createOrdersWithPii(
    ctx,
    Array.from({ length: ORDERS }, (_, i) => ({
      status: i === 0 ? ('CANCELLED' as const) : ('SHIPPED' as const),
      buyer: { ...CANARY, name: `${CANARY.name} ${i}` },
    })),
  );
  orderIds = orders.map((o) => o.id);
  // One recipient is a canary record, and one line carries a formula.
  await withTenant(org.id, (tx) =>
    tx.piiRecord.update({ where: { id: orders[1]!.piiRecordId }, data: { canary: true } }),
  );
  await systemDb().orderLine.updateMany({
    where: { orderId: orders[2]!.id },
    data: { sku: '=HYPERLINK("http://evil.example","x")' },
  });
  reader = await accessToken(['orders.read']);
  noOrders = await accessToken(['organization.read']);
}, 120_000);

afterAll(async () => {
  await disconnectLimitsRedis();
  resetTenantKeys();
  await sim.close();
});

const parseRows = (csv: string) => csv.trimEnd().split('\r\n');

describe('order export', () => {
  it('streams every order across pages with ids, statuses and lines, and no buyer PII', async () => {
    const res = await get(reader);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const csv = await res.text();
    const [header, ...rows] = parseRows(csv);
    expect(header).toBe(ORDER_EXPORT_COLUMNS.join(','));
    expect(rows).toHaveLength(ORDERS);
    const exportedIds = new Set(rows.map((r) => JSON.parse(r.split(',')[0]!) as string));
    expect([...exportedIds].sort()).toEqual([...orderIds].sort());
    expect(csv).toContain('"DE"');
    expect(csv).toContain('"SKU-1"');
    expect(csv).not.toMatch(PII_PATTERN);
    expect(csv.toLowerCase()).not.toContain('canary');
    // The formula is neutralised.
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    // Exporting read no PII: the canary was not touched.
    const canaryReads = await appDb().securityEvent.count({
      where: { action: 'pii.canary_read', metadata: { path: ['organizationId'], equals: orgId } },
    });
    expect(canaryReads).toBe(0);
  });

  it('applies the orders screen filters, and audits each export without PII', async () => {
    const csv = await (await get(reader, '?status=CANCELLED')).text();
    const rows = parseRows(csv).slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(`"${orderIds[0]}"`);
    expect(rows[0]).toContain('"CANCELLED"');
    const audits = await withTenant(orgId, (tx) =>
      tx.auditEvent.findMany({ where: { organizationId: orgId, action: 'orders.exported' } }),
    );
    expect(audits.some((a) => (a.metadata as { status?: string }).status === 'CANCELLED')).toBe(true);
  });

  it('refuses a client without orders.read (403) and bad filters (400)', async () => {
    expect((await get(noOrders)).status).toBe(403);
    const bad = await get(reader, '?status=EVERYTHING');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
    await expectInvalidInput(exportOrdersCsv(ctx, { from: 'yesterday' }), 'from');
  });

  it('streams the same CSV to a member through the use case', async () => {
    const csv = await readCsvStream(await exportOrdersCsv(ctx, { q: 'SKU-1' }));
    expect(parseRows(csv)).toHaveLength(ORDERS); // header + every order but the formula line's
    expect(csv).not.toMatch(PII_PATTERN);
  });
});
