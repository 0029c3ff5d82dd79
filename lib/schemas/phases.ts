// Phase-timing payload: POST /api/v1/runs/{id}/phases and the phases part of
// the one-shot ingest. Phases nest through `parent` (a name); phases with the
// same `group` under one parent ran in parallel.
import { z } from "zod";

export const PHASE_STATUSES = ["pending", "running", "passed", "failed", "skipped", "cancelled"] as const;
const MAX_PHASE_MS = 7 * 24 * 3600 * 1000;

export const phaseAttributesSchema = z
  .object({
    peakMemoryMb: z.number().nonnegative().max(10_000_000).optional(),
    oomKills: z.number().int().nonnegative().max(1_000_000).optional(),
  })
  .catchall(z.union([z.string().max(1000), z.number(), z.boolean()]));

export const phaseInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    startedAt: z.iso.datetime({ offset: true }),
    finishedAt: z.iso.datetime({ offset: true }).optional(),
    durationMs: z.number().int().nonnegative().max(MAX_PHASE_MS).optional(),
    status: z.enum(PHASE_STATUSES),
    parent: z.string().trim().min(1).max(200).optional(),
    group: z.string().trim().min(1).max(100).optional(),
    attributes: phaseAttributesSchema.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.finishedAt && Date.parse(p.finishedAt) < Date.parse(p.startedAt)) {
      ctx.addIssue({ code: "custom", path: ["finishedAt"], message: "finishedAt is before startedAt" });
    }
    if (p.finishedAt && p.durationMs !== undefined) {
      const span = Date.parse(p.finishedAt) - Date.parse(p.startedAt);
      if (Math.abs(span - p.durationMs) > 1000) {
        ctx.addIssue({ code: "custom", path: ["durationMs"], message: "durationMs disagrees with finishedAt - startedAt" });
      }
    }
    if (p.parent === p.name) ctx.addIssue({ code: "custom", path: ["parent"], message: "a phase cannot be its own parent" });
  });

export const phasesPayloadSchema = z
  .object({ phases: z.array(phaseInputSchema).min(1).max(500) })
  .superRefine(({ phases }, ctx) => {
    const seen = new Set<string>();
    phases.forEach((p, i) => {
      if (seen.has(p.name)) ctx.addIssue({ code: "custom", path: ["phases", i, "name"], message: `duplicate phase name "${p.name}"` });
      seen.add(p.name);
    });
  });

export type PhaseInput = z.infer<typeof phaseInputSchema>;
export type PhasesPayload = z.infer<typeof phasesPayloadSchema>;

/** End of a phase in ms since epoch, from finishedAt or startedAt + durationMs. */
export function phaseEndMs(p: Pick<PhaseInput, "startedAt" | "finishedAt" | "durationMs">): number | null {
  if (p.finishedAt) return Date.parse(p.finishedAt);
  if (p.durationMs !== undefined) return Date.parse(p.startedAt) + p.durationMs;
  return null;
}
