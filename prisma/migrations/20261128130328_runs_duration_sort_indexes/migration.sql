-- CreateIndex
CREATE INDEX "runs_projectId_durationMs_id_idx" ON "runs"("projectId", "durationMs", "id");

-- CreateIndex
CREATE INDEX "runs_projectId_setupDurationMs_id_idx" ON "runs"("projectId", "setupDurationMs", "id");

-- CreateIndex
CREATE INDEX "runs_durationMs_id_idx" ON "runs"("durationMs", "id");

-- CreateIndex
CREATE INDEX "runs_setupDurationMs_id_idx" ON "runs"("setupDurationMs", "id");
