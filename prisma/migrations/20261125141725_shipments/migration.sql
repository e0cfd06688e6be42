-- CreateEnum
CREATE TYPE "shipment_status" AS ENUM ('PACKING', 'PACKED', 'LABELLED', 'SHIPPED', 'VOIDED');

-- CreateEnum
CREATE TYPE "shipment_confirmation_status" AS ENUM ('PENDING', 'CONFIRMED', 'FAILED');

-- CreateEnum
CREATE TYPE "shipment_label_format" AS ENUM ('PDF', 'ZPL');

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "packing_slip_hide_prices" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "shipments" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "parcel_number" INTEGER NOT NULL,
    "status" "shipment_status" NOT NULL DEFAULT 'PACKING',
    "weight_grams" INTEGER,
    "length_mm" INTEGER,
    "width_mm" INTEGER,
    "height_mm" INTEGER,
    "carrier_account_id" UUID,
    "carrier" TEXT,
    "service_code" TEXT,
    "tracking_number" TEXT,
    "carrier_shipment_id" TEXT,
    "packed_by_id" UUID,
    "packed_at" TIMESTAMPTZ(3),
    "labelled_at" TIMESTAMPTZ(3),
    "shipped_at" TIMESTAMPTZ(3),
    "voided_at" TIMESTAMPTZ(3),
    "confirmation_status" "shipment_confirmation_status",
    "confirmation_error" TEXT,
    "confirmation_attempts" INTEGER NOT NULL DEFAULT 0,
    "confirmed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "shipments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "shipment_items" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "shipment_id" UUID NOT NULL,
    "order_line_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "shipment_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "shipment_labels" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "shipment_id" UUID NOT NULL,
    "format" "shipment_label_format" NOT NULL,
    "key_version" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "shipment_labels_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "shipments_organization_id_status_created_at_idx" ON "shipments"("organization_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "shipments_organization_id_created_at_id_idx" ON "shipments"("organization_id", "created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "shipments_organization_id_id_key" ON "shipments"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "shipments_organization_id_order_id_parcel_number_key" ON "shipments"("organization_id", "order_id", "parcel_number");

-- CreateIndex
CREATE INDEX "shipment_items_organization_id_order_line_id_idx" ON "shipment_items"("organization_id", "order_line_id");

-- CreateIndex
CREATE UNIQUE INDEX "shipment_items_organization_id_id_key" ON "shipment_items"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "shipment_items_organization_id_shipment_id_order_line_id_key" ON "shipment_items"("organization_id", "shipment_id", "order_line_id");

-- CreateIndex
CREATE INDEX "shipment_labels_organization_id_key_version_idx" ON "shipment_labels"("organization_id", "key_version");

-- CreateIndex
CREATE UNIQUE INDEX "shipment_labels_organization_id_id_key" ON "shipment_labels"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "shipment_labels_organization_id_shipment_id_format_key" ON "shipment_labels"("organization_id", "shipment_id", "format");

-- AddForeignKey
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_organization_id_order_id_fkey" FOREIGN KEY ("organization_id", "order_id") REFERENCES "orders"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shipment_items" ADD CONSTRAINT "shipment_items_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shipment_items" ADD CONSTRAINT "shipment_items_organization_id_shipment_id_fkey" FOREIGN KEY ("organization_id", "shipment_id") REFERENCES "shipments"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shipment_items" ADD CONSTRAINT "shipment_items_organization_id_order_line_id_fkey" FOREIGN KEY ("organization_id", "order_line_id") REFERENCES "order_lines"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shipment_labels" ADD CONSTRAINT "shipment_labels_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shipment_labels" ADD CONSTRAINT "shipment_labels_organization_id_shipment_id_fkey" FOREIGN KEY ("organization_id", "shipment_id") REFERENCES "shipments"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
