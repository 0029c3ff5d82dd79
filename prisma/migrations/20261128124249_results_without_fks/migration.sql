-- DropForeignKey
ALTER TABLE "test_results" DROP CONSTRAINT "test_results_reportId_fkey";

-- DropForeignKey
ALTER TABLE "test_results" DROP CONSTRAINT "test_results_runId_fkey";

-- DropForeignKey
ALTER TABLE "test_results" DROP CONSTRAINT "test_results_signatureId_fkey";

-- DropForeignKey
ALTER TABLE "test_results" DROP CONSTRAINT "test_results_testCaseId_fkey";
