-- Pick lists (lib/fulfilment):
-- 1. Row-level security on pick_lists, pick_list_orders and pick_list_lines (same policy as *_tenant_rls).
-- 2. Quantities: a line asks for at least one unit, and what was picked plus what was short never
--    exceeds it (a double-submitted confirmation cannot over-pick even if the code's lock were missing).
-- 3. Pick list numbers from 1.

ALTER TABLE "pick_lists" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "pick_lists" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "pick_lists"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "pick_list_orders" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "pick_list_orders" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "pick_list_orders"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "pick_list_lines" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "pick_list_lines" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "pick_list_lines"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "pick_lists" ADD CONSTRAINT "pick_lists_number_positive" CHECK (number > 0);
ALTER TABLE "pick_list_lines" ADD CONSTRAINT "pick_list_lines_quantities" CHECK (
  quantity > 0 AND quantity_picked >= 0 AND quantity_short >= 0
  AND quantity_picked + quantity_short <= quantity);
