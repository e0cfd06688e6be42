-- Inventory rules the database enforces whatever code runs (docs/decisions/0005-stock-ledger.md):
-- 1. stock_movements is the append-only ledger: UPDATE, DELETE and TRUNCATE are refused.
-- 2. Each ledger row is validated (positive quantity, from/to shape per movement type) and, in
--    the same statement, applied to stock_levels by a trigger, so on-hand always equals the
--    ledger's sum: no code path can write one without the other.
-- 3. stock_levels.quantity changes only through that trigger, and no quantity goes negative
--    (nor reserved above on-hand). Guards are triggers rather than CHECK constraints so the
--    drift check (schema.prisma vs migrations) has nothing hand-written to ignore.
-- 4. Row-level security on every new tenant table (same policy as *_tenant_rls).

-- UUID v7 for rows created inside triggers (the app generates its own, lib/db/ids.ts).
CREATE FUNCTION app_uuid_v7() RETURNS uuid
  LANGUAGE sql VOLATILE PARALLEL SAFE
  AS $$
    SELECT encode(
      set_bit(set_bit(
        overlay(uuid_send(gen_random_uuid())
                placing substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                FROM 1 FOR 6),
        52, 1), 53, 1),
      'hex')::uuid
  $$;

-- 1. Append-only ledger ------------------------------------------------------------------------

CREATE FUNCTION stock_movements_append_only() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'stock_movements is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER stock_movements_no_update_delete
  BEFORE UPDATE OR DELETE ON "stock_movements"
  FOR EACH ROW EXECUTE FUNCTION stock_movements_append_only();

CREATE TRIGGER stock_movements_no_truncate
  BEFORE TRUNCATE ON "stock_movements"
  FOR EACH STATEMENT EXECUTE FUNCTION stock_movements_append_only();

-- 2. Validate and apply each movement ----------------------------------------------------------

CREATE FUNCTION stock_movements_validate() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  shape_ok boolean;
BEGIN
  IF NEW.quantity <= 0 THEN
    RAISE EXCEPTION 'stock movement quantity must be positive'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'stock_movements_quantity_positive';
  END IF;
  shape_ok := CASE NEW.type
    WHEN 'RECEIVE' THEN NEW.from_location_id IS NULL AND NEW.to_location_id IS NOT NULL
    WHEN 'RETURN' THEN NEW.from_location_id IS NULL AND NEW.to_location_id IS NOT NULL
    WHEN 'PICK' THEN NEW.from_location_id IS NOT NULL AND NEW.to_location_id IS NULL
    WHEN 'SCRAP' THEN NEW.from_location_id IS NOT NULL AND NEW.to_location_id IS NULL
    WHEN 'PUTAWAY' THEN NEW.from_location_id IS NOT NULL AND NEW.to_location_id IS NOT NULL
    WHEN 'MOVE' THEN NEW.from_location_id IS NOT NULL AND NEW.to_location_id IS NOT NULL
    WHEN 'ADJUST' THEN num_nonnulls(NEW.from_location_id, NEW.to_location_id) = 1
    WHEN 'COUNT' THEN num_nonnulls(NEW.from_location_id, NEW.to_location_id) = 1
    -- ALLOCATE / DEALLOCATE belong to the reservation use cases, which do not exist yet.
    ELSE false
  END;
  IF NOT shape_ok THEN
    RAISE EXCEPTION 'stock movement % has the wrong from/to locations (or is not supported yet)', NEW.type
      USING ERRCODE = 'check_violation', CONSTRAINT = 'stock_movements_shape';
  END IF;
  IF NEW.from_location_id = NEW.to_location_id THEN
    RAISE EXCEPTION 'stock movement from and to locations must differ'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'stock_movements_shape';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER stock_movements_validate
  BEFORE INSERT ON "stock_movements"
  FOR EACH ROW EXECUTE FUNCTION stock_movements_validate();

CREATE FUNCTION stock_movements_apply() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF NEW.from_location_id IS NOT NULL THEN
    IF NEW.lot_id IS NULL THEN
      UPDATE "stock_levels" SET quantity = quantity - NEW.quantity, updated_at = now()
       WHERE organization_id = NEW.organization_id AND location_id = NEW.from_location_id
         AND product_id = NEW.product_id AND lot_id IS NULL;
    ELSE
      UPDATE "stock_levels" SET quantity = quantity - NEW.quantity, updated_at = now()
       WHERE organization_id = NEW.organization_id AND location_id = NEW.from_location_id
         AND product_id = NEW.product_id AND lot_id = NEW.lot_id;
    END IF;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'insufficient stock: nothing of that product and lot in the location'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'stock_levels_quantity_non_negative';
    END IF;
  END IF;
  IF NEW.to_location_id IS NOT NULL THEN
    IF NEW.lot_id IS NULL THEN
      INSERT INTO "stock_levels" AS s
             (id, organization_id, location_id, product_id, lot_id, quantity, reserved_quantity, created_at, updated_at)
      VALUES (app_uuid_v7(), NEW.organization_id, NEW.to_location_id, NEW.product_id, NULL, NEW.quantity, 0, now(), now())
      ON CONFLICT (organization_id, location_id, product_id) WHERE lot_id IS NULL
      DO UPDATE SET quantity = s.quantity + EXCLUDED.quantity, updated_at = now();
    ELSE
      INSERT INTO "stock_levels" AS s
             (id, organization_id, location_id, product_id, lot_id, quantity, reserved_quantity, created_at, updated_at)
      VALUES (app_uuid_v7(), NEW.organization_id, NEW.to_location_id, NEW.product_id, NEW.lot_id, NEW.quantity, 0, now(), now())
      ON CONFLICT (organization_id, location_id, product_id, lot_id) WHERE lot_id IS NOT NULL
      DO UPDATE SET quantity = s.quantity + EXCLUDED.quantity, updated_at = now();
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER stock_movements_apply
  AFTER INSERT ON "stock_movements"
  FOR EACH ROW EXECUTE FUNCTION stock_movements_apply();

