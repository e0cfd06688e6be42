-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "timezone" TEXT NOT NULL DEFAULT 'UTC';

-- AlterTable
ALTER TABLE "products" ADD COLUMN     "reorder_point" INTEGER;

-- CreateIndex
CREATE INDEX "orders_live_purchased_at" ON "orders"("organization_id", "purchased_at") WHERE (deleted_at IS NULL);

-- CreateIndex
CREATE INDEX "orders_open_ship_by" ON "orders"("organization_id", "latest_ship_at") WHERE (fulfilment_channel = 'MERCHANT' AND status IN ('PENDING', 'AWAITING_FULFILMENT', 'PARTIALLY_SHIPPED') AND deleted_at IS NULL);

-- CreateIndex
CREATE INDEX "shipments_shipped" ON "shipments"("organization_id", "shipped_at", "carrier") WHERE (status = 'SHIPPED');

-- CreateIndex
CREATE INDEX "pick_list_lines_picked_at" ON "pick_list_lines"("organization_id", "picked_at") WHERE (picked_at IS NOT NULL);
