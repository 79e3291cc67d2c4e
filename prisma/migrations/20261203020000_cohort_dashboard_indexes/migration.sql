-- The cohort dashboard (docs/decisions/035): each student's latest submitted attempt per assignment is found by
-- walking this index backwards per (assignment, student); its id comes from the index too.
CREATE INDEX "quiz_attempts_context_latest_submitted" ON "quiz_attempts" ("context_type", "context_id", "user_id", "submitted_at" DESC)
  INCLUDE ("id", "score", "max_score") WHERE "status" = 'submitted';
