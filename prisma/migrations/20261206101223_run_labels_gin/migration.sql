-- The run page asks for a run's reruns (labels.rerunOf, lib/runner/rerun-failed.ts) on every view:
-- without an index that read every run of the project (116 ms at 300k runs). A GIN index of the
-- labels (jsonb_path_ops: containment only) answers labels @> '{"rerunOf": "<id>"}'. Building it
-- on an existing database takes about a second per 300k runs (labels are small).
-- CreateIndex
CREATE INDEX "runs_labels_idx" ON "runs" USING GIN ("labels" jsonb_path_ops);
