-- AlterTable
ALTER TABLE "Unit" ADD COLUMN "establishedAt" DATE;
