-- CreateEnum
CREATE TYPE "incident_severity" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- AlterTable
ALTER TABLE "incidents" ADD COLUMN     "severity" "incident_severity" NOT NULL DEFAULT 'MEDIUM';
