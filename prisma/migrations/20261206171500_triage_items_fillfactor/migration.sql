-- Every upload updates the triage item of each failing spec (failure count, last failure,
-- signature) and the passing streak of open ones: about 170 row versions per 1k-case run in
-- bench:load. Only 55 % of them were HOT (heap-only: no new entry in the table's six indexes),
-- because a full page has no room for the new version. Pages filled to 70 % leave that room.
-- Takes effect for pages written from now on: nothing is rewritten.
ALTER TABLE "triage_items" SET (fillfactor = 70);
