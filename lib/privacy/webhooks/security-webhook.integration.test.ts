// Security alerts to a webhook, end to end: a real local HTTP receiver, the real worker and
// BullMQ. The receiver fails the first attempt (500) and accepts the retry; the delivery row
// records both attempts, and the receiver verifies the HMAC signature with the secret the admin
// configured. A receiver that keeps failing ends FAILED. No PII or secret in payload or rows.
// Server-side request forgery (docs/decisions/0018-outbound-url-guard.md): loopback, private,
// link-local and metadata addresses are refused at save and at send, and the request goes to
// the address that was checked. DNS answers come from resolvers the test controls; the only
// traffic is to the loopback receiver, which is allowed (OUTBOUND_ALLOW_LOOPBACK) only where a
// test says so.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetTenantKeys } from '../../crypto/tenant-keys.ts';
import { appDb } from '../../db/client.ts';
import { withTenant } from '../../db/tenant.ts';
import { closeQueues } from '../../jobs/queues.ts';
import { createLogger } from '../../logger.ts';
import { createOrganization } from '../../../tests/factories.ts';
import { memberContext } from '../../../tests/helpers/contexts.ts';
import { dnsAnswering, publicDns } from '../../../tests/helpers/dns.ts';
import { expectInvalidInput } from '../../../tests/helpers/expect-error.ts';
import { setupKmsSimulator } from '../../../tests/helpers/kms.ts';
import { setTestEnv, snapshotTestEnv } from '../../../tests/helpers/test-env.ts';
import type { KmsSimulator } from '../../../tests/simulators/kms/server.ts';
import { startWorker, type RunningWorker } from '../../../jobs/start-worker.ts';
import { OutboundUrlRefusedError } from '../../http/outbound-url-guard.ts';
import { raiseSecurityEvent } from '../security-notifier.ts';
import { deliverSecurityWebhook, WebhookDeliveryError } from './deliver-security-webhook.ts';
import { getSecurityWebhook, removeSecurityWebhook, saveSecurityWebhook } from './security-webhook.ts';
import { SIGNATURE_HEADER, verifyWebhookSignature } from './signature.ts';

const SECRET = 'webhook-secret-0123456789-abcdefghijklmnop';
const restoreEnv = snapshotTestEnv();

interface Received {
  body: string;
  signature: string | null;
  deliveryId: string | null;
}

let sim: KmsSimulator;
let server: Server;
let baseUrl: string;
let worker: RunningWorker;
const received: Received[] = [];
/** Status codes to answer, in order; 200 once exhausted. */
let script: number[] = [];

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

beforeAll(async () => {
  sim = await setupKmsSimulator();
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    received.push({
      body,
      signature: (req.headers[SIGNATURE_HEADER] as string | undefined) ?? null,
      deliveryId: (req.headers['packline-delivery-id'] as string | undefined) ?? null,
    });
    res.statusCode = script.shift() ?? 200;
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  worker = await startWorker({ logger: createLogger({ level: 'silent' }), closeDatabase: false });
});

beforeEach(() => setTestEnv({ OUTBOUND_ALLOW_LOOPBACK: 'true' }));

afterAll(async () => {
  restoreEnv();
  await worker?.close();
  await closeQueues();
  await new Promise((resolve) => server.close(resolve));
  resetTenantKeys();
  await sim.close();
});

/** What the Security screen does not show: attempts, the receiver's status code and error. */
const deliveryRow = (organizationId: string, id: string) =>
  withTenant(organizationId, (tx) =>
    tx.securityWebhookDelivery.findFirstOrThrow({
      where: { id },
      select: { status: true, attempts: true, lastStatusCode: true, lastError: true },
    }),
  );

