-- AlterTable
ALTER TABLE "runs" ADD COLUMN     "setupRegression" BOOLEAN;
