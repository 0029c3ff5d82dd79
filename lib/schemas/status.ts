// The run and result status vocabularies, written once. Queries, routes,
// parsers, analysis and components import these lists and types; the
// compile-time checks below keep them equal to the database enums
// (prisma/schema.prisma RunStatus, ResultStatus), so a new status fails
// the type check until it is added here.
import type { ResultStatus as DbResultStatus, RunStatus as DbRunStatus } from "@/lib/generated/prisma/enums";

export const RUN_STATUSES = ["running", "passed", "failed", "errored", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** What a caller may claim when it finishes a run ("running" is not an outcome). */
export const CLAIMABLE_STATUSES = ["passed", "failed", "errored", "cancelled"] as const satisfies readonly RunStatus[];
export type ClaimableStatus = (typeof CLAIMABLE_STATUSES)[number];

export const RESULT_STATUSES = ["passed", "failed", "errored", "skipped", "pending"] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const runStatusesMatchDb: Same<RunStatus, DbRunStatus> = true;
const resultStatusesMatchDb: Same<ResultStatus, DbResultStatus> = true;
void runStatusesMatchDb;
void resultStatusesMatchDb;
