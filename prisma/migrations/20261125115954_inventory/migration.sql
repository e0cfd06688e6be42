-- CreateEnum
CREATE TYPE "location_type" AS ENUM ('PICK_FACE', 'BULK', 'QUARANTINE', 'RETURNS', 'RECEIVING');

-- CreateEnum
CREATE TYPE "stock_movement_type" AS ENUM ('RECEIVE', 'PUTAWAY', 'MOVE', 'ADJUST', 'ALLOCATE', 'DEALLOCATE', 'PICK', 'RETURN', 'SCRAP', 'COUNT');

-- CreateEnum
CREATE TYPE "inbound_delivery_status" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "receiving_discrepancy_kind" AS ENUM ('OVER', 'SHORT', 'DAMAGED');

-- CreateEnum
CREATE TYPE "count_task_status" AS ENUM ('OPEN', 'PENDING_APPROVAL', 'COMPLETED', 'REJECTED');

-- CreateTable
CREATE TABLE "products" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "barcode" TEXT,
    "weight_grams" INTEGER,
    "length_mm" INTEGER,
    "width_mm" INTEGER,
    "height_mm" INTEGER,
    "lot_tracked" BOOLEAN NOT NULL DEFAULT false,
    "expiry_tracked" BOOLEAN NOT NULL DEFAULT false,
    "expiry_exclusion_days" INTEGER NOT NULL DEFAULT 0,
    "image_url" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "warehouses" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 100,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "warehouses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "locations" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "warehouse_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "zone" TEXT,
    "aisle" TEXT,
    "shelf" TEXT,
    "level" TEXT,
    "type" "location_type" NOT NULL,
    "pick_sequence" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "locations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lots" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "lot_number" TEXT NOT NULL,
    "expires_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stock_levels" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "location_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "lot_id" UUID,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "reserved_quantity" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "stock_levels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stock_movements" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "type" "stock_movement_type" NOT NULL,
    "product_id" UUID NOT NULL,
    "lot_id" UUID,
    "from_location_id" UUID,
    "to_location_id" UUID,
    "quantity" INTEGER NOT NULL,
    "reason_code" TEXT,
    "reference" TEXT,
    "actor_type" "actor_type" NOT NULL,
    "actor_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_movements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbound_deliveries" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "warehouse_id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "supplier" TEXT,
    "status" "inbound_delivery_status" NOT NULL DEFAULT 'OPEN',
    "expected_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "inbound_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbound_delivery_lines" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "delivery_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "expected_quantity" INTEGER NOT NULL,
    "received_quantity" INTEGER NOT NULL DEFAULT 0,
    "damaged_quantity" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "inbound_delivery_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "receiving_discrepancies" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "delivery_id" UUID,
    "product_id" UUID NOT NULL,
    "lot_id" UUID,
    "kind" "receiving_discrepancy_kind" NOT NULL,
    "quantity" INTEGER NOT NULL,
    "note" TEXT,
    "actor_type" "actor_type" NOT NULL,
    "actor_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "receiving_discrepancies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "count_tasks" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "warehouse_id" UUID NOT NULL,
    "location_id" UUID,
    "product_id" UUID,
    "blind" BOOLEAN NOT NULL DEFAULT true,
    "status" "count_task_status" NOT NULL DEFAULT 'OPEN',
    "created_by_id" UUID,
    "counted_by_id" UUID,
    "counted_at" TIMESTAMPTZ(3),
    "reviewed_by_id" UUID,
    "reviewed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "count_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "count_task_lines" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "count_task_id" UUID NOT NULL,
    "location_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "lot_id" UUID,
    "expected_quantity" INTEGER,
    "counted_quantity" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "count_task_lines_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "products_organization_id_created_at_id_idx" ON "products"("organization_id", "created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "products_organization_id_id_key" ON "products"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "products_organization_id_sku_key" ON "products"("organization_id", "sku");

-- CreateIndex
CREATE UNIQUE INDEX "products_organization_id_barcode_key" ON "products"("organization_id", "barcode");

