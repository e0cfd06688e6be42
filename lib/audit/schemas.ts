import { z } from 'zod';

/**
 * Metadata keys that would smell of PII or secrets. Audit rows live ≥ 12 months and buyer PII at
 * most 30 days after completion, so audit events hold ids and field names only (ARCHITECTURE.md §9).
 */
const FORBIDDEN_KEY =
  /(e-?mail|phone|name|address|street|city|postcode|zip|password|secret|token|seed|otp|cookie)/i;
/** Field names may be listed (which fields were read), as values of these keys. */
const FIELD_LIST_KEYS = new Set(['fields', 'changedFields']);

const ZMetadataValue = z.union([
  z.string().max(200),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string().max(100)).max(50),
]);

export const ZAuditMetadata = z
  .record(z.string().max(60), ZMetadataValue)
  .refine((m) => Object.keys(m).length <= 30, 'at most 30 metadata keys')
  .superRefine((m, ctx) => {
    for (const key of Object.keys(m)) {
      if (FORBIDDEN_KEY.test(key) && !FIELD_LIST_KEYS.has(key)) {
        ctx.addIssue({
          code: 'custom',
          message: `metadata key "${key}" may hold PII or a secret`,
          path: [key],
        });
      }
    }
  });

export const ZRecordAuditEventInput = z.strictObject({
  organizationId: z.uuid(),
  actorType: z.enum(['USER', 'API_CLIENT', 'SYSTEM', 'OPERATOR']),
  actorId: z.uuid().nullish(),
  /** `resource.verb`, e.g. `member.role_changed`, `pii.read`. */
  action: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'action must look like resource.verb'),
  targetType: z.string().max(60).nullish(),
  targetId: z.string().max(100).nullish(),
  purpose: z.string().max(60).nullish(),
  ip: z.union([z.ipv4(), z.ipv6()]).nullish(),
  requestId: z.string().max(100).nullish(),
  metadata: ZAuditMetadata.default({}),
});

export type TRecordAuditEventInput = z.input<typeof ZRecordAuditEventInput>;
