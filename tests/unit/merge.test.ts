import { describe, expect, it } from "vitest";
import { planStrikeMerge, shouldChangeStatus, type ActionSnapshot } from "../../src/store/merge.ts";
import { article, strikeFact } from "../helpers/facts.ts";

const at = (iso: string) => new Date(iso);
const source = article("https://x.test/a", "2023-01-12T00:00:00Z");

function action(over: Partial<ActionSnapshot> = {}): ActionSnapshot {
  return {
    id: 1,
    union: "Unite",
    workforce: "ambulance workers",
    employer: null,
    regions: ["Wales"],
    status: "planned",
    statusAsOf: at("2023-01-10T00:00:00Z"),
    days: new Map([["2023-01-19", { status: "planned", asOf: at("2023-01-10T00:00:00Z") }]]),
    sourceIds: new Set([7]),
    ...over,
  };
}

describe("planStrikeMerge", () => {
  it("creates an action when nothing matches", () => {
    expect(
      planStrikeMerge([], strikeFact({ source }), 7, at("2023-01-12T00:00:00Z"), "upsert"),
    ).toEqual({ kind: "create" });
  });

  it("reports no match instead of creating in update-only mode", () => {
    expect(
      planStrikeMerge([], strikeFact({ source }), 7, at("2023-01-12T00:00:00Z"), "update_only"),
    ).toEqual({ kind: "no_match" });
  });

  it("adds only the new days to an overlapping action", () => {
    const plan = planStrikeMerge(
      [action()],
      strikeFact({ source }),
      7,
      at("2023-01-12T00:00:00Z"),
      "upsert",
    );
    expect(plan).toMatchObject({
      kind: "update",
      actionId: 1,
      addDays: ["2023-01-23"],
      changeDays: [],
      addSource: false,
    });
  });

  it("is unchanged when the same source repeats itself", () => {
    const plan = planStrikeMerge(
      [action()],
      strikeFact({ source, days: ["2023-01-19"] }),
      7,
      at("2023-01-12T00:00:00Z"),
      "upsert",
    );
    expect(plan).toEqual({ kind: "unchanged", actionId: 1 });
  });

  it("does not merge across unions, workforces or nations", () => {
    const asOf = at("2023-01-12T00:00:00Z");
    expect(
      planStrikeMerge([action({ union: "GMB" })], strikeFact({ source }), 7, asOf, "upsert").kind,
    ).toBe("create");
    expect(
      planStrikeMerge([action({ workforce: "nurses" })], strikeFact({ source }), 7, asOf, "upsert")
        .kind,
    ).toBe("create");
    expect(
      planStrikeMerge(
        [action({ regions: ["Scotland"] })],
        strikeFact({ source }),
        7,
        asOf,
        "upsert",
      ).kind,
    ).toBe("create");
    // Cardiff lies in Wales; UK-wide covers every nation; an unknown workforce matches any.
    expect(
      planStrikeMerge([action({ regions: ["Cardiff"] })], strikeFact({ source }), 7, asOf, "upsert")
        .kind,
    ).toBe("update");
    expect(
      planStrikeMerge([action({ regions: ["UK"] })], strikeFact({ source }), 7, asOf, "upsert")
        .kind,
    ).toBe("update");
    expect(
      planStrikeMerge([action({ workforce: "" })], strikeFact({ source }), 7, asOf, "upsert"),
    ).toMatchObject({
      fillWorkforce: "ambulance workers",
    });
  });

  it("prefers the action sharing the most days", () => {
    const a = action({
      id: 1,
      days: new Map([["2023-01-19", { status: "planned", asOf: at("2023-01-10T00:00:00Z") }]]),
    });
    const b = action({
      id: 2,
      days: new Map([
        ["2023-01-19", { status: "planned", asOf: at("2023-01-10T00:00:00Z") }],
        ["2023-01-23", { status: "planned", asOf: at("2023-01-10T00:00:00Z") }],
      ]),
    });
    expect(
      planStrikeMerge([a, b], strikeFact({ source }), 7, at("2023-01-12T00:00:00Z"), "upsert"),
    ).toMatchObject({ actionId: 2 });
  });
});

describe("shouldChangeStatus", () => {
  const known = { status: "planned" as const, asOf: at("2023-01-12T00:00:00Z") };
  it("takes later news and refuses older news", () => {
    expect(shouldChangeStatus(known, "cancelled", at("2023-01-13T00:00:00Z"))).toBe(true);
    expect(shouldChangeStatus(known, "cancelled", at("2023-01-11T00:00:00Z"))).toBe(false);
    expect(shouldChangeStatus(known, "planned", at("2023-01-13T00:00:00Z"))).toBe(false);
  });
  it("never downgrades a held strike to a plan or a threat", () => {
    const held = { status: "held" as const, asOf: at("2023-01-12T00:00:00Z") };
    expect(shouldChangeStatus(held, "planned", at("2023-02-01T00:00:00Z"))).toBe(false);
    expect(shouldChangeStatus(held, "threatened", at("2023-02-01T00:00:00Z"))).toBe(false);
    expect(shouldChangeStatus(held, "cancelled", at("2023-02-01T00:00:00Z"))).toBe(true);
  });
});