-- CreateIndex
CREATE UNIQUE INDEX "warehouses_organization_id_id_key" ON "warehouses"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "warehouses_organization_id_code_key" ON "warehouses"("organization_id", "code");

-- CreateIndex
CREATE INDEX "locations_organization_id_code_idx" ON "locations"("organization_id", "code");

-- CreateIndex
CREATE INDEX "locations_organization_id_warehouse_id_type_pick_sequence_idx" ON "locations"("organization_id", "warehouse_id", "type", "pick_sequence");

-- CreateIndex
CREATE UNIQUE INDEX "locations_organization_id_id_key" ON "locations"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "locations_organization_id_warehouse_id_code_key" ON "locations"("organization_id", "warehouse_id", "code");

-- CreateIndex
CREATE INDEX "lots_organization_id_product_id_expires_on_idx" ON "lots"("organization_id", "product_id", "expires_on");

-- CreateIndex
CREATE UNIQUE INDEX "lots_organization_id_id_key" ON "lots"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "lots_organization_id_product_id_lot_number_key" ON "lots"("organization_id", "product_id", "lot_number");

-- CreateIndex
CREATE INDEX "stock_levels_organization_id_product_id_idx" ON "stock_levels"("organization_id", "product_id");

-- CreateIndex
CREATE UNIQUE INDEX "stock_levels_organization_id_id_key" ON "stock_levels"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "stock_levels_key_with_lot" ON "stock_levels"("organization_id", "location_id", "product_id", "lot_id") WHERE (lot_id IS NOT NULL);

-- CreateIndex
CREATE UNIQUE INDEX "stock_levels_key_without_lot" ON "stock_levels"("organization_id", "location_id", "product_id") WHERE (lot_id IS NULL);

-- CreateIndex
CREATE INDEX "stock_movements_organization_id_at_id_idx" ON "stock_movements"("organization_id", "at", "id");

-- CreateIndex
CREATE INDEX "stock_movements_organization_id_product_id_at_idx" ON "stock_movements"("organization_id", "product_id", "at");

-- CreateIndex
CREATE INDEX "stock_movements_organization_id_from_location_id_at_idx" ON "stock_movements"("organization_id", "from_location_id", "at");

