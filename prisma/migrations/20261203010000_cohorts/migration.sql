-- Bootcamp cohorts (issue 11, docs/decisions/032-033): cohorts, their assignments (a question set or a lab
-- challenge, with a due date), the tie between a set assignment and the quiz attempts made for it, per-student
-- extra time, and lab-challenge submissions graded by the server's re-run. Roles: memberships with scope
-- "cohort"; invites: capability links with grant "cohort-join", plus an optional short code (its SHA-256).
-- Written by hand in the shape tools/prisma-sql emits.

-- AlterTable
ALTER TABLE "capability_links" ADD COLUMN "code_hash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "capability_links_code_hash_key" ON "capability_links"("code_hash");

-- CreateTable
CREATE TABLE "cohorts" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "cohorts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cohort_assignments" (
    "id" TEXT NOT NULL,
    "cohort_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "set_id" TEXT,
    "challenge" JSONB,
    "due_at" TIMESTAMP(3) NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cohort_assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assignment_attempts" (
    "attempt_id" TEXT NOT NULL,
    "assignment_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "item_order" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assignment_attempts_pkey" PRIMARY KEY ("attempt_id")
);

-- CreateTable
CREATE TABLE "assignment_extra_time" (
    "assignment_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "extra_time_ms" INTEGER NOT NULL,
    "granted_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "assignment_extra_time_pkey" PRIMARY KEY ("assignment_id","user_id")
);

-- CreateTable
CREATE TABLE "challenge_submissions" (
    "id" TEXT NOT NULL,
    "assignment_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "claimed" JSONB,
    "status" TEXT NOT NULL DEFAULT 'grading',
    "test_accuracy" DOUBLE PRECISION,
    "training_flops" DOUBLE PRECISION,
    "trainable_params" INTEGER,
    "passed" BOOLEAN,
    "detail" TEXT,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "submitted_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "graded_at" TIMESTAMP(3),

    CONSTRAINT "challenge_submissions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "cohort_assignments_cohort_id_due_at_idx" ON "cohort_assignments"("cohort_id", "due_at");

-- CreateIndex
CREATE INDEX "cohort_assignments_set_id_idx" ON "cohort_assignments"("set_id");

-- CreateIndex
CREATE INDEX "assignment_attempts_assignment_id_user_id_idx" ON "assignment_attempts"("assignment_id", "user_id");

-- CreateIndex
CREATE INDEX "assignment_attempts_user_id_idx" ON "assignment_attempts"("user_id");

-- CreateIndex
CREATE INDEX "challenge_submissions_assignment_id_user_id_submitted_at_idx" ON "challenge_submissions"("assignment_id", "user_id", "submitted_at");

-- CreateIndex
CREATE INDEX "challenge_submissions_user_id_idx" ON "challenge_submissions"("user_id");

-- AddForeignKey
ALTER TABLE "cohort_assignments" ADD CONSTRAINT "cohort_assignments_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cohort_assignments" ADD CONSTRAINT "cohort_assignments_set_id_fkey" FOREIGN KEY ("set_id") REFERENCES "question_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment_attempts" ADD CONSTRAINT "assignment_attempts_attempt_id_fkey" FOREIGN KEY ("attempt_id") REFERENCES "quiz_attempts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment_attempts" ADD CONSTRAINT "assignment_attempts_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "cohort_assignments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment_attempts" ADD CONSTRAINT "assignment_attempts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment_extra_time" ADD CONSTRAINT "assignment_extra_time_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "cohort_assignments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment_extra_time" ADD CONSTRAINT "assignment_extra_time_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "challenge_submissions" ADD CONSTRAINT "challenge_submissions_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "cohort_assignments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "challenge_submissions" ADD CONSTRAINT "challenge_submissions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: an assignment is exactly one kind of work.
ALTER TABLE "cohort_assignments" ADD CONSTRAINT "cohort_assignments_kind_check" CHECK (
  ("kind" = 'set' AND "set_id" IS NOT NULL AND "challenge" IS NULL) OR
  ("kind" = 'lab-challenge' AND "set_id" IS NULL AND "challenge" IS NOT NULL));
ALTER TABLE "assignment_extra_time" ADD CONSTRAINT "assignment_extra_time_ms_check" CHECK ("extra_time_ms" >= 0);
