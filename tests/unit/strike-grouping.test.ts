import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, eachDay } from "../../src/domain/calendar.ts";
import type { StrikeDay } from "../../src/domain/facts.ts";
import { CALLED_OFF, STRIKE_STATUSES, type StrikeStatus } from "../../src/domain/vocabulary.ts";
import { renderPlainText } from "../../src/render/plain-text.ts";
import { dayRuns, groupByAction, runsOf } from "../../src/render/strike-sections.ts";

const UNIONS = ["RMT", "RCN", "GMB", "Unite", "ASLEF"];

function day(
  actionId: number,
  d: string,
  status: StrikeStatus,
  union = UNIONS[actionId % UNIONS.length]!,
): StrikeDay {
  return {
    day: d,
    status,
    actionId,
    union,
    workforce: actionId % 3 ? "workers" : "",
    sector: "rail",
    employer: null,
    regions: actionId % 2 ? ["UK"] : ["London", "North West"],
    source: {
      id: actionId,
      kind: "user",
      label: `staff ${actionId}`,
      url: null,
      platform: "slack",
      userId: "U",
    },
    asOf: new Date("2026-11-30T00:00:00Z"),
  };
}

/** Several actions, each on some of the days of a five-week stretch, with any statuses. */
const answers = fc
  .array(
    fc.record({
      days: fc.uniqueArray(fc.integer({ min: 0, max: 34 }), { minLength: 1, maxLength: 12 }),
      statuses: fc.array(fc.constantFrom(...STRIKE_STATUSES), { minLength: 12, maxLength: 12 }),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((actions) =>
    actions.flatMap((a, id) =>
      a.days.map((n, i) => day(id + 1, addDays("2026-11-30", n), a.statuses[i]!)),
    ),
  );

describe("runs of strike days", () => {
  it("cover every day once, in maximal runs of one status", () => {
    fc.assert(
      fc.property(answers, (rows) => {
        const days = rows.filter((r) => r.actionId === 1).sort((a, b) => (a.day < b.day ? -1 : 1));
        const runs = runsOf(days);
        const covered = runs.flatMap((r) => eachDay(r.from, r.to));
        expect(covered).toEqual(days.map((d) => d.day));
        for (const r of runs)
          for (const d of eachDay(r.from, r.to))
            expect(days.find((x) => x.day === d)!.status).toBe(r.status);
        runs.slice(1).forEach((r, i) => {
          const before = runs[i]!;
          expect(addDays(before.to, 1) === r.from && before.status === r.status).toBe(false);
        });
      }),
    );
  });

  it("say the status only when it is not 'planned', and strike through called-off days", () => {
    fc.assert(
      fc.property(answers, (rows) => {
        const days = rows.filter((r) => r.actionId === 1).sort((a, b) => (a.day < b.day ? -1 : 1));
        const runs = runsOf(days);
        dayRuns(days).forEach((shown, i) => {
          const status = runs[i]!.status;
          expect(shown.status).toBe(status === "planned" ? undefined : status);
          expect(Boolean(shown.struck)).toBe(CALLED_OFF.has(status));
        });
      }),
    );
  });

  it("read as people write them", () => {
    const d = (s: string, status: StrikeStatus = "planned") => ({ day: s, status });
    expect(
      dayRuns([
        d("2026-12-07"),
        d("2026-12-08"),
        d("2026-12-09", "cancelled"),
        d("2026-12-10"),
        d("2026-12-11"),
      ]),
    ).toEqual([
      { text: "Mon 7 – Tue 8 Dec" },
      { text: "Wed 9 Dec", status: "cancelled", struck: true },
      { text: "Thu 10 – Fri 11 Dec" },
    ]);
    expect(dayRuns([d("2026-11-30"), d("2026-12-01"), d("2026-12-03", "threatened")])).toEqual([
      { text: "Mon 30 Nov – Tue 1 Dec" },
      { text: "Thu 3 Dec", status: "threatened" },
    ]);
    expect(dayRuns([d("2026-12-31"), d("2027-01-01")])).toEqual([
      { text: "Thu 31 Dec 2026 – Fri 1 Jan 2027" },
    ]);
  });
});

describe("a strike answer grouped by action", () => {
  it("has one row per action, in order of first day, and never says 'planned'", () => {
    fc.assert(
      fc.property(answers, (rows) => {
        const sections = groupByAction(rows, { label: (r) => r.source.label });
        const listed = sections.flatMap((s) => s.rows);
        const actions = new Set(rows.map((r) => r.actionId));
        expect(listed).toHaveLength(actions.size);
        const firsts = listed.map((row) => {
          const id = Number(/staff (\d+)/.exec(row.source!.label)![1]);
          return rows
            .filter((r) => r.actionId === id)
            .map((r) => r.day)
            .sort()[0]!;
        });
        expect([...firsts].sort()).toEqual(firsts);
        const text = renderPlainText({ kind: "answer", ephemeral: false, sections });
        expect(text).not.toContain("planned");
        // Over several weeks, each action sits under the week it starts in.
        if (sections.length > 1)
          for (const s of sections) expect(s.heading).toMatch(/^Week of Mon \d+ \w{3}$/);
      }),
    );
  });

  it("keeps regions in their place when a strike has no workforce", () => {
    const [section] = groupByAction([day(6, "2026-12-08", "planned", "Unison")], {
      label: () => "staff",
    });
    expect(renderPlainText({ kind: "answer", ephemeral: false, sections: [section!] })).toBe(
      "Unison · London, North West · Tue 8 Dec  (source: staff)",
    );
  });
});

describe("a strike with no area given", () => {
  it("says so where its area would be", () => {
    const row = { ...day(1, "2026-12-07", "planned", "RMT"), regions: [] };
    const sections = groupByAction([row], { label: () => "staff" });
    expect(renderPlainText({ kind: "answer", ephemeral: false, sections })).toBe(
      "RMT workers · area not given · Mon 7 Dec  (source: staff)",
    );
  });
});

describe("days in a sentence", () => {
  it("run together, the year said once", async () => {
    const { formatDayRuns } = await import("../../src/render/strike-sections.ts");
    expect(
      formatDayRuns(["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11"]),
    ).toBe("Mon 7 – Fri 11 Dec 2026");
    expect(formatDayRuns(["2023-01-23", "2023-01-19"])).toBe("Thu 19 Jan and Mon 23 Jan 2023");
    expect(formatDayRuns(["2026-12-07", "2026-12-08", "2026-12-10", "2026-12-14"])).toBe(
      "Mon 7 – Tue 8 Dec, Thu 10 Dec and Mon 14 Dec 2026",
    );
    expect(formatDayRuns(["2026-12-31", "2027-01-01"])).toBe("Thu 31 Dec 2026 – Fri 1 Jan 2027");
  });
});