/** A PENDING delivery of a fresh security event, written directly (no job: the test makes the attempt). */
async function pendingDelivery(organizationId: string): Promise<{ id: string }> {
  const event = await appDb().securityEvent.create({
    data: { action: 'pii.canary_read', metadata: { organizationId, severity: 'high' } },
    select: { id: true },
  });
  return withTenant(organizationId, async (tx) => {
    const webhook = await tx.securityWebhook.findUniqueOrThrow({
      where: { organizationId },
      select: { id: true },
    });
    return tx.securityWebhookDelivery.create({
      data: {
        organizationId,
        webhookId: webhook.id,
        securityEventId: event.id,
        action: 'pii.canary_read',
        severity: 'high',
      },
      select: { id: true },
    });
  });
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('security webhook', () => {
  it('delivers an alert signed with HMAC-SHA256; a failed first attempt is retried and both are recorded', async () => {
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    await saveSecurityWebhook(admin, { url: `${baseUrl}/hooks/security`, secret: SECRET });
    script = [500];
    received.length = 0;
    const alert = await raiseSecurityEvent({
      organizationId: org.id,
      action: 'pii.canary_read',
      severity: 'high',
      metadata: { recordIds: ['0193a000-0000-7000-8000-000000000001'] },
      summary: 'A user read 1 canary buyer record(s).',
    });

    const delivery = await until(async () => {
      const { deliveries } = await getSecurityWebhook(admin);
      return deliveries[0]?.status === 'DELIVERED' ? deliveries[0] : undefined;
    });
    expect(delivery).toMatchObject({
      securityEventId: alert.eventId,
      action: 'pii.canary_read',
      severity: 'high',
    });
    expect(await deliveryRow(org.id, delivery.id)).toEqual({
      status: 'DELIVERED',
      attempts: 2,
      lastStatusCode: 200,
      lastError: null,
    });
    expect(received).toHaveLength(2);
    const nowSeconds = Math.floor(Date.now() / 1000);
    for (const r of received) {
      expect(verifyWebhookSignature(SECRET, r.body, r.signature, nowSeconds)).toBe(true);
      expect(
        verifyWebhookSignature('another-secret-0123456789-abcdefghijk', r.body, r.signature, nowSeconds),
      ).toBe(false);
      expect(r.deliveryId).toBe(delivery.id);
    }
    expect(JSON.parse(received[1]!.body)).toEqual({
      type: 'security.alert',
      deliveryId: delivery.id,
      organizationId: org.id,
      event: {
        id: alert.eventId,
        action: 'pii.canary_read',
        severity: 'high',
        at: alert.at.toISOString(),
      },
    });
    expect(received[1]!.body).not.toContain(SECRET);
  });

  it('marks a delivery FAILED after its last attempt, with the HTTP status and no response body', async () => {
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    await saveSecurityWebhook(admin, { url: `${baseUrl}/always-down`, secret: SECRET });
    // The webhook notifier queues the delivery; the worker's first attempt fails (503).
    script = [503, 503, 503, 503, 503, 503];
    await raiseSecurityEvent({
      organizationId: org.id,
      action: 'pii.read_volume',
      severity: 'high',
      summary: 'A user tried to read more than 500 buyer records.',
    });
    const pending = await until(async () => {
      const { deliveries } = await getSecurityWebhook(admin);
      return deliveries[0]?.lastAttemptAt ? deliveries[0] : undefined;
    });
    expect(await deliveryRow(org.id, pending.id)).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      lastStatusCode: 503,
      lastError: 'HTTP 503',
    });
    // The final attempt (as the worker runs it when attempts are used up).
    await expect(deliverSecurityWebhook(org.id, pending.id, { finalAttempt: true })).rejects.toBeInstanceOf(
      WebhookDeliveryError,
    );
    const { deliveries } = await getSecurityWebhook(admin);
    expect(deliveries[0]).toMatchObject({ id: pending.id, status: 'FAILED' });
    const failed = await deliveryRow(org.id, pending.id);
    expect(failed).toMatchObject({ status: 'FAILED', lastError: 'HTTP 503' });
    expect(failed.attempts).toBeGreaterThanOrEqual(2);
    script = [];
  });

  it('validates settings, keeps the secret out of the webhook row and the audit trail, and removes both', async () => {
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    const manager = await memberContext(org.id, 'MANAGER');
    await expect(
      saveSecurityWebhook(admin, { url: 'http://example.com/hook', secret: SECRET }, { resolve: publicDns }),
    ).rejects.toBeInstanceOf(OutboundUrlRefusedError);
    await expect(
      saveSecurityWebhook(
        admin,
        { url: 'https://user:pw@example.com/h', secret: SECRET },
        { resolve: publicDns },
      ),
    ).rejects.toBeInstanceOf(OutboundUrlRefusedError);
    await expectInvalidInput(
      saveSecurityWebhook(
        admin,
        { url: 'https://example.com/hook', secret: 'short' },
        { resolve: publicDns },
      ),
      'secret',
    );
    await expect(
      saveSecurityWebhook(admin, { url: 'https://example.com/hook' }, { resolve: publicDns }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(
      saveSecurityWebhook(
        manager,
        { url: 'https://example.com/hook', secret: SECRET },
        { resolve: publicDns },
      ),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const { id } = await saveSecurityWebhook(
      admin,
      { url: 'https://example.com/hook', secret: SECRET },
      { resolve: publicDns },
    );
    // Changing the URL keeps the secret.
    await saveSecurityWebhook(
      admin,
      { url: 'https://alerts.example.com/hook', secret: '' },
      { resolve: publicDns },
    );
    const dump = await withTenant(org.id, async (tx) =>
      JSON.stringify(
        {
          webhooks: await tx.securityWebhook.findMany(),
          audits: await tx.auditEvent.findMany({ where: { organizationId: org.id } }),
          credentials: await tx.credential.findMany({ select: { kind: true, ownerId: true, secret: true } }),
        },
        (_k, v) => (typeof v === 'bigint' ? v.toString() : v),
      ),
    );
    expect(dump).not.toContain(SECRET);
    expect(dump).toContain('alerts.example.com');
    expect(dump).toContain(id);
    expect(await removeSecurityWebhook(admin)).toBe(true);
    const left = await withTenant(org.id, async (tx) => ({
      webhooks: await tx.securityWebhook.count(),
      credentials: await tx.credential.count({ where: { kind: 'security-webhook-secret' } }),
    }));
    expect(left).toEqual({ webhooks: 0, credentials: 0 });
  });

  it.each([
    ['loopback', 'https://127.0.0.1/hook', publicDns],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/', publicDns],
    ['a private address', 'https://10.0.0.8/hook', publicDns],
    ['IPv6 loopback', 'https://[::1]/hook', publicDns],
    [
      'a name resolving to a private address',
      'https://intranet.customer.test/hook',
      dnsAnswering('192.168.0.10'),
    ],
    ['a name resolving to link-local', 'https://meta.customer.test/hook', dnsAnswering('169.254.169.254')],
    ['a name resolving to IPv6 unique-local', 'https://v6.customer.test/hook', dnsAnswering('fd00::10')],
  ] as const)('refuses to save a webhook pointing at %s, and writes nothing', async (_kind, url, resolve) => {
    setTestEnv({ OUTBOUND_ALLOW_LOOPBACK: 'false' });
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    await expect(saveSecurityWebhook(admin, { url, secret: SECRET }, { resolve })).rejects.toMatchObject({
      name: 'OutboundUrlRefusedError',
      code: 'BAD_REQUEST',
    });
    const left = await withTenant(org.id, async (tx) => ({
      webhooks: await tx.securityWebhook.count(),
      credentials: await tx.credential.count({ where: { kind: 'security-webhook-secret' } }),
    }));
    expect(left).toEqual({ webhooks: 0, credentials: 0 });
  });

  it('refuses at send a URL that now points at a loopback or metadata address, contacting nothing', async () => {
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    // Saved while the loopback receiver was allowed (the setting is off in production) …
    await saveSecurityWebhook(admin, { url: `${baseUrl}/hooks/security`, secret: SECRET });
    setTestEnv({ OUTBOUND_ALLOW_LOOPBACK: 'false' });
    received.length = 0;
    const alert = await raiseSecurityEvent({
      organizationId: org.id,
      action: 'pii.canary_read',
      severity: 'high',
      summary: 'A user read 1 canary buyer record(s).',
    });
    const delivery = await until(async () => {
      const { deliveries } = await getSecurityWebhook(admin);
      return deliveries[0]?.status === 'FAILED' ? deliveries[0] : undefined;
    });
    expect(delivery.securityEventId).toBe(alert.eventId);
    // … refused at once, with no retry and nothing sent to the receiver.
    expect(await deliveryRow(org.id, delivery.id)).toEqual({
      status: 'FAILED',
      attempts: 1,
      lastStatusCode: null,
      lastError: 'address refused',
    });
    expect(received).toHaveLength(0);

    // DNS rebinding: a name that resolved to a public address at save answers with the metadata
    // address at send.
    await saveSecurityWebhook(
      admin,
      { url: 'https://alerts.customer.test/hook', secret: '' },
      { resolve: publicDns },
    );
    const row = await pendingDelivery(org.id);
    expect(
      await deliverSecurityWebhook(org.id, row.id, {
        finalAttempt: false,
        resolve: dnsAnswering('169.254.169.254'),
      }),
    ).toBe('refused');
    expect(await deliveryRow(org.id, row.id)).toMatchObject({
      status: 'FAILED',
      lastError: 'address refused',
    });
    expect(received).toHaveLength(0);
  });

  it('sends to the address it checked: a name resolved once, then pinned', async () => {
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    const port = new URL(baseUrl).port;
    await saveSecurityWebhook(
      admin,
      { url: `http://receiver.customer.test:${port}/hooks/security`, secret: SECRET },
      { resolve: dnsAnswering('127.0.0.1') },
    );
    const row = await pendingDelivery(org.id);
    let lookups = 0;
    received.length = 0;
    // This attempt's resolver answers once; a second (rebinding) answer would be a private address.
    expect(
      await deliverSecurityWebhook(org.id, row.id, {
        finalAttempt: false,
        resolve: async () => {
          lookups += 1;
          return [{ address: lookups === 1 ? '127.0.0.1' : '10.0.0.1', family: 4 }];
        },
      }),
    ).toBe('delivered');
    const final = await deliveryRow(org.id, row.id);
    expect(final.status).toBe('DELIVERED');
    expect(final.lastStatusCode).toBe(200);
    expect(lookups).toBe(1);
    expect(received.filter((r) => r.deliveryId === row.id)).toHaveLength(1);
  });
});
