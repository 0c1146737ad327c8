import { describe, expect, it } from "vitest";
import { Unions } from "../../src/domain/unions.ts";
import { createExtractor } from "../../src/ingest/extract/extract-article.ts";
import { daysTouched, findDayExpressions } from "../../src/ingest/extract/day-expressions.ts";

const extract = createExtractor(new Unions());

/** union → sorted days, for compact assertions. */
function daysByUnion(text: string, published: string, title = "") {
  const out: Record<string, string[]> = {};
  for (const s of extract({ title, text, published }).strikes) {
    out[s.union] = [...new Set([...(out[s.union] ?? []), ...s.dates])].sort();
  }
  return out;
}
const statuses = (text: string, published: string) =>
  Object.fromEntries(
    extract({ title: "", text, published }).strikes.flatMap((s) =>
      s.dates.map((d) => [`${s.union} ${d}`, s.status]),
    ),
  );

// Invented sentences in the styles of UK strike reporting; Friday 10 March 2023 unless noted.
const FRI = "2023-03-10";

describe("dates in strike news", () => {
  it("lists: '19 and 23 January', 'Monday, February 6 and Tuesday, February 7'", () => {
    expect(daysByUnion("Porters in the GMB will strike on 14 and 28 March.", FRI)).toEqual({
      GMB: ["2023-03-14", "2023-03-28"],
    });
    expect(
      daysByUnion(
        "The RMT said guards will walk out on Monday, March 20 and Wednesday, March 22.",
        FRI,
      ),
    ).toEqual({
      RMT: ["2023-03-20", "2023-03-22"],
    });
  });

  it("ranges: 'from 13 to 17 March', 'between 1 and 3 March', '13-17 March'", () => {
    const range = ["2023-03-13", "2023-03-14", "2023-03-15", "2023-03-16", "2023-03-17"];
    expect(daysByUnion("Unison members will strike from 13 to 17 March.", FRI)).toEqual({
      Unison: range,
    });
    expect(daysByUnion("Unison members will strike between 13 and 17 March.", FRI)).toEqual({
      Unison: range,
    });
    expect(daysByUnion("Unison members will strike 13-17 March over pay.", FRI)).toEqual({
      Unison: range,
    });
  });

  it("durations: 'a 48-hour walkout from 7am on 13 March', '72 hours from Monday'", () => {
    expect(
      daysByUnion(
        "Physiotherapists in the CSP will stage a 48-hour walkout from 7am on 13 March.",
        FRI,
      ),
    ).toEqual({
      CSP: ["2023-03-13", "2023-03-14", "2023-03-15"],
    });
    expect(
      daysByUnion("BMA members will walk out for 72 hours from Monday, March 13.", FRI),
    ).toEqual({
      BMA: ["2023-03-13", "2023-03-14", "2023-03-15"],
    });
    expect(daysTouched("2023-03-13", 7 * 60, 72)).toEqual([
      "2023-03-13",
      "2023-03-14",
      "2023-03-15",
      "2023-03-16",
    ]);
    expect(daysTouched("2023-03-13", 0, 72)).toEqual(["2023-03-13", "2023-03-14", "2023-03-15"]);
  });

  it("start and end times: 'from 8pm on April 30 until 8pm on May 2'", () => {
    expect(
      daysByUnion(
        "The RCN said nurses will walk out from 8pm on April 30 until 8pm on May 2.",
        "2023-04-14",
      ),
    ).toEqual({
      RCN: ["2023-04-30", "2023-05-01", "2023-05-02"],
    });
    expect(
      daysByUnion(
        "The FBU strike will start at 9am on Monday and last until 9am on Wednesday.",
        FRI,
      ),
    ).toEqual({
      FBU: ["2023-03-13", "2023-03-14", "2023-03-15"],
    });
  });

  it("weekdays by tense: 'held a strike on Monday', 'will strike next Wednesday'", () => {
    expect(daysByUnion("Members of the PCS held a strike on Monday.", FRI)).toEqual({
      PCS: ["2023-03-06"],
    });
    expect(daysByUnion("Members of the PCS will strike on Monday.", FRI)).toEqual({
      PCS: ["2023-03-13"],
    });
    expect(daysByUnion("Members of the PCS will strike next Wednesday.", FRI)).toEqual({
      PCS: ["2023-03-15"],
    });
    expect(daysByUnion("CWU members are on strike today and walked out yesterday.", FRI)).toEqual({
      CWU: ["2023-03-09", "2023-03-10"],
    });
  });

  it("year roll-over: a January date in a December article is next year", () => {
    expect(daysByUnion("Aslef drivers will strike on 5 January.", "2022-12-20")).toEqual({
      ASLEF: ["2023-01-05"],
    });
  });

  it("vague timing gives no days", () => {
    const r = extract({
      title: "",
      text: "Unite is planning walkouts later this month.",
      published: FRI,
    });
    expect(r.strikes.flatMap((s) => s.dates)).toEqual([]);
  });

  it("ignores dates of talks, ballots and rallies' neighbours", () => {
    expect(
      daysByUnion(
        "The NEU ballot, which opened on 9 January and closed on 30 January, backed strikes.",
        FRI,
      ),
    ).toEqual({});
    expect(
      daysByUnion(
        "Strikes are set to continue despite talks with the minister on Thursday, the GMB said.",
        FRI,
      ),
    ).toEqual({});
  });

  it("a stated number of days smaller than a window is not a run of days", () => {
    expect(
      daysByUnion("The EIS will hold 15 further strike days from 13 March to 21 April.", FRI),
    ).toEqual({});
  });

  it("resolves 'Thursday, 24th' without a month to the nearest month where it fits", () => {
    const [x] = findDayExpressions("It begins on Thursday, 24th.", "2023-08-21");
    expect(x?.days).toEqual(["2023-08-24"]);
  });
});

