-- The access model (docs/ACCESS.md, decision 017): roles per scope, capability links, attempt contexts.

-- CreateTable
CREATE TABLE "memberships" (
    "id" TEXT NOT NULL,
    "scope_type" TEXT NOT NULL,
    "scope_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "capability_links" (
    "id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "scope_type" TEXT NOT NULL,
    "scope_id" TEXT NOT NULL,
    "grant" TEXT NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3),
    "max_uses" INTEGER,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "capability_links_pkey" PRIMARY KEY ("id")
);

-- AlterTable: every existing attempt is personal practice (the defaults fill the new columns).
ALTER TABLE "quiz_attempts" ADD COLUMN "context_type" TEXT NOT NULL DEFAULT 'personal',
ADD COLUMN "context_id" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "memberships_scope_type_scope_id_user_id_key" ON "memberships"("scope_type", "scope_id", "user_id");

-- CreateIndex
CREATE INDEX "memberships_user_id_idx" ON "memberships"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "capability_links_token_hash_key" ON "capability_links"("token_hash");

-- CreateIndex
CREATE INDEX "capability_links_scope_type_scope_id_idx" ON "capability_links"("scope_type", "scope_id");

-- CreateIndex
CREATE INDEX "quiz_attempts_context_type_context_id_idx" ON "quiz_attempts"("context_type", "context_id");

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (Prisma's schema language has no partial indexes or checks):
-- a personal attempt has no context id, an attempt in a context always has one;
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_context_check" CHECK (("context_type" = 'personal') = ("context_id" IS NULL));
-- a link's use count stays within its limit.
ALTER TABLE "capability_links" ADD CONSTRAINT "capability_links_uses_check" CHECK ("uses" >= 0 AND ("max_uses" IS NULL OR "uses" <= "max_uses"));
-- "One open attempt per owner and question" becomes per owner, question and context, so an attempt in a
-- set's context can start while a personal one is open. NULLS NOT DISTINCT (PostgreSQL 15+) makes the
-- personal context (context_id NULL) one context, not one per row.
DROP INDEX "quiz_attempts_one_open_per_user";
DROP INDEX "quiz_attempts_one_open_per_guest";
CREATE UNIQUE INDEX "quiz_attempts_one_open_per_user" ON "quiz_attempts"("user_id", "question_slug", "context_type", "context_id")
    NULLS NOT DISTINCT WHERE "status" = 'in_progress' AND "user_id" IS NOT NULL;
CREATE UNIQUE INDEX "quiz_attempts_one_open_per_guest" ON "quiz_attempts"("guest_key_hash", "question_slug", "context_type", "context_id")
    NULLS NOT DISTINCT WHERE "status" = 'in_progress' AND "user_id" IS NULL;
