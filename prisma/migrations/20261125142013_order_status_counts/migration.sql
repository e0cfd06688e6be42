-- CreateTable
CREATE TABLE "order_status_counts" (
    "organization_id" UUID NOT NULL,
    "status" "OrderStatus" NOT NULL,
    "channel" "OrderChannel" NOT NULL,
    "fulfilment_channel" "FulfilmentChannel" NOT NULL,
    "marketplace_id" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "order_status_counts_pkey" PRIMARY KEY ("organization_id","status","channel","fulfilment_channel","marketplace_id")
);

-- AddForeignKey
ALTER TABLE "order_status_counts" ADD CONSTRAINT "order_status_counts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
