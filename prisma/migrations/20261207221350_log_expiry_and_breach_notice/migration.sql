-- AlterTable
ALTER TABLE "incidents" ADD COLUMN     "affected_data_subjects" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "high_risk_to_data_subjects" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "merchants_notified_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "operator_audit_events_at_idx" ON "operator_audit_events"("at");

-- CreateIndex
CREATE INDEX "security_events_ip_at_idx" ON "security_events"("ip", "at");
