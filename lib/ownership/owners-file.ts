// The OWNERS text file (in the spirit of CODEOWNERS): one rule a line, the
// first matching line wins, "#" starts a comment.
//
//   requirement:BR-GATEWAY-0*        @gateway
//   spec:*retries a failed upload*   alice@example.com
//   classname:com.acme.billing.*     @billing
//   file:e2e/payments/**             bob@example.com
//   label:area=storage               @storage
//
// The owner is the last word: "@slug" is a team, anything else a person's
// e-mail address. The pattern is everything between "kind:" and the owner, so
// spec names may contain spaces. Pure: text in, rules and line errors out.
import { z } from "zod";

export const RULE_KINDS = ["requirement", "spec", "classname", "file", "label"] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const RULE_KIND_LABEL: Record<RuleKind, string> = {
  requirement: "Requirement ID", spec: "Spec name", classname: "Classname", file: "File", label: "Run label (key=value)",
};

export type Owner = { type: "user"; email: string } | { type: "team"; slug: string };

export interface OwnerRuleText {
  kind: RuleKind;
  pattern: string;
  owner: Owner;
}

export const ownerTokenSchema = z.string().trim().min(2).max(200).transform((t, ctx): Owner => {
  if (t.startsWith("@")) {
    const slug = t.slice(1).toLowerCase();
    if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(slug)) ctx.addIssue({ code: "custom", message: `"${t}" is not a team (@ and letters, digits, - or _)` });
    return { type: "team", slug };
  }
  if (!z.email().safeParse(t).success) ctx.addIssue({ code: "custom", message: `"${t}" is neither @team nor an e-mail address` });
  return { type: "user", email: t.toLowerCase() };
});

export const ownerRuleSchema = z.object({
  kind: z.enum(RULE_KINDS),
  pattern: z.string().trim().min(1, "a pattern is needed").max(500),
  owner: ownerTokenSchema,
});

export interface ParsedOwners {
  rules: OwnerRuleText[];
  errors: { line: number; message: string }[];
}

export function parseOwnersFile(text: string): ParsedOwners {
  const out: ParsedOwners = { rules: [], errors: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const m = /^([a-z]+):(.*?)\s+(\S+)$/.exec(line);
    if (!m) return void out.errors.push({ line: i + 1, message: `expected "kind:pattern owner", got "${line.slice(0, 80)}"` });
    const r = ownerRuleSchema.safeParse({ kind: m[1], pattern: m[2], owner: m[3] });
    if (!r.success) return void out.errors.push({ line: i + 1, message: r.error.issues.map((x) => (x.path[0] === "kind" ? `unknown kind "${m[1]}" (${RULE_KINDS.join(", ")})` : x.message)).join("; ") });
    out.rules.push(r.data);
  });
  if (out.rules.length > 1000) out.errors.push({ line: 0, message: "at most 1000 rules" });
  return out;
}

export function ownerToken(o: Owner): string {
  return o.type === "team" ? `@${o.slug}` : o.email;
}

export function serializeOwnersFile(rules: OwnerRuleText[], project?: string): string {
  const head = [`# Runboard OWNERS${project ? ` for project ${project}` : ""}: the first matching line assigns a new triage item.`,
    `# kinds: ${RULE_KINDS.join(", ")}; owners: @team or e-mail. Import: runboard owners import --project P OWNERS`];
  const left = rules.map((r) => `${r.kind}:${r.pattern}`);
  const width = Math.min(60, Math.max(0, ...left.map((l) => l.length)));
  return [...head, ...rules.map((r, i) => `${left[i].padEnd(width)}  ${ownerToken(r.owner)}`)].join("\n") + "\n";
}