-- 3. Stock level guards ------------------------------------------------------------------------

CREATE FUNCTION stock_levels_guard() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.quantity <> 0 OR OLD.reserved_quantity <> 0 THEN
      RAISE EXCEPTION 'a stock level holding stock cannot be deleted'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  -- Depth 1: a statement on stock_levels itself; depth 2: the ledger trigger above.
  IF pg_trigger_depth() < 2 THEN
    IF TG_OP = 'INSERT' AND NEW.quantity <> 0 THEN
      RAISE EXCEPTION 'stock_levels.quantity changes only through the stock_movements ledger'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'UPDATE' AND (NEW.quantity <> OLD.quantity OR NEW.location_id <> OLD.location_id
        OR NEW.product_id <> OLD.product_id OR NEW.lot_id IS DISTINCT FROM OLD.lot_id
        OR NEW.organization_id <> OLD.organization_id) THEN
      RAISE EXCEPTION 'stock_levels.quantity and key change only through the stock_movements ledger'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  IF NEW.quantity < 0 THEN
    RAISE EXCEPTION 'insufficient stock: on-hand would go negative'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'stock_levels_quantity_non_negative';
  END IF;
  IF NEW.reserved_quantity < 0 OR NEW.reserved_quantity > NEW.quantity THEN
    RAISE EXCEPTION 'insufficient stock: reserved quantity must stay between 0 and on-hand'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'stock_levels_reserved_within_on_hand';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER stock_levels_guard
  BEFORE INSERT OR UPDATE OR DELETE ON "stock_levels"
  FOR EACH ROW EXECUTE FUNCTION stock_levels_guard();

-- Non-negative quantities on receiving and count rows.
CREATE FUNCTION inventory_non_negative_guard() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_TABLE_NAME = 'inbound_delivery_lines' THEN
    IF NEW.expected_quantity < 0 OR NEW.received_quantity < 0 OR NEW.damaged_quantity < 0 THEN
      RAISE EXCEPTION 'delivery quantities cannot be negative' USING ERRCODE = 'check_violation';
    END IF;
  ELSIF TG_TABLE_NAME = 'receiving_discrepancies' THEN
    IF NEW.quantity <= 0 THEN
      RAISE EXCEPTION 'discrepancy quantity must be positive' USING ERRCODE = 'check_violation';
    END IF;
  ELSIF TG_TABLE_NAME = 'count_task_lines' THEN
    IF NEW.counted_quantity < 0 OR NEW.expected_quantity < 0 THEN
      RAISE EXCEPTION 'count quantities cannot be negative' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER inbound_delivery_lines_non_negative
  BEFORE INSERT OR UPDATE ON "inbound_delivery_lines"
  FOR EACH ROW EXECUTE FUNCTION inventory_non_negative_guard();
CREATE TRIGGER receiving_discrepancies_non_negative
  BEFORE INSERT OR UPDATE ON "receiving_discrepancies"
  FOR EACH ROW EXECUTE FUNCTION inventory_non_negative_guard();
CREATE TRIGGER count_task_lines_non_negative
  BEFORE INSERT OR UPDATE ON "count_task_lines"
  FOR EACH ROW EXECUTE FUNCTION inventory_non_negative_guard();

-- 4. Row-level security ------------------------------------------------------------------------

ALTER TABLE "products" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "products" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "products"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "warehouses" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "warehouses" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "warehouses"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "locations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "locations" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "locations"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "lots" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "lots" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "lots"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "stock_levels" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "stock_levels" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "stock_levels"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "stock_movements" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "stock_movements" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "stock_movements"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "inbound_deliveries" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "inbound_deliveries" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "inbound_deliveries"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "inbound_delivery_lines" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "inbound_delivery_lines" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "inbound_delivery_lines"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "receiving_discrepancies" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "receiving_discrepancies" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "receiving_discrepancies"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "count_tasks" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "count_tasks" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "count_tasks"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "count_task_lines" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "count_task_lines" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "count_task_lines"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());
