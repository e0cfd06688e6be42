-- CreateEnum
CREATE TYPE "return_status" AS ENUM ('REQUESTED', 'PARTLY_RECEIVED', 'RECEIVED', 'CLOSED');

-- CreateEnum
CREATE TYPE "return_reason" AS ENUM ('DAMAGED', 'DEFECTIVE', 'WRONG_ITEM', 'NOT_AS_DESCRIBED', 'NO_LONGER_NEEDED', 'OTHER');

-- CreateEnum
CREATE TYPE "return_disposition" AS ENUM ('RESTOCK', 'QUARANTINE', 'SCRAP');

-- CreateTable
CREATE TABLE "return_authorizations" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "order_id" UUID NOT NULL,
    "order_line_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "reason" "return_reason" NOT NULL,
    "reason_note" TEXT,
    "quantity_expected" INTEGER NOT NULL,
    "quantity_received" INTEGER NOT NULL DEFAULT 0,
    "expected_on" DATE,
    "status" "return_status" NOT NULL DEFAULT 'REQUESTED',
    "actor_type" "actor_type" NOT NULL,
    "actor_id" UUID,
    "closed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "return_authorizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "return_receipts" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "return_id" UUID NOT NULL,
    "disposition" "return_disposition" NOT NULL,
    "quantity" INTEGER NOT NULL,
    "location_id" UUID NOT NULL,
    "lot_id" UUID,
    "return_movement_id" UUID NOT NULL,
    "scrap_movement_id" UUID,
    "quantity_released" INTEGER NOT NULL DEFAULT 0,
    "note" TEXT,
    "actor_type" "actor_type" NOT NULL,
    "actor_id" UUID,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "return_receipts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "return_refunds" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "return_id" UUID NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "actor_type" "actor_type" NOT NULL,
    "actor_id" UUID,
    "refunded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "return_refunds_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "return_authorizations_organization_id_status_created_at_idx" ON "return_authorizations"("organization_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "return_authorizations_organization_id_created_at_idx" ON "return_authorizations"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "return_authorizations_organization_id_order_id_idx" ON "return_authorizations"("organization_id", "order_id");

-- CreateIndex
CREATE INDEX "return_authorizations_organization_id_order_line_id_idx" ON "return_authorizations"("organization_id", "order_line_id");

-- CreateIndex
CREATE UNIQUE INDEX "return_authorizations_organization_id_id_key" ON "return_authorizations"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "return_authorizations_organization_id_number_key" ON "return_authorizations"("organization_id", "number");

-- CreateIndex
CREATE INDEX "return_receipts_organization_id_return_id_idx" ON "return_receipts"("organization_id", "return_id");

-- CreateIndex
CREATE UNIQUE INDEX "return_receipts_organization_id_id_key" ON "return_receipts"("organization_id", "id");

-- CreateIndex
CREATE INDEX "return_refunds_organization_id_return_id_idx" ON "return_refunds"("organization_id", "return_id");

-- CreateIndex
CREATE UNIQUE INDEX "return_refunds_organization_id_id_key" ON "return_refunds"("organization_id", "id");

-- AddForeignKey
ALTER TABLE "return_authorizations" ADD CONSTRAINT "return_authorizations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_authorizations" ADD CONSTRAINT "return_authorizations_organization_id_order_id_fkey" FOREIGN KEY ("organization_id", "order_id") REFERENCES "orders"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_authorizations" ADD CONSTRAINT "return_authorizations_organization_id_order_line_id_fkey" FOREIGN KEY ("organization_id", "order_line_id") REFERENCES "order_lines"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_authorizations" ADD CONSTRAINT "return_authorizations_organization_id_product_id_fkey" FOREIGN KEY ("organization_id", "product_id") REFERENCES "products"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_receipts" ADD CONSTRAINT "return_receipts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_receipts" ADD CONSTRAINT "return_receipts_organization_id_return_id_fkey" FOREIGN KEY ("organization_id", "return_id") REFERENCES "return_authorizations"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_receipts" ADD CONSTRAINT "return_receipts_organization_id_location_id_fkey" FOREIGN KEY ("organization_id", "location_id") REFERENCES "locations"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_receipts" ADD CONSTRAINT "return_receipts_organization_id_lot_id_fkey" FOREIGN KEY ("organization_id", "lot_id") REFERENCES "lots"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_receipts" ADD CONSTRAINT "return_receipts_organization_id_return_movement_id_fkey" FOREIGN KEY ("organization_id", "return_movement_id") REFERENCES "stock_movements"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_receipts" ADD CONSTRAINT "return_receipts_organization_id_scrap_movement_id_fkey" FOREIGN KEY ("organization_id", "scrap_movement_id") REFERENCES "stock_movements"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_refunds" ADD CONSTRAINT "return_refunds_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_refunds" ADD CONSTRAINT "return_refunds_organization_id_return_id_fkey" FOREIGN KEY ("organization_id", "return_id") REFERENCES "return_authorizations"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
