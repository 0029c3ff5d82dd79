// "Rerun only the failed specs": the value a template's focus placeholder gets,
// built from spec names in the dialect the template declares. Spec names come
// from uploaded reports, so they are hostile input: in the regex dialects every
// character outside a small literal set becomes "." (which matches it), so
// the value never carries "$", a backquote, "%", a quote, "+" or a line break,
// whatever make, git or a shell later does with it (docs/runner-security.md).
// A plain list cannot do that without changing the names, so it refuses them.
import { z } from "zod";
import { AppError } from "@/lib/errors";

export const FOCUS_FORMATS = ["ginkgo", "go-test", "jest", "playwright", "list"] as const;
export type FocusFormat = (typeof FOCUS_FORMATS)[number];

export const templateFocusSchema = z.strictObject({
  /** the command's placeholder that receives the focus, e.g. "focus" for `--focus={focus}` */
  placeholder: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, "a placeholder name"),
  format: z.enum(FOCUS_FORMATS),
});
export type TemplateFocus = z.infer<typeof templateFocusSchema>;

/** Longest focus value: one command-line argument, well below any ARG_MAX. */
export const MAX_FOCUS_LENGTH = 16_000;
/** What a focus value may contain, whatever the dialect. */
export const FOCUS_VALUE = /^(?!-)[A-Za-z0-9 _,:@=/.|()-]+$/;

/** Ginkgo's JUnit names carry "[It] " before and " [label, ...]" after the text --focus matches. */
function ginkgoText(name: string): string {
  return name.replace(/^\[(It|BeforeSuite|AfterSuite|SynchronizedBeforeSuite|DeferCleanup)\]\s*/, "").replace(/\s*\[[^\]]*\]\s*$/, "");
}

function literal(name: string, keep: RegExp): string {
  return [...name].map((c) => (keep.test(c) ? c : ".")).join("");
}

export function buildFocus(format: FocusFormat, names: readonly string[]): string {
  const unique = [...new Set(names.map((n) => n.trim()).filter(Boolean))].sort();
  if (unique.length === 0) throw new AppError("validation_failed", "No failed spec to rerun", [{ path: "run", message: "the run has no failed or errored spec" }]);
  let value: string;
  if (format === "list") {
    const bad = unique.filter((n) => !/^(?!-)[A-Za-z0-9._/:@=-]+$/.test(n));
    if (bad.length) {
      throw new AppError("validation_failed", "These spec names cannot be passed as a plain list; declare a regular-expression focus format instead",
        bad.slice(0, 20).map((n) => ({ path: "focus", message: n.slice(0, 200) })));
    }
    value = unique.join(",");
  } else {
    const texts = format === "ginkgo" ? unique.map(ginkgoText) : unique;
    // go test -run splits its pattern at "/" into subtest levels: a "/" in a name is matched by "." instead
    const keep = format === "go-test" ? /[A-Za-z0-9 _,:@=-]/ : /[A-Za-z0-9 _,:@=/-]/;
    value = `(${texts.map((t) => literal(t, keep)).join("|")})`;
  }
  if (value.length > MAX_FOCUS_LENGTH) {
    throw new AppError("validation_failed", `Too many failed specs to rerun by name (${unique.length}; the focus would be ${value.length} characters, at most ${MAX_FOCUS_LENGTH})`);
  }
  if (!FOCUS_VALUE.test(value)) throw new Error(`focus value escaped badly: ${value.slice(0, 100)}`); // by construction never
  return value;
}