describe("status from the language", () => {
  it("planned, held, called off, threatened", () => {
    expect(statuses("Unison members will strike on 20 March.", FRI)).toEqual({
      "Unison 2023-03-20": "planned",
    });
    expect(statuses("Unison members went on strike on 8 March.", FRI)).toEqual({
      "Unison 2023-03-08": "held",
    });
    expect(
      statuses("The strike by Unison members planned for 20 March has been postponed.", FRI),
    ).toEqual({
      "Unison 2023-03-20": "postponed",
    });
    expect(statuses("A strike set for 20 March by Unison members has been paused.", FRI)).toEqual({
      "Unison 2023-03-20": "suspended",
    });
    expect(statuses("The RMT has called off its strike on 20 March.", FRI)).toEqual({
      "RMT 2023-03-20": "cancelled",
    });
    expect(
      statuses("Unison said members could strike on 20 March if the offer is not improved.", FRI),
    ).toEqual({
      "Unison 2023-03-20": "threatened",
    });
    // "unless" is a plan that goes ahead by default.
    expect(statuses("Unless talks resume, Unison members will strike on 20 March.", FRI)).toEqual({
      "Unison 2023-03-20": "planned",
    });
  });

  it("a denied strike day is not a strike day", () => {
    expect(daysByUnion("The RCN will not strike on 20 March.", FRI)).toEqual({});
  });
});

describe("unions", () => {
  it("carries 'the union' and a quote's speaker to the dates", () => {
    const text =
      'GMB organiser Jo Smith said: "We have had enough. Our members will strike on 20 and 21 March."';
    expect(daysByUnion(text, FRI)).toEqual({ GMB: ["2023-03-20", "2023-03-21"] });
    expect(
      daysByUnion(
        "The RMT has rejected the offer. Its new plan, the union says, is to walk out on 25 March.",
        FRI,
      ),
    ).toEqual({
      RMT: ["2023-03-25"],
    });
  });

  it("does not read ordinary words as unions", () => {
    expect(daysByUnion("Staff will unite in a strike on 20 March, acting in unison.", FRI)).toEqual(
      { unknown: ["2023-03-20"] },
    );
  });

  it("gives the strike to the union before the date, not one named after it", () => {
    expect(
      daysByUnion(
        "GMB members held a strike on Wednesday, while Unite is planning walkouts later this month.",
        FRI,
      ),
    ).toEqual({
      GMB: ["2023-03-08"],
    });
  });

  it("reads a dated list under a strike heading", () => {
    const text =
      "The NASUWT has announced strike dates:\n• 20 March: schools in England\n• 22 March: schools in Wales";
    expect(daysByUnion(text, FRI)).toEqual({ NASUWT: ["2023-03-20", "2023-03-22"] });
  });
});

describe("stances and relevance", () => {
  const stances = (text: string) =>
    extract({ title: "", text, published: FRI })
      .stances.map((s) => `${s.union} ${s.stance}`)
      .sort();

  it("finds stances from cue phrases around a union", () => {
    expect(stances("Members of the CWU voted to accept the pay offer.")).toEqual([
      "CWU accepted_offer",
    ]);
    expect(stances("The FBU turned down a 5% pay offer.")).toEqual(["FBU rejected_offer"]);
    expect(stances("Unison is balloting members on strike action.")).toEqual(["Unison balloting"]);
    expect(
      stances("Turnout in the Unison ballot missed the threshold needed for strike action."),
    ).toEqual(["Unison ballot_failed"]);
    expect(stances("The BMA has agreed to suspend next week's strike.")).toEqual([
      "BMA suspended_action",
    ]);
    expect(stances("The GMB is considering whether to accept the offer.")).toEqual([
      "GMB considering_offer",
    ]);
  });

  it("does not take a decision still to be made for one", () => {
    expect(
      stances("The RCN said the decision to accept or reject this offer is for members."),
    ).toEqual([]);
    expect(stances("The RCN will strike if members reject the offer.")).toEqual([]);
  });

  it("is not fooled by other senses of strike and action", () => {
    for (const text of [
      "The BMA is taking legal action against the regulator over its guidance.",
      "Air strikes hit the city on 20 March.",
      "The council and the union struck a deal on 20 March.",
      "Trade union membership fell to 22.3% last year.",
    ]) {
      expect(extract({ title: "", text, published: FRI })).toEqual({
        relevant: false,
        strikes: [],
        stances: [],
      });
    }
  });
});
