// Values for a template's placeholders, checked before anything is substituted.
// Shell quoting keeps a value inside its word, but the program that receives
// the word may still interpret it (make expands $(shell …), git reads
// --upload-pack=…), so every value must also be plain: {mode} and {branch}
// by their own schemas, the template's declared parameters by their list of
// allowed values or their pattern, and every value by the default character
// set, which a declaration can only narrow (docs/runner-security.md).
import { z } from "zod";
import { AppError, type ErrorDetail } from "@/lib/errors";
import { branchSchema } from "@/lib/runner/branch";
import { FOCUS_VALUE } from "@/lib/runner/focus";
import { placeholderProblems } from "@/lib/runner/template-words";
import { modeSchema } from "@/lib/schemas/run";

/** No "$", backquote, "%", quote, space, line break or glob character; never an option. */
export const PLAIN_VALUE = /^(?!-)[A-Za-z0-9._/:@+=,-]{1,200}$/;
const PLAIN_HINT = "letters, digits and . _ / : @ + = , - (not starting with '-'), at most 200 characters";

export const PARAM_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;
const BUILT_IN = new Set(["mode", "branch"]);

function compiles(p: string): boolean {
  try {
    new RegExp(`^(?:${p})$`);
    return true;
  } catch {
    return false;
  }
}

export const paramDeclarationSchema = z.union([
  z.strictObject({ values: z.array(z.string().regex(PLAIN_VALUE, PLAIN_HINT)).min(1).max(100) }),
  z.strictObject({ pattern: z.string().min(1).max(500).refine(compiles, "not a valid regular expression") }),
]);
export type ParamDeclaration = z.infer<typeof paramDeclarationSchema>;

export const templateParamsSchema = z
  .record(z.string().regex(PARAM_NAME, "a placeholder name"), paramDeclarationSchema)
  .refine((r) => Object.keys(r).length <= 40, "at most 40 parameters")
  .superRefine((r, ctx) => {
    for (const name of Object.keys(r)) {
      if (BUILT_IN.has(name)) ctx.addIssue({ code: "custom", path: [name], message: `{${name}} is checked by Runboard's own rules; do not declare it` });
    }
  });
export type TemplateParams = z.infer<typeof templateParamsSchema>;

/** Placeholder names a template uses, in order of first appearance. */
export function templatePlaceholders(command: string): string[] {
  return [...new Set([...command.matchAll(/\{([a-zA-Z][a-zA-Z0-9_]{0,39})\}/g)].map((m) => m[1]))];
}

function checkOne(name: string, value: string, decl: ParamDeclaration | undefined, focus?: string): { value?: string; message?: string } {
  // the focus placeholder carries a regex or list built by Runboard (focus.ts), or nothing: every spec
  if (name === focus) return value === "" || FOCUS_VALUE.test(value) ? { value } : { message: "not a focus value Runboard builds" };
  if (name === "mode" || name === "branch") {
    const r = (name === "mode" ? modeSchema : branchSchema).safeParse(value);
    return r.success ? { value: r.data } : { message: r.error.issues[0]?.message ?? "invalid" };
  }
  if (decl && "values" in decl) return decl.values.includes(value) ? { value } : { message: `must be one of ${decl.values.join(", ")}` };
  if (!PLAIN_VALUE.test(value)) return { message: PLAIN_HINT };
  if (decl && !new RegExp(`^(?:${decl.pattern})$`).test(value)) return { message: `must match ${decl.pattern}` };
  return { value };
}

export interface ParamsToCheck {
  command: string;
  declared: TemplateParams;
  /** values by placeholder name */
  values: Record<string, string>;
  /** where each value came from, for error paths (default: params.<name>) */
  pathOf?: (name: string) => string;
  /** the template's focus placeholder, if it declares one */
  focus?: string;
}

/**
 * The values to substitute, every one checked; throws a 422 naming each bad
 * value, or the template's own problem when it no longer passes the
 * placeholder rules (templates saved before them).
 */
export function checkParams({ command, declared, values, pathOf = (n) => `params.${n}`, focus }: ParamsToCheck): Record<string, string> {
  const problems = placeholderProblems(command);
  if (problems.length) {
    throw new AppError("validation_failed", "The run template must be edited before it can run: its command does not pass the placeholder rules",
      problems.map((p) => ({ path: "template.command", message: p.message })));
  }
  const used = templatePlaceholders(command);
  const details: ErrorDetail[] = [];
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (!used.includes(name) && !BUILT_IN.has(name)) {
      details.push({ path: pathOf(name), message: `the template has no {${name}} placeholder` });
      continue;
    }
    const r = checkOne(name, value, declared[name], focus);
    if (r.message) details.push({ path: pathOf(name), message: r.message });
    else out[name] = r.value!;
  }
  for (const name of used) {
    if (values[name] === undefined) details.push({ path: pathOf(name), message: `the template needs a value for {${name}}` });
  }
  if (details.length) throw new AppError("validation_failed", "Invalid run parameters", details);
  return out;
}

/**
 * The template form's parameter lines, one per parameter: "suite: smoke, full"
 * (allowed values) or "shard: /[0-9]+/" (a pattern). Returns the declarations,
 * or the first line that cannot be read; the server checks them again.
 */
export function declarationsFromText(text: string): { ok: true; params: Record<string, unknown> } | { ok: false; message: string } {
  const params: Record<string, unknown> = {};
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^([A-Za-z][A-Za-z0-9_]*)\s*:\s*(.+)$/.exec(line);
    if (!m) return { ok: false, message: `Parameters, line ${i + 1}: write "name: value1, value2" or "name: /pattern/"` };
    const pattern = /^\/(.+)\/$/.exec(m[2].trim());
    params[m[1]] = pattern ? { pattern: pattern[1] } : { values: m[2].split(",").map((v) => v.trim()).filter(Boolean) };
  }
  return { ok: true, params };
}

/** The same declarations as text, for the template list. */
/** `separator` "\n" gives the text the template form reads back (declarationsFromText). */
export function describeDeclarations(declared: TemplateParams, separator = "; "): string {
  return Object.entries(declared).map(([name, d]) => ("values" in d ? `${name}: ${d.values.join(", ")}` : `${name}: /${d.pattern}/`)).join(separator);
}
