-- order_status_counts: the orders list's counts per status (lib/orders/list-orders.ts), kept exact
-- by statement-level triggers on orders, so the list never counts a tenant's orders on each page
-- (at 1 M orders that count was 200–330 ms of a 380–600 ms page; bench/orders-list.ts).
-- One row per (organization, status, channel, fulfilment channel, marketplace) so the screen's
-- channel / fulfilment / marketplace filters are answered from here too ('' = no marketplace).
-- Soft-deleted orders (deleted_at set) are not counted, as they are not listed. A row that
-- reaches zero is removed.

ALTER TABLE "order_status_counts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "order_status_counts" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "order_status_counts"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "order_status_counts" ADD CONSTRAINT "order_status_counts_count_positive" CHECK ("count" > 0);

-- Adds a signed delta to one key. A decrement never inserts: when an organization is deleted its
-- count rows may already be gone (cascade), and there is nothing left to correct.
CREATE FUNCTION order_status_counts_add(
  p_org uuid, p_status "OrderStatus", p_channel "OrderChannel", p_fulfilment "FulfilmentChannel",
  p_marketplace text, p_delta int
) RETURNS void
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF p_delta > 0 THEN
    INSERT INTO order_status_counts AS c (organization_id, status, channel, fulfilment_channel, marketplace_id, count)
    VALUES (p_org, p_status, p_channel, p_fulfilment, p_marketplace, p_delta)
    ON CONFLICT (organization_id, status, channel, fulfilment_channel, marketplace_id)
      DO UPDATE SET count = c.count + EXCLUDED.count;
    RETURN;
  END IF;
  DELETE FROM order_status_counts
   WHERE (organization_id, status, channel, fulfilment_channel, marketplace_id)
         = (p_org, p_status, p_channel, p_fulfilment, p_marketplace)
     AND count + p_delta = 0;
  IF NOT FOUND THEN
    UPDATE order_status_counts SET count = count + p_delta
     WHERE (organization_id, status, channel, fulfilment_channel, marketplace_id)
           = (p_org, p_status, p_channel, p_fulfilment, p_marketplace);
  END IF;
END
$$;

-- The statement's net change per key from its transition tables (+1 per counted new row, -1 per
-- counted old row; an UPDATE that changes nothing counted nets to zero), applied key by key in a
-- fixed order so two transactions touching the same keys cannot deadlock. (A transition table
-- exists only for its own event, hence one query per event.)
CREATE FUNCTION order_status_counts_maintain() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  d record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    FOR d IN
      SELECT organization_id AS o, status AS s, channel AS c, fulfilment_channel AS f,
             coalesce(marketplace_id, '') AS m, count(*)::int AS n
        FROM new_rows WHERE deleted_at IS NULL
       GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    LOOP
      PERFORM order_status_counts_add(d.o, d.s, d.c, d.f, d.m, d.n);
    END LOOP;
  ELSIF TG_OP = 'DELETE' THEN
    FOR d IN
      SELECT organization_id AS o, status AS s, channel AS c, fulfilment_channel AS f,
             coalesce(marketplace_id, '') AS m, -count(*)::int AS n
        FROM old_rows WHERE deleted_at IS NULL
       GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    LOOP
      PERFORM order_status_counts_add(d.o, d.s, d.c, d.f, d.m, d.n);
    END LOOP;
  ELSE
    FOR d IN
      SELECT o, s, c, f, m, sum(n)::int AS n
        FROM (SELECT organization_id AS o, status AS s, channel AS c, fulfilment_channel AS f,
                     coalesce(marketplace_id, '') AS m, 1 AS n
                FROM new_rows WHERE deleted_at IS NULL
              UNION ALL
              SELECT organization_id, status, channel, fulfilment_channel, coalesce(marketplace_id, ''), -1
                FROM old_rows WHERE deleted_at IS NULL) AS changed
       GROUP BY 1, 2, 3, 4, 5
      HAVING sum(n) <> 0
       ORDER BY 1, 2, 3, 4, 5
    LOOP
      PERFORM order_status_counts_add(d.o, d.s, d.c, d.f, d.m, d.n);
    END LOOP;
  END IF;
  RETURN NULL;
END
$$;

LOCK TABLE "orders" IN SHARE ROW EXCLUSIVE MODE;

-- Transition tables need one trigger per event (and no column list on UPDATE).
CREATE TRIGGER orders_status_counts_insert AFTER INSERT ON "orders"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION order_status_counts_maintain();
CREATE TRIGGER orders_status_counts_update AFTER UPDATE ON "orders"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION order_status_counts_maintain();
CREATE TRIGGER orders_status_counts_delete AFTER DELETE ON "orders"
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION order_status_counts_maintain();

-- Backfill from the orders already there. Migrations run as the table owner, which FORCE RLS
-- binds too; lifting FORCE inside this transaction lets the owner count every organization at once.
-- The LOCK above (held to commit) means no order is written between the triggers'
-- creation and the backfill: the counts start exact.
ALTER TABLE "orders" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "order_status_counts" NO FORCE ROW LEVEL SECURITY;
INSERT INTO order_status_counts (organization_id, status, channel, fulfilment_channel, marketplace_id, count)
SELECT organization_id, status, channel, fulfilment_channel, coalesce(marketplace_id, ''), count(*)
  FROM orders WHERE deleted_at IS NULL
 GROUP BY 1, 2, 3, 4, 5;
ALTER TABLE "orders" FORCE ROW LEVEL SECURITY;
ALTER TABLE "order_status_counts" FORCE ROW LEVEL SECURITY;

-- The list's search by Amazon order id is a prefix match (LIKE 'q%'); the database collation is
-- not C, so only a text_pattern_ops index serves it.
CREATE INDEX "orders_amazon_order_id_prefix" ON "orders" ("organization_id", "amazon_order_id" text_pattern_ops);
