-- Row-level security for channel_listings (same policy as *_tenant_rls).

ALTER TABLE "channel_listings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "channel_listings" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "channel_listings"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());
