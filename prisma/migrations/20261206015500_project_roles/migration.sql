-- CreateTable
CREATE TABLE "project_members" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "userId" UUID,
    "teamId" UUID,
    "role" "Role" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_members_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "project_members_userId_idx" ON "project_members"("userId");

-- CreateIndex
CREATE INDEX "project_members_teamId_idx" ON "project_members"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "project_members_projectId_userId_key" ON "project_members"("projectId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "project_members_projectId_teamId_key" ON "project_members"("projectId", "teamId");

-- AddForeignKey
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A member is a person or a team, never both, and admin is a global role only
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_one_holder" CHECK (("userId" IS NULL) <> ("teamId" IS NULL));
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_not_admin" CHECK ("role" <> 'admin');

-- Keep what everyone could do before: each non-admin user holds their global role in every existing project
INSERT INTO "project_members" ("id", "projectId", "userId", "role")
SELECT gen_random_uuid(), p."id", u."id", u."role"
FROM "projects" p CROSS JOIN "users" u
WHERE u."role" <> 'admin';

-- users.role now says admin or member (stored as viewer): project rights come from project_members
UPDATE "users" SET "role" = 'viewer' WHERE "role" <> 'admin';