-- CreateIndex
CREATE INDEX "stock_movements_organization_id_to_location_id_at_idx" ON "stock_movements"("organization_id", "to_location_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "stock_movements_organization_id_id_key" ON "stock_movements"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "inbound_deliveries_organization_id_id_key" ON "inbound_deliveries"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "inbound_deliveries_organization_id_reference_key" ON "inbound_deliveries"("organization_id", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "inbound_delivery_lines_organization_id_id_key" ON "inbound_delivery_lines"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "inbound_delivery_lines_organization_id_delivery_id_product__key" ON "inbound_delivery_lines"("organization_id", "delivery_id", "product_id");

-- CreateIndex
CREATE INDEX "receiving_discrepancies_organization_id_delivery_id_idx" ON "receiving_discrepancies"("organization_id", "delivery_id");

-- CreateIndex
CREATE UNIQUE INDEX "receiving_discrepancies_organization_id_id_key" ON "receiving_discrepancies"("organization_id", "id");

-- CreateIndex
CREATE INDEX "count_tasks_organization_id_status_idx" ON "count_tasks"("organization_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "count_tasks_organization_id_id_key" ON "count_tasks"("organization_id", "id");

-- CreateIndex
CREATE INDEX "count_task_lines_organization_id_count_task_id_idx" ON "count_task_lines"("organization_id", "count_task_id");

-- CreateIndex
CREATE UNIQUE INDEX "count_task_lines_organization_id_id_key" ON "count_task_lines"("organization_id", "id");

-- AddForeignKey
ALTER TABLE "products" ADD CONSTRAINT "products_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "warehouses" ADD CONSTRAINT "warehouses_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "locations" ADD CONSTRAINT "locations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "locations" ADD CONSTRAINT "locations_organization_id_warehouse_id_fkey" FOREIGN KEY ("organization_id", "warehouse_id") REFERENCES "warehouses"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lots" ADD CONSTRAINT "lots_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lots" ADD CONSTRAINT "lots_organization_id_product_id_fkey" FOREIGN KEY ("organization_id", "product_id") REFERENCES "products"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_organization_id_location_id_fkey" FOREIGN KEY ("organization_id", "location_id") REFERENCES "locations"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_organization_id_product_id_fkey" FOREIGN KEY ("organization_id", "product_id") REFERENCES "products"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_organization_id_lot_id_fkey" FOREIGN KEY ("organization_id", "lot_id") REFERENCES "lots"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_organization_id_product_id_fkey" FOREIGN KEY ("organization_id", "product_id") REFERENCES "products"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_organization_id_lot_id_fkey" FOREIGN KEY ("organization_id", "lot_id") REFERENCES "lots"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_organization_id_from_location_id_fkey" FOREIGN KEY ("organization_id", "from_location_id") REFERENCES "locations"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_organization_id_to_location_id_fkey" FOREIGN KEY ("organization_id", "to_location_id") REFERENCES "locations"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbound_deliveries" ADD CONSTRAINT "inbound_deliveries_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbound_deliveries" ADD CONSTRAINT "inbound_deliveries_organization_id_warehouse_id_fkey" FOREIGN KEY ("organization_id", "warehouse_id") REFERENCES "warehouses"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbound_delivery_lines" ADD CONSTRAINT "inbound_delivery_lines_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbound_delivery_lines" ADD CONSTRAINT "inbound_delivery_lines_organization_id_delivery_id_fkey" FOREIGN KEY ("organization_id", "delivery_id") REFERENCES "inbound_deliveries"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbound_delivery_lines" ADD CONSTRAINT "inbound_delivery_lines_organization_id_product_id_fkey" FOREIGN KEY ("organization_id", "product_id") REFERENCES "products"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "receiving_discrepancies" ADD CONSTRAINT "receiving_discrepancies_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "receiving_discrepancies" ADD CONSTRAINT "receiving_discrepancies_organization_id_delivery_id_fkey" FOREIGN KEY ("organization_id", "delivery_id") REFERENCES "inbound_deliveries"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "receiving_discrepancies" ADD CONSTRAINT "receiving_discrepancies_organization_id_product_id_fkey" FOREIGN KEY ("organization_id", "product_id") REFERENCES "products"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "receiving_discrepancies" ADD CONSTRAINT "receiving_discrepancies_organization_id_lot_id_fkey" FOREIGN KEY ("organization_id", "lot_id") REFERENCES "lots"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "count_tasks" ADD CONSTRAINT "count_tasks_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "count_tasks" ADD CONSTRAINT "count_tasks_organization_id_warehouse_id_fkey" FOREIGN KEY ("organization_id", "warehouse_id") REFERENCES "warehouses"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "count_tasks" ADD CONSTRAINT "count_tasks_organization_id_location_id_fkey" FOREIGN KEY ("organization_id", "location_id") REFERENCES "locations"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "count_tasks" ADD CONSTRAINT "count_tasks_organization_id_product_id_fkey" FOREIGN KEY ("organization_id", "product_id") REFERENCES "products"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "count_task_lines" ADD CONSTRAINT "count_task_lines_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "count_task_lines" ADD CONSTRAINT "count_task_lines_organization_id_count_task_id_fkey" FOREIGN KEY ("organization_id", "count_task_id") REFERENCES "count_tasks"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "count_task_lines" ADD CONSTRAINT "count_task_lines_organization_id_location_id_fkey" FOREIGN KEY ("organization_id", "location_id") REFERENCES "locations"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "count_task_lines" ADD CONSTRAINT "count_task_lines_organization_id_product_id_fkey" FOREIGN KEY ("organization_id", "product_id") REFERENCES "products"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "count_task_lines" ADD CONSTRAINT "count_task_lines_organization_id_lot_id_fkey" FOREIGN KEY ("organization_id", "lot_id") REFERENCES "lots"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
