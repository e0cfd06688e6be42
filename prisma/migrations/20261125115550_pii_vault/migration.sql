-- CreateEnum
CREATE TYPE "data_key_purpose" AS ENUM ('buyer-pii', 'credentials', 'blind-index');

-- CreateEnum
CREATE TYPE "data_key_status" AS ENUM ('ACTIVE', 'DECRYPT_ONLY', 'RETIRED');

-- CreateTable
CREATE TABLE "data_keys" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "purpose" "data_key_purpose" NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "data_key_status" NOT NULL DEFAULT 'ACTIVE',
    "wrapped_key" BYTEA,
    "kms_key_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "superseded_at" TIMESTAMPTZ(3),
    "retired_at" TIMESTAMPTZ(3),
    "rewrapped_at" TIMESTAMPTZ(3),

    CONSTRAINT "data_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pii_records" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "owner_type" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "key_version" INTEGER NOT NULL,
    "name" BYTEA,
    "address_line1" BYTEA,
    "address_line2" BYTEA,
    "address_line3" BYTEA,
    "city" BYTEA,
    "region" BYTEA,
    "postcode" BYTEA,
    "phone" BYTEA,
    "email" BYTEA,
    "country_code" CHAR(2),
    "blind_index_key_version" INTEGER,
    "email_index" BYTEA,
    "phone_index" BYTEA,
    "postcode_index" BYTEA,
    "anonymised_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pii_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credentials" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "key_version" INTEGER NOT NULL,
    "secret" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "credentials_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "data_keys_organization_id_id_key" ON "data_keys"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "data_keys_organization_id_purpose_version_key" ON "data_keys"("organization_id", "purpose", "version");

-- CreateIndex
CREATE UNIQUE INDEX "data_keys_one_active_per_purpose" ON "data_keys"("organization_id", "purpose") WHERE (status = 'ACTIVE');

-- CreateIndex
CREATE INDEX "pii_records_organization_id_key_version_idx" ON "pii_records"("organization_id", "key_version");

-- CreateIndex
CREATE INDEX "pii_records_organization_id_email_index_idx" ON "pii_records"("organization_id", "email_index");

-- CreateIndex
CREATE INDEX "pii_records_organization_id_phone_index_idx" ON "pii_records"("organization_id", "phone_index");

-- CreateIndex
CREATE INDEX "pii_records_organization_id_postcode_index_idx" ON "pii_records"("organization_id", "postcode_index");

-- CreateIndex
CREATE UNIQUE INDEX "pii_records_organization_id_id_key" ON "pii_records"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "pii_records_organization_id_owner_type_owner_id_key" ON "pii_records"("organization_id", "owner_type", "owner_id");

-- CreateIndex
CREATE INDEX "credentials_organization_id_key_version_idx" ON "credentials"("organization_id", "key_version");

-- CreateIndex
CREATE UNIQUE INDEX "credentials_organization_id_id_key" ON "credentials"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "credentials_organization_id_kind_owner_id_key" ON "credentials"("organization_id", "kind", "owner_id");

-- AddForeignKey
ALTER TABLE "data_keys" ADD CONSTRAINT "data_keys_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pii_records" ADD CONSTRAINT "pii_records_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
