-- Buyer-PII due dates and order holds (docs/decisions/0010-pii-due-dates-and-order-holds.md).
--
-- 1. The retention policy is capped at 30 days (the promise to Amazon); longer only per order,
--    through an order hold.
-- 2. orders.pii_due_at: when an order's buyer PII is due for anonymisation, for every order whose
--    PII is in the vault (pii_status = 'STORED'), completed or not. One definition,
--    order_pii_due_at(), kept current by triggers wherever one of its inputs changes: the order's
--    own dates (sync, completion stamp), its integration's disconnect, the organization's policy,
--    its holds and its returns. The anonymiser walks the partial index orders_pii_due_at.
-- 3. order_holds: RLS like every tenant table, a written reason, release consistency.

-- 1. Policy cap. Rows above 30 are brought down first (FORCE would hide them from the owner).
ALTER TABLE "organizations" NO FORCE ROW LEVEL SECURITY;
UPDATE "organizations" SET "pii_retention_days" = 30 WHERE "pii_retention_days" > 30;
ALTER TABLE "organizations" FORCE ROW LEVEL SECURITY;
ALTER TABLE "organizations" DROP CONSTRAINT "organizations_pii_retention_days_range";
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_pii_retention_days_range"
  CHECK ("pii_retention_days" BETWEEN 1 AND 30);

-- 3. order_holds.
ALTER TABLE "order_holds" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "order_holds" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "order_holds"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());
ALTER TABLE "order_holds" ADD CONSTRAINT "order_holds_reason_length"
  CHECK (char_length(btrim("reason")) BETWEEN 5 AND 500);
ALTER TABLE "order_holds" ADD CONSTRAINT "order_holds_release_consistent"
  CHECK (("released_at" IS NULL) = ("released_by_type" IS NULL)
         AND ("released_at" IS NULL OR "released_at" >= "placed_at"));

-- 2. The due date. Normal: the earliest of completion, latest ship date (else purchase date) and
-- the integration's disconnect, plus the organization's policy days. Under an active hold of any
-- kind but LEGAL, or while a return of the order is open: up to 90 days after shipment (else
-- purchase), never earlier than the normal date. Under an active LEGAL hold: none (NULL) until
-- released. Runs as the caller (RLS applies), so every lookup stays inside the order's tenant.
CREATE FUNCTION order_pii_due_at(
  p_org uuid, p_order uuid, p_completed timestamptz, p_latest_ship timestamptz,
  p_purchased timestamptz, p_integration uuid
) RETURNS timestamptz
  LANGUAGE sql
  STABLE
  AS $$
  WITH normal AS (
    SELECT LEAST(
             p_completed,
             COALESCE(p_latest_ship, p_purchased),
             (SELECT i.disconnected_at FROM amazon_integrations i
               WHERE i.organization_id = p_org AND i.id = p_integration AND i.status = 'DISCONNECTED')
           ) + make_interval(days => COALESCE(
             (SELECT g.pii_retention_days FROM organizations g WHERE g.id = p_org), 30)) AS at
  ), holds AS (
    SELECT COALESCE(bool_or(h.kind = 'LEGAL'), false) AS legal, count(*) > 0 AS any
      FROM order_holds h
     WHERE h.organization_id = p_org AND h.order_id = p_order AND h.released_at IS NULL
  ), open_return AS (
    SELECT EXISTS (SELECT 1 FROM return_authorizations r
                    WHERE r.organization_id = p_org AND r.order_id = p_order AND r.status <> 'CLOSED') AS open
  )
  SELECT CASE
           WHEN holds.legal THEN NULL
           WHEN holds.any OR open_return.open
             THEN GREATEST(normal.at, COALESCE(p_completed, p_purchased) + interval '90 days')
           ELSE normal.at
         END
    FROM normal, holds, open_return
$$;

