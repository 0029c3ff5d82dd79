// Run metadata a CI system already knows, so `runboard upload` needs no extra
// flags there. Only fills what the user did not pass (flags and RUNBOARD_*
// variables win). Pure: takes the environment as an argument.
import { type EnvVars, envValue } from "@/lib/cli/io";

export interface CiMetadata {
  provider: "github" | "gitlab";
  externalId?: string;
  branch?: string;
  commit?: string;
  ciUrl?: string;
  runnerHost?: string;
}

/**
 * GitHub Actions: GITHUB_RUN_ID is shared by every job of a workflow run (a
 * matrix over modes included), so the job name and the mode go into the
 * external id; otherwise a sequential and a parallel job would land in one
 * run. A re-run gets a new GITHUB_RUN_ATTEMPT and therefore a new run.
 */
function github(env: EnvVars, mode: string | undefined): CiMetadata {
  const runId = envValue(env, "GITHUB_RUN_ID");
  const attempt = envValue(env, "GITHUB_RUN_ATTEMPT") ?? "1";
  const job = envValue(env, "GITHUB_JOB");
  const server = envValue(env, "GITHUB_SERVER_URL") ?? "https://github.com";
  const repo = envValue(env, "GITHUB_REPOSITORY");
  return {
    provider: "github",
    externalId: runId ? ["github", runId, attempt, job, mode?.toLowerCase()].filter(Boolean).join("-") : undefined,
    // on pull_request events GITHUB_REF_NAME is "<n>/merge"; the head branch says more
    branch: envValue(env, "GITHUB_HEAD_REF") ?? envValue(env, "GITHUB_REF_NAME"),
    commit: envValue(env, "GITHUB_SHA"),
    ciUrl: runId && repo ? `${server.replace(/\/+$/, "")}/${repo}/actions/runs/${runId}` : undefined,
    runnerHost: envValue(env, "RUNNER_NAME"),
  };
}

/** GitLab CI: CI_JOB_ID is unique per job and per retry, so it alone identifies the run. */
function gitlab(env: EnvVars): CiMetadata {
  const pipeline = envValue(env, "CI_PIPELINE_ID");
  const job = envValue(env, "CI_JOB_ID");
  return {
    provider: "gitlab",
    externalId: job ? ["gitlab", pipeline, job].filter(Boolean).join("-") : undefined,
    branch: envValue(env, "CI_COMMIT_REF_NAME"),
    commit: envValue(env, "CI_COMMIT_SHA"),
    ciUrl: envValue(env, "CI_JOB_URL") ?? envValue(env, "CI_PIPELINE_URL"),
    runnerHost: envValue(env, "CI_RUNNER_DESCRIPTION"),
  };
}

/** The CI system this process runs in, or undefined outside CI (or an unknown one). */
export function detectCi(env: EnvVars, mode?: string): CiMetadata | undefined {
  if (env.GITHUB_ACTIONS === "true") return github(env, mode);
  if (env.GITLAB_CI === "true") return gitlab(env);
  return undefined;
}
