// Job payload schemas (ARCHITECTURE.md §1: "Job payloads carry ids only, never PII or secrets").
// Enforced twice:
// - by type: a payload schema is a `z.strictObject` whose fields are ids (UUID), enums, literals,
//   numbers or booleans — free strings, objects and arrays do not type-check as an IdOnlySchema,
//   so a buyer name or token cannot become a payload field without this file changing;
// - at runtime: strict objects reject unknown keys, so `{ orderId, email }` fails to enqueue.
// A handler loads everything else from the database, inside the tenant transaction.
import { z } from 'zod';

type IdField = z.ZodUUID | z.ZodEnum | z.ZodLiteral | z.ZodNumber | z.ZodInt | z.ZodBoolean;

export type PayloadField = IdField | z.ZodOptional<IdField>;

export type IdOnlyShape = Record<string, PayloadField>;

export type IdOnlySchema<Shape extends IdOnlyShape = IdOnlyShape> = z.ZodObject<Shape, z.core.$strict>;

/** The only way payload schemas are built: a strict object of id-like fields. */
export function idPayload<const Shape extends IdOnlyShape>(shape: Shape): IdOnlySchema<Shape> {
  return z.strictObject(shape);
}

/** A payload scoped to one tenant; most jobs start from this. */
export const ZTenantJobPayload = idPayload({ organizationId: z.uuid() });

/** housekeeping.heartbeat: nothing to carry; the worker knows who it is. */
export const ZHeartbeatPayload = idPayload({});

/**
 * crypto.reencrypt: move an organization's rows encrypted under superseded versions of a purpose's
 * data key to the ACTIVE version, then retire the unused versions (lib/crypto/rotate-data-key.ts).
 */
export const ZReencryptPayload = idPayload({
  organizationId: z.uuid(),
  purpose: z.enum(['buyer-pii', 'blind-index', 'credentials']),
});

/** crypto.rewrap: re-wrap every data key under the configured KMS key (lib/crypto/rewrap-data-keys.ts). */
export const ZRewrapPayload = idPayload({});

/** crypto.resume-reencryption: re-enqueue unfinished rotations' jobs from database state. */
export const ZResumeReencryptionPayload = idPayload({});

/**
 * amazon.sync-orders: one order sync of one Amazon integration (lib/channels/amazon/sync-amazon-orders.ts),
 * from its job scheduler or "sync now" (`manual`).
 */
export const ZAmazonSyncOrdersPayload = idPayload({
  organizationId: z.uuid(),
  integrationId: z.uuid(),
  manual: z.boolean().optional(),
});

/**
 * privacy.retention: one retention pass of one organization (lib/privacy/run-retention.ts) —
 * anonymise due buyer PII, hard-delete old soft-deleted orders, expire old audit events — from the
 * daily sweep or "run now" on the retention screen.
 */
export const ZPrivacyRetentionPayload = idPayload({
  organizationId: z.uuid(),
  manual: z.boolean().optional(),
});

/** privacy.retention-sweep (daily scheduler): enqueues privacy.retention for every organization. */
export const ZPrivacyRetentionSweepPayload = idPayload({});

/** privacy.termination-sweep (hourly): runs the terminations whose 7-day grace period has passed. */
export const ZPrivacyTerminationSweepPayload = idPayload({});

/** privacy.pii-read-scan (every 15 minutes): anomalous PII read volumes → security events. */
export const ZPiiReadScanPayload = idPayload({});

/**
 * privacy.expire-security-logs (daily scheduler): security_events and operator_audit_events past
 * SECURITY_LOG_RETENTION_MONTHS (lib/privacy/expire-security-logs.ts).
 */
export const ZExpireSecurityLogsPayload = idPayload({});

/**
 * security.alert-scan: one recorded security event checked for alerts to its organizations'
 * owners and admins (lib/security/detect-security-alerts.ts).
 */
export const ZSecurityAlertScanPayload = idPayload({
  securityEventId: z.uuid(),
});

/**
 * privacy.security-webhook: deliver one security alert (a security_webhook_deliveries row) to the
 * organization's webhook (lib/privacy/webhooks/deliver-security-webhook.ts).
 */
export const ZSecurityWebhookPayload = idPayload({
  organizationId: z.uuid(),
  deliveryId: z.uuid(),
});

/**
 * writeback.stock-push: push one channel listing's available quantity to Amazon
 * (lib/channels/amazon/stock-push.ts); debounced by its deterministic id per (integration, listing).
 */
export const ZStockPushPayload = idPayload({
  organizationId: z.uuid(),
  listingId: z.uuid(),
});

/**
 * amazon.import-listings: import one Amazon integration's listings (title, price, quantity) with
 * searchListingsItems (lib/channels/amazon/import-listings.ts); at connect and from the listings screen.
 */
export const ZAmazonImportListingsPayload = idPayload({
  organizationId: z.uuid(),
  integrationId: z.uuid(),
});

/**
 * writeback.stock-push-sweep (scheduler): re-queues the stock pushes of listings left pending
 * (a flushed Redis, a dead worker, a push whose retries ran out) — lib/channels/amazon/sweep-stock-pushes.ts.
 */
export const ZStockPushSweepPayload = idPayload({});

/**
 * writeback.confirm-shipment: tell Amazon one parcel shipped (lib/channels/amazon/confirm-shipment.ts);
 * queued when a parcel is dispatched and from the shipments screen's retry.
 */
export const ZConfirmShipmentPayload = idPayload({
  organizationId: z.uuid(),
  shipmentId: z.uuid(),
});
