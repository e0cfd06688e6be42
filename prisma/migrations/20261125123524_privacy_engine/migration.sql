-- CreateEnum
CREATE TYPE "retention_rule" AS ENUM ('ANONYMISE_BUYER_PII', 'HARD_DELETE_ORDERS', 'EXPIRE_AUDIT_EVENTS');

-- CreateEnum
CREATE TYPE "retention_run_status" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "dsr_kind" AS ENUM ('ACCESS', 'RECTIFICATION', 'ERASURE', 'RESTRICTION', 'OBJECTION');

-- CreateEnum
CREATE TYPE "dsr_status" AS ENUM ('OPEN', 'COMPLETED', 'REJECTED');

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "pii_retention_days" INTEGER NOT NULL DEFAULT 30;

-- AlterTable
ALTER TABLE "pii_records" ADD COLUMN     "restricted_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "completed_at" TIMESTAMPTZ(3),
ADD COLUMN     "deleted_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "retention_runs" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "rule" "retention_rule" NOT NULL,
    "status" "retention_run_status" NOT NULL DEFAULT 'RUNNING',
    "as_of" TIMESTAMPTZ(3) NOT NULL,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "retention_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_subject_requests" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "kind" "dsr_kind" NOT NULL,
    "status" "dsr_status" NOT NULL DEFAULT 'OPEN',
    "pii_record_ids" UUID[],
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),
    "handled_by_user_id" UUID,
    "evidence" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "data_subject_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "retention_runs_organization_id_rule_started_at_idx" ON "retention_runs"("organization_id", "rule", "started_at");

-- CreateIndex
CREATE UNIQUE INDEX "retention_runs_organization_id_id_key" ON "retention_runs"("organization_id", "id");

-- CreateIndex
CREATE INDEX "data_subject_requests_organization_id_status_due_at_idx" ON "data_subject_requests"("organization_id", "status", "due_at");

-- CreateIndex
CREATE UNIQUE INDEX "data_subject_requests_organization_id_id_key" ON "data_subject_requests"("organization_id", "id");

-- CreateIndex
CREATE INDEX "orders_pii_due" ON "orders"("organization_id", "completed_at", "id") WHERE (pii_status = 'STORED' AND completed_at IS NOT NULL);

-- CreateIndex
CREATE INDEX "orders_soft_deleted" ON "orders"("organization_id", "deleted_at") WHERE (deleted_at IS NOT NULL);

-- AddForeignKey
ALTER TABLE "retention_runs" ADD CONSTRAINT "retention_runs_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
