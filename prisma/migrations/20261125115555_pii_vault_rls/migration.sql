-- Row-level security for the PII vault tables (same policy as *_tenant_rls): data keys, vault
-- records and credentials are tenant rows like any other, so even a query that forgets its
-- organization filter cannot reach another tenant's ciphertexts or wrapped keys.

ALTER TABLE "data_keys" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "data_keys" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "data_keys"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "pii_records" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "pii_records" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "pii_records"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "credentials" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "credentials" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "credentials"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());
