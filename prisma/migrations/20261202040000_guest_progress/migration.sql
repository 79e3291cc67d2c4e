-- Guests keep their lab runs and key-point self-grades on the server (like their quiz attempts), keyed by
-- the SHA-256 of their browser's guest cookie, so that signing up can import them once (decision 023).

-- A lab run belongs to a user or to a guest browser.
ALTER TABLE "lab_runs" ALTER COLUMN "user_id" DROP NOT NULL;
ALTER TABLE "lab_runs" ADD COLUMN "guest_key_hash" TEXT;
ALTER TABLE "lab_runs" ADD CONSTRAINT "lab_runs_owner_check" CHECK ("user_id" IS NOT NULL OR "guest_key_hash" IS NOT NULL);
CREATE INDEX "lab_runs_guest_key_hash_idx" ON "lab_runs"("guest_key_hash");

-- A guest's self-grade of one question (the signed-in twin is question_progress).
CREATE TABLE "guest_question_progress" (
    "guest_key_hash" TEXT NOT NULL,
    "question_slug" TEXT NOT NULL,
    "key_points_hit" INTEGER[],
    "key_points_total" INTEGER NOT NULL DEFAULT 0,
    "self_graded_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "guest_question_progress_pkey" PRIMARY KEY ("guest_key_hash","question_slug")
);

-- An optional interview date: the review schedule tightens so everything is seen before it (decision 025).
ALTER TABLE "users" ADD COLUMN "interview_date" DATE;

-- The dashboard reads a user's attempts by time and groups them per question and per day: the included columns
-- let that be an index-only scan instead of reading 5,000 wide rows (snapshots) from the heap.
CREATE INDEX "quiz_attempts_user_id_submitted_at_idx" ON "quiz_attempts"("user_id", "submitted_at") INCLUDE ("question_slug", "status", "score", "max_score");
