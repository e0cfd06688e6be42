-- 1. Termination requests are tenant data: same isolation policy as every tenant table.
-- 2. Return notes (free text that can name the buyer) are encrypted under the buyer-pii key with
--    their key version beside them (lib/returns/return-notes.ts): both or neither.
-- 3. They go with the order's PII, like label files (*_shipments_rules): when an UPDATE on orders
--    turns pii_status into 'ANONYMISED' (the anonymiser's batches, DSR erasure), the notes of
--    those orders' returns are erased in the same transaction. Statement-level, with transition
--    tables: one UPDATE per statement however many orders the batch anonymised.

ALTER TABLE "termination_requests" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "termination_requests" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "termination_requests"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "termination_requests" ADD CONSTRAINT "termination_requests_grace"
  CHECK ("scheduled_for" > "requested_at");

ALTER TABLE "return_authorizations" ADD CONSTRAINT "return_authorizations_note_key"
  CHECK (("reason_note_enc" IS NULL) = ("note_key_version" IS NULL));
ALTER TABLE "return_receipts" ADD CONSTRAINT "return_receipts_note_key"
  CHECK (("note_enc" IS NULL) = ("note_key_version" IS NULL));

CREATE FUNCTION return_notes_purge_anonymised() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  UPDATE "return_authorizations" r
     SET reason_note_enc = NULL, note_key_version = NULL
   WHERE r.reason_note_enc IS NOT NULL
     AND (r.organization_id, r.order_id) IN (
       SELECT n.organization_id, n.id
         FROM new_orders n
         JOIN old_orders o ON o.id = n.id
        WHERE n.pii_status = 'ANONYMISED' AND o.pii_status <> 'ANONYMISED');
  UPDATE "return_receipts" rr
     SET note_enc = NULL, note_key_version = NULL
    FROM "return_authorizations" r
   WHERE rr.organization_id = r.organization_id AND rr.return_id = r.id
     AND rr.note_enc IS NOT NULL
     AND (r.organization_id, r.order_id) IN (
       SELECT n.organization_id, n.id
         FROM new_orders n
         JOIN old_orders o ON o.id = n.id
        WHERE n.pii_status = 'ANONYMISED' AND o.pii_status <> 'ANONYMISED');
  RETURN NULL;
END
$$;

CREATE TRIGGER return_notes_purge_anonymised
  AFTER UPDATE ON "orders"
  REFERENCING OLD TABLE AS old_orders NEW TABLE AS new_orders
  FOR EACH STATEMENT EXECUTE FUNCTION return_notes_purge_anonymised();
