-- AlterTable
ALTER TABLE "memberships" ADD COLUMN     "access_reviewed_at" TIMESTAMPTZ(3);
