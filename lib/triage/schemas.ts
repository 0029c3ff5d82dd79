// Request bodies of the triage routes (validated with zod; 422 with details otherwise).
import { z } from "zod";

export const TRIAGE_STATUSES = ["new", "investigating", "fix_in_progress", "resolved", "wont_fix", "muted"] as const;
export type TriageStatusValue = (typeof TRIAGE_STATUSES)[number];
export const STATUS_LABEL: Record<TriageStatusValue, string> = {
  new: "New", investigating: "Investigating", fix_in_progress: "Fix in progress", resolved: "Resolved", wont_fix: "Won't fix", muted: "Muted",
};
export const OPEN_STATUSES: TriageStatusValue[] = ["new", "investigating", "fix_in_progress"];

const uuid = z.uuid();

export const assignSchema = z.object({
  itemIds: z.array(uuid).min(1).max(500),
  /** null unassigns */
  assigneeId: uuid.nullable(),
});

export const itemChangeSchema = z
  .object({
    status: z.enum(TRIAGE_STATUSES).optional(),
    categoryId: uuid.nullable().optional(),
    ticketUrl: z.url({ protocol: /^https?$/ }).max(2000).nullable().optional(),
    comment: z.string().trim().min(1).max(10_000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "change at least one of status, categoryId, ticketUrl, comment");

/** Lead: several items at once; a category is named by its key, since each project has its own category rows. */
export const bulkChangeSchema = z
  .object({
    itemIds: z.array(uuid).min(1).max(500),
    status: z.enum(TRIAGE_STATUSES).optional(),
    /** null clears the confirmed category */
    categoryKey: z.string().trim().min(1).max(80).nullable().optional(),
  })
  .refine((v) => v.status !== undefined || v.categoryKey !== undefined, "change at least one of status, categoryKey");

export const categorySchema = z.object({ label: z.string().trim().min(1).max(80) });
