-- CreateEnum
CREATE TYPE "Carrier" AS ENUM ('TEST', 'ROYAL_MAIL', 'DPD', 'DHL');

-- AlterTable
ALTER TABLE "warehouses" ADD COLUMN     "sender_city" TEXT,
ADD COLUMN     "sender_country_code" TEXT,
ADD COLUMN     "sender_line1" TEXT,
ADD COLUMN     "sender_line2" TEXT,
ADD COLUMN     "sender_name" TEXT,
ADD COLUMN     "sender_phone" TEXT,
ADD COLUMN     "sender_postcode" TEXT;

-- CreateTable
CREATE TABLE "carrier_accounts" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "carrier" "Carrier" NOT NULL,
    "name" TEXT NOT NULL,
    "account_number" TEXT,
    "credential_id" UUID,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "verified_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "carrier_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "shipping_rules" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "priority" INTEGER NOT NULL,
    "country_codes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "min_weight_grams" INTEGER,
    "max_weight_grams" INTEGER,
    "max_value_minor" INTEGER,
    "value_currency" TEXT,
    "channel" "OrderChannel",
    "carrier_account_id" UUID NOT NULL,
    "service_code" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "shipping_rules_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "carrier_accounts_organization_id_id_key" ON "carrier_accounts"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "carrier_accounts_organization_id_name_key" ON "carrier_accounts"("organization_id", "name");

-- CreateIndex
CREATE INDEX "shipping_rules_organization_id_priority_idx" ON "shipping_rules"("organization_id", "priority");

-- CreateIndex
CREATE UNIQUE INDEX "shipping_rules_organization_id_id_key" ON "shipping_rules"("organization_id", "id");

-- AddForeignKey
ALTER TABLE "carrier_accounts" ADD CONSTRAINT "carrier_accounts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shipping_rules" ADD CONSTRAINT "shipping_rules_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shipping_rules" ADD CONSTRAINT "shipping_rules_organization_id_carrier_account_id_fkey" FOREIGN KEY ("organization_id", "carrier_account_id") REFERENCES "carrier_accounts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
