import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Unions } from "../../../src/domain/unions.ts";
import { createExtractor } from "../../../src/ingest/extract/extract-article.ts";
import { dateCase } from "../../helpers/date-expressions.ts";

const extract = createExtractor(new Unions());

/** union → its sorted days, over every record. */
function days(text: string, published: string, title = "") {
  const out: Record<string, string[]> = {};
  for (const s of extract({ title, text, published }).strikes)
    out[s.union] = [...new Set([...(out[s.union] ?? []), ...s.dates])].sort();
  return out;
}
function statuses(text: string, published: string) {
  const out: Record<string, string> = {};
  for (const s of extract({ title: "", text, published }).strikes)
    for (const d of s.dates) out[`${s.union} ${d}`] = s.status;
  return out;
}
const stances = (text: string, published = "2024-10-01") =>
  extract({ title: "", text, published })
    .stances.map((s) => `${s.union} ${s.stance}`)
    .sort();

const UNIONS = ["Unite", "the GMB", "the RMT", "Unison", "the PCS union", "the NEU"];
const CANON: Record<string, string> = {
  Unite: "Unite",
  "the GMB": "GMB",
  "the RMT": "RMT",
  Unison: "Unison",
  "the PCS union": "PCS",
  "the NEU": "NEU",
};
/** Frames in the past for days before the publication date, in the future for days after. */
const PAST_FRAMES = [
  (u: string, when: string) => `Members of ${u} walked out ${when}.`,
  (u: string, when: string) => `${u} held strikes ${when}, the union said.`,
  (u: string, when: string) => `Staff belonging to ${u} took industrial action ${when}.`,
];
const FRAMES = [
  (u: string, when: string) => `Members of ${u} will strike ${when}.`,
  (u: string, when: string) => `${u} said its members would walk out ${when}.`,
  (u: string, when: string) => `Walkouts by ${u} members are planned ${when}, the union confirmed.`,
  (u: string, when: string) => `Staff belonging to ${u} are set to take industrial action ${when}.`,
];

describe("the extractor on generated date expressions in sentences", () => {
  it("returns exactly the days each expression means, for any union, verb and frame", () => {
    fc.assert(
      fc.property(dateCase, fc.constantFrom(...UNIONS), fc.nat(), (c, union, pick) => {
        const past = c.days.at(-1)! < c.today;
        const future = c.days[0]! > c.today;
        // Days on both sides of today are news of a run under way: any frame reads them.
        const frames = past ? PAST_FRAMES : future ? FRAMES : [...FRAMES, ...PAST_FRAMES];
        const frame = frames[pick % frames.length]!;
        const when = /^(?:from|between|every|each|for|a |[A-Z][a-z]+day )/.test(c.text)
          ? c.text
          : `on ${c.text}`;
        const sentence = frame(union, when);
        expect(days(sentence, c.today), `${sentence} (published ${c.today})`).toEqual({
          [CANON[union]!]: c.days,
        });
      }),
      { numRuns: 500 },
    );
  });
});

// Hand-written sentences, one or more for each class of errors-on-unseen-news.md, in our own
// words (never corpus text). Published dates are given where relative words need them.
describe("dates the old extractor lost on unseen news", () => {
  it("D1 lists of ranges sharing one month", () => {
    expect(days("Unison porters will stop work on 6-7 and 13-15 of March.", "2025-02-20")).toEqual({
      Unison: ["2025-03-06", "2025-03-07", "2025-03-13", "2025-03-14", "2025-03-15"],
    });
  });

  it("D2 month-first lists over two months and a list across a month end", () => {
    expect(days("CWU members will walk out on May 6 and 20 and June 3.", "2025-04-10")).toEqual({
      CWU: ["2025-05-06", "2025-05-20", "2025-06-03"],
    });
    expect(days("FBU crews strike on 30th, 31st, 1st and 2nd of August.", "2025-07-01")).toEqual({
      FBU: ["2025-07-30", "2025-07-31", "2025-08-01", "2025-08-02"],
    });
  });

  it("D3 holidays and a bare ordinal after a dated start", () => {
    expect(
      days("Unite security staff will strike from Christmas Eve until Boxing Day.", "2025-11-20"),
    ).toEqual({ Unite: ["2025-12-24", "2025-12-25", "2025-12-26"] });
    expect(
      days("GMB refuse crews begin a walkout on 3 June that lasts until the 6th.", "2025-05-20"),
    ).toEqual({ GMB: ["2025-06-03", "2025-06-04", "2025-06-05", "2025-06-06"] });
  });

  it("D4 24-hour times, intra-day spans and bracketed times between dates", () => {
    expect(
      days("RMT guards strike from 05:00 hours on 4 May until 21:00 hours on 6 May.", "2025-04-20"),
    ).toEqual({ RMT: ["2025-05-04", "2025-05-05", "2025-05-06"] });
    expect(days("NEU teachers will walk out from 9am to 1pm on 12 June.", "2025-06-01")).toEqual({
      NEU: ["2025-06-12"],
    });
    expect(
      days("The GMB stoppage runs Tuesday 8 July (7am) to Thursday 10 July (7pm).", "2025-06-20"),
    ).toEqual({ GMB: ["2025-07-08", "2025-07-09", "2025-07-10"] });
  });

  it("D5 spans whose end is in the next sentence, or given by a length either way", () => {
    expect(
      days(
        "Unite drivers walk out on 7 April.\nThe action is due to continue until 11 April.",
        "2025-03-30",
      ),
    ).toEqual({ Unite: ["2025-04-07", "2025-04-08", "2025-04-09", "2025-04-10", "2025-04-11"] });
    expect(days("PCS members begin a two-week strike on 2 June.", "2025-05-20")).toEqual({
      PCS: range("2025-06-02", "2025-06-15"),
    });
    expect(
      days(
        "Radiographers in the SoR end a three-day stoppage at 6am on Friday 14 March.",
        "2025-03-10",
      ),
    ).toEqual({ SoR: ["2025-03-11", "2025-03-12", "2025-03-13", "2025-03-14"] });
  });

  it("D6 weekdays against this week, plans spoken of in the past, captions", () => {
    // Thursday 12 June 2025
    expect(
      days("Monday and Tuesday this week saw walkouts by Unite cleaners.", "2025-06-12"),
    ).toEqual({
      Unite: ["2025-06-09", "2025-06-10"],
    });
    expect(
      statuses(
        "GMB porters had been due to strike on Saturday, but the action is now off.",
        "2025-06-12",
      ),
    ).toEqual({ "GMB 2025-06-14": "cancelled" });
    expect(days("Unison members on the picket line at the depot on Tuesday", "2025-06-12")).toEqual(
      {
        Unison: ["2025-06-10"],
      },
    );
  });

  it("D7 weekday names that describe explicit dates are not extra days", () => {
    expect(
      days(
        "EIS members strike on the Monday and Wednesday of next week, 16 and 18 June.",
        "2025-06-12",
      ),
    ).toEqual({ EIS: ["2025-06-16", "2025-06-18"] });
  });

  it("N1 dates of other events beside a strike date", () => {
    expect(
      days(
        "The RMT strike is on 4 July, with a reduced service expected on 5 July as trains return.",
        "2025-06-20",
      ),
    ).toEqual({ RMT: ["2025-07-04"] });
  });
});

