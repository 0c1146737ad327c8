import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/clock.ts";
import { DEFAULT_UNIONS } from "../../src/domain/union-registry.ts";
import { Unions } from "../../src/domain/unions.ts";
import { canonicalWorkforces } from "../../src/domain/workforces.ts";
import { addDays } from "../../src/domain/calendar.ts";
import { escapeHtml } from "../../src/http/html.ts";
import { pageRoutes } from "../../src/http/page-route.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { article, strikeFact } from "../helpers/facts.ts";
import { PAGE_NOW, seedPageFixture, servePage } from "../helpers/page-fixture.ts";
import { storeFactories } from "../helpers/stores.ts";

/** The text of an HTML fragment, tags dropped and entities of the escaper undone. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ")
    .trim();

/** The day sections of a list page: heading text and the strikes under it. */
function daySections(html: string): { day: string; today: boolean; strikes: string[] }[] {
  return [...html.matchAll(/<section class="day[^"]*"[^>]*>([\s\S]*?)<\/section>/g)].map((m) => ({
    day: text(/<h3[^>]*>([\s\S]*?)<\/h3>/.exec(m[1]!)![1]!).replace(" Today", ""),
    today: /<h3[^>]*aria-current="date"/.test(m[1]!),
    strikes: [...m[1]!.matchAll(/<li class="strike[^"]*">([\s\S]*?)<\/li>/g)].map((s) =>
      text(/<span class="who">([\s\S]*?)<\/span>/.exec(s[1]!)![1]!),
    ),
  }));
}

const mapDays = (html: string) =>
  Object.fromEntries(
    [...html.matchAll(/data-area="([a-z-]+)" data-days="(\d+)"/g)].map((m) => [m[1], Number(m[2])]),
  );