-- Recomputes the due date of an organization's stored orders: one order, one integration's, or
-- all of them (both filters NULL); with p_missing_only, only those without one (rows stored
-- before this migration: the anonymiser fills them at the start of a run, over the NULL entries
-- of orders_pii_due_at). Writes only rows whose value changes.
CREATE FUNCTION orders_refresh_pii_due_at(
  p_org uuid, p_order uuid, p_integration uuid, p_missing_only boolean DEFAULT false
) RETURNS void
  LANGUAGE sql
  AS $$
  UPDATE orders o
     SET pii_due_at = d.at
    FROM (SELECT o2.id,
                 order_pii_due_at(o2.organization_id, o2.id, o2.completed_at, o2.latest_ship_at,
                                  o2.purchased_at, o2.integration_id) AS at
            FROM orders o2
           WHERE o2.organization_id = p_org AND o2.pii_status = 'STORED'
             AND (p_order IS NULL OR o2.id = p_order)
             AND (p_integration IS NULL OR o2.integration_id = p_integration)
             AND (NOT p_missing_only OR o2.pii_due_at IS NULL)) d
   WHERE o.organization_id = p_org AND o.id = d.id AND o.pii_due_at IS DISTINCT FROM d.at
$$;

-- The order's own inputs: only for stored PII, and only when an input changed (the sync rewrites
-- orders on every page; the anonymiser's ANONYMISED update does not call the function at all).
CREATE FUNCTION orders_set_pii_due_at() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  NEW.pii_due_at := order_pii_due_at(NEW.organization_id, NEW.id, NEW.completed_at, NEW.latest_ship_at,
                                     NEW.purchased_at, NEW.integration_id);
  RETURN NEW;
END
$$;

CREATE TRIGGER orders_pii_due_at_insert
  BEFORE INSERT ON orders
  FOR EACH ROW WHEN (NEW.pii_status = 'STORED')
  EXECUTE FUNCTION orders_set_pii_due_at();

CREATE TRIGGER orders_pii_due_at_update
  BEFORE UPDATE OF pii_status, completed_at, latest_ship_at, purchased_at, integration_id ON orders
  FOR EACH ROW WHEN (NEW.pii_status = 'STORED' AND (
    OLD.pii_status IS DISTINCT FROM NEW.pii_status
    OR OLD.completed_at IS DISTINCT FROM NEW.completed_at
    OR OLD.latest_ship_at IS DISTINCT FROM NEW.latest_ship_at
    OR OLD.purchased_at IS DISTINCT FROM NEW.purchased_at
    OR OLD.integration_id IS DISTINCT FROM NEW.integration_id))
  EXECUTE FUNCTION orders_set_pii_due_at();

-- Holds and returns: the order they concern.
CREATE FUNCTION order_children_refresh_pii_due_at() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM orders_refresh_pii_due_at(OLD.organization_id, OLD.order_id, NULL);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM orders_refresh_pii_due_at(NEW.organization_id, NEW.order_id, NULL);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER order_holds_pii_due_at
  AFTER INSERT OR DELETE OR UPDATE OF kind, released_at, order_id ON order_holds
  FOR EACH ROW EXECUTE FUNCTION order_children_refresh_pii_due_at();

CREATE TRIGGER return_authorizations_pii_due_at
  AFTER INSERT OR DELETE OR UPDATE OF status, order_id ON return_authorizations
  FOR EACH ROW EXECUTE FUNCTION order_children_refresh_pii_due_at();

-- A disconnect (or reconnect): the integration's stored orders.
CREATE FUNCTION amazon_integrations_refresh_pii_due_at() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM orders_refresh_pii_due_at(NEW.organization_id, NULL, NEW.id);
  RETURN NULL;
END
$$;

CREATE TRIGGER amazon_integrations_pii_due_at
  AFTER UPDATE OF status, disconnected_at ON amazon_integrations
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.disconnected_at IS DISTINCT FROM NEW.disconnected_at)
  EXECUTE FUNCTION amazon_integrations_refresh_pii_due_at();

-- A policy change: every stored order of the organization.
CREATE FUNCTION organizations_refresh_pii_due_at() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM orders_refresh_pii_due_at(NEW.id, NULL, NULL);
  RETURN NULL;
END
$$;

CREATE TRIGGER organizations_pii_due_at
  AFTER UPDATE OF pii_retention_days ON organizations
  FOR EACH ROW WHEN (OLD.pii_retention_days IS DISTINCT FROM NEW.pii_retention_days)
  EXECUTE FUNCTION organizations_refresh_pii_due_at();
