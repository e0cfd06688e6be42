-- CreateEnum
CREATE TYPE "sync_failure_code" AS ENUM ('CREDENTIALS_REFUSED', 'THROTTLED', 'AMAZON_UNAVAILABLE', 'AMAZON_REJECTED', 'AMAZON_RESPONSE_INVALID', 'DISCONNECTED', 'INTERNAL');

-- AlterTable
ALTER TABLE "channel_sync_runs" ADD COLUMN     "error_code" "sync_failure_code";
