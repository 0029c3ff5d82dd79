// Payloads of the runs API (/api/v1/runs ...), shared by routes, the CLI,
// the demo loader and tests. Types are z.infer, never written twice.
import { z } from "zod";
import { CLAIMABLE_STATUSES } from "@/lib/schemas/status";

const shortText = (max: number) => z.string().trim().min(1).max(max);

export const projectSlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lowercase letters, digits and dashes, at most 63 characters");

export const modeSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/i, "letters, digits, '.', '_' and '-', at most 40 characters")
  .transform((s) => s.toLowerCase());

export const createRunSchema = z.object({
  project: projectSlugSchema,
  mode: modeSchema,
  externalId: shortText(200).optional(),
  branch: shortText(250).optional(),
  commit: z.string().regex(/^[0-9a-f]{4,64}$/i, "a hex commit id").optional(),
  ciUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  runnerHost: shortText(200).optional(),
  startedAt: z.iso.datetime({ offset: true }).optional(),
  labels: z.record(z.string().max(100), z.string().max(500)).optional(),
});
export type CreateRunInput = z.infer<typeof createRunSchema>;

export const finishRunSchema = z.object({
  finishedAt: z.iso.datetime({ offset: true }).optional(),
  status: z.enum(CLAIMABLE_STATUSES).optional(),
});
export type FinishRunInput = z.infer<typeof finishRunSchema>;

/** Metadata part of the one-shot POST /api/v1/ingest. */
export const oneShotMetadataSchema = createRunSchema.extend({
  finishedAt: z.iso.datetime({ offset: true }).optional(),
  status: z.enum(CLAIMABLE_STATUSES).optional(),
  /** false: leave the run open for more uploads */
  finish: z.boolean().default(true),
});
export type OneShotMetadata = z.infer<typeof oneShotMetadataSchema>;
