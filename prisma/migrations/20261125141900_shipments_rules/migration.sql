-- Shipments (lib/fulfilment/pack-*, lib/shipping):
-- 1. Row-level security on shipments, shipment_items and shipment_labels (same policy as *_tenant_rls).
-- 2. Positive quantities, dimensions and weights; parcel numbers from 1.
-- 3. Label files print the recipient, so they go with the order's PII: when an UPDATE on orders
--    turns pii_status into 'ANONYMISED' (the anonymiser's batches, DSR erasure), the labels of
--    those orders are deleted in the same statement's transaction. A statement-level trigger with
--    transition tables: one DELETE per statement however many orders the batch anonymised, and
--    for the order sync's upserts (which never anonymise) only a scan of the changed rows.

ALTER TABLE "shipments" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "shipments" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "shipments"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "shipment_items" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "shipment_items" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "shipment_items"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "shipment_labels" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "shipment_labels" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "shipment_labels"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "shipment_items" ADD CONSTRAINT "shipment_items_quantity_positive" CHECK (quantity > 0);
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_parcel_number_positive" CHECK (parcel_number > 0);
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_measures_positive" CHECK (
  (weight_grams IS NULL OR weight_grams > 0) AND (length_mm IS NULL OR length_mm > 0)
  AND (width_mm IS NULL OR width_mm > 0) AND (height_mm IS NULL OR height_mm > 0));
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_confirmation_attempts_non_negative"
  CHECK (confirmation_attempts >= 0);

CREATE FUNCTION shipment_labels_purge_anonymised() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  DELETE FROM "shipment_labels" l
   USING "shipments" s
   WHERE l.organization_id = s.organization_id AND l.shipment_id = s.id
     AND (s.organization_id, s.order_id) IN (
       SELECT n.organization_id, n.id
         FROM new_orders n
         JOIN old_orders o ON o.id = n.id
        WHERE n.pii_status = 'ANONYMISED' AND o.pii_status <> 'ANONYMISED');
  RETURN NULL;
END
$$;

CREATE TRIGGER shipment_labels_purge_anonymised
  AFTER UPDATE ON "orders"
  REFERENCING OLD TABLE AS old_orders NEW TABLE AS new_orders
  FOR EACH STATEMENT EXECUTE FUNCTION shipment_labels_purge_anonymised();
