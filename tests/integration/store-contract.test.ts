import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { manualClock } from "../../src/clock.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { article, strikeFact, user } from "../helpers/facts.ts";
import { storeFactories } from "../helpers/stores.ts";

// One contract, every store: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
describe.each(storeFactories())("event store contract: $kind", (factory) => {
  const clock = manualClock("2023-01-12T10:00:00Z");
  let store: EventStore;

  beforeEach(async () => {
    store = await factory.open(clock);
    return () => store.close();
  });
  afterAll(() => factory.cleanup());

  const bbc = article(
    "https://www.bbc.co.uk/news/uk-wales-1",
    "2023-01-12T09:00:00Z",
    "Welsh NHS strikes to continue",
  );

  it("records a new strike with its days, source and a log entry", async () => {
    const change = await store.recordStrike(strikeFact({ source: bbc }));
    expect(change.outcome).toBe("created");
    expect(change.addedDays).toEqual(["2023-01-19", "2023-01-23"]);
    expect(change.events.map((e) => e.kind)).toEqual(["strike.announced"]);

    const days = await store.strikeDays({ from: "2023-01-16", to: "2023-01-22" });
    expect(days).toHaveLength(1);
    expect(days[0]).toMatchObject({
      day: "2023-01-19",
      union: "Unite",
      workforce: "ambulance workers",
      regions: ["Wales"],
      status: "planned",
      source: {
        kind: "article",
        url: "https://www.bbc.co.uk/news/uk-wales-1",
        label: "Welsh NHS strikes to continue",
      },
    });
    expect(days[0]!.asOf.toISOString()).toBe("2023-01-12T09:00:00.000Z");
    const log = await store.eventsAfter(0);
    expect(log).toHaveLength(1);
    expect(log[0]!.payload).toMatchObject({
      days: ["2023-01-19", "2023-01-23"],
      status: "planned",
    });
    expect(log[0]!.recordedAt.toISOString()).toBe("2023-01-12T10:00:00.000Z");
  });

  it("changes nothing when the same source states the same fact twice", async () => {
    await store.recordStrike(strikeFact({ source: bbc }));
    const again = await store.recordStrike(strikeFact({ source: bbc }));
    expect(again.outcome).toBe("unchanged");
    expect(again.events).toEqual([]);
    expect(await store.eventsAfter(0)).toHaveLength(1);
    expect(await store.strikeDays({ from: "2023-01-01", to: "2023-12-31" })).toHaveLength(2);
  });

  it("merges a second report of the same action and cites both sources", async () => {
    const first = await store.recordStrike(strikeFact({ source: bbc, days: ["2023-01-19"] }));
    const second = await store.recordStrike(
      strikeFact({
        source: article("https://www.walesonline.co.uk/x", "2023-01-13T08:00:00Z"),
        days: ["2023-01-19", "2023-01-23"],
        regions: ["Cardiff"],
      }),
    );
    expect(second).toMatchObject({
      outcome: "updated",
      actionId: first.actionId,
      addedDays: ["2023-01-23"],
    });
    expect(second.events.map((e) => e.kind)).toEqual([
      "strike.days_added",
      "strike.details_changed",
    ]);
    const actions = await store.actions({ union: "Unite" });
    expect(actions).toHaveLength(1);
    expect(actions[0]!.regions).toEqual(["Wales", "Cardiff"]);
    expect(actions[0]!.days.map((d) => d.day)).toEqual(["2023-01-19", "2023-01-23"]);
  });

  it("keeps actions apart when the workforce or the nation differs", async () => {
    await store.recordStrike(strikeFact({ source: bbc }));
    const nurses = await store.recordStrike(strikeFact({ source: bbc, workforce: "nurses" }));
    const england = await store.recordStrike(strikeFact({ source: bbc, regions: ["England"] }));
    const rcn = await store.recordStrike(strikeFact({ source: bbc, union: "RCN" }));
    expect([nurses.outcome, england.outcome, rcn.outcome]).toEqual([
      "created",
      "created",
      "created",
    ]);
    expect(await store.actions({})).toHaveLength(4);
  });

  it("lets later news call a strike off, and ignores older news that would undo it", async () => {
    await store.recordStrike(strikeFact({ source: bbc }));
    const called = await store.recordStrike(
      strikeFact({
        source: article("https://www.bbc.co.uk/news/uk-wales-2", "2023-01-18T12:00:00Z"),
        days: ["2023-01-19"],
        status: "suspended",
      }),
    );
    expect(called.statusChanges).toEqual([{ day: "2023-01-19", from: "planned", to: "suspended" }]);
    expect(called.events.map((e) => e.kind)).toContain("strike.status_changed");

    const stale = await store.recordStrike(
      strikeFact({
        source: article("https://www.bbc.co.uk/news/uk-wales-0", "2023-01-10T12:00:00Z"),
      }),
    );
    expect(stale.statusChanges).toEqual([]);
    const days = await store.strikeDays({ from: "2023-01-19", to: "2023-01-23" });
    expect(days.map((d) => [d.day, d.status])).toEqual([
      ["2023-01-19", "suspended"],
      ["2023-01-23", "planned"],
    ]);
  });

  it("never turns a held strike back into a plan", async () => {
    await store.recordStrike(
      strikeFact({ source: bbc, days: ["2023-01-11"], status: "held", union: "GMB" }),
    );
    const later = await store.recordStrike(
      strikeFact({
        source: article("https://x.test/later", "2023-01-20T00:00:00Z"),
        days: ["2023-01-11"],
        status: "planned",
        union: "GMB",
      }),
    );
    expect(later.statusChanges).toEqual([]);
    expect((await store.strikeDays({ from: "2023-01-11", to: "2023-01-11" }))[0]!.status).toBe(
      "held",
    );
  });

  it("in update-only mode changes nothing when no action matches", async () => {
    const change = await store.recordStrike(
      strikeFact({ source: user("U1", "2023-01-12T10:00:00Z"), status: "cancelled" }),
      "update_only",
    );
    expect(change.outcome).toBe("no_match");
    expect(await store.actions({})).toEqual([]);
    expect(await store.eventsAfter(0)).toEqual([]);
  });

  it("fills in the days of a strike first known only as a threat", async () => {
    const threat = await store.recordStrike(
      strikeFact({
        source: bbc,
        union: "RCN",
        workforce: "nurses",
        days: [],
        status: "threatened",
      }),
    );
    const dated = await store.recordStrike(
      strikeFact({
        source: article("https://x.test/rcn", "2023-01-16T00:00:00Z"),
        union: "RCN",
        workforce: "nurses",
        days: ["2023-02-06", "2023-02-07"],
        status: "planned",
      }),
    );
    expect(dated.actionId).toBe(threat.actionId);
    const [action] = await store.actions({ union: "RCN" });
    expect(action!.status).toBe("planned");
    expect(action!.days).toHaveLength(2);
  });

  it("filters by union, sector, workforce, status and region (a nation includes UK-wide and its towns)", async () => {
    await store.recordStrike(strikeFact({ source: bbc }));
    await store.recordStrike(
      strikeFact({
        source: bbc,
        union: "RCN",
        workforce: "nurses",
        regions: ["England"],
        days: ["2023-01-19"],
      }),
    );
    await store.recordStrike(
      strikeFact({
        source: bbc,
        union: "PCS",
        workforce: "civil servants",
        sector: "civil service",
        regions: ["UK"],
        days: ["2023-01-19"],
      }),
    );
    await store.recordStrike(
      strikeFact({
        source: bbc,
        union: "RMT",
        workforce: "rail workers",
        sector: "rail",
        regions: ["Cardiff"],
        days: ["2023-01-19"],
        status: "cancelled",
      }),
    );
    const q = { from: "2023-01-19", to: "2023-01-19" };
    const unions = async (extra: object) =>
      (await store.strikeDays({ ...q, ...extra })).map((d) => d.union).sort();
    expect(await unions({})).toEqual(["PCS", "RCN", "RMT", "Unite"]);
    expect(await unions({ unions: ["RCN", "Unite"] })).toEqual(["RCN", "Unite"]);
    expect(await unions({ regions: ["Wales"] })).toEqual(["PCS", "RMT", "Unite"]);
    expect(await unions({ regions: ["Cardiff"] })).toEqual(["RMT"]);
    expect(await unions({ sectors: ["rail"] })).toEqual(["RMT"]);
    expect(await unions({ workforces: ["nurses"] })).toEqual(["RCN"]);
    expect(await unions({ statuses: ["cancelled"] })).toEqual(["RMT"]);
    expect(await unions({ regions: ["Scotland"] })).toEqual(["PCS"]);
    // Window edges are inclusive and nothing outside them comes back.
    expect(await store.strikeDays({ from: "2023-01-20", to: "2023-01-22" })).toEqual([]);
    expect(
      (await store.strikeDays({ from: "2023-01-23", to: "2023-01-23" })).map((d) => d.day),
    ).toEqual(["2023-01-23"]);
  });

  it("records stances once per source and reports the previous one", async () => {
    const first = await store.recordStance({
      union: "GMB",
      stance: "considering_offer",
      about: "one-off payment",
      source: bbc,
    });
    expect(first.outcome).toBe("recorded");
    expect(first.previous).toBeNull();
    const dup = await store.recordStance({
      union: "GMB",
      stance: "considering_offer",
      about: "one-off payment",
      source: bbc,
    });
    expect(dup.outcome).toBe("unchanged");
    const next = await store.recordStance({
      union: "GMB",
      stance: "rejected_offer",
      about: "one-off payment",
      source: article("https://x.test/gmb", "2023-01-20T00:00:00Z"),
    });
    expect(next.previous).toMatchObject({ stance: "considering_offer" });
    expect((await store.eventsAfter(0)).filter((e) => e.kind === "stance.recorded")).toHaveLength(
      2,
    );
  });

  it("summarises activity per union: latest stance, next days, undated threats", async () => {
    await store.recordStrike(strikeFact({ source: bbc }));
    await store.recordStrike(
      strikeFact({
        source: bbc,
        union: "RCN",
        workforce: "nurses",
        days: [],
        status: "threatened",
      }),
    );
    await store.recordStance({
      union: "RCN",
      stance: "rejected_offer",
      about: "one-off payment",
      source: bbc,
    });
    const activity = await store.activity("2023-01-12", new Date("2022-12-13T00:00:00Z"));
    expect(activity.map((a) => a.union)).toEqual(["RCN", "Unite"]);
    expect(activity[0]!.latestStance).toMatchObject({ stance: "rejected_offer" });
    expect(activity[0]!.undated).toHaveLength(1);
    expect(activity[1]!.nextDays.map((d) => d.day)).toEqual(["2023-01-19", "2023-01-23"]);
  });

  it("serialises concurrent writers so one action results, not several", async () => {
    const reports = Array.from({ length: 12 }, (_, i) =>
      store.recordStrike(
        strikeFact({ source: article(`https://x.test/${i}`, "2023-01-12T00:00:00Z") }),
      ),
    );
    const outcomes = (await Promise.all(reports)).map((r) => r.outcome);
    expect(outcomes.filter((o) => o === "created")).toHaveLength(1);
    expect(await store.actions({ union: "Unite" })).toHaveLength(1);
  });
});
