-- AlterTable
ALTER TABLE "run_templates" ADD COLUMN     "focus" JSONB;
