// A lead keeps a run out of the timing statistics (or lets it back in), always with a reason.
import { z } from "zod";

/** run_events.kind values */
export const STATS_EXCLUDED = "stats_excluded";
export const STATS_INCLUDED = "stats_included";

export const runStatsExclusionSchema = z.strictObject({
  excluded: z.boolean(),
  reason: z.string().trim().min(3, "say why, in at least 3 characters").max(500),
});
export type RunStatsExclusionInput = z.infer<typeof runStatsExclusionSchema>;
