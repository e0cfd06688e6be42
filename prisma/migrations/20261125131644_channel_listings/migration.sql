-- CreateEnum
CREATE TYPE "ChannelListingPushStatus" AS ENUM ('NEVER', 'PENDING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "channel_listings" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "marketplace_id" TEXT NOT NULL,
    "seller_sku" TEXT NOT NULL,
    "asin" TEXT,
    "product_id" UUID,
    "last_pushed_quantity" INTEGER,
    "last_pushed_at" TIMESTAMPTZ(3),
    "last_push_status" "ChannelListingPushStatus" NOT NULL DEFAULT 'NEVER',
    "last_push_error" TEXT,
    "last_push_error_at" TIMESTAMPTZ(3),
    "push_pending" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "channel_listings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "channel_listings_organization_id_product_id_idx" ON "channel_listings"("organization_id", "product_id");

-- CreateIndex
CREATE UNIQUE INDEX "channel_listings_organization_id_id_key" ON "channel_listings"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "channel_listings_organization_id_integration_id_marketplace_key" ON "channel_listings"("organization_id", "integration_id", "marketplace_id", "seller_sku");

-- AddForeignKey
ALTER TABLE "channel_listings" ADD CONSTRAINT "channel_listings_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channel_listings" ADD CONSTRAINT "channel_listings_organization_id_integration_id_fkey" FOREIGN KEY ("organization_id", "integration_id") REFERENCES "amazon_integrations"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channel_listings" ADD CONSTRAINT "channel_listings_organization_id_product_id_fkey" FOREIGN KEY ("organization_id", "product_id") REFERENCES "products"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
