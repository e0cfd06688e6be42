-- Returns (lib/returns): RLS for its tables (same policy as *_tenant_rls) and the quantity rules
-- the database keeps whatever code runs. That an RMA never asks for more than the line shipped
-- minus what other RMAs already cover is checked by lib/returns/create-return.ts under a lock on
-- the order line (it spans rows).

ALTER TABLE "return_authorizations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "return_authorizations" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "return_authorizations"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "return_receipts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "return_receipts" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "return_receipts"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "return_refunds" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "return_refunds" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "return_refunds"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "return_authorizations" ADD CONSTRAINT "return_authorizations_quantities"
  CHECK ("quantity_expected" > 0 AND "quantity_received" BETWEEN 0 AND "quantity_expected");
ALTER TABLE "return_receipts" ADD CONSTRAINT "return_receipts_quantities"
  CHECK ("quantity" > 0 AND "quantity_released" BETWEEN 0 AND "quantity"
         AND ("quantity_released" = 0 OR "disposition" = 'QUARANTINE')
         AND (("scrap_movement_id" IS NOT NULL) = ("disposition" = 'SCRAP')));
ALTER TABLE "return_refunds" ADD CONSTRAINT "return_refunds_amount_positive" CHECK ("amount_minor" > 0);
