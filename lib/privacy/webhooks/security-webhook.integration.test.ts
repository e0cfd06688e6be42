// Security alerts to a webhook, end to end: a real local HTTP receiver, the real worker and
// BullMQ. The receiver fails the first attempt (500) and accepts the retry; the delivery row
// records both attempts, and the receiver verifies the HMAC signature with the secret the admin
// configured. A receiver that keeps failing ends FAILED. No PII or secret in payload or rows.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetTenantKeys } from '../../crypto/tenant-keys.ts';
import { withTenant } from '../../db/tenant.ts';
import { closeQueues } from '../../jobs/queues.ts';
import { createLogger } from '../../logger.ts';
import { createOrganization } from '../../../tests/factories.ts';
import { memberContext } from '../../../tests/helpers/contexts.ts';
import { setupKmsSimulator } from '../../../tests/helpers/kms.ts';
import type { KmsSimulator } from '../../../tests/simulators/kms/server.ts';
import { startWorker, type RunningWorker } from '../../../jobs/start-worker.ts';
import { raiseSecurityEvent } from '../security-notifier.ts';
import { deliverSecurityWebhook, WebhookDeliveryError } from './deliver-security-webhook.ts';
import { getSecurityWebhook, removeSecurityWebhook, saveSecurityWebhook } from './security-webhook.ts';
import { SIGNATURE_HEADER, verifyWebhookSignature } from './signature.ts';

const SECRET = 'webhook-secret-0123456789-abcdefghijklmnop';

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

afterAll(async () => {
  await worker?.close();
  await closeQueues();
  await new Promise((resolve) => server.close(resolve));
  resetTenantKeys();
  await sim.close();
});

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
      return deliveries[0] && deliveries[0].attempts >= 1 ? deliveries[0] : undefined;
    });
    expect(pending).toMatchObject({ status: 'PENDING', lastStatusCode: 503, lastError: 'HTTP 503' });
    // The final attempt (as the worker runs it when attempts are used up).
    await expect(deliverSecurityWebhook(org.id, pending.id, { finalAttempt: true })).rejects.toBeInstanceOf(
      WebhookDeliveryError,
    );
    const { deliveries } = await getSecurityWebhook(admin);
    expect(deliveries[0]).toMatchObject({ id: pending.id, status: 'FAILED', lastError: 'HTTP 503' });
    expect(deliveries[0]!.attempts).toBeGreaterThanOrEqual(2);
    script = [];
  });

  it('validates settings, keeps the secret out of the webhook row and the audit trail, and removes both', async () => {
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    const manager = await memberContext(org.id, 'MANAGER');
    await expect(
      saveSecurityWebhook(admin, { url: 'http://example.com/hook', secret: SECRET }),
    ).rejects.toThrow();
    await expect(
      saveSecurityWebhook(admin, { url: 'https://user:pw@example.com/h', secret: SECRET }),
    ).rejects.toThrow();
    await expect(
      saveSecurityWebhook(admin, { url: 'https://example.com/hook', secret: 'short' }),
    ).rejects.toThrow();
    await expect(saveSecurityWebhook(admin, { url: 'https://example.com/hook' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(
      saveSecurityWebhook(manager, { url: 'https://example.com/hook', secret: SECRET }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const { id } = await saveSecurityWebhook(admin, { url: 'https://example.com/hook', secret: SECRET });
    // Changing the URL keeps the secret.
    await saveSecurityWebhook(admin, { url: 'https://alerts.example.com/hook', secret: '' });
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
});
