import { expect, it } from "vitest";
import { checkHealth } from "@/server/health";
import { describeEachDatabase } from "./support/databases";

describeEachDatabase("health check", ({ db }) => {
  it("reports ok while the database answers", async () => {
    expect(await checkHealth()).toEqual({ status: "ok", db: "ok" });
  });

  it("reports the database down when queries fail", async () => {
    const real = db().sql.query.bind(db().sql);
    db().sql.query = async () => {
      throw new Error("connection terminated");
    };
    try {
      expect(await checkHealth()).toEqual({ status: "degraded", db: "down" });
    } finally {
      db().sql.query = real;
    }
  });
});
