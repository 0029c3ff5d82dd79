// Payloads of runner hosts, run templates and triggered runs: one zod schema
// each, shared by the server actions, the services and the tests.
import { z } from "zod";
import { branchSchema } from "@/lib/runner/branch";
import { PARAM_NAME, templateParamsSchema, templatePlaceholders } from "@/lib/runner/template-params";
import { placeholderProblems } from "@/lib/runner/template-words";
import { modeSchema } from "@/lib/schemas/run";
import { templateFocusSchema } from "@/lib/runner/focus";
import { phasePatternSchema } from "@/lib/runner/phase-protocol";

const name = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, "letters, digits, space, '.', '_' and '-'");

export const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

/**
 * The fingerprint out of what a user pastes: `SHA256:…` alone, or a line of
 * `ssh-keygen -lf` (`256 SHA256:… [127.0.0.1]:22 (ED25519)`). Several
 * fingerprints (ssh-keyscan lists one per key type) stay as pasted, and are
 * refused: which key the host presents is the user's choice to make.
 */
export function fingerprintFromText(text: string): string {
  const found = text.match(/(?<=^|\s)SHA256:[A-Za-z0-9+/]{43}(?=\s|$)/g) ?? [];
  return found.length === 1 ? found[0] : text.trim();
}

export const runnerHostInputSchema = z.object({
  name,
  host: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:_-]+$/, "a host name or IP address"),
  port: z.coerce.number().int().min(1).max(65535).default(22),
  username: z.string().trim().min(1).max(64).regex(/^[a-z_][a-z0-9_.-]*\$?$/i, "a user name"),
  /** OpenSSH or PEM private key without passphrase; absent on update = keep the stored one */
  privateKey: z.string().max(20_000).optional(),
  hostKeyFingerprint: z.string().max(2000).transform(fingerprintFromText)
    .pipe(z.string().regex(FINGERPRINT, "one OpenSSH SHA256 fingerprint, e.g. SHA256:abc… or a line of `ssh-keyscan -t ed25519 host | ssh-keygen -lf -`")),
  maxConcurrent: z.coerce.number().int().min(1).max(64).default(1),
  labels: z.record(z.string().max(100), z.string().max(200)).default({}),
});
export type RunnerHostInput = z.infer<typeof runnerHostInputSchema>;

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
    /** the command's other placeholders: name -> { values: [...] } or { pattern } (anchored) */
    params: templateParamsSchema.default({}),
    /** a try-out: its runs stay out of the project's timing statistics (decision 0015) */
    tryOut: z.boolean().default(false),
    /** the placeholder that receives "rerun only these specs" and its dialect (focus.ts) */
    focus: templateFocusSchema.nullable().default(null),
  })
  .superRefine((t, ctx) => {
    for (const p of placeholderProblems(t.command)) ctx.addIssue({ code: "custom", path: ["command"], message: p.message });
    const used = templatePlaceholders(t.command);
    if (t.focus && !used.includes(t.focus.placeholder)) ctx.addIssue({ code: "custom", path: ["focus", "placeholder"], message: `the command has no {${t.focus.placeholder}} placeholder` });
    if (t.focus && t.focus.placeholder in t.params) ctx.addIssue({ code: "custom", path: ["params", t.focus.placeholder], message: "the focus placeholder is filled by Runboard; do not declare it" });
    for (const declared of Object.keys(t.params)) {
      if (!used.includes(declared) && declared !== "mode" && declared !== "branch") ctx.addIssue({ code: "custom", path: ["params", declared], message: `the command has no {${declared}} placeholder` });
    }
  });
export type RunTemplateInput = z.infer<typeof runTemplateInputSchema>;

export const triggerRunSchema = z.object({
  templateId: z.uuid(),
  runnerHostId: z.uuid(),
  /** required here or as params.mode */
  mode: modeSchema.optional(),
  branch: branchSchema.optional(),
  /** values for the template's other placeholders; each is checked against the template (template-params.ts) */
  params: z.record(z.string().regex(PARAM_NAME, "a placeholder name"), z.string().max(500)).default({}),
});
export type TriggerRunInput = z.infer<typeof triggerRunSchema>;
