-- CreateTable
CREATE TABLE "stock_allocations" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "order_line_id" UUID NOT NULL,
    "stock_level_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "stock_allocations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "stock_allocations_organization_id_order_id_idx" ON "stock_allocations"("organization_id", "order_id");

-- CreateIndex
CREATE INDEX "stock_allocations_organization_id_stock_level_id_idx" ON "stock_allocations"("organization_id", "stock_level_id");

-- CreateIndex
CREATE INDEX "stock_allocations_organization_id_product_id_idx" ON "stock_allocations"("organization_id", "product_id");

-- CreateIndex
CREATE UNIQUE INDEX "stock_allocations_organization_id_id_key" ON "stock_allocations"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "stock_allocations_organization_id_order_line_id_stock_level_key" ON "stock_allocations"("organization_id", "order_line_id", "stock_level_id");

-- AddForeignKey
ALTER TABLE "stock_allocations" ADD CONSTRAINT "stock_allocations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_allocations" ADD CONSTRAINT "stock_allocations_organization_id_order_id_fkey" FOREIGN KEY ("organization_id", "order_id") REFERENCES "orders"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_allocations" ADD CONSTRAINT "stock_allocations_organization_id_order_line_id_fkey" FOREIGN KEY ("organization_id", "order_line_id") REFERENCES "order_lines"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_allocations" ADD CONSTRAINT "stock_allocations_organization_id_stock_level_id_fkey" FOREIGN KEY ("organization_id", "stock_level_id") REFERENCES "stock_levels"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_allocations" ADD CONSTRAINT "stock_allocations_organization_id_product_id_fkey" FOREIGN KEY ("organization_id", "product_id") REFERENCES "products"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
