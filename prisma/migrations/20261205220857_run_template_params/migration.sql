-- AlterTable
ALTER TABLE "run_templates" ADD COLUMN     "params" JSONB NOT NULL DEFAULT '{}';
