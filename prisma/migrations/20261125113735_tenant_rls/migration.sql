-- Row-level security for tenant tables (ARCHITECTURE.md §2).
-- The tenant of a transaction is the transaction-local setting app.organization_id, set by
-- lib/db/tenant.ts withTenant(). Unset, or read back as '' on a pooled connection after an
-- earlier transaction set it locally, means "no tenant": every policy then matches no row.
-- FORCE applies the policies to the table owner too; only a BYPASSRLS role (the named system
-- client) or a superuser sees across tenants.
-- Every later tenant table gets the same three statements (tests/integration/tenancy checks it).

CREATE FUNCTION app_current_organization_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.organization_id', true), '')::uuid $$;

ALTER TABLE "organizations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "organizations" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "organizations"
  USING ("id" = app_current_organization_id())
  WITH CHECK ("id" = app_current_organization_id());

ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "memberships"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "audit_events"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());
