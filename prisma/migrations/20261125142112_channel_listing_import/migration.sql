-- CreateEnum
CREATE TYPE "pick_list_kind" AS ENUM ('SINGLE', 'BATCH', 'WAVE');

-- CreateEnum
CREATE TYPE "pick_list_status" AS ENUM ('OPEN', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED');

-- AlterTable
ALTER TABLE "channel_listings" ADD COLUMN     "amazon_quantity" INTEGER,
ADD COLUMN     "amazon_statuses" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "imported_at" TIMESTAMPTZ(3),
ADD COLUMN     "price_currency" CHAR(3),
ADD COLUMN     "price_minor" BIGINT,
ADD COLUMN     "title" TEXT;

-- CreateTable
CREATE TABLE "pick_lists" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" "pick_list_kind" NOT NULL,
    "status" "pick_list_status" NOT NULL DEFAULT 'OPEN',
    "warehouse_id" UUID NOT NULL,
    "wave_cutoff" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "completed_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pick_lists_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pick_list_orders" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "pick_list_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pick_list_orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pick_list_lines" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "pick_list_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "order_line_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "location_id" UUID NOT NULL,
    "lot_id" UUID,
    "stock_level_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "quantity_picked" INTEGER NOT NULL DEFAULT 0,
    "quantity_short" INTEGER NOT NULL DEFAULT 0,
    "sequence" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "last_scan_id" UUID,
    "picked_by_id" UUID,
    "picked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pick_list_lines_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "pick_lists_organization_id_status_created_at_idx" ON "pick_lists"("organization_id", "status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "pick_lists_organization_id_id_key" ON "pick_lists"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "pick_lists_organization_id_number_key" ON "pick_lists"("organization_id", "number");

-- CreateIndex
CREATE INDEX "pick_list_orders_organization_id_order_id_idx" ON "pick_list_orders"("organization_id", "order_id");

-- CreateIndex
CREATE UNIQUE INDEX "pick_list_orders_organization_id_id_key" ON "pick_list_orders"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "pick_list_orders_organization_id_pick_list_id_order_id_key" ON "pick_list_orders"("organization_id", "pick_list_id", "order_id");

-- CreateIndex
CREATE UNIQUE INDEX "pick_list_orders_one_active" ON "pick_list_orders"("organization_id", "order_id") WHERE (active);

-- CreateIndex
CREATE INDEX "pick_list_lines_organization_id_pick_list_id_sequence_idx" ON "pick_list_lines"("organization_id", "pick_list_id", "sequence");

-- CreateIndex
CREATE INDEX "pick_list_lines_organization_id_order_id_idx" ON "pick_list_lines"("organization_id", "order_id");

-- CreateIndex
CREATE INDEX "pick_list_lines_organization_id_last_scan_id_idx" ON "pick_list_lines"("organization_id", "last_scan_id");

-- CreateIndex
CREATE UNIQUE INDEX "pick_list_lines_organization_id_id_key" ON "pick_list_lines"("organization_id", "id");

-- AddForeignKey
ALTER TABLE "pick_lists" ADD CONSTRAINT "pick_lists_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pick_lists" ADD CONSTRAINT "pick_lists_organization_id_warehouse_id_fkey" FOREIGN KEY ("organization_id", "warehouse_id") REFERENCES "warehouses"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pick_list_orders" ADD CONSTRAINT "pick_list_orders_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pick_list_orders" ADD CONSTRAINT "pick_list_orders_organization_id_pick_list_id_fkey" FOREIGN KEY ("organization_id", "pick_list_id") REFERENCES "pick_lists"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pick_list_orders" ADD CONSTRAINT "pick_list_orders_organization_id_order_id_fkey" FOREIGN KEY ("organization_id", "order_id") REFERENCES "orders"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pick_list_lines" ADD CONSTRAINT "pick_list_lines_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pick_list_lines" ADD CONSTRAINT "pick_list_lines_organization_id_pick_list_id_fkey" FOREIGN KEY ("organization_id", "pick_list_id") REFERENCES "pick_lists"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pick_list_lines" ADD CONSTRAINT "pick_list_lines_organization_id_order_id_fkey" FOREIGN KEY ("organization_id", "order_id") REFERENCES "orders"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pick_list_lines" ADD CONSTRAINT "pick_list_lines_organization_id_order_line_id_fkey" FOREIGN KEY ("organization_id", "order_line_id") REFERENCES "order_lines"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pick_list_lines" ADD CONSTRAINT "pick_list_lines_organization_id_product_id_fkey" FOREIGN KEY ("organization_id", "product_id") REFERENCES "products"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pick_list_lines" ADD CONSTRAINT "pick_list_lines_organization_id_location_id_fkey" FOREIGN KEY ("organization_id", "location_id") REFERENCES "locations"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pick_list_lines" ADD CONSTRAINT "pick_list_lines_organization_id_lot_id_fkey" FOREIGN KEY ("organization_id", "lot_id") REFERENCES "lots"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pick_list_lines" ADD CONSTRAINT "pick_list_lines_organization_id_stock_level_id_fkey" FOREIGN KEY ("organization_id", "stock_level_id") REFERENCES "stock_levels"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
