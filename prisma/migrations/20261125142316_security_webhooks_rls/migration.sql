-- Security-alert webhooks are tenant data: same isolation policy as every tenant table.
ALTER TABLE "security_webhooks" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "security_webhooks" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "security_webhooks"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "security_webhook_deliveries" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "security_webhook_deliveries" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "security_webhook_deliveries"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "security_webhooks" ADD CONSTRAINT "security_webhooks_url_https"
  CHECK ("url" ~ '^https?://' AND length("url") <= 2000);
ALTER TABLE "security_webhook_deliveries" ADD CONSTRAINT "security_webhook_deliveries_attempts"
  CHECK ("attempts" >= 0);

-- Canary records are few per organization; the vault checks them on every read.
CREATE INDEX "pii_records_canary" ON "pii_records" ("organization_id", "id") WHERE "canary";
