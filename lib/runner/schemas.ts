// Payloads of runner hosts, run templates and triggered runs: one zod schema
// each, shared by the server actions, the services and the tests.
import { z } from "zod";
import { modeSchema } from "@/lib/schemas/run";
import { quotedPlaceholder } from "@/lib/runner/shell";

const name = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, "letters, digits, space, '.', '_' and '-'");

/** Git ref names that are also harmless as file names: no "..", no leading "-" or "/", no control or shell-special characters. */
export const branchSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/+-]*$/, "letters, digits, '.', '_', '/', '+' and '-', starting with a letter or digit")
  .refine((b) => !b.includes("..") && !b.includes("//") && !b.endsWith("/") && !b.endsWith(".lock") && !b.endsWith("."), "not a valid git ref name");

/** Other template values: one line of printable text (quoted anyway when substituted). */
const paramValue = z.string().max(500).regex(/^[^\0-\x1f\x7f]*$/, "no control characters or line breaks");

export const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

export const runnerHostInputSchema = z.object({
  name,
  host: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:_-]+$/, "a host name or IP address"),
  port: z.coerce.number().int().min(1).max(65535).default(22),
  username: z.string().trim().min(1).max(64).regex(/^[a-z_][a-z0-9_.-]*\$?$/i, "a user name"),
  /** OpenSSH or PEM private key without passphrase; absent on update = keep the stored one */
  privateKey: z.string().max(20_000).optional(),
  hostKeyFingerprint: z.string().trim().regex(FINGERPRINT, "an OpenSSH SHA256 fingerprint, e.g. SHA256:abc… (ssh-keyscan host | ssh-keygen -lf -)"),
  maxConcurrent: z.coerce.number().int().min(1).max(64).default(1),
  labels: z.record(z.string().max(100), z.string().max(200)).default({}),
});
export type RunnerHostInput = z.infer<typeof runnerHostInputSchema>;

export const phasePatternSchema = z
  .object({
    /** JavaScript regular expression matched against each output line */
    pattern: z.string().min(1).max(500),
    /** name of the phase this line starts (may use $1..$9 from the pattern) */
    start: z.string().min(1).max(200).optional(),
    /** name of the phase this line ends */
    end: z.string().min(1).max(200).optional(),
    status: z.enum(["passed", "failed"]).default("passed"),
    parent: z.string().min(1).max(200).optional(),
    group: z.string().min(1).max(100).optional(),
  })
  .superRefine((p, ctx) => {
    try {
      new RegExp(p.pattern);
    } catch (e) {
      ctx.addIssue({ code: "custom", path: ["pattern"], message: `not a valid regular expression: ${(e as Error).message}` });
    }
    if (!p.start === !p.end) ctx.addIssue({ code: "custom", path: ["start"], message: "give exactly one of start or end" });
  });
export type PhasePattern = z.infer<typeof phasePatternSchema>;

const reportPath = z.string().trim().min(1).max(500).regex(/^[^\0\n]+$/, "one path");

export const runTemplateInputSchema = z
  .object({
    project: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
    name,
    command: z.string().trim().min(1).max(4000),
    workingDir: z.string().trim().max(500).regex(/^[^\0\n]*$/).optional().transform((v) => v || undefined),
    /** report files on the host, relative to workingDir or absolute; "*" allowed in the file name */
    junitPaths: z.array(reportPath).max(20).default([]),
    phasesPath: reportPath.optional(),
    phasePatterns: z.array(phasePatternSchema).max(100).default([]),
    timeoutSec: z.coerce.number().int().min(1).max(7 * 24 * 3600).default(3600),
    /** a try-out: its runs stay out of the project's timing statistics (decision 0015) */
    tryOut: z.boolean().default(false),
  })
  .superRefine((t, ctx) => {
    const q = quotedPlaceholder(t.command);
    if (q) ctx.addIssue({ code: "custom", path: ["command"], message: `placeholders are quoted for you; remove the quotes around ${q}` });
  });
export type RunTemplateInput = z.infer<typeof runTemplateInputSchema>;

export const triggerRunSchema = z.object({
  templateId: z.uuid(),
  runnerHostId: z.uuid(),
  mode: modeSchema,
  branch: branchSchema.optional(),
  /** values for the template's other placeholders */
  params: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/), paramValue).default({}),
});
export type TriggerRunInput = z.infer<typeof triggerRunSchema>;
