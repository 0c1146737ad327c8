import fc from "fast-check";
import ical from "node-ical";
import { describe, expect, it } from "vitest";
import type { StoredSource, StrikeDay } from "../../src/domain/facts.ts";
import {
  MAX_DESCRIPTION,
  MAX_SOURCES,
  MAX_SUMMARY,
  calendarEvents,
  contentLine,
  escapeText,
  writeCalendar,
} from "../../src/http/calendar-feed.ts";
import { addMonths, calendarName, calendarWindow } from "../../src/http/calendar-service.ts";

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f]/g;
// eslint-disable-next-line no-control-regex
const DROPPED = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

const news = (id: number, label = `News ${id}`, url = `https://news.example/${id}`) =>
  ({ id, kind: "article", label, url, platform: null, userId: null }) satisfies StoredSource;

function day(over: Partial<StrikeDay> & Pick<StrikeDay, "day">): StrikeDay {
  return {
    status: "planned",
    actionId: 1,
    union: "RCN",
    workforce: "nurses",
    sector: "health",
    employer: null,
    regions: ["Wales"],
    source: news(1),
    asOf: new Date("2023-01-10T08:00:00Z"),
    ...over,
  };
}

const head = {
  name: "All strikes (strikewatch)",
  description: "test",
  host: "strikes.example.org",
};

function parse(body: string): ical.VEvent[] {
  return Object.values(ical.sync.parseICS(body)).filter(
    (e) => e?.type === "VEVENT",
  ) as ical.VEvent[];
}

/** Undoes RFC 5545 folding: CRLF followed by one space joins two physical lines. */
const unfold = (s: string) => s.replace(/\r\n /g, "");

describe("content lines", () => {
  it("fold at 75 octets without splitting a UTF-8 sequence, and unfold to the original", () => {
    const text = fc.string({ unit: "binary", maxLength: 400 });
    fc.assert(
      fc.property(text, (s) => {
        const line = `DESCRIPTION:${s.replace(/[\r\n]/g, "")}`;
        const out = contentLine(line);
        expect(out.endsWith("\r\n")).toBe(true);
        const physical = out.slice(0, -2).split("\r\n");
        for (const [i, p] of physical.entries()) {
          expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
          if (i > 0) expect(p.startsWith(" ")).toBe(true);
          // A split inside a sequence would decode to U+FFFD or lose a surrogate half.
          expect(Buffer.from(p, "utf8").toString("utf8")).toBe(p);
        }
        expect(unfold(out.slice(0, -2))).toBe(line);
      }),
    );
  });

  it("escapes TEXT specials and drops control characters, so any text survives a parser", () => {
    expect(escapeText("a,b;c\\d\ne\r\nf\x1bg\x00h\ti")).toBe("a\\,b\\;c\\\\d\\ne\\nfgh\ti");
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1, maxLength: 120 }), (s) => {
        const printable = s.replace(CONTROL, "").trim();
        // node-ical drops the quotes around a whole value ("x" reads as x); RFC 5545 keeps them.
        fc.pre(printable.length > 0 && s === s.trim() && !/^".*"$/s.test(s));
        const body = writeCalendar(head, [
          {
            uid: "x@strikes.example.org",
            start: "2023-02-06",
            end: "2023-02-07",
            summary: s,
            description: s,
            status: "CONFIRMED",
            stamp: new Date("2023-01-10T08:00:00Z"),
          },
        ]);
        const [e] = parse(body);
        expect(e!.summary).toBe(s.replace(DROPPED, "").replace(/[\u2028\u2029]/g, "\n"));
      }),
      { numRuns: 300 },
    );
  });
});

