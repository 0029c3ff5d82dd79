-- DropIndex
DROP INDEX "test_results_signatureId_idx";
