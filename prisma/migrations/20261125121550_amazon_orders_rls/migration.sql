-- Row-level security for the channel and order tables (same policy as *_tenant_rls).

ALTER TABLE "amazon_integrations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "amazon_integrations" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "amazon_integrations"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "channel_sync_runs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "channel_sync_runs" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "channel_sync_runs"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "orders" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "orders" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "orders"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "order_lines" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "order_lines" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "order_lines"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "order_status_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "order_status_events" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "order_status_events"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());