describe("unions the old extractor lost on unseen news", () => {
  it("A1 'it' and 'they' for a union named in an earlier paragraph", () => {
    expect(
      days(
        "Unite and Unison met the council on Monday. The GMB rejected the offer.\nIt will now strike on 20 June.",
        "2025-06-10",
      ),
    ).toEqual({ GMB: ["2025-06-20"] });
  });

  it("A2 the union named as the source after the clause", () => {
    expect(
      days(
        "Porters at the hospital will walk out on 9 and 10 July, Unison has confirmed.",
        "2025-06-20",
      ),
    ).toEqual({ Unison: ["2025-07-09", "2025-07-10"] });
    expect(days("Bus drivers will strike on 3 July, according to Unite.", "2025-06-20")).toEqual({
      Unite: ["2025-07-03"],
    });
  });

  it("A4 a contrast marker stops the only union being inherited", () => {
    expect(
      days(
        "ASLEF drivers strike on 8 July.\nIn an unconnected dispute, ferry catering staff will walk out on 12 July.",
        "2025-06-20",
      ),
    ).toEqual({ ASLEF: ["2025-07-08"], unknown: ["2025-07-12"] });
  });

  it("A5 co-striking unions after the date", () => {
    expect(
      days("The RCN will strike on 2 July, joined by members of Unison.", "2025-06-20"),
    ).toEqual({
      RCN: ["2025-07-02"],
      Unison: ["2025-07-02"],
    });
  });

  it("A6 a 'Full Name (ACR)' definition read from the text", () => {
    expect(
      days(
        "Members of the Scottish Secondary Teachers' Association (SSTA) will strike on 4 June.",
        "2025-05-20",
      ),
    ).toEqual({ SSTA: ["2025-06-04"] });
  });

  it("A7 bulleted unions under a dated day of action", () => {
    expect(
      days(
        "A day of action across the public sector is planned for 9 October.\nThese unions will be on strike:\n• PCS\n• Prospect\n• FBU",
        "2025-09-20",
      ),
    ).toEqual({ PCS: ["2025-10-09"], Prospect: ["2025-10-09"], FBU: ["2025-10-09"] });
  });

  it("A8 an unnamed union's strike is kept beside a named one on the same day", () => {
    expect(
      days(
        "Unite bus drivers walk out on 3 July.\nJunior doctors at the city hospital are also striking on 3 July.",
        "2025-06-20",
      ),
    ).toEqual({ Unite: ["2025-07-03"], unknown: ["2025-07-03"] });
  });
});

describe("status and stances the old extractor got wrong", () => {
  it("S1 'warned that … will' is a plan; 'would … if' is a threat", () => {
    expect(
      statuses(
        "The CWU has warned bosses that postal workers will strike on 9 July.",
        "2025-06-20",
      ),
    ).toEqual({
      "CWU 2025-07-09": "planned",
    });
    expect(
      statuses("Unison members would strike on 9 July if the offer is not improved.", "2025-06-20"),
    ).toEqual({
      "Unison 2025-07-09": "threatened",
    });
  });

  it("ST1 passive and nominal stances; ST3 only the union's own", () => {
    expect(stances("RMT guards are to be balloted over strikes.")).toEqual(["RMT balloting"]);
    expect(stances("The CWU called the new strike dates an escalation of its campaign.")).toEqual([
      "CWU escalating",
    ]);
    expect(
      stances("According to the NEU, the government rejected its proposal for talks."),
    ).toEqual([]);
  });

  it("ST2 a ballot on an offer is considering it, not balloting", () => {
    expect(
      stances("The FBU will ballot members on the revised pay offer, so strikes are on hold."),
    ).toEqual(["FBU considering_offer"]);
  });
});

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
