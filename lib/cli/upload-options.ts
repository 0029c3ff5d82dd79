// `runboard upload` options: flags, then RUNBOARD_* variables, then what the CI
// system knows. Everything that can be checked before talking to the server is
// checked here (metadata with the server's own zod schema), so a typo is a
// usage error (exit 2) and not a retried request.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import type { z } from "zod";
import { detectCi } from "@/lib/cli/ci-env";
import { type EnvVars, UsageError, envValue } from "@/lib/cli/io";
import { oneShotMetadataSchema } from "@/lib/schemas/run";

export type MetadataInput = z.input<typeof oneShotMetadataSchema>;

export interface UploadOptions {
  /** base URL without a trailing slash */
  url: string;
  token: string;
  patterns: string[];
  phasesPath?: string;
  metadata: MetadataInput;
  /** no external id was given or found: one was generated (and must be printed) */
  generatedExternalId: boolean;
  ci?: "github" | "gitlab";
  retries: number;
  retryBaseMs: number;
  timeoutMs: number;
  json: boolean;
  verbose: boolean;
}

export const UPLOAD_HELP = `Usage: runboard upload [options]

Send JUnit XML / Ginkgo JSON reports and phase timings to Runboard in one
request (POST /api/v1/ingest). Every option can also come from the variable
shown; on GitHub Actions and GitLab CI the external id, branch, commit, CI URL
and runner are filled in automatically.

Required:
  --url URL              Runboard base URL                      RUNBOARD_URL
  --token TOKEN          API token (prefer the variable: flags   RUNBOARD_TOKEN
                         show up in process lists)
  --project SLUG         project the token belongs to           RUNBOARD_PROJECT
  --mode MODE            e.g. sequential, parallel              RUNBOARD_MODE
  --junit GLOB           report file or glob, repeatable        RUNBOARD_JUNIT
                         (the variable: one per line or comma-separated)
  --phases FILE          phases JSON ({ "phases": [...] })      RUNBOARD_PHASES
                         (at least one of --junit and --phases)

Run metadata:
  --external-id ID       idempotency key: the same id updates   RUNBOARD_EXTERNAL_ID
                         the same run (default: from CI, else a random one)
  --branch NAME                                                 RUNBOARD_BRANCH
  --commit SHA                                                  RUNBOARD_COMMIT
  --ci-url URL           link to the CI job                     RUNBOARD_CI_URL
  --runner-host NAME                                            RUNBOARD_RUNNER_HOST
  --started-at ISO       e.g. 2026-01-12T10:00:00Z              RUNBOARD_STARTED_AT
  --status STATUS        what CI claims: passed, failed,        RUNBOARD_STATUS
                         errored or cancelled (kept for comparison; Runboard
                         computes the status from the results)
  --label KEY=VALUE      repeatable                             RUNBOARD_LABELS
  --no-finish            leave the run open for more uploads

Behaviour:
  --retries N            retries on network errors, 5xx and 429  RUNBOARD_RETRIES
                         (default 4, backoff 1s 2s 4s 8s with jitter)
  --timeout SECONDS      per attempt (default 300)               RUNBOARD_TIMEOUT
  --json                 print the server's JSON answer
  -v, --verbose          print what is sent (never the token)
  -h, --help

Exit codes: 0 stored, 1 refused by the server or unreachable, 2 usage error.`;

const FLAG_OF: Record<string, string> = {
  project: "--project", mode: "--mode", externalId: "--external-id", branch: "--branch", commit: "--commit",
  ciUrl: "--ci-url", runnerHost: "--runner-host", startedAt: "--started-at", status: "--status", labels: "--label",
};

/** Split a list variable on newlines and on commas outside {a,b} glob braces. */
export function splitList(value: string | undefined): string[] {
  if (!value) return [];
  const items: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of value) {
    if (ch === "{") depth++;
    if (ch === "}") depth = Math.max(0, depth - 1);
    if (ch === "\n" || ch === "\r" || (ch === "," && depth === 0)) {
      items.push(cur);
      cur = "";
    } else cur += ch;
  }
  items.push(cur);
  return items.map((s) => s.trim()).filter(Boolean);
}

function intOption(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`, "upload");
  return n;
}

function parseLabels(items: string[]): Record<string, string> | undefined {
  if (!items.length) return undefined;
  const labels: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new UsageError(`--label expects KEY=VALUE, got "${item}"`, "upload");
    labels[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return labels;
}

function baseUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UsageError(`--url is not a URL: "${raw}"`, "upload");
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new UsageError(`--url must be http(s), got "${u.protocol}"`, "upload");
  if (u.username || u.password) throw new UsageError("--url must not contain credentials; the token goes in RUNBOARD_TOKEN", "upload");
  return `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
}

type ExtraOptions = Record<string, { type: "string" | "boolean"; multiple?: boolean }>;
type Command = "upload" | "exec";

