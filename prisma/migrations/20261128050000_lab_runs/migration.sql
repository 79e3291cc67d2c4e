-- CreateTable
CREATE TABLE "lab_runs" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "preset" TEXT,
    "backend" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "results" JSONB NOT NULL,
    "prediction" JSONB,
    "calibration" DOUBLE PRECISION,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lab_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "lab_runs_user_id_created_at_idx" ON "lab_runs"("user_id", "created_at");

-- AddForeignKey
ALTER TABLE "lab_runs" ADD CONSTRAINT "lab_runs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

