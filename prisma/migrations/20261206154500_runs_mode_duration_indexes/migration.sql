-- /runs filtered by mode and sorted by duration or setup time: the planner walked the project's
-- (projectId, durationMs, id) index and read every run's row to test its mode. A mode with few
-- or no runs in the project read them all: 193 ms at 25k runs in one project (300k in all), and
-- bench:pages' p95 outlier of that view since session 7. With the mode in the index: 0.4 ms.
-- Building each on an existing database takes about a second per 300k runs.
-- CreateIndex
CREATE INDEX "runs_projectId_mode_durationMs_id_idx" ON "runs"("projectId", "mode", "durationMs", "id");

-- CreateIndex
CREATE INDEX "runs_projectId_mode_setupDurationMs_id_idx" ON "runs"("projectId", "mode", "setupDurationMs", "id");
