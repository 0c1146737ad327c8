import { describe, expect, it } from "vitest";
import { Unions } from "../../src/domain/unions.ts";
import { StrikewatchError } from "../../src/errors.ts";
import { parseStanceText, describeStance } from "../../src/query/stance-words.ts";
import { parseStrikeDetails } from "../../src/query/strike-details.ts";
import { parseStrikeQuery } from "../../src/query/strike-query.ts";

const unions = new Unions();
const today = "2023-01-12";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof StrikewatchError ? e.code : "not a user error";
  }
  return undefined;
}

describe("/strikes query language", () => {
  it("reads a window and filters in any order", () => {
    const q = parseStrikeQuery("nurses Wales next week RCN", today, unions);
    expect([q.window.from, q.window.to]).toEqual(["2023-01-16", "2023-01-22"]);
    expect(q.filters.unions.map((u) => u.name)).toEqual(["RCN"]);
    expect(q.filters.regions).toEqual(["Wales"]);
    expect(q.filters.workforces).toEqual(["nurses"]);
  });

  it.each([
    ["6 Feb", "2023-02-06", "2023-02-06"],
    ["6 February 2023", "2023-02-06", "2023-02-06"],
    ["2023-02-06", "2023-02-06", "2023-02-06"],
    ["6-10 Feb", "2023-02-06", "2023-02-10"],
    ["from 6 to 10 February", "2023-02-06", "2023-02-10"],
    ["monday", "2023-01-16", "2023-01-16"],
    ["in two weeks", "2023-01-26", "2023-01-26"],
    ["", "2023-01-12", "2023-01-18"],
  ])("window of %j", (text, from, to) => {
    const q = parseStrikeQuery(text, today, unions);
    expect([q.window.from, q.window.to]).toEqual([from, to]);
  });

  it("understands sectors, multi-word names and aliases", () => {
    const q = parseStrikeQuery(
      "rail Royal College of Nursing Northern Ireland junior doctors",
      today,
      unions,
    );
    expect(q.filters.sectors).toEqual(["rail"]);
    expect(q.filters.unions.map((u) => u.name)).toEqual(["RCN"]);
    expect(q.filters.regions).toEqual(["Northern Ireland"]);
    expect(q.filters.workforces).toEqual(["junior doctors"]);
  });

  it("refuses what it cannot place, naming the word", () => {
    expect(codeOf(() => parseStrikeQuery("RNC", today, unions))).toBe("unknown_union");
    expect(() => parseStrikeQuery("RNC", today, unions)).toThrow(
      'Unknown union "RNC". Did you mean RCN (Royal College of Nursing)?',
    );
    expect(codeOf(() => parseStrikeQuery("walse", today, unions))).toBe("unknown_word");
    expect(() => parseStrikeQuery("walse", today, unions)).toThrow('did you mean "Wales"');
    expect(codeOf(() => parseStrikeQuery("31 February", today, unions))).toBe("impossible_date");
    expect(codeOf(() => parseStrikeQuery("today next week", today, unions))).toBe("ambiguous");
    expect(codeOf(() => parseStrikeQuery("6 Feb and then 9 March", today, unions))).toBe(
      "ambiguous",
    );
  });
});

describe("/strike add details", () => {
  it("reads the example from the issue", () => {
    const d = parseStrikeDetails("Unite ambulance workers Wales 19 and 23 January", today, unions, {
      daysRequired: true,
    });
    expect(d).toMatchObject({
      workforce: "ambulance workers",
      sector: "health",
      regions: ["Wales"],
      days: ["2023-01-19", "2023-01-23"],
      status: undefined,
    });
    expect(d.union.name).toBe("Unite");
  });

  it("takes the sector from the workforce, else from the union", () => {
    expect(
      parseStrikeDetails("RMT train drivers 3 Feb", today, unions, { daysRequired: true }).sector,
    ).toBe("rail");
    expect(parseStrikeDetails("FBU 3 Feb", today, unions, { daysRequired: true }).sector).toBe(
      "fire",
    );
  });

  it("accepts today, tomorrow and weekdays as days", () => {
    expect(parseStrikeDetails("GMB tomorrow", today, unions, { daysRequired: true }).days).toEqual([
      "2023-01-13",
    ]);
  });

  it("refuses ambiguous or incomplete input with a hint", () => {
    const opts = { daysRequired: true };
    expect(codeOf(() => parseStrikeDetails("RCN GMB 6 Feb", today, unions, opts))).toBe(
      "ambiguous",
    );
    expect(codeOf(() => parseStrikeDetails("nurses Wales 6 Feb", today, unions, opts))).toBe(
      "usage",
    );
    expect(codeOf(() => parseStrikeDetails("RCN nurses Wales", today, unions, opts))).toBe(
      "bad_date",
    );
    expect(codeOf(() => parseStrikeDetails("RCN planned held 6 Feb", today, unions, opts))).toBe(
      "ambiguous",
    );
    expect(codeOf(() => parseStrikeDetails("", today, unions, opts))).toBe("usage");
    expect(codeOf(() => parseStrikeDetails("RCN 30 February", today, unions, opts))).toBe(
      "impossible_date",
    );
  });
});

describe("/stance words", () => {
  it.each([
    ["GMB rejected one-off payment", "GMB", "rejected_offer", "one-off payment"],
    ["GMB has rejected the one-off payment", "GMB", "rejected_offer", "one-off payment"],
    ["Unison balloting members about pay", "Unison", "balloting", "members about pay"],
    ["Unison is balloting", "Unison", "balloting", ""],
    ["RCN suspended strikes", "RCN", "suspended_action", ""],
    ["BMA won a mandate over pay restoration", "BMA", "ballot_mandate", "pay restoration"],
    ["Royal College of Nursing in talks", "RCN", "in_talks", ""],
    ["CSP accepted_offer", "CSP", "accepted_offer", ""],
  ])("%j", (text, union, stance, about) => {
    const s = parseStanceText(text, unions);
    expect([s.union.name, s.stance, s.about]).toEqual([union, stance, about]);
  });

  it("refuses an unknown union or stance", () => {
    expect(codeOf(() => parseStanceText("GBM rejected the offer", unions))).toBe("unknown_union");
    expect(codeOf(() => parseStanceText("GMB ate lunch", unions))).toBe("usage");
    expect(codeOf(() => parseStanceText("", unions))).toBe("usage");
  });

  it("describes stances in plain English", () => {
    expect(describeStance("GMB", "rejected_offer", "one-off payment")).toBe(
      "GMB rejected the one-off payment",
    );
    expect(describeStance("Unison", "balloting", "")).toBe("Unison is balloting members");
  });
});