describe("events", () => {
  it("are runs of consecutive days of one action with one status, all-day, in a stable order", () => {
    const rows = [
      day({ day: "2023-02-07" }),
      day({ day: "2023-02-06" }),
      day({ day: "2023-02-09" }),
      day({ day: "2023-02-10", status: "cancelled" }),
      day({ day: "2023-02-06", actionId: 2, union: "GMB", workforce: "", regions: [] }),
    ];
    const events = calendarEvents(rows, "strikes.example.org");
    expect(events.map((e) => [e.start, e.end, e.summary, e.status].join(" ")).sort()).toEqual([
      "2023-02-06 2023-02-07 GMB strike CONFIRMED",
      "2023-02-06 2023-02-08 RCN nurses strike (Wales) CONFIRMED",
      "2023-02-09 2023-02-10 RCN nurses strike (Wales) CONFIRMED",
      "2023-02-10 2023-02-11 Called off: RCN nurses strike (Wales) CANCELLED",
    ]);
    expect(events.map((e) => e.start)).toEqual([...events.map((e) => e.start)].sort());
    // The same rows in another order give the same bytes.
    const again = calendarEvents([...rows].reverse(), "strikes.example.org");
    expect(writeCalendar(head, again)).toBe(writeCalendar(head, events));
    const parsed = parse(writeCalendar(head, events));
    expect(parsed).toHaveLength(4);
    expect(parsed.every((e) => (e.start as Date & { dateOnly?: boolean }).dateOnly)).toBe(true);
  });

  it("carry the data's time as DTSTAMP, never the clock's", () => {
    const rows = [
      day({ day: "2023-02-06", asOf: new Date("2023-01-10T08:00:00Z") }),
      day({ day: "2023-02-07", asOf: new Date("2023-01-11T09:30:00Z"), source: news(2) }),
    ];
    const body = writeCalendar(head, calendarEvents(rows, "strikes.example.org"));
    expect(body).toContain("DTSTAMP:20230111T093000Z\r\n");
    expect(body).toContain("LAST-MODIFIED:20230111T093000Z\r\n");
  });

  it("cap the summary, the description and the sources listed", () => {
    const long = "Strike news ".repeat(100);
    const rows = Array.from({ length: 9 }, (_, i) =>
      day({
        day: `2023-02-0${i + 1}`,
        workforce: "w".repeat(400),
        source: news(i, long, `https://news.example/${i}`),
      }),
    );
    const [e] = calendarEvents(rows, "strikes.example.org");
    expect(e!.summary.length).toBeLessThanOrEqual(MAX_SUMMARY);
    expect(e!.description.length).toBeLessThanOrEqual(MAX_DESCRIPTION);
    const listed = e!.description.split("\n").slice(2);
    expect(listed.length).toBeLessThanOrEqual(MAX_SOURCES + 1);
    expect(e!.description).toContain("and 4 more");
  });

  it("name no person and no internal address: staff are 'staff (Slack)', file: URLs are dropped", () => {
    const staff: StoredSource = {
      id: 9,
      kind: "user",
      label: "Jo Bloggs",
      url: null,
      platform: "slack",
      userId: "U123",
    };
    const rows = [
      day({ day: "2023-02-06", source: staff }),
      day({ day: "2023-02-07", source: news(3, "Leaked memo", "file:///etc/passwd") }),
    ];
    const body = writeCalendar(head, calendarEvents(rows, "strikes.example.org"));
    expect(unfold(body)).toContain("staff (Slack)");
    expect(unfold(body)).toContain("Leaked memo");
    expect(body).not.toContain("Jo Bloggs");
    expect(body).not.toContain("U123");
    expect(body).not.toContain("file:");
  });
});

describe("the window and the name", () => {
  it("covers three months back and twelve ahead by default, month lengths respected", () => {
    expect(addMonths("2023-05-31", -3)).toBe("2023-02-28");
    expect(addMonths("2024-03-31", -1)).toBe("2024-02-29");
    expect(addMonths("2023-06-14", 12)).toBe("2024-06-14");
    expect(addMonths("2023-01-15", -13)).toBe("2021-12-15");
    expect(calendarWindow({}, "2023-06-14", { monthsBack: 3, monthsAhead: 12 })).toEqual({
      from: "2023-03-14",
      to: "2024-06-14",
    });
    expect(
      calendarWindow({ from: "2023-01-01", weeks: 2 }, "2023-06-14", {
        monthsBack: 3,
        monthsAhead: 12,
      }),
    ).toEqual({ from: "2023-01-01", to: "2023-01-14" });
  });

  it("names the calendar by its filters", () => {
    const none = { unions: [], regions: [], sectors: [], workforces: [], statuses: [] };
    expect(calendarName(none)).toBe("All strikes (strikewatch)");
    expect(
      calendarName({
        ...none,
        unions: ["RCN", "GMB"],
        regions: ["Wales"],
        sectors: ["health"],
        workforces: ["nurses"],
      }),
    ).toBe("Strikes: RCN, GMB · Wales · health · nurses (strikewatch)");
  });
});