function readArgs(argv: string[], command: Command, extra: ExtraOptions) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: "string" }, token: { type: "string" }, project: { type: "string" }, mode: { type: "string" },
        junit: { type: "string", multiple: true }, phases: { type: "string" },
        "external-id": { type: "string" }, branch: { type: "string" }, commit: { type: "string" }, "ci-url": { type: "string" },
        "runner-host": { type: "string" }, "started-at": { type: "string" }, status: { type: "string" },
        label: { type: "string", multiple: true }, "no-finish": { type: "boolean" },
        retries: { type: "string" }, timeout: { type: "string" },
        json: { type: "boolean" }, verbose: { type: "boolean", short: "v" }, help: { type: "boolean", short: "h" },
        ...extra,
      },
    }).values;
  } catch (e) {
    throw new UsageError((e as Error).message, command);
  }
}

/** The run metadata against the API's own schema, before anything is sent; problems are named by their flag. */
function checkMetadata(metadata: MetadataInput, command: Command): void {
  const checked = oneShotMetadataSchema.safeParse(metadata);
  if (checked.success) return;
  const lines = checked.error.issues.map((i) => {
    const key = String(i.path[0] ?? "");
    const where = FLAG_OF[key] ? `${FLAG_OF[key]}${i.path.length > 1 ? ` ${i.path.slice(1).join(".")}` : ""}` : i.path.join(".") || "metadata";
    return `  ${where}: ${i.message}`;
  });
  throw new UsageError(`invalid run metadata:\n${lines.join("\n")}`, command);
}

/**
 * Parse `upload` arguments (and `exec`'s, which adds its own options and needs
 * no report). Returns "help" for --help. Throws UsageError.
 */
export function parseUploadOptions(
  argv: string[], env: EnvVars, newId: () => string = randomUUID, command: Command = "upload", extra: ExtraOptions = {},
): (UploadOptions & { extra: Record<string, string | boolean | string[] | undefined> }) | "help" {
  const values = readArgs(argv, command, extra);
  if (values.help) return "help";

  const pick = (flag: string | undefined, variable: string) => (flag?.trim() ? flag.trim() : envValue(env, variable));
  const missing: string[] = [];
  const need = (value: string | undefined, what: string) => {
    if (!value) missing.push(what);
    return value ?? "";
  };
  const url = need(pick(values.url, "RUNBOARD_URL"), "--url (RUNBOARD_URL)");
  const token = need(pick(values.token, "RUNBOARD_TOKEN"), "--token (RUNBOARD_TOKEN)");
  const project = need(pick(values.project, "RUNBOARD_PROJECT"), "--project (RUNBOARD_PROJECT)");
  const mode = need(pick(values.mode, "RUNBOARD_MODE"), "--mode (RUNBOARD_MODE)");
  const patterns = values.junit?.length ? values.junit.map((p) => p.trim()).filter(Boolean) : splitList(envValue(env, "RUNBOARD_JUNIT"));
  const phasesPath = pick(values.phases, "RUNBOARD_PHASES");
  if (command === "upload" && !patterns.length && !phasesPath) missing.push("--junit (RUNBOARD_JUNIT) or --phases (RUNBOARD_PHASES)");
  if (missing.length) throw new UsageError(`missing ${missing.join(", ")}`, command);

  const ci = detectCi(env, mode);
  let externalId = pick(values["external-id"], "RUNBOARD_EXTERNAL_ID") ?? ci?.externalId;
  // generated once per process: retries of this upload stay idempotent
  const generatedExternalId = !externalId;
  externalId ??= `cli-${newId()}`;

  const metadata: MetadataInput = {
    project,
    mode,
    externalId,
    branch: pick(values.branch, "RUNBOARD_BRANCH") ?? ci?.branch,
    commit: pick(values.commit, "RUNBOARD_COMMIT") ?? ci?.commit,
    ciUrl: pick(values["ci-url"], "RUNBOARD_CI_URL") ?? ci?.ciUrl,
    runnerHost: pick(values["runner-host"], "RUNBOARD_RUNNER_HOST") ?? ci?.runnerHost,
    startedAt: pick(values["started-at"], "RUNBOARD_STARTED_AT"),
    status: pick(values.status, "RUNBOARD_STATUS") as MetadataInput["status"],
    labels: parseLabels(values.label?.length ? values.label : splitList(envValue(env, "RUNBOARD_LABELS"))),
    finish: !values["no-finish"],
  };
  for (const k of Object.keys(metadata) as (keyof MetadataInput)[]) if (metadata[k] === undefined) delete metadata[k];
  checkMetadata(metadata, command);

  return {
    url: baseUrl(url),
    token,
    patterns,
    phasesPath,
    metadata,
    generatedExternalId,
    ci: ci?.provider,
    retries: intOption(values.retries ?? envValue(env, "RUNBOARD_RETRIES"), "--retries", 4, 0, 10),
    // not a flag: tests shorten the backoff with it
    retryBaseMs: intOption(envValue(env, "RUNBOARD_RETRY_BASE_MS"), "RUNBOARD_RETRY_BASE_MS", 1000, 0, 60_000),
    timeoutMs: intOption(values.timeout ?? envValue(env, "RUNBOARD_TIMEOUT"), "--timeout", 300, 1, 3600) * 1000,
    json: values.json ?? false,
    verbose: values.verbose ?? false,
    extra: Object.fromEntries(Object.keys(extra).map((k) => [k, (values as Record<string, string | boolean | string[] | undefined>)[k]])),
  };
}