for (const factory of storeFactories()) {
  describe(`the public page and its exports (${factory.kind})`, () => {
    const clock = manualClock(PAGE_NOW);
    let store: EventStore;
    let web: Awaited<ReturnType<typeof servePage>>;
    const get = (path: string, init?: RequestInit) => fetch(`${web.base}${path}`, init);
    const html = async (path: string) => {
      const res = await get(path);
      expect(res.status).toBe(200);
      return res.text();
    };

    beforeAll(async () => {
      store = await factory.open(clock);
      await seedPageFixture(store);
      web = await servePage(store, clock);
    });
    afterAll(async () => {
      await web.close();
      await store.close();
      await factory.cleanup();
    });

    it("counts per day exactly the strike days the day query returns (strikeDaySummary)", async () => {
      for (const q of [
        {},
        { unions: ["RCN", "RMT"] },
        { regions: ["Wales"] },
        { regions: ["London"] },
        { sectors: ["education" as const], statuses: ["planned" as const] },
        { workforces: ["ambulance workers"] },
      ]) {
        const query = { from: "2026-11-30", to: "2026-12-31", ...q };
        const rows = await store.strikeDays(query);
        const expected = new Map<string, { total: number; calledOff: number; on: Set<string> }>();
        for (const r of rows) {
          const e = expected.get(r.day) ?? { total: 0, calledOff: 0, on: new Set<string>() };
          e.total++;
          if (["cancelled", "suspended", "postponed"].includes(r.status)) e.calledOff++;
          else e.on.add(JSON.stringify(r.regions));
          expected.set(r.day, e);
        }
        const summary = await store.strikeDaySummary(query);
        expect(summary.map((s) => s.day)).toEqual([...expected.keys()].sort());
        for (const s of summary) {
          const e = expected.get(s.day)!;
          expect([s.total, s.calledOff], `${JSON.stringify(q)} ${s.day}`).toEqual([
            e.total,
            e.calledOff,
          ]);
          expect(new Set(s.regionsOn.map((r) => JSON.stringify(r)))).toEqual(e.on);
        }
      }
    });

    it("lists the seven days from today, each under its own heading, today marked", async () => {
      const days = daySections(await html("/"));
      expect(days.map((d) => d.day)).toEqual([
        "Tue 1 Dec 2026",
        "Wed 2 Dec 2026",
        "Thu 3 Dec 2026",
        "Fri 4 Dec 2026",
        "Sat 5 Dec 2026",
        "Sun 6 Dec 2026",
        "Mon 7 Dec 2026",
      ]);
      expect(days.filter((d) => d.today).map((d) => d.day)).toEqual(["Tue 1 Dec 2026"]);
      expect(days[1]!.strikes).toEqual([
        "BMA junior doctors",
        "GMB ambulance workers",
        "NEU teachers",
        "RCN nurses",
      ]);
      expect(days[4]!.strikes).toEqual([]);
      expect(days[6]!.strikes).toEqual(["RMT rail workers"]);
    });

    it("takes today in London: after 23:00 UTC in summer it is already tomorrow", async () => {
      clock.set("2026-06-30T23:30:00Z");
      try {
        const days = daySections(await html("/"));
        expect(days[0]).toMatchObject({ day: "Wed 1 Jul 2026", today: true });
      } finally {
        clock.set(PAGE_NOW);
      }
    });

    it("counts the week's strike days without the called-off ones, and strikes those through", async () => {
      const page = await html("/");
      expect(page).toContain("Tue 1 – Mon 7 Dec 2026: 8 strike days, and 1 called off");
      expect(page).toMatch(
        /<li class="strike status-cancelled"><s><span class="who"><strong><abbr title="Royal College of Nursing">RCN<\/abbr><\/strong> nurses<\/span>[^]*?called off \(cancelled\)/,
      );
    });

    it("says when no area was given instead of hiding the strike", async () => {
      expect(await html("/")).toMatch(
        /GMB<\/strong> ambulance workers<\/span> <span class="where"><span class="no-area">area not given/,
      );
    });

    it("links news sources by title, shows staff as 'staff (Slack)', and never an internal address", async () => {
      const page = await html("/");
      expect(page).toContain(
        '<a href="https://news.example.org/bma" rel="nofollow noopener noreferrer">Junior doctors begin three-day walkout</a>',
      );
      const week2 = await html("/?from=2026-12-08");
      expect(week2).toMatch(
        /Unison<\/abbr><\/strong> health workers[^]*?Source: staff \(Slack\), 30 Nov/,
      );
      const all = page + week2 + (await html("/"));
      expect(all).not.toMatch(/Jo Bloggs|U0STAFF/);
      expect(all).not.toContain("intranet.corp");
      expect(await html("/")).toContain("Source: Ambulance strike notice, 26 Nov");
    });

    it("filters by several unions at once", async () => {
      const days = daySections(await html("/?union=RCN&union=BMA"));
      expect(new Set(days.flatMap((d) => d.strikes))).toEqual(
        new Set(["RCN nurses", "BMA junior doctors"]),
      );
    });

    it("filters by region: a nation finds its own strikes and UK-wide ones", async () => {
      const days = daySections(await html("/?region=Wales"));
      expect(days.flatMap((d) => d.strikes.map((s) => `${d.day.slice(4, 9)} ${s}`))).toEqual([
        "2 Dec RCN nurses",
        "3 Dec RCN nurses",
        "7 Dec RMT rail workers",
      ]);
    });

    it("filters by sector, workforce and status, and several of each", async () => {
      const strikes = async (q: string) =>
        new Set(daySections(await html(`/?${q}`)).flatMap((d) => d.strikes));
      expect(await strikes("sector=education")).toEqual(new Set(["NEU teachers"]));
      expect(await strikes("workforce=ambulance workers")).toEqual(
        new Set(["GMB ambulance workers", "Unite ambulance workers"]),
      );
      expect(await strikes("status=cancelled")).toEqual(new Set(["RCN nurses"]));
      expect(
        await strikes(
          "from=2026-12-10&status=planned&status=threatened&sector=civil service&sector=education",
        ),
      ).toEqual(new Set(["EIS teachers", "PCS civil servants"]));
    });

    it("ticks the chosen filters in the form, which works as a plain GET", async () => {
      const page = await html("/?union=RCN&union=GMB&region=Cardiff&status=held");
      expect(page).toMatch(/<form method="get" action="\/"/);
      expect(page).toContain('id="f-union-rcn" name="union" value="RCN" checked');
      expect(page).toContain('id="f-union-gmb" name="union" value="GMB" checked');
      expect(page).not.toContain('value="BMA" checked');
      expect(page).toContain('id="f-status-held" name="status" value="held" checked');
      expect(page).toContain(
        '<input type="text" id="place" name="region" list="places" value="Cardiff"',
      );
      expect(page).toContain(
        '<label for="f-union-rmt">RMT · National Union of Rail, Maritime and Transport Workers</label>',
      );
    });

    it("shows the stances of the unions on the page, with their dates and sources", async () => {
      const stances = async (q: string) =>
        [...(await html(`/?${q}`)).matchAll(/<li class="stance">([\s\S]*?)<\/li>/g)].map((m) =>
          text(m[1]!),
        );
      expect(await stances("")).toEqual([
        "RMT is in talks about the pay and conditions 30 Nov 2026 · RMT in talks",
        "RCN is balloting members on the pay 29 Nov 2026 · staff (Slack)",
        "GMB rejected the one-off payment 27 Nov 2026 · GMB rejects one-off payment",
      ]);
      expect((await stances("union=GMB")).map((s) => s.split(" ")[0])).toEqual(["GMB"]);
      expect((await stances("sector=rail")).map((s) => s.split(" ")[0])).toEqual(["RMT"]);
    });

    it("pages a week at a time: later and earlier links keep the filters", async () => {
      const page = await html("/?union=RMT");
      const later = /<a rel="next" href="([^"]+)">Later week/
        .exec(page)![1]!
        .replace(/&amp;/g, "&");
      expect(later).toBe("/?union=RMT&from=2026-12-08");
      const next = await html(later);
      expect(daySections(next).map((d) => d.day)[0]).toBe("Tue 8 Dec 2026");
      expect(new Set(daySections(next).flatMap((d) => d.strikes))).toEqual(
        new Set(["RMT rail workers"]),
      );
      const earlier = /<a rel="prev" href="([^"]+)">← Earlier week/
        .exec(next)![1]!
        .replace(/&amp;/g, "&");
      expect(earlier).toBe("/?union=RMT&from=2026-12-01");
      expect(next).toContain('href="/?union=RMT&amp;from=2026-12-01">This week</a>');
    });

    it("shows a month as a calendar, Monday first, each day naming its strikes", async () => {
      const page = await html("/?view=month");
      expect(page).toContain("<caption>Strikes in December 2026</caption>");
      const cells = [...page.matchAll(/<td class="([^"]*)"[^>]*>([\s\S]*?)<\/td>/g)];
      // December 2026 starts on a Tuesday: one blank cell, then the 1st.
      expect(cells[0]![1]).toBe("pad");
      const day = (n: number) =>
        cells.find(
          (c) =>
            c[1] !== "pad" &&
            new RegExp(`<span class="num" aria-hidden="true">${n}</span>`).test(c[2]!),
        )!;
      expect(day(1)[1]).toContain("today");
      expect(text(day(8)[2]!)).toContain("RMT rail workers Unison health workers");
      // Four strikes on the 2nd: three named, and a link to the rest in the list view.
      expect(text(day(2)[2]!)).toContain("+1 more · all 4 strike days");
      expect(day(2)[2]).toContain('href="/?from=2026-12-02"');
      expect(text(day(20)[2]!)).toBe("20 Sun 20 Dec");
      const later = /<a rel="next" href="([^"]+)">Later month/
        .exec(page)![1]!
        .replace(/&amp;/g, "&");
      expect(later).toBe("/?view=month&from=2027-01-01");
    });

    it("shades the map by strike days in the window, following the filters", async () => {
      expect(mapDays(await html("/"))).toEqual({
        scotland: 2,
        "northern-ireland": 1,
        "north-east": 4,
        "north-west": 4,
        yorkshire: 4,
        wales: 2,
        "west-midlands": 4,
        "east-midlands": 4,
        east: 4,
        "south-west": 4,
        london: 4,
        "south-east": 4,
      });
      const scotland = mapDays(await html("/?view=month&region=Scotland"));
      // Unite 4 Dec, RMT (UK) 7–11 Dec, EIS Glasgow 15 Dec, PCS (UK) 16 Dec.
      expect(scotland.scotland).toBe(8);
      expect(scotland.wales).toBe(6);
      expect(await html("/")).toContain("1 strike day with no area given");
      expect(await html("/")).toContain(
        '<a href="/?region=London" aria-label="London: 4 strike days"',
      );
    });

    it("refuses a malformed date or filter with a 400 page that says why", async () => {
      for (const [q, reason] of <[string, string][]>[
        ["from=2023-99-99", "from=2023-99-99 is not a date: there is no month 99."],
        ["from=2026-02-31", "from=2026-02-31 is not a date: February 2026 has 28 days."],
        ["union=RNC", 'Unknown union "RNC". Did you mean RCN (Royal College of Nursing)?'],
        ["view=year", 'view: view must be "list" or "month"'],
      ]) {
        const res = await get(`/?${q}`);
        expect(res.status).toBe(400);
        const body = await res.text();
        expect(body).toContain(`<p class="error" role="alert">${escapeHtml(reason)}`);
        expect(body).toContain('<form method="get" action="/"');
      }
      const ics = await get("/calendar.ics?from=2026-02-31");
      expect(ics.status).toBe(400);
      expect(await ics.text()).toContain("February 2026 has 28 days");
    });

    it("keeps a rendered page until the data changes, then shows the change", async () => {
      const first = await get("/?union=EIS&from=2026-12-14");
      const etag = first.headers.get("etag")!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await get("/?from=2026-12-14&union=EIS");
      expect(again.headers.get("etag")).toBe(etag);
      expect(
        (await get("/?union=EIS&from=2026-12-14", { headers: { "if-none-match": etag } })).status,
      ).toBe(304);
      await store.recordStrike(
        strikeFact({
          union: "EIS",
          workforce: "teachers",
          sector: "education",
          regions: ["Edinburgh"],
          days: ["2026-12-17"],
          source: article(
            "https://news.example.org/eis2",
            "2026-12-01T08:30:00Z",
            "Edinburgh teachers too",
          ),
        }),
      );
      const changed = await get("/?union=EIS&from=2026-12-14", {
        headers: { "if-none-match": etag },
      });
      expect(changed.status).toBe(200);
      expect(changed.headers.get("etag")).not.toBe(etag);
      expect(await changed.text()).toContain("Edinburgh teachers too");
    });

    it("serves the same strikes as JSON, with public sources and its own 400s", async () => {
      const res = await get("/api/strikes?union=Unison&union=RCN&from=2026-12-01&to=2026-12-31");
      expect(res.headers.get("content-type")).toContain("application/json");
      const body = (await res.json()) as {
        total: number;
        next: string | null;
        strikes: {
          day: string;
          union: string;
          unionName: string;
          status: string;
          calledOff: boolean;
          regions: string[];
          source: unknown;
        }[];
        stances: { union: string; sentence: string; asOf: string; source: unknown }[];
      };
      expect(body.total).toBe(3);
      expect(body.next).toBeNull();
      expect(body.strikes.map((s) => [s.day, s.union, s.status, s.calledOff])).toEqual([
        ["2026-12-02", "RCN", "planned", false],
        ["2026-12-03", "RCN", "cancelled", true],
        ["2026-12-08", "Unison", "planned", false],
      ]);
      expect(body.strikes[0]).toMatchObject({
        unionName: "Royal College of Nursing",
        regions: ["Wales"],
        source: {
          kind: "news",
          title: "Welsh nurses to strike twice",
          url: "https://news.example.org/rcn-wales",
        },
      });
      expect(body.strikes[2]!.source).toEqual({ kind: "staff", platform: "Slack" });
      expect(body.stances).toEqual([
        expect.objectContaining({
          union: "RCN",
          sentence: "RCN is balloting members on the pay",
          asOf: "2026-11-29T12:00:00.000Z",
          source: { kind: "staff", platform: "Slack" },
        }),
      ]);
      expect(JSON.stringify(body)).not.toMatch(/Jo Bloggs|U0STAFF/);
      const bad = await get("/api/strikes?to=2026-04-31");
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({
        error: {
          code: "bad_date",
          message: "to=2026-04-31 is not a date: April 2026 has 30 days.",
          hint: "Write to as YYYY-MM-DD, like 2023-02-06.",
        },
      });
    });

    it("exports CSV a spreadsheet opens safely, for the filters and dates asked", async () => {
      const res = await get("/strikes.csv?region=Wales&from=2026-12-01&to=2026-12-31");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/csv");
      expect(res.headers.get("content-disposition")).toBe(
        'attachment; filename="strikes-2026-12-01-to-2026-12-31.csv"',
      );
      const rows = parse(await res.text(), { bom: true, columns: true }) as Record<
        string,
        string
      >[];
      expect(rows.map((r) => `${r.date} ${r.union} ${r.regions} ${r.status}`)).toEqual([
        "2026-12-02 RCN Wales planned",
        "2026-12-03 RCN Wales cancelled",
        "2026-12-07 RMT UK planned",
        "2026-12-08 RMT UK planned",
        "2026-12-09 RMT UK planned",
        "2026-12-10 RMT UK planned",
        "2026-12-11 RMT UK planned",
        "2026-12-16 PCS UK threatened",
      ]);
      const bad = await get("/strikes.csv?from=2026-13-01");
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain("there is no month 13");
    });
  });
}

