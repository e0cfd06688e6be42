-- CreateEnum
CREATE TYPE "SecurityWebhookDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- AlterTable
ALTER TABLE "pii_records" ADD COLUMN     "canary" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "security_webhooks" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "security_webhooks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "security_webhook_deliveries" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "webhook_id" UUID NOT NULL,
    "security_event_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "status" "SecurityWebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "last_attempt_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "security_webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "security_webhooks_organization_id_id_key" ON "security_webhooks"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "security_webhooks_organization_id_key" ON "security_webhooks"("organization_id");

-- CreateIndex
CREATE INDEX "security_webhook_deliveries_organization_id_created_at_idx" ON "security_webhook_deliveries"("organization_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "security_webhook_deliveries_organization_id_id_key" ON "security_webhook_deliveries"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "security_webhook_deliveries_organization_id_webhook_id_secu_key" ON "security_webhook_deliveries"("organization_id", "webhook_id", "security_event_id");

-- AddForeignKey
ALTER TABLE "security_webhooks" ADD CONSTRAINT "security_webhooks_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "security_webhook_deliveries" ADD CONSTRAINT "security_webhook_deliveries_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "security_webhook_deliveries" ADD CONSTRAINT "security_webhook_deliveries_organization_id_webhook_id_fkey" FOREIGN KEY ("organization_id", "webhook_id") REFERENCES "security_webhooks"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
