-- CreateEnum
CREATE TYPE "termination_status" AS ENUM ('SCHEDULED', 'RUNNING', 'CANCELLED', 'COMPLETED');

-- AlterTable
ALTER TABLE "return_authorizations" DROP COLUMN "reason_note",
ADD COLUMN     "note_key_version" INTEGER,
ADD COLUMN     "reason_note_enc" BYTEA;

-- AlterTable
ALTER TABLE "return_receipts" DROP COLUMN "note",
ADD COLUMN     "note_enc" BYTEA,
ADD COLUMN     "note_key_version" INTEGER;

-- CreateTable
CREATE TABLE "termination_requests" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "status" "termination_status" NOT NULL DEFAULT 'SCHEDULED',
    "requested_by_id" UUID NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "scheduled_for" TIMESTAMPTZ(3) NOT NULL,
    "cancelled_by_id" UUID,
    "cancelled_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "termination_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "termination_requests_due" ON "termination_requests"("scheduled_for") WHERE (status IN ('SCHEDULED', 'RUNNING'));

-- CreateIndex
CREATE UNIQUE INDEX "termination_requests_organization_id_id_key" ON "termination_requests"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "termination_requests_one_pending" ON "termination_requests"("organization_id") WHERE (status IN ('SCHEDULED', 'RUNNING'));

-- AddForeignKey
ALTER TABLE "termination_requests" ADD CONSTRAINT "termination_requests_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
