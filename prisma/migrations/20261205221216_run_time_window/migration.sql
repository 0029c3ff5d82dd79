-- CreateEnum
CREATE TYPE "RunTimeSource" AS ENUM ('claimed', 'phases', 'reports', 'finish_call', 'request_time');

-- AlterTable
ALTER TABLE "reports" ADD COLUMN     "windowEnd" TIMESTAMP(3),
ADD COLUMN     "windowStart" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "runs" ADD COLUMN     "finishedAtSource" "RunTimeSource",
ADD COLUMN     "startedAtSource" "RunTimeSource" NOT NULL DEFAULT 'request_time',
ADD COLUMN     "windowEnd" TIMESTAMP(3),
ADD COLUMN     "windowEndSource" "RunTimeSource",
ADD COLUMN     "windowStart" TIMESTAMP(3),
ADD COLUMN     "windowStartSource" "RunTimeSource";

-- Backfill (decision 12). Old rows never recorded whether startedAt/finishedAt
-- were claimed or were request times: a value within a second of the run's
-- creation was the request's own clock. Report windows cannot be recovered
-- (the reports are stored gzipped), so old windows come from claims and phases.
UPDATE "runs" SET
  "startedAtSource" = CASE WHEN abs(extract(epoch FROM "startedAt" - "createdAt")) > 1 THEN 'claimed' ELSE 'request_time' END::"RunTimeSource",
  "finishedAtSource" = CASE
    WHEN "finishedAt" IS NULL THEN NULL
    WHEN abs(extract(epoch FROM "finishedAt" - "createdAt")) <= 1 THEN 'request_time'
    WHEN abs(extract(epoch FROM "startedAt" - "createdAt")) > 1 THEN 'claimed'
    ELSE 'finish_call' END::"RunTimeSource";

WITH ev AS (
  SELECT r.id, r."startedAt", r."startedAtSource", r."finishedAt", r."finishedAtSource",
         (SELECT min(p."startedAt") FROM "phases" p WHERE p."runId" = r.id) AS ps,
         (SELECT greatest(max(p."finishedAt"), max(p."startedAt")) FROM "phases" p WHERE p."runId" = r.id) AS pe
    FROM "runs" r
), w AS (
  SELECT id,
    CASE WHEN "startedAtSource" = 'claimed' AND (ps IS NULL OR "startedAt" <= ps) THEN "startedAt" ELSE coalesce(ps, "startedAt") END AS ws,
    CASE WHEN "startedAtSource" = 'claimed' AND (ps IS NULL OR "startedAt" <= ps) THEN 'claimed'
         WHEN ps IS NOT NULL THEN 'phases' ELSE 'request_time' END AS wss,
    CASE WHEN "finishedAt" IS NULL THEN NULL
         WHEN "finishedAtSource" = 'request_time' THEN coalesce(pe, "finishedAt")
         ELSE greatest("finishedAt", pe) END AS we,
    CASE WHEN "finishedAt" IS NULL THEN NULL
         WHEN "finishedAtSource" = 'request_time' THEN CASE WHEN pe IS NULL THEN 'request_time' ELSE 'phases' END
         WHEN pe > "finishedAt" THEN 'phases' ELSE "finishedAtSource"::text END AS wes
    FROM ev
)
UPDATE "runs" r SET
  "windowStart" = w.ws,
  "windowStartSource" = w.wss::"RunTimeSource",
  "windowEnd" = CASE WHEN w.we IS NULL THEN NULL ELSE greatest(w.we, w.ws) END,
  "windowEndSource" = CASE WHEN w.we IS NULL THEN NULL WHEN w.we < w.ws THEN w.wss ELSE w.wes END::"RunTimeSource",
  "durationMs" = CASE WHEN w.we IS NULL OR w.wss = 'request_time' THEN NULL
                      ELSE round(extract(epoch FROM greatest(w.we, w.ws) - w.ws) * 1000)::int END
  FROM w WHERE w.id = r.id;
