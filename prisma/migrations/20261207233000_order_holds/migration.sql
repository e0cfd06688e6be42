-- CreateEnum
CREATE TYPE "order_hold_kind" AS ENUM ('DISPUTE', 'LATE_FULFILMENT', 'LEGAL');

-- DropIndex
DROP INDEX "orders_pii_due";

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "pii_due_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "order_holds" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "kind" "order_hold_kind" NOT NULL,
    "reason" TEXT NOT NULL,
    "placed_by_type" "actor_type" NOT NULL,
    "placed_by_id" UUID,
    "placed_at" TIMESTAMPTZ(3) NOT NULL,
    "released_at" TIMESTAMPTZ(3),
    "released_by_type" "actor_type",
    "released_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "order_holds_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "order_holds_organization_id_order_id_idx" ON "order_holds"("organization_id", "order_id");

-- CreateIndex
CREATE INDEX "order_holds_active" ON "order_holds"("organization_id", "placed_at") WHERE (released_at IS NULL);

-- CreateIndex
CREATE UNIQUE INDEX "order_holds_organization_id_id_key" ON "order_holds"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "order_holds_active_kind" ON "order_holds"("organization_id", "order_id", "kind") WHERE (released_at IS NULL);

-- CreateIndex
CREATE INDEX "orders_pii_due_at" ON "orders"("organization_id", "pii_due_at", "id") WHERE (pii_status = 'STORED');

-- AddForeignKey
ALTER TABLE "order_holds" ADD CONSTRAINT "order_holds_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_holds" ADD CONSTRAINT "order_holds_organization_id_order_id_fkey" FOREIGN KEY ("organization_id", "order_id") REFERENCES "orders"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
