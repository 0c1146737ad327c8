import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { manualClock } from "../../src/clock.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { fromDatabaseError } from "../../src/store/store-outage.ts";
import { testDispatcher } from "../helpers/app.ts";
import { storeFactories } from "../helpers/stores.ts";

describe.each(storeFactories())("commands over $kind", (factory) => {
  const clock = manualClock("2023-01-12T10:02:00Z");
  let store: EventStore;
  let bot: ReturnType<typeof testDispatcher>;

  beforeEach(async () => {
    clock.set("2023-01-12T10:02:00Z");
    store = await factory.open(clock);
    bot = testDispatcher(store, clock, ["slack:USTAFF"]);
    return () => store.close();
  });
  afterAll(() => factory.cleanup());

  it("tells people to try again when the store drops, and a bug is still a bug", async () => {
    // The store fails as its driver reports it (drivers recognise outages: store-errors.test.ts).
    const failing = (e: Error) =>
      testDispatcher(
        Object.assign(Object.create(store) as EventStore, {
          strikeDays: () => Promise.reject(fromDatabaseError(e)),
          recordStrike: () => Promise.reject(fromDatabaseError(e)),
        }),
        clock,
      );
    const outages = [
      Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      Object.assign(new Error("terminating connection due to administrator command"), {
        code: "57P01",
      }),
      new Error("Connection terminated unexpectedly"),
    ];
    for (const e of outages) {
      for (const line of ["/strikes this week", "/strike add RCN nurses 6 Feb"]) {
        const reply = await failing(e).ask(line);
        expect(reply.error?.code).toBe("store_unavailable");
        expect(reply.text).toContain("try again in a minute");
      }
    }
    const bug = await failing(new TypeError("x is undefined")).ask("/strikes this week");
    expect(bug.error?.code).toBe("internal");
  });

  it("holds the conversation from the issue", async () => {
    expect(await bot.say("/strike add Unite ambulance workers Wales 19 and 23 January")).toBe(
      "Added: Unite ambulance workers (Wales) strike on Thu 19 Jan and Mon 23 Jan 2023.",
    );
    expect(await bot.say("/stance GMB rejected one-off payment")).toBe(
      "Recorded: GMB rejected the one-off payment (posted by you, 12 Jan 2023 10:02).",
    );
    expect(await bot.say("/strikes next week")).toBe(
      [
        "Strikes next week (Mon 16 – Sun 22 Jan 2023, Europe/London)",
        "Unite ambulance workers · Wales · Thu 19 Jan  (source: you, 12 Jan)",
      ].join("\n"),
    );
    expect(await bot.say("/strikes RCN")).toBe(
      "No RCN strikes found in the next 7 days (Thu 12 – Wed 18 Jan 2023).",
    );
    expect(await bot.say("/strikes RNC")).toBe(
      'Unknown union "RNC". Did you mean RCN (Royal College of Nursing)?',
    );
  });

  it("groups several strikes a day and names another poster instead of 'you'", async () => {
    const staff = { platform: "slack", id: "USTAFF", name: "Jo" };
    await bot.ask("/strike add Unite ambulance workers Wales 19 January", staff);
    await bot.ask("/strike add RCN nurses England 19 January");
    const text = await bot.say("/strikes 19 Jan");
    expect(text).toBe(
      [
        "Strikes Thu 19 Jan 2023 (Europe/London)",
        "RCN nurses · England · Thu 19 Jan  (source: you, 12 Jan)",
        "Unite ambulance workers · Wales · Thu 19 Jan  (source: Jo, 12 Jan)",
        "2 strike days.",
      ].join("\n"),
    );
    expect(await bot.say("/strikes 19 Jan Wales")).toContain("Unite");
    expect(await bot.say("/strikes 19 Jan Wales")).not.toContain("RCN");
  });

  it("links /strikes answers to the calendar feed and page for the same filters", async () => {
    const { Dispatcher } = await import("../../src/dispatcher.ts");
    const { commands } = await import("../../commands/index.ts");
    const { Unions } = await import("../../src/domain/unions.ts");
    const { silentLogger } = await import("../../src/logger.ts");
    const withBase = new Dispatcher({
      commands,
      store,
      unions: new Unions(),
      clock,
      staff: { users: [], roles: [] },
      timeZone: "Europe/London",
      publicBaseUrl: "https://strikes.example.org/",
      logger: silentLogger,
    });
    const reply = await withBase.dispatch({
      command: "strikes",
      text: "RCN Wales next week",
      caller: { platform: "slack", id: "U1" },
      channel: { platform: "slack", id: "C1" },
    });
    expect(reply.links).toEqual([
      {
        label: "Add to calendar",
        url: "https://strikes.example.org/calendar.ics?union=RCN&region=Wales",
        kind: "calendar",
      },
      {
        label: "Strike calendar page",
        url: "https://strikes.example.org/?union=RCN&region=Wales",
        kind: "page",
      },
    ]);
  });

  it("calls a strike off and shows the new status", async () => {
    await bot.ask("/strike add RCN nurses Wales 6 and 7 February");
    expect(await bot.say("/strike cancel RCN 7 Feb")).toBe(
      "Marked cancelled: RCN nurses (Wales) strike on Tue 7 Feb 2023.",
    );
    const reply = await bot.ask("/strikes 6-7 Feb", undefined);
    expect(
      (reply.data as { days: { day: string; status: string }[] }).days.map((d) => [
        d.day,
        d.status,
      ]),
    ).toEqual([
      ["2023-02-06", "planned"],
      ["2023-02-07", "cancelled"],
    ]);
    expect(await bot.say("/strike cancel RCN 7 Feb")).toBe(
      "Already cancelled: RCN nurses (Wales) strike on Tue 7 Feb 2023. Nothing changed.",
    );
  });

  it("asks which strike when a call-off matches several", async () => {
    await bot.ask("/strike add RCN nurses Wales 6 February");
    await bot.ask("/strike add RCN nurses England 8 February");
    const reply = await bot.ask("/strike suspend RCN");
    expect(reply.error?.code).toBe("ambiguous");
    expect(reply.text).toContain(
      "RCN nurses (Wales) on Mon 6 Feb 2023; RCN nurses (England) on Wed 8 Feb 2023",
    );
    expect((await bot.ask("/strike suspend RCN Wales")).text).toBe(
      "Marked suspended: RCN nurses (Wales) strike on Mon 6 Feb 2023.",
    );
  });

  it("lists disputes with their latest stance and next strike days", async () => {
    await bot.ask("/strike add Unite ambulance workers Wales 19 and 23 January");
    await bot.ask("/stance GMB rejected one-off payment");
    clock.advance(60_000);
    await bot.ask("/stance GMB considering one-off payment");
    const text = await bot.say("/disputes");
    expect(text).toContain(
      "GMB\n  Stance:  GMB is considering the one-off payment  (source: you, 12 Jan)",
    );
    expect(text).toContain(
      "Unite (Unite the Union)\n  Next strikes:  Thu 19 Jan and Mon 23 Jan 2023 (ambulance workers, Wales, planned)",
    );
    expect(await bot.say("/disputes RCN")).toBe(
      "No RCN activity in the last 30 days and no RCN strikes ahead.",
    );
  });

  describe("bad input gets a specific message and changes nothing", () => {
    const cases: [string, string, string][] = [
      ["/strikes RNC", "unknown_union", 'Unknown union "RNC"'],
      ["/strike add RNC nurses 6 Feb", "unknown_union", 'Unknown union "RNC"'],
      ["/strike add RCN nurses 31 February", "impossible_date", "There is no 31 February."],
      ["/strikes 31 February", "impossible_date", "There is no 31 February."],
      ["", "empty_command", "Type a command"],
      ["/strike", "usage", "/strike: action: start with add, cancel, suspend or postpone."],
      ["/strike add", "usage", "details: say which union strikes when"],
      ["/stance", "usage", "Which union, and what did it decide?"],
      [
        "/strike cancel GMB 9 Feb",
        "not_found",
        "I know of no GMB strike on Thu 9 Feb 2023 to mark cancelled.",
      ],
      ["/frobnicate", "unknown_command", "There is no /frobnicate command."],
    ];
    it.each(cases)("%j → %s", async (line, code, message) => {
      await bot.ask("/strike add Unite ambulance workers Wales 19 January");
      const before = await store.eventsAfter(0);
      const reply = await bot.ask(line);
      expect(reply.kind).toBe("error");
      expect(reply.error?.code).toBe(code);
      expect(reply.text).toContain(message);
      expect(await store.eventsAfter(0)).toEqual(before);
    });

    it("refuses staff commands from anyone not on the staff list", async () => {
      const visitor = { platform: "slack", id: "UVISITOR", name: "Sam" };
      for (const line of [
        "/stance GMB rejected one-off payment",
        "/strike add RCN nurses 6 Feb",
        "/strike cancel RCN",
      ]) {
        const reply = await bot.ask(line, visitor);
        expect(reply.error?.code).toBe("not_staff");
        expect(reply.ephemeral).toBe(true);
        expect(reply.text).toMatch(/^Only staff can use \/(stance|strike)/);
      }
      expect(await store.eventsAfter(0)).toEqual([]);
      // The same person may still read.
      expect((await bot.ask("/strikes", visitor)).kind).toBe("answer");
    });
  });
});
