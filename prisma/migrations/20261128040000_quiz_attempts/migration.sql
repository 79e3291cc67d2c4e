-- CreateTable
CREATE TABLE "quiz_attempts" (
    "id" TEXT NOT NULL,
    "user_id" TEXT,
    "guest_key_hash" TEXT,
    "question_slug" TEXT NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'full',
    "items_snapshot" JSONB NOT NULL,
    "seed" INTEGER NOT NULL,
    "shuffle" BOOLEAN NOT NULL DEFAULT true,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "time_limit_ms" INTEGER,
    "extra_time_ms" INTEGER NOT NULL DEFAULT 0,
    "deadline" TIMESTAMP(3),
    "answers" JSONB NOT NULL DEFAULT '{}',
    "self_grades" JSONB NOT NULL DEFAULT '{}',
    "answers_version" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'in_progress',
    "submitted_at" TIMESTAMP(3),
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "score" DOUBLE PRECISION,
    "max_score" DOUBLE PRECISION,
    "results" JSONB,

    CONSTRAINT "quiz_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_cards" (
    "user_id" TEXT NOT NULL,
    "question_slug" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "card" JSONB NOT NULL,
    "due" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "review_cards_pkey" PRIMARY KEY ("user_id","question_slug","item_id")
);

-- CreateIndex
CREATE INDEX "quiz_attempts_user_id_question_slug_idx" ON "quiz_attempts"("user_id", "question_slug");

-- CreateIndex
CREATE INDEX "quiz_attempts_guest_key_hash_idx" ON "quiz_attempts"("guest_key_hash");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens"("user_id");

-- CreateIndex
CREATE INDEX "review_cards_user_id_due_idx" ON "review_cards"("user_id", "due");

-- AddForeignKey
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_cards" ADD CONSTRAINT "review_cards_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (Prisma's schema language has no partial indexes or checks):
-- every attempt belongs to a user or to a guest browser,
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_owner_check" CHECK ("user_id" IS NOT NULL OR "guest_key_hash" IS NOT NULL);
-- and each owner has at most one attempt in progress per question, so racing "start" requests cannot open two.
CREATE UNIQUE INDEX "quiz_attempts_one_open_per_user" ON "quiz_attempts"("user_id", "question_slug") WHERE "status" = 'in_progress' AND "user_id" IS NOT NULL;
CREATE UNIQUE INDEX "quiz_attempts_one_open_per_guest" ON "quiz_attempts"("guest_key_hash", "question_slug") WHERE "status" = 'in_progress' AND "user_id" IS NULL;
