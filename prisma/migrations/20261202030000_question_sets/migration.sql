-- Question sets (docs/SETS.md) and who took them. Access: memberships/capability links with scope "set".

-- CreateTable
CREATE TABLE "question_sets" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "settings" JSONB NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "question_sets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "set_candidates" (
    "attempt_id" TEXT NOT NULL,
    "set_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "link_id" TEXT,
    "item_order" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "set_candidates_pkey" PRIMARY KEY ("attempt_id")
);

-- CreateIndex
CREATE INDEX "set_candidates_set_id_created_at_idx" ON "set_candidates"("set_id", "created_at");

-- AddForeignKey
ALTER TABLE "set_candidates" ADD CONSTRAINT "set_candidates_attempt_id_fkey" FOREIGN KEY ("attempt_id") REFERENCES "quiz_attempts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "set_candidates" ADD CONSTRAINT "set_candidates_set_id_fkey" FOREIGN KEY ("set_id") REFERENCES "question_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
