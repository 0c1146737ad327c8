import { afterAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/clock.ts";
import { EventLog, changeCount } from "../../src/store/event-log.ts";
import { migrate } from "../../src/store/migrate.ts";
import { PostgresDriver } from "../../src/store/postgres-driver.ts";
import { article, strikeFact } from "../helpers/facts.ts";
import { storeFactories, TEST_DATABASE_URL } from "../helpers/stores.ts";

const clock = manualClock("2023-01-12T10:00:00Z");

describe.each(storeFactories())("the store's change count on $kind", (factory) => {
  afterAll(() => factory.cleanup());

  it("moves with every change, and not for a repeat of what is known", async () => {
    const store = await factory.open(clock);
    try {
      const at = async () => store.changeCount();
      const start = await at();
      const news = article("https://news.example/1", "2023-01-12T08:00:00Z", "Ambulance strike");
      await store.recordStrike(strikeFact({ source: news }));
      const afterCreate = await at();
      expect(afterCreate).not.toBe(start);
      // The same source saying the same thing again changes nothing an answer shows.
      expect((await store.recordStrike(strikeFact({ source: news }))).outcome).toBe("unchanged");
      expect(await at()).toBe(afterCreate);
      // Another day from an edited headline: a change, and the answers cite the new title.
      await store.recordStrike(
        strikeFact({
          days: ["2023-01-19", "2023-01-23", "2023-01-24"],
          source: article("https://news.example/1", "2023-01-12T08:00:00Z", "Ambulance strikes"),
        }),
      );
      const afterTitle = await at();
      expect(afterTitle).not.toBe(afterCreate);
      const days = await store.strikeDays({ from: "2023-01-19", to: "2023-01-24" });
      expect(new Set(days.map((d) => d.source.label))).toEqual(new Set(["Ambulance strikes"]));
      await store.recordStance({
        union: "GMB",
        stance: "rejected_offer",
        about: "pay",
        source: news,
      });
      expect(await at()).not.toBe(afterTitle);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!TEST_DATABASE_URL)("the change count on PostgreSQL", () => {
  const schema = `sw_changes_${process.pid}_${Date.now().toString(36)}`;
  let db: PostgresDriver | undefined;
  afterAll(async () => {
    await db?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db?.close();
  });

  it("notices a change that commits after a later-numbered one (MAX(seq) would not)", async () => {
    db = await PostgresDriver.open({ connectionString: TEST_DATABASE_URL!, schema });
    await migrate(db, clock);
    const [src] = await db.query<{ id: number }>(
      `INSERT INTO sources (key, kind, label) VALUES ('article:x', 'article', 'x') RETURNING id`,
    );
    const write = (union: string, appended?: () => void, gate?: Promise<void>) =>
      db!.transaction(async (tx) => {
        await new EventLog(tx, clock.now(), clock.now(), union, src!.id).append(
          "stance.recorded",
          null,
          {},
        );
        appended?.();
        await gate;
      }, `union:${union}`);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let appended!: () => void;
    const inserted = new Promise<void>((r) => (appended = r));
    // RCN's entry takes the lower sequence number but commits last.
    const slow = write("RCN", appended, gate);
    await inserted;
    await write("GMB");
    const seen = await changeCount(db);
    const [max] = await db.query<{ seq: string }>(`SELECT MAX(seq) AS seq FROM events`);
    release();
    await slow;
    expect(await changeCount(db)).not.toBe(seen);
    // What a cache keyed by the newest sequence number would have missed:
    const [after] = await db.query<{ seq: string }>(`SELECT MAX(seq) AS seq FROM events`);
    expect(after!.seq).toBe(max!.seq);
  });
});
