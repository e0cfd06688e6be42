-- CreateEnum
CREATE TYPE "IntegrationStatus" AS ENUM ('CONNECTED', 'ERROR', 'DISCONNECTED');

-- CreateEnum
CREATE TYPE "AmazonOrdersApiVersion" AS ENUM ('V0', 'V2026_01_01');

-- CreateEnum
CREATE TYPE "AmazonConnectMethod" AS ENUM ('WEBSITE', 'SELF_AUTHORIZATION');

-- CreateEnum
CREATE TYPE "ChannelSyncRunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "OrderChannel" AS ENUM ('AMAZON', 'MANUAL');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('PENDING', 'AWAITING_FULFILMENT', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED', 'UNFULFILLABLE');

-- CreateEnum
CREATE TYPE "FulfilmentChannel" AS ENUM ('MERCHANT', 'MARKETPLACE');

-- CreateEnum
CREATE TYPE "OrderPiiStatus" AS ENUM ('NOT_NEEDED', 'PENDING', 'STORED', 'ANONYMISED');

-- CreateTable
CREATE TABLE "amazon_integrations" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "selling_partner_id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "marketplace_ids" TEXT[],
    "status" "IntegrationStatus" NOT NULL DEFAULT 'CONNECTED',
    "orders_api_version" "AmazonOrdersApiVersion" NOT NULL DEFAULT 'V0',
    "connect_method" "AmazonConnectMethod" NOT NULL,
    "sync_interval_minutes" INTEGER NOT NULL DEFAULT 2,
    "sync_cursor" TIMESTAMPTZ(3),
    "last_sync_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "last_error_at" TIMESTAMPTZ(3),
    "connected_by_id" UUID,
    "connected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disconnected_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "amazon_integrations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "channel_sync_runs" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "status" "ChannelSyncRunStatus" NOT NULL DEFAULT 'RUNNING',
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "job_id" TEXT,
    "cursor_from" TIMESTAMPTZ(3),
    "cursor_to" TIMESTAMPTZ(3),
    "pages" INTEGER NOT NULL DEFAULT 0,
    "orders_upserted" INTEGER NOT NULL DEFAULT 0,
    "items_fetched" INTEGER NOT NULL DEFAULT 0,
    "pii_stored" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "channel_sync_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "orders" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "channel" "OrderChannel" NOT NULL,
    "integration_id" UUID,
    "amazon_order_id" TEXT,
    "marketplace_id" TEXT,
    "status" "OrderStatus" NOT NULL,
    "channel_status" TEXT NOT NULL,
    "fulfilment_channel" "FulfilmentChannel" NOT NULL,
    "purchased_at" TIMESTAMPTZ(3) NOT NULL,
    "channel_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "earliest_ship_at" TIMESTAMPTZ(3),
    "latest_ship_at" TIMESTAMPTZ(3),
    "earliest_delivery_at" TIMESTAMPTZ(3),
    "latest_delivery_at" TIMESTAMPTZ(3),
    "ship_service_level" TEXT,
    "total_minor" BIGINT,
    "currency" CHAR(3),
    "items_shipped" INTEGER NOT NULL DEFAULT 0,
    "items_unshipped" INTEGER NOT NULL DEFAULT 0,
    "is_prime" BOOLEAN NOT NULL DEFAULT false,
    "is_business" BOOLEAN NOT NULL DEFAULT false,
    "lines_synced_at" TIMESTAMPTZ(3),
    "pii_status" "OrderPiiStatus" NOT NULL DEFAULT 'NOT_NEEDED',
    "pii_record_id" UUID,
    "cancelled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_lines" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "channel_line_id" TEXT NOT NULL,
    "sku" TEXT,
    "asin" TEXT,
    "title" TEXT,
    "quantity_ordered" INTEGER NOT NULL,
    "quantity_shipped" INTEGER NOT NULL DEFAULT 0,
    "item_price_minor" BIGINT,
    "item_tax_minor" BIGINT,
    "currency" CHAR(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "order_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_status_events" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "status" "OrderStatus" NOT NULL,
    "channel_status" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_status_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "amazon_integrations_organization_id_id_key" ON "amazon_integrations"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "amazon_integrations_organization_id_selling_partner_id_regi_key" ON "amazon_integrations"("organization_id", "selling_partner_id", "region");

-- CreateIndex
CREATE INDEX "channel_sync_runs_organization_id_integration_id_started_at_idx" ON "channel_sync_runs"("organization_id", "integration_id", "started_at");

-- CreateIndex
CREATE UNIQUE INDEX "channel_sync_runs_organization_id_id_key" ON "channel_sync_runs"("organization_id", "id");

-- CreateIndex
CREATE INDEX "orders_organization_id_purchased_at_id_idx" ON "orders"("organization_id", "purchased_at", "id");

-- CreateIndex
CREATE INDEX "orders_organization_id_status_purchased_at_id_idx" ON "orders"("organization_id", "status", "purchased_at", "id");

-- CreateIndex
CREATE INDEX "orders_organization_id_latest_ship_at_idx" ON "orders"("organization_id", "latest_ship_at");

-- CreateIndex
CREATE INDEX "orders_organization_id_integration_id_pii_status_idx" ON "orders"("organization_id", "integration_id", "pii_status");

-- CreateIndex
CREATE UNIQUE INDEX "orders_organization_id_id_key" ON "orders"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "orders_organization_id_integration_id_amazon_order_id_key" ON "orders"("organization_id", "integration_id", "amazon_order_id");

-- CreateIndex
CREATE INDEX "order_lines_organization_id_sku_idx" ON "order_lines"("organization_id", "sku");

-- CreateIndex
CREATE UNIQUE INDEX "order_lines_organization_id_id_key" ON "order_lines"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "order_lines_organization_id_order_id_channel_line_id_key" ON "order_lines"("organization_id", "order_id", "channel_line_id");

-- CreateIndex
CREATE UNIQUE INDEX "order_status_events_organization_id_id_key" ON "order_status_events"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "order_status_events_organization_id_order_id_channel_status_key" ON "order_status_events"("organization_id", "order_id", "channel_status");

-- AddForeignKey
ALTER TABLE "amazon_integrations" ADD CONSTRAINT "amazon_integrations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channel_sync_runs" ADD CONSTRAINT "channel_sync_runs_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channel_sync_runs" ADD CONSTRAINT "channel_sync_runs_organization_id_integration_id_fkey" FOREIGN KEY ("organization_id", "integration_id") REFERENCES "amazon_integrations"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_organization_id_integration_id_fkey" FOREIGN KEY ("organization_id", "integration_id") REFERENCES "amazon_integrations"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_organization_id_order_id_fkey" FOREIGN KEY ("organization_id", "order_id") REFERENCES "orders"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_status_events" ADD CONSTRAINT "order_status_events_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_status_events" ADD CONSTRAINT "order_status_events_organization_id_order_id_fkey" FOREIGN KEY ("organization_id", "order_id") REFERENCES "orders"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
