-- Carrier accounts and shipping rules (lib/couriers):
-- 1. Row-level security (same policy as *_tenant_rls).
-- 2. Rule conditions that make sense: non-negative priority and limits, min ≤ max weight,
--    ISO alpha-2 countries, a currency with a value limit; ISO alpha-2 sender countries.

ALTER TABLE "carrier_accounts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "carrier_accounts" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "carrier_accounts"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "shipping_rules" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "shipping_rules" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "shipping_rules"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "shipping_rules" ADD CONSTRAINT "shipping_rules_limits_valid" CHECK (
  priority >= 0
  AND (min_weight_grams IS NULL OR min_weight_grams >= 0)
  AND (max_weight_grams IS NULL OR max_weight_grams > 0)
  AND (min_weight_grams IS NULL OR max_weight_grams IS NULL OR min_weight_grams <= max_weight_grams)
  AND (max_value_minor IS NULL OR (max_value_minor >= 0 AND value_currency ~ '^[A-Z]{3}$')));
ALTER TABLE "shipping_rules" ADD CONSTRAINT "shipping_rules_country_codes_iso" CHECK (
  country_codes IS NOT NULL AND array_to_string(country_codes, ',') ~ '^([A-Z]{2}(,[A-Z]{2})*)?$');
ALTER TABLE "warehouses" ADD CONSTRAINT "warehouses_sender_country_iso" CHECK (
  sender_country_code IS NULL OR sender_country_code ~ '^[A-Z]{2}$');
