-- CreateTable
CREATE TABLE "incidents" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "detected_at" TIMESTAMPTZ(3) NOT NULL,
    "affected_organization_ids" UUID[],
    "data_categories" TEXT[],
    "amazon_data_involved" BOOLEAN NOT NULL DEFAULT false,
    "regulator_notification_required" BOOLEAN NOT NULL DEFAULT false,
    "contained_at" TIMESTAMPTZ(3),
    "amazon_notified_at" TIMESTAMPTZ(3),
    "regulator_notified_at" TIMESTAMPTZ(3),
    "affected_notified_at" TIMESTAMPTZ(3),
    "review_completed_at" TIMESTAMPTZ(3),
    "review" TEXT,
    "timeline" JSONB NOT NULL DEFAULT '[]',
    "created_by_operator_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "incidents_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "incidents_detected_at_idx" ON "incidents"("detected_at");
