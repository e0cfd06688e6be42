-- DropIndex
DROP INDEX "pii_records_organization_id_key_version_idx";

-- DropIndex
DROP INDEX "pii_records_organization_id_email_index_idx";

-- DropIndex
DROP INDEX "pii_records_organization_id_phone_index_idx";

-- DropIndex
DROP INDEX "pii_records_organization_id_postcode_index_idx";

-- DropIndex
DROP INDEX "orders_organization_id_integration_id_pii_status_idx";

-- CreateIndex
CREATE INDEX "pii_records_live_key_version" ON "pii_records"("organization_id", "key_version") WHERE (anonymised_at IS NULL);

-- CreateIndex
CREATE INDEX "pii_records_email_index" ON "pii_records"("organization_id", "email_index") WHERE (email_index IS NOT NULL);

-- CreateIndex
CREATE INDEX "pii_records_phone_index" ON "pii_records"("organization_id", "phone_index") WHERE (phone_index IS NOT NULL);

-- CreateIndex
CREATE INDEX "pii_records_postcode_index" ON "pii_records"("organization_id", "postcode_index") WHERE (postcode_index IS NOT NULL);

-- CreateIndex
CREATE INDEX "orders_pii_pending" ON "orders"("organization_id", "integration_id", "purchased_at") WHERE (pii_status = 'PENDING');
