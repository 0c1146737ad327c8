import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/clock.ts";
import { addDays } from "../../src/domain/calendar.ts";
import type { StrikeDay } from "../../src/domain/facts.ts";
import type { StrikeStatus } from "../../src/domain/vocabulary.ts";
import type { DayCursor, EventStore } from "../../src/store/event-store.ts";
import { migrate } from "../../src/store/migrate.ts";
import { MIGRATIONS, renderSql } from "../../src/store/migrations/index.ts";
import { SqlEventStore } from "../../src/store/sql-event-store.ts";
import { SqliteDriver } from "../../src/store/sqlite-driver.ts";
import { article, strikeFact } from "../helpers/facts.ts";
import { storeFactories } from "../helpers/stores.ts";

const TODAY = "2023-06-14";
const UNIONS = ["RCN", "GMB", "Unite", "RMT", "PCS"];
const STATUSES: StrikeStatus[] = ["planned", "planned", "held", "cancelled", "postponed"];

/** A deterministic spread of strikes: every union, past and future, some called off. */
async function seed(store: EventStore): Promise<void> {
  let x = 7;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 60; i++) {
    const union = UNIONS[i % UNIONS.length]!;
    const first = addDays(TODAY, Math.floor(next() * 200) - 100);
    const days = Array.from({ length: 1 + Math.floor(next() * 3) }, (_, k) => addDays(first, k));
    await store.recordStrike(
      strikeFact({
        union,
        workforce: `workforce ${i}`,
        regions: [["Wales", "England", "Scotland"][i % 3]!],
        days,
        status: STATUSES[i % STATUSES.length]!,
        source: article(`https://news.example/${i}`, "2023-06-01T08:00:00Z"),
      }),
    );
  }
  // An undated threat, recently.
  await store.recordStrike(
    strikeFact({
      union: "PCS",
      workforce: "civil servants",
      days: [],
      status: "threatened",
      source: article("https://news.example/threat", "2023-06-10T08:00:00Z"),
    }),
  );
}

const key = (d: StrikeDay) => `${d.day}|${d.actionId}`;

describe.each(storeFactories())("bounded store queries on $kind", (factory) => {
  const clock = manualClock(`${TODAY}T09:00:00Z`);
  let store: EventStore;
  let all: StrikeDay[];

  beforeAll(async () => {
    store = await factory.open(clock);
    await seed(store);
    all = await store.strikeDays({ from: "2000-01-01", to: "2100-12-31" });
  });
  afterAll(async () => {
    await store.close();
    await factory.cleanup();
  });

  it("pages through a window: every row once, in (day, action) order, with filters", async () => {
    for (const q of [
      { from: addDays(TODAY, -30), to: addDays(TODAY, 60) },
      { from: addDays(TODAY, -30), to: addDays(TODAY, 60), unions: ["RCN", "Unite"] },
      { from: TODAY, to: addDays(TODAY, 90), regions: ["Wales"], statuses: ["planned" as const] },
    ]) {
      const expected = (await store.strikeDays(q)).map(key).sort((a, b) => {
        const [da, aa] = a.split("|");
        const [db, ab] = b.split("|");
        return da !== db ? (da! < db! ? -1 : 1) : Number(aa) - Number(ab);
      });
      expect(expected.length).toBeGreaterThan(3);
      const seen: string[] = [];
      let after: DayCursor | undefined;
      let pages = 0;
      for (;;) {
        const page = await store.strikeDaysPage({ ...q, limit: 3, after });
        expect(page.days.length).toBeLessThanOrEqual(3);
        seen.push(...page.days.map(key));
        pages++;
        if (!page.next) break;
        after = page.next;
      }
      expect(seen).toEqual(expected);
      expect(pages).toBe(Math.max(1, Math.ceil(expected.length / 3)));
    }
  });

  it("gives each union its next six strike days that are still on, from the day index", async () => {
    const activity = await store.activity(TODAY, new Date("2023-05-15T00:00:00Z"));
    for (const union of UNIONS) {
      const expected = all
        .filter(
          (d) =>
            d.union === union && d.day >= TODAY && !["cancelled", "postponed"].includes(d.status),
        )
        .sort((a, b) => (a.day !== b.day ? (a.day < b.day ? -1 : 1) : a.actionId - b.actionId))
        .slice(0, 6)
        .map(key);
      const got = activity.find((a) => a.union === union);
      expect(got?.nextDays.map(key) ?? [], union).toEqual(expected);
    }
    const pcs = activity.find((a) => a.union === "PCS")!;
    expect(pcs.undated.map((a) => a.workforce)).toEqual(["civil servants"]);
    expect(pcs.lastChange).not.toBeNull();
  });

  it("finds a union's actions from the days named, plus its undated ones", async () => {
    const target = all.find((d) => d.union === "GMB" && d.day > TODAY)!;
    const found = await store.actions({ union: "GMB", days: [target.day] });
    const onDay = new Set(
      all.filter((d) => d.union === "GMB" && d.day === target.day).map((d) => d.actionId),
    );
    expect(new Set(found.filter((a) => a.days.length > 0).map((a) => a.id))).toEqual(onDay);
    for (const a of found) expect(a.union).toBe("GMB");
    // Each found action comes with all its days, not only the one named.
    const whole = found.find((a) => a.id === target.actionId)!;
    expect(whole.days.map((d) => d.day)).toEqual(
      all.filter((d) => d.actionId === target.actionId).map((d) => d.day),
    );
    const ahead = await store.actions({ union: "PCS", activeFrom: TODAY });
    expect(ahead.some((a) => a.days.length === 0)).toBe(true);
    for (const a of ahead.filter((x) => x.days.length))
      expect(a.days.some((d) => d.day >= TODAY)).toBe(true);
  });
});

