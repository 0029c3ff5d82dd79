// A project's settings: the timing target, the phase-name mapping onto
// canonical phases, the requirement-ID pattern and triage automation. One
// schema for the CLI now and the leads' settings page later.
import { z } from "zod";
import { requirementPatternSchema } from "@/lib/ingest/requirement-ids";
import { modeSchema } from "@/lib/schemas/run";

/** Results are kept at least a month: a month's partition is dropped only after ingest stopped writing to it (decision 20). */
export const MIN_RETENTION_DAYS = 30;

export const timingTargetSchema = z
  .object({
    baseline: modeSchema,
    candidate: modeSchema,
    /** expected improvement of candidate over baseline, % */
    percent: z.number().min(-100).max(100),
    /** a baseline figure that is only an estimate ("7.6 min from previous runs"): shown, never a verdict */
    baselineEstimateMs: z.number().int().positive().max(7 * 24 * 3600 * 1000).optional(),
  })
  .refine((t) => t.baseline !== t.candidate, { message: "baseline and candidate must be different modes", path: ["candidate"] });

export const phaseMappingSchema = z.record(z.string().trim().min(1).max(200), z.string().trim().min(1).max(100)).refine((m) => Object.keys(m).length <= 500, "at most 500 phase names");

export const projectSettingsSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  timingTarget: timingTargetSchema.nullable().optional(),
  phaseMapping: phaseMappingSchema.nullable().optional(),
  requirementPattern: requirementPatternSchema.nullable().optional(),
  autoResolveAfter: z.number().int().min(1).max(100).optional(),
  /** timing statistics compare runs of different templates (and CI-posted runs) together */
  compareAcrossTemplates: z.boolean().optional(),
  /** timing statistics include runs of try-out templates */
  includeTryOutRuns: z.boolean().optional(),
  /** open triage items older than this are highlighted on "My work"; null removes the limit */
  maxOpenDays: z.number().int().min(1).max(3650).nullable().optional(),
  /** days result rows and job logs are kept (runs, summaries and triage history stay); null keeps them forever */
  resultRetentionDays: z.number().int().min(MIN_RETENTION_DAYS).max(36500).nullable().optional(),
});
export type ProjectSettings = z.infer<typeof projectSettingsSchema>;

/** What leads change on the settings page about who the timing statistics compare (decision 0015). */
export const timingPopulationSettingsSchema = z.strictObject({
  compareAcrossTemplates: z.boolean(),
  includeTryOutRuns: z.boolean(),
});

/** What leads change on the settings page about how long results are kept (decision 20). */
export const retentionSettingsSchema = z.strictObject({
  resultRetentionDays: z.number().int().min(MIN_RETENTION_DAYS).max(36500).nullable(),
});
