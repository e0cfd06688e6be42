-- Reservations go through the ledger (docs/decisions/0005-stock-ledger.md, "Allocation"):
-- 1. ALLOCATE and DEALLOCATE movements are accepted, with the bin whose stock is reserved or
--    released in from_location_id (to_location_id NULL). They change reserved_quantity, never
--    on-hand: ALLOCATE only while quantity − reserved covers it (a conditional update, so two
--    allocations can never oversell a row), DEALLOCATE only up to what is reserved.
-- 2. stock_levels.reserved_quantity changes only through that trigger (like quantity), so the
--    reservation use cases (lib/inventory/reserve-stock.ts, release-order-allocation.ts), which
--    write those ledger rows, are the only code that changes it.
-- 3. stock_allocations quantities are positive; row-level security on stock_allocations.

CREATE OR REPLACE FUNCTION stock_movements_validate() RETURNS trigger
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
    WHEN 'ALLOCATE' THEN NEW.from_location_id IS NOT NULL AND NEW.to_location_id IS NULL
    WHEN 'DEALLOCATE' THEN NEW.from_location_id IS NOT NULL AND NEW.to_location_id IS NULL
    ELSE false
  END;
  IF NOT shape_ok THEN
    RAISE EXCEPTION 'stock movement % has the wrong from/to locations', NEW.type
      USING ERRCODE = 'check_violation', CONSTRAINT = 'stock_movements_shape';
  END IF;
  IF NEW.from_location_id = NEW.to_location_id THEN
    RAISE EXCEPTION 'stock movement from and to locations must differ'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'stock_movements_shape';
  END IF;
  RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION stock_movements_apply() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF NEW.type IN ('ALLOCATE', 'DEALLOCATE') THEN
    UPDATE "stock_levels"
       SET reserved_quantity = reserved_quantity
             + CASE WHEN NEW.type = 'ALLOCATE' THEN NEW.quantity ELSE -NEW.quantity END,
           updated_at = now()
     WHERE organization_id = NEW.organization_id AND location_id = NEW.from_location_id
       AND product_id = NEW.product_id AND lot_id IS NOT DISTINCT FROM NEW.lot_id
       AND CASE WHEN NEW.type = 'ALLOCATE' THEN quantity - reserved_quantity >= NEW.quantity
                ELSE reserved_quantity >= NEW.quantity END;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'insufficient stock: % of % units is not possible in that location', NEW.type, NEW.quantity
        USING ERRCODE = 'check_violation', CONSTRAINT = 'stock_levels_reserved_within_on_hand';
    END IF;
    RETURN NULL;
  END IF;
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

CREATE OR REPLACE FUNCTION stock_levels_guard() RETURNS trigger
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
  -- Depth 1: a statement on stock_levels itself; depth 2: the ledger trigger.
  IF pg_trigger_depth() < 2 THEN
    IF TG_OP = 'INSERT' AND (NEW.quantity <> 0 OR NEW.reserved_quantity <> 0) THEN
      RAISE EXCEPTION 'stock_levels.quantity changes only through the stock_movements ledger'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'UPDATE' AND (NEW.quantity <> OLD.quantity OR NEW.location_id <> OLD.location_id
        OR NEW.product_id <> OLD.product_id OR NEW.lot_id IS DISTINCT FROM OLD.lot_id
        OR NEW.organization_id <> OLD.organization_id) THEN
      RAISE EXCEPTION 'stock_levels.quantity and key change only through the stock_movements ledger'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.reserved_quantity <> OLD.reserved_quantity THEN
      RAISE EXCEPTION 'reserved quantity changes only through the stock_movements ledger (ALLOCATE / DEALLOCATE)'
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

CREATE FUNCTION stock_allocations_positive() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF NEW.quantity <= 0 THEN
    RAISE EXCEPTION 'allocation quantity must be positive' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER stock_allocations_positive
  BEFORE INSERT OR UPDATE ON "stock_allocations"
  FOR EACH ROW EXECUTE FUNCTION stock_allocations_positive();

ALTER TABLE "stock_allocations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "stock_allocations" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "stock_allocations"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());