describe("migration 5 on a store written before it", () => {
  it("keeps every day with its action's union, and the queries read them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "strikewatch-m5-"));
    const clock = manualClock(`${TODAY}T09:00:00Z`);
    try {
      const db = SqliteDriver.open(join(dir, "old.db"));
      await db.exec(
        `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
      );
      for (const m of MIGRATIONS.filter((m) => m.version < 5)) {
        await db.exec(renderSql(m.sql, "sqlite"));
        await db.query(`INSERT INTO schema_migrations VALUES (?, ?, ?)`, [m.version, m.name, ""]);
      }
      await db.exec(`
        INSERT INTO sources (id, key, kind, label) VALUES (1, 'article:a', 'article', 'A');
        INSERT INTO actions (id, union_name, sector, status, status_as_of, confidence, created_at, updated_at)
          VALUES (1, 'RCN', 'health', 'planned', '2023-06-01', 1, '2023-06-01', '2023-06-01'),
                 (2, 'GMB', 'health', 'planned', '2023-06-01', 1, '2023-06-01', '2023-06-01'),
                 (3, 'PCS', 'civil service', 'threatened', '2023-06-10', 1, '2023-06-10', '2023-06-10');
        INSERT INTO action_days (action_id, day, status, as_of, source_id)
          VALUES (1, '2023-06-20', 'planned', '2023-06-01', 1), (2, '2023-06-21', 'planned', '2023-06-01', 1);
      `);
      expect(await migrate(db, clock)).toEqual(
        MIGRATIONS.filter((m) => m.version >= 5).map((m) => m.version),
      );
      expect(
        await db.query(`SELECT action_id, union_name FROM action_days ORDER BY action_id`),
      ).toEqual([
        { action_id: 1, union_name: "RCN" },
        { action_id: 2, union_name: "GMB" },
      ]);
      const store = new SqlEventStore(db, clock);
      const activity = await store.activity(TODAY, new Date("2023-06-01T00:00:00Z"));
      expect(
        activity.map((a) => [a.union, a.nextDays.map((d) => d.day), a.undated.map((u) => u.id)]),
      ).toEqual([
        ["GMB", ["2023-06-21"], []],
        ["PCS", [], [3]],
        ["RCN", ["2023-06-20"], []],
      ]);
      // The undated mark was worked out for the old rows: a new PCS fact is checked against it.
      expect(
        (await store.actions({ union: "PCS", days: ["2023-06-22"] })).map((a) => a.id),
      ).toEqual([3]);
      expect(
        (await store.strikeDays({ from: TODAY, to: "2023-06-30", unions: ["RCN"] })).map(
          (d) => d.day,
        ),
      ).toEqual(["2023-06-20"]);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
