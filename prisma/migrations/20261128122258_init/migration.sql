-- CreateEnum
CREATE TYPE "Role" AS ENUM ('viewer', 'triager', 'lead', 'admin');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('running', 'passed', 'failed', 'errored', 'cancelled');

-- CreateEnum
CREATE TYPE "PhaseStatus" AS ENUM ('pending', 'running', 'passed', 'failed', 'skipped', 'cancelled');

-- CreateEnum
CREATE TYPE "ResultStatus" AS ENUM ('passed', 'failed', 'errored', 'skipped', 'pending');

-- CreateEnum
CREATE TYPE "TriageStatus" AS ENUM ('new', 'investigating', 'fix_in_progress', 'resolved', 'wont_fix', 'muted');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('queued', 'starting', 'running', 'succeeded', 'failed', 'cancelled', 'timed_out');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" UUID NOT NULL,
    "token" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "accountId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "password" TEXT,
    "accessToken" TEXT,
    "refreshToken" TEXT,
    "idToken" TEXT,
    "accessTokenExpiresAt" TIMESTAMP(3),
    "refreshTokenExpiresAt" TIMESTAMP(3),
    "scope" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verifications" (
    "id" UUID NOT NULL,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "verifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "requirementPattern" JSONB,
    "timingTarget" JSONB,
    "phaseMapping" JSONB,
    "autoResolveAfter" INTEGER NOT NULL DEFAULT 3,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "projects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runs" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "mode" TEXT NOT NULL,
    "externalId" TEXT,
    "branch" TEXT,
    "commitSha" TEXT,
    "ciUrl" TEXT,
    "runnerHost" TEXT,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "source" TEXT NOT NULL DEFAULT 'api',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER,
    "setupDurationMs" INTEGER,
    "testDurationMs" INTEGER,
    "status" "RunStatus" NOT NULL DEFAULT 'running',
    "claimedStatus" TEXT,
    "setupOk" BOOLEAN,
    "testsTotal" INTEGER NOT NULL DEFAULT 0,
    "testsPassed" INTEGER NOT NULL DEFAULT 0,
    "testsFailed" INTEGER NOT NULL DEFAULT 0,
    "testsErrored" INTEGER NOT NULL DEFAULT 0,
    "testsSkipped" INTEGER NOT NULL DEFAULT 0,
    "testsPending" INTEGER NOT NULL DEFAULT 0,
    "testsFlaky" INTEGER NOT NULL DEFAULT 0,
    "testsMuted" INTEGER NOT NULL DEFAULT 0,
    "testsDeclared" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "phases" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "canonicalName" TEXT,
    "parentId" UUID,
    "group" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "status" "PhaseStatus" NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER,
    "attributes" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "phases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reports" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "filename" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "dialect" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "contentGzip" BYTEA NOT NULL,
    "caseCount" INTEGER NOT NULL,
    "declared" JSONB NOT NULL DEFAULT '{}',
    "warnings" JSONB NOT NULL DEFAULT '[]',
    "durationMs" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "test_cases" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "identityHash" TEXT NOT NULL,
    "suite" TEXT NOT NULL,
    "classname" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "file" TEXT,
    "requirementIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "testIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "test_cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "test_results" (
    "id" BIGSERIAL NOT NULL,
    "runId" UUID NOT NULL,
    "testCaseId" UUID NOT NULL,
    "reportId" UUID,
    "runStartedAt" TIMESTAMP(3) NOT NULL,
    "status" "ResultStatus" NOT NULL,
    "durationMs" INTEGER,
    "message" TEXT,
    "details" TEXT,
    "failureType" TEXT,
    "systemOut" TEXT,
    "systemErr" TEXT,
    "retries" INTEGER NOT NULL DEFAULT 0,
    "flaky" BOOLEAN NOT NULL DEFAULT false,
    "signatureId" UUID,

    CONSTRAINT "test_results_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "failure_signatures" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "hash" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "failure_signatures_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "triage_categories" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "triage_categories_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "triage_items" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "testCaseId" UUID NOT NULL,
    "status" "TriageStatus" NOT NULL DEFAULT 'new',
    "categoryId" UUID,
    "suggestedCategoryId" UUID,
    "suggestionReason" TEXT,
    "assigneeId" UUID,
    "ticketUrl" TEXT,
    "signatureId" UUID,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "failureCount" INTEGER NOT NULL DEFAULT 1,
    "consecutivePasses" INTEGER NOT NULL DEFAULT 0,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "triage_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "triage_events" (
    "id" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "actorId" UUID,
    "kind" TEXT NOT NULL,
    "fromValue" TEXT,
    "toValue" TEXT,
    "comment" TEXT,
    "runId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "triage_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runner_hosts" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 22,
    "username" TEXT NOT NULL,
    "privateKeyEncrypted" TEXT NOT NULL,
    "hostKeyFingerprint" TEXT NOT NULL,
    "maxConcurrent" INTEGER NOT NULL DEFAULT 1,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "lastSeenAt" TIMESTAMP(3),
    "reachable" BOOLEAN,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "runner_hosts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "run_templates" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "workingDir" TEXT,
    "junitPaths" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "phasesPath" TEXT,
    "phasePatterns" JSONB NOT NULL DEFAULT '[]',
    "timeoutSec" INTEGER NOT NULL DEFAULT 3600,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "run_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provisioning_jobs" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "templateId" UUID NOT NULL,
    "runnerHostId" UUID NOT NULL,
    "runId" UUID,
    "params" JSONB NOT NULL DEFAULT '{}',
    "status" "JobStatus" NOT NULL DEFAULT 'queued',
    "requestedById" UUID,
    "exitCode" INTEGER,
    "errorMessage" TEXT,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "cancelRequestedAt" TIMESTAMP(3),
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "provisioning_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_log_chunks" (
    "id" BIGSERIAL NOT NULL,
    "jobId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "stream" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_log_chunks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_token_key" ON "sessions"("token");

-- CreateIndex
CREATE INDEX "sessions_userId_idx" ON "sessions"("userId");

-- CreateIndex
CREATE INDEX "accounts_userId_idx" ON "accounts"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_providerId_accountId_key" ON "accounts"("providerId", "accountId");

-- CreateIndex
CREATE INDEX "verifications_identifier_idx" ON "verifications"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "projects_slug_key" ON "projects"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_tokenHash_key" ON "api_tokens"("tokenHash");

-- CreateIndex
CREATE INDEX "api_tokens_projectId_idx" ON "api_tokens"("projectId");

-- CreateIndex
CREATE INDEX "runs_projectId_startedAt_id_idx" ON "runs"("projectId", "startedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "runs_projectId_mode_startedAt_idx" ON "runs"("projectId", "mode", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "runs_startedAt_id_idx" ON "runs"("startedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "runs_projectId_branch_startedAt_idx" ON "runs"("projectId", "branch", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "runs_projectId_status_startedAt_idx" ON "runs"("projectId", "status", "startedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "runs_projectId_externalId_key" ON "runs"("projectId", "externalId");

-- CreateIndex
CREATE INDEX "phases_parentId_idx" ON "phases"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "phases_runId_name_key" ON "phases"("runId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "reports_runId_contentHash_key" ON "reports"("runId", "contentHash");

-- CreateIndex
CREATE INDEX "test_cases_requirementIds_idx" ON "test_cases" USING GIN ("requirementIds");

-- CreateIndex
CREATE UNIQUE INDEX "test_cases_projectId_identityHash_key" ON "test_cases"("projectId", "identityHash");

-- CreateIndex
CREATE INDEX "test_results_runId_status_idx" ON "test_results"("runId", "status");

-- CreateIndex
CREATE INDEX "test_results_testCaseId_runStartedAt_idx" ON "test_results"("testCaseId", "runStartedAt" DESC);

-- CreateIndex
CREATE INDEX "test_results_signatureId_idx" ON "test_results"("signatureId");

-- CreateIndex
CREATE UNIQUE INDEX "failure_signatures_projectId_hash_key" ON "failure_signatures"("projectId", "hash");

-- CreateIndex
CREATE UNIQUE INDEX "triage_categories_projectId_key_key" ON "triage_categories"("projectId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "triage_items_testCaseId_key" ON "triage_items"("testCaseId");

-- CreateIndex
CREATE INDEX "triage_items_projectId_status_idx" ON "triage_items"("projectId", "status");

-- CreateIndex
CREATE INDEX "triage_items_assigneeId_idx" ON "triage_items"("assigneeId");

-- CreateIndex
CREATE INDEX "triage_items_categoryId_idx" ON "triage_items"("categoryId");

-- CreateIndex
CREATE INDEX "triage_events_itemId_createdAt_idx" ON "triage_events"("itemId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "runner_hosts_name_key" ON "runner_hosts"("name");

-- CreateIndex
CREATE UNIQUE INDEX "run_templates_projectId_name_key" ON "run_templates"("projectId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "provisioning_jobs_runId_key" ON "provisioning_jobs"("runId");

-- CreateIndex
CREATE INDEX "provisioning_jobs_runnerHostId_status_createdAt_idx" ON "provisioning_jobs"("runnerHostId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "provisioning_jobs_status_leaseExpiresAt_idx" ON "provisioning_jobs"("status", "leaseExpiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "job_log_chunks_jobId_seq_key" ON "job_log_chunks"("jobId", "seq");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runs" ADD CONSTRAINT "runs_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "phases" ADD CONSTRAINT "phases_runId_fkey" FOREIGN KEY ("runId") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "phases" ADD CONSTRAINT "phases_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "phases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reports" ADD CONSTRAINT "reports_runId_fkey" FOREIGN KEY ("runId") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "test_cases" ADD CONSTRAINT "test_cases_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "test_results" ADD CONSTRAINT "test_results_runId_fkey" FOREIGN KEY ("runId") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "test_results" ADD CONSTRAINT "test_results_testCaseId_fkey" FOREIGN KEY ("testCaseId") REFERENCES "test_cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "test_results" ADD CONSTRAINT "test_results_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "reports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "test_results" ADD CONSTRAINT "test_results_signatureId_fkey" FOREIGN KEY ("signatureId") REFERENCES "failure_signatures"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "failure_signatures" ADD CONSTRAINT "failure_signatures_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "triage_categories" ADD CONSTRAINT "triage_categories_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "triage_items" ADD CONSTRAINT "triage_items_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "triage_items" ADD CONSTRAINT "triage_items_testCaseId_fkey" FOREIGN KEY ("testCaseId") REFERENCES "test_cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "triage_items" ADD CONSTRAINT "triage_items_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "triage_categories"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "triage_items" ADD CONSTRAINT "triage_items_suggestedCategoryId_fkey" FOREIGN KEY ("suggestedCategoryId") REFERENCES "triage_categories"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "triage_items" ADD CONSTRAINT "triage_items_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "triage_items" ADD CONSTRAINT "triage_items_signatureId_fkey" FOREIGN KEY ("signatureId") REFERENCES "failure_signatures"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "triage_events" ADD CONSTRAINT "triage_events_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "triage_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "triage_events" ADD CONSTRAINT "triage_events_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_templates" ADD CONSTRAINT "run_templates_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provisioning_jobs" ADD CONSTRAINT "provisioning_jobs_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provisioning_jobs" ADD CONSTRAINT "provisioning_jobs_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "run_templates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provisioning_jobs" ADD CONSTRAINT "provisioning_jobs_runnerHostId_fkey" FOREIGN KEY ("runnerHostId") REFERENCES "runner_hosts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provisioning_jobs" ADD CONSTRAINT "provisioning_jobs_runId_fkey" FOREIGN KEY ("runId") REFERENCES "runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provisioning_jobs" ADD CONSTRAINT "provisioning_jobs_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_log_chunks" ADD CONSTRAINT "job_log_chunks_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "provisioning_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
