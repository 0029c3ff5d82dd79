// `runboard project show|set`: a project's settings (timing target, phase
// mapping, requirement-ID pattern), straight in the database like `token`.
import { parseArgs } from "node:util";
import { type EnvVars, type Io, EXIT_OK, UsageError } from "@/lib/cli/io";
import { withDatabase } from "@/lib/cli/token";
import { projectSettingsSchema } from "@/lib/schemas/project-settings";
import { projectSlugSchema } from "@/lib/schemas/run";

export const PROJECT_HELP = `Usage: runboard project <command> [options]

Commands:
  create --project SLUG [--name NAME]   a new project (admins; leads create them on the web)
  show --project SLUG            print the project's settings as JSON
  set --project SLUG [options]   change them:
      --name NAME
      --target BASELINE:CANDIDATE:PERCENT   expected improvement, e.g. sequential:parallel:27
      --baseline-estimate DURATION          a baseline that is only an estimate, e.g. 7.6m or 456s
      --no-target                           remove the target
      --phase-map "NAME=CANONICAL"          repeatable; maps a reported phase name onto a canonical phase
      --clear-phase-map                     remove the mapping
      --requirement-prefixes BR,DD,ADR      prefixes that start requirement IDs
      --test-id-prefixes E2E,GW             prefixes that start test IDs
      --auto-resolve-after N                passing runs that resolve a triage item
      --max-open-days N                     days after which an open item is highlighted on "My work" (0 removes the limit)

Exit codes: 0 done, 1 database error or unknown project, 2 usage error.`;

function duration(s: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(s.trim());
  if (!m) throw new UsageError(`--baseline-estimate "${s}": use a number with ms, s, m or h, e.g. 7.6m`, "project");
  return Math.round(Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "ms"]);
}

const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);

export async function runProject(argv: string[], env: EnvVars, io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h") {
    io.out(PROJECT_HELP);
    return command ? EXIT_OK : 2;
  }
  let v;
  try {
    v = parseArgs({
      args: rest,
      strict: true,
      options: {
        project: { type: "string" }, name: { type: "string" }, target: { type: "string" }, "baseline-estimate": { type: "string" },
        "no-target": { type: "boolean" }, "phase-map": { type: "string", multiple: true }, "clear-phase-map": { type: "boolean" },
        "requirement-prefixes": { type: "string" }, "test-id-prefixes": { type: "string" }, "auto-resolve-after": { type: "string" },
        "max-open-days": { type: "string" },
      },
    }).values;
  } catch (e) {
    throw new UsageError((e as Error).message, "project");
  }
  const slug = projectSlugSchema.safeParse(v.project);
  if (!slug.success) throw new UsageError(v.project ? `--project "${v.project}": ${slug.error.issues[0].message}` : "missing --project", "project");

  if (command === "create") {
    return withDatabase(env, io, async () => {
      const { createProject } = await import("@/lib/services/create-project");
      const p = await createProject({ slug: slug.data, name: v.name });
      io.out(`Created project ${p.slug}`);
      return EXIT_OK;
    });
  }
  if (command === "show") {
    return withDatabase(env, io, async () => {
      const { getProjectBySlugOrThrow } = await import("@/lib/services/get-project");
      const p = await getProjectBySlugOrThrow(slug.data);
      io.out(JSON.stringify({ slug: p.slug, name: p.name, timingTarget: p.timingTarget, phaseMapping: p.phaseMapping, requirementPattern: p.requirementPattern, autoResolveAfter: p.autoResolveAfter, maxOpenDays: p.maxOpenDays }, null, 2));
      return EXIT_OK;
    });
  }
  if (command !== "set") throw new UsageError(`unknown project command "${command}"`, "project");

  const input: Record<string, unknown> = {};
  if (v.name) input.name = v.name;
  if (v["no-target"]) input.timingTarget = null;
  else if (v.target) {
    const [baseline, candidate, percent] = v.target.split(":");
    input.timingTarget = { baseline, candidate, percent: Number(percent), ...(v["baseline-estimate"] && { baselineEstimateMs: duration(v["baseline-estimate"]) }) };
  } else if (v["baseline-estimate"]) throw new UsageError("--baseline-estimate goes with --target", "project");
  if (v["clear-phase-map"]) input.phaseMapping = null;
  else if (v["phase-map"]?.length) {
    input.phaseMapping = Object.fromEntries(
      v["phase-map"].map((m) => {
        const i = m.lastIndexOf("=");
        if (i <= 0) throw new UsageError(`--phase-map "${m}": use "PHASE NAME=canonical"`, "project");
        return [m.slice(0, i).trim(), m.slice(i + 1).trim()];
      }),
    );
  }
  if (v["requirement-prefixes"] || v["test-id-prefixes"]) {
    input.requirementPattern = { requirementPrefixes: list(v["requirement-prefixes"] ?? "BR,DD,ADR"), testIdPrefixes: list(v["test-id-prefixes"] ?? "E2E,GW,TC") };
  }
  if (v["auto-resolve-after"]) input.autoResolveAfter = Number(v["auto-resolve-after"]);
  if (v["max-open-days"]) input.maxOpenDays = v["max-open-days"] === "0" ? null : Number(v["max-open-days"]);
  if (!Object.keys(input).length) throw new UsageError("nothing to set", "project");
  const parsed = projectSettingsSchema.safeParse(input);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), "project");

  return withDatabase(env, io, async () => {
    const { updateProjectSettings } = await import("@/lib/services/update-project-settings");
    await updateProjectSettings(slug.data, parsed.data);
    io.out(`Updated ${Object.keys(parsed.data).join(", ")} of project ${slug.data}`);
    return EXIT_OK;
  });
}
