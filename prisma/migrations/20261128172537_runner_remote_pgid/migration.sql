-- AlterTable
ALTER TABLE "provisioning_jobs" ADD COLUMN     "remotePgid" INTEGER;
