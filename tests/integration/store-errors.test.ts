import pg from "pg";
import { describe, expect, it } from "vitest";
import { isStrikewatchError } from "../../src/errors.ts";
import { PostgresDriver } from "../../src/store/postgres-driver.ts";
import { fromDatabaseError, isStoreOutage } from "../../src/store/store-outage.ts";
import { TEST_DATABASE_URL } from "../helpers/stores.ts";

describe("store errors are recognised once, where the drivers meet the database", () => {
  it("turns connection failures into store_unavailable and leaves bugs alone", () => {
    const outages = [
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      Object.assign(new Error("terminating connection due to administrator command"), {
        code: "57P01",
      }),
      Object.assign(new Error("the database system is starting up"), { code: "57P03" }),
      new Error("Connection terminated unexpectedly"),
      new Error("timeout exceeded when trying to connect"),
      Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }),
    ];
    for (const raw of outages) {
      const e = fromDatabaseError(raw);
      expect(isStoreOutage(e)).toBe(true);
      expect(isStrikewatchError(e) && e.kind).toBe("store");
      expect(isStrikewatchError(e) && e.cause).toBe(raw);
    }
    const refused = fromDatabaseError(
      Object.assign(new Error("permission denied for table actions"), { code: "42501" }),
    );
    expect(isStrikewatchError(refused) && [refused.code, refused.kind]).toEqual([
      "store_permission",
      "operator",
    ]);
    const bug = new TypeError("x is undefined");
    expect(fromDatabaseError(bug)).toBe(bug);
    const syntax = Object.assign(new Error('syntax error at or near "SELEC"'), { code: "42601" });
    expect(fromDatabaseError(syntax)).toBe(syntax);
  });

  it.skipIf(!TEST_DATABASE_URL)(
    "reports a PostgreSQL connection killed mid-query as store_unavailable",
    async () => {
      const tag = `sw_kill_${process.pid}_${Date.now().toString(36)}`;
      const u = new URL(TEST_DATABASE_URL!);
      u.searchParams.set("application_name", tag);
      const driver = await PostgresDriver.open({ connectionString: u.toString() });
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      try {
        const slow = driver.query("SELECT pg_sleep(30) AS slept").then(
          () => undefined,
          (e: unknown) => e,
        );
        // Kill the bot's connection as a server restart would, once the query is running.
        for (let killed = 0; killed === 0;) {
          const r = await admin.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE application_name = $1 AND state = 'active'`,
            [tag],
          );
          killed = r.rowCount ?? 0;
        }
        const e = await slow;
        expect(isStoreOutage(e)).toBe(true);
        expect((e as Error).message).toContain("cannot be reached right now");
      } finally {
        await admin.end();
        await driver.close();
      }
    },
  );
});