describe("bounded pages for a busy week", () => {
  const factory = storeFactories()[0]!;
  const clock = manualClock(PAGE_NOW);
  let store: EventStore;
  let server: Server;
  let base: string;
  const BUSY = 260;

  beforeAll(async () => {
    store = await factory.open(clock);
    // 260 distinct actions in one week (each union with a different workforce, so none merge),
    // and a feed title crafted as a spreadsheet formula.
    const workforces = canonicalWorkforces();
    for (let i = 0; i < BUSY; i++) {
      await store.recordStrike(
        strikeFact({
          union: DEFAULT_UNIONS[i % DEFAULT_UNIONS.length]!.name,
          workforce: workforces[Math.floor(i / DEFAULT_UNIONS.length) % workforces.length]!,
          regions: ["Wales"],
          days: [addDays("2026-12-01", i % 7)],
          source: article(
            `https://news.example.org/busy/${i}`,
            "2026-11-25T08:00:00Z",
            i === 0 ? '=HYPERLINK("http://evil.example","Click")' : `Busy story ${i}`,
          ),
        }),
      );
    }
    // The page routes alone, with a small CSV cap to see the refusal.
    const routes = pageRoutes({
      store,
      unions: new Unions(),
      clock,
      timeZone: "Europe/London",
      csvMaxRows: 200,
    });
    server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const route = routes.find((r) => r.path === url.pathname);
      if (!route) return void res.writeHead(404).end();
      route.handle(req, res, url).catch((e: unknown) => res.writeHead(500).end(String(e)));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await store.close();
    await factory.cleanup();
  });

  it("shows at most 100 strike days a page, and every one of them over the pages", async () => {
    const seen: string[] = [];
    let next: string | undefined = "/";
    let pages = 0;
    while (next) {
      const res = await fetch(`${base}${next}`);
      const page = await res.text();
      pages++;
      const links = [...page.matchAll(/<a href="(https:\/\/news\.example\.org\/busy\/\d+)"/g)].map(
        (m) => m[1]!,
      );
      expect(links.length).toBeLessThanOrEqual(100);
      expect(Buffer.byteLength(page)).toBeLessThan(120_000);
      seen.push(...links);
      const more = /<a rel="next" href="([^"]+)">Next page/.exec(page);
      next = more?.[1]?.replace(/&amp;/g, "&");
    }
    expect(pages).toBe(3);
    // Each day says where the strike days it does not show are.
    const first = await (await fetch(`${base}/`)).text();
    expect(first).toMatch(
      /strike days more on this day, on <a href="\/\?from=2026-12-01&amp;page=2">page 2<\/a>\./,
    );
    expect(first).toMatch(
      /<h3 id="d-2026-12-07">Mon 7 Dec 2026<\/h3><p class="none">\d+ strike days, on <a href="\/\?from=2026-12-01&amp;page=3">page 3<\/a> of this week/,
    );
    expect(seen).toHaveLength(BUSY);
    expect(new Set(seen).size).toBe(BUSY);
  });

  it("pages the JSON API with `next` links that add up to the whole window", async () => {
    const days: string[] = [];
    let next: string | null = "/api/strikes?from=2026-12-01&to=2026-12-07&limit=100";
    while (next) {
      const body = (await (await fetch(`${base}${next}`)).json()) as {
        total: number;
        next: string | null;
        strikes: { day: string; source: { url: string } }[];
      };
      expect(body.total).toBe(BUSY);
      expect(body.strikes.length).toBeLessThanOrEqual(100);
      days.push(...body.strikes.map((s) => s.source.url));
      next = body.next;
    }
    expect(new Set(days).size).toBe(BUSY);
  });

  it("refuses a CSV bigger than its cap rather than cutting it short", async () => {
    const res = await fetch(`${base}/strikes.csv?from=2026-12-01&to=2026-12-07`);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(
      "260 strike days match, more than the 200 one file holds. Narrow the filters or ask for fewer days (from and to).",
    );
  });

  it("writes a formula-looking title as text in the CSV", async () => {
    const res = await fetch(`${base}/strikes.csv?from=2026-12-01&to=2026-12-01`);
    const rows = parse(await res.text(), { bom: true, columns: true }) as Record<string, string>[];
    const evil = rows.find((r) => r.source_url === "https://news.example.org/busy/0")!;
    expect(evil.source).toBe('\'=HYPERLINK("http://evil.example","Click")');
  });
});
