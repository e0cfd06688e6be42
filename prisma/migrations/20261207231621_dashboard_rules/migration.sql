-- The dashboard's columns (lib/dashboard, docs/decisions/0025-dashboard-figures.md).

-- A time zone name PostgreSQL knows (IANA, e.g. 'Europe/Berlin'): "today" is computed with it in SQL,
-- so an unknown name would fail every dashboard query instead of the write that stored it.
CREATE FUNCTION app_is_time_zone(name text) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
  PERFORM now() AT TIME ZONE name;
  RETURN true;
EXCEPTION WHEN invalid_parameter_value THEN
  RETURN false;
END $$;

ALTER TABLE "organizations"
  ADD CONSTRAINT "organizations_timezone_check" CHECK (app_is_time_zone("timezone"));

ALTER TABLE "products"
  ADD CONSTRAINT "products_reorder_point_check" CHECK ("reorder_point" IS NULL OR "reorder_point" >= 0);
