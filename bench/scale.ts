// `npm run bench -- --scale [--json] [--quick] [--sizes=10k,100k] [--stores=sqlite]`: what each
// route costs as the store grows from 10,000 to a million strike days (issue 16's table).
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { commands } from "../commands/index.ts";
import { fixedClock, type Clock } from "../src/clock.ts";
import { DeliveryService } from "../src/delivery/delivery-service.ts";
import type { Sender } from "../src/delivery/sender.ts";
import { Dispatcher } from "../src/dispatcher.ts";
import { addDays, type IsoDay } from "../src/domain/calendar.ts";
import { Unions } from "../src/domain/unions.ts";
import { CalendarService } from "../src/http/calendar-service.ts";
import { httpRoutes, startHttpServer, type HttpDeps } from "../src/http/http-app.ts";
import { silentLogger } from "../src/logger.ts";
import { renderPlainText } from "../src/render/plain-text.ts";
import { migrate } from "../src/store/open-store.ts";
import { PostgresDriver } from "../src/store/postgres-driver.ts";
import type { SqlDriver } from "../src/store/sql-driver.ts";
import { SqlEventStore } from "../src/store/sql-event-store.ts";
import { SqliteDriver } from "../src/store/sqlite-driver.ts";
import { runClients } from "./http-clients.ts";
import { percentile, round, type Figure } from "./report.ts";
import { seedStrikeDays, type Seeded } from "./seed.ts";

/** Wednesday 14 June 2023, 10:00 in London: inside both spreads, after the morning digest. */
const NOW = "2023-06-14T09:00:00Z";
const TODAY = "2023-06-14";

export interface ScaleSize {
  name: string;
  days: number;
  start: IsoDay;
  years: number;
}

export const SIZES: readonly ScaleSize[] = [
  { name: "10k", days: 10_000, start: "2021-01-01", years: 5 },
  { name: "100k", days: 100_000, start: "2021-01-01", years: 5 },
  { name: "1m", days: 1_000_000, start: "2021-01-01", years: 5 },
  // A long-lived store: fifty years of history, the same million days, thinner per week.
  { name: "1m50y", days: 1_000_000, start: "1976-01-01", years: 50 },
];

type StoreKind = "sqlite" | "postgres";

export interface ScaleOptions {
  sizes: readonly ScaleSize[];
  stores: readonly StoreKind[];
  pgUrl: string | undefined;
  quick: boolean;
  /** Called with each batch of figures as soon as it is measured (a long run shows progress). */
  emit: (figures: Figure[]) => void;
}

/** A store opened, migrated and seeded, with the bot's dispatcher and HTTP server over it. */
interface Bench {
  kind: StoreKind;
  driver: SqlDriver;
  clock: Clock;
  store: SqlEventStore;
  dispatcher: Dispatcher;
  http: HttpDeps;
  base: string;
  server: Server;
  seeded: Seeded;
  close(): Promise<void>;
}

async function openDriver(
  kind: StoreKind,
  pgUrl: string | undefined,
): Promise<{ driver: SqlDriver; drop: () => Promise<void> }> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "strikewatch-scale-"));
    const driver = SqliteDriver.open(join(dir, "scale.db"));
    return {
      driver,
      drop: async () => {
        await driver.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `sw_scale_${process.pid}_${Date.now().toString(36)}`;
  const driver = await PostgresDriver.open({ connectionString: pgUrl!, schema });
  return {
    driver,
    drop: async () => {
      await driver.exec(`DROP SCHEMA ${schema} CASCADE`);
      await driver.close();
    },
  };
}

async function openBench(
  kind: StoreKind,
  pgUrl: string | undefined,
  seed: (d: SqlDriver) => Promise<Seeded>,
): Promise<Bench> {
  const { driver, drop } = await openDriver(kind, pgUrl);
  const clock = fixedClock(NOW);
  await migrate(driver, clock);
  const seeded = await seed(driver);
  const store = new SqlEventStore(driver, clock);
  const unions = new Unions();
  const dispatcher = new Dispatcher({
    commands,
    store,
    unions,
    clock,
    staff: { users: ["bench:staff"], roles: [] },
    timeZone: "Europe/London",
    logger: silentLogger,
  });
  const calendar = new CalendarService({
    store,
    unions,
    clock,
    timeZone: "Europe/London",
    host: "strikes.example.org",
  });
  const http: HttpDeps = {
    store,
    unions,
    clock,
    logger: silentLogger,
    timeZone: "Europe/London",
    publicBaseUrl: "https://strikes.example.org",
    calendar,
  };
  const server = await startHttpServer(httpRoutes(http), 0, { host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    kind,
    driver,
    clock,
    store,
    dispatcher,
    http,
    base,
    server,
    seeded,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await drop();
    },
  };
}

/** Forgets every cached calendar body, so the next fetch renders from the store. */
function clearCalendar(b: Bench): void {
  b.http.calendar?.clear();
}

interface Sampled {
  times: number[];
  bytes: number;
  detail: Record<string, unknown>;
}

/**
 * Runs `fn` after `warmup` untimed runs until `runs` timed runs are done or `budgetMs` has
 * passed (at least one run): a route that takes seconds before its fix still gets measured
 * without the whole suite taking hours. `fn` returns the bytes it answered.
 */
async function sample(
  fn: (i: number) => Promise<number>,
  o: { runs: number; budgetMs: number; warmup?: number },
  before?: (i: number) => void | Promise<void>,
): Promise<Sampled> {
  const started = performance.now();
  let i = 0;
  let bytes = 0;
  for (let w = 0; w < (o.warmup ?? 3) && performance.now() - started < o.budgetMs / 4; w++) {
    await before?.(i);
    bytes = await fn(i++);
  }
  const times: number[] = [];
  const timedFrom = performance.now();
  while (
    times.length < o.runs &&
    (times.length === 0 || performance.now() - timedFrom < o.budgetMs)
  ) {
    await before?.(i);
    const t0 = performance.now();
    bytes = await fn(i++);
    times.push(performance.now() - t0);
  }
  return { times: times.sort((a, b) => a - b), bytes, detail: {} };
}

function figuresOf(prefix: string, s: Sampled, extra: Record<string, unknown>): Figure[] {
  const detail = { runs: s.times.length, ...extra, ...s.detail };
  return [
    { name: `${prefix}.p50_ms`, value: round(percentile(s.times, 50)), unit: "ms", ...detail },
    { name: `${prefix}.p99_ms`, value: round(percentile(s.times, 99)), unit: "ms", ...detail },
    { name: `${prefix}.bytes`, value: s.bytes, unit: "count", ...detail },
  ];
}

async function command(b: Bench, text: string, staff = false): Promise<number> {
  const [name, ...rest] = text.split(" ");
  const reply = await b.dispatcher.dispatch({
    command: name!,
    text: rest.join(" "),
    caller: { platform: "bench", id: staff ? "staff" : "reader" },
    channel: { platform: "bench", id: "C1" },
  });
  if (reply.kind === "error" && reply.error?.code === "internal")
    throw new Error(`bench command failed: ${reply.text}`);
  return Buffer.byteLength(renderPlainText(reply));
}

async function get(b: Bench, path: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(b.base + path, { headers });
  const body = await res.arrayBuffer();
  if (res.status >= 400) throw new Error(`GET ${path}: ${res.status}`);
  return body.byteLength;
}

/** Future days of planned actions, each to be called off once by a `/strike cancel`. */
async function cancelTargets(b: Bench, n: number): Promise<string[]> {
  const rows = await b.driver.query<{
    union_name: string;
    workforce: string;
    regions: string;
    day: string;
  }>(
    `SELECT a.union_name, a.workforce, a.regions, d.day FROM action_days d JOIN actions a ON a.id = d.action_id
     WHERE d.day > ? AND d.day <= ? AND d.status = 'planned' ORDER BY d.day, d.action_id LIMIT ?`,
    [TODAY, addDays(TODAY, 120), n * 3],
  );
  // Every third row, so consecutive cancels name different actions.
  return rows
    .filter((_, i) => i % 3 === 0)
    .map(
      (r) =>
        `strike cancel ${r.union_name} ${r.workforce} ${(JSON.parse(r.regions) as string[]).join(" ")} ${r.day}`,
    );
}

/** A small real change (a staff entry far in the past), so caches keyed by the data go stale. */
async function touch(b: Bench, n: number): Promise<void> {
  await b.store.recordStrike({
    union: "Equity",
    workforce: "actors",
    sector: "other",
    regions: ["London"],
    days: [addDays("1970-01-01", n)],
    status: "held",
    confidence: 1,
    source: { kind: "user", platform: "bench", userId: "touch", posted: b.clock.now() },
  });
}

/** A sender that is never reached: the benchmark enqueues digests, it does not deliver them. */
const idleSender: Sender = {
  platform: "slack",
  send: () => Promise.reject(new Error("the enqueue benchmark does not deliver")),
};

async function digestEnqueue(
  b: Bench,
  channels: number,
  runs: number,
  budgetMs: number,
): Promise<Sampled> {
  for (let c = 0; c < channels; c++) {
    await b.store.delivery.subscribe(
      {
        platform: "slack",
        channelId: `CDIGEST${c}`,
        kind: "digest",
        atTime: "08:00",
        days: [1, 2, 3, 4, 5],
        timeZone: "Europe/London",
        filters: "Wales",
        skipEmpty: false,
        createdBy: "bench",
        createdAt: new Date("2023-06-01T00:00:00Z"),
      },
      await b.store.latestSeq(),
    );
  }
  const service = new DeliveryService({
    store: b.store,
    unions: new Unions(),
    clock: b.clock,
    logger: silentLogger,
    senders: new Map([["slack", idleSender]]),
  });
  const times: number[] = [];
  // Wednesday, Thursday, Friday: a new digest slot each run.
  const started = performance.now();
  for (let r = 0; r < runs && (r === 0 || performance.now() - started < budgetMs); r++) {
    const t0 = performance.now();
    const { enqueued } = await service.enqueueDue(new Date(Date.parse(NOW) + r * 86_400_000));
    times.push(performance.now() - t0);
    if (enqueued !== channels) throw new Error(`enqueued ${enqueued} of ${channels} digests`);
  }
  const [row] = await b.driver.query<{ bytes: number | string; n: number | string }>(
    // Every byte queued: the outbox rows, and the shared messages they point at.
    `SELECT (SELECT COALESCE(SUM(LENGTH(CAST(payload AS TEXT))), 0) FROM outbox)
       + (SELECT COALESCE(SUM(LENGTH(CAST(payload AS TEXT))), 0) FROM outbox_messages) AS bytes,
       (SELECT COUNT(*) FROM outbox) AS n`,
  );
  return {
    times: times.sort((a, c) => a - c),
    bytes: Math.round(Number(row?.bytes ?? 0) / times.length),
    detail: { channels, outbox_rows: Number(row?.n ?? 0) },
  };
}

async function scaleRoutes(b: Bench, size: ScaleSize, quick: boolean): Promise<Figure[]> {
  const runs = quick ? 30 : 200;
  const budgetMs = quick ? 3_000 : 15_000;
  const o = { runs, budgetMs };
  const out: Figure[] = [];
  const at = (route: string) => `scale.${route}.${size.name}.${b.kind}`;
  const base = { store_days: b.seeded.days, store_actions: b.seeded.actions };
  const add = (route: string, s: Sampled) => out.push(...figuresOf(at(route), s, base));

  add("strikes_week", await sample(() => command(b, "strikes this week"), o));
  add(
    "strikes_week_filtered",
    await sample(() => command(b, "strikes this week RCN GMB Wales"), o),
  );
  add("disputes", await sample(() => command(b, "disputes"), o));
  // The page caches each rendering until the data changes: a change before each run makes
  // every timed fetch a fresh rendering (the cached answer is in the detail).
  let changes = 0;
  const page = await sample(
    () => get(b, "/"),
    o,
    () => touch(b, changes++),
  );
  const cachedPage = await sample(() => get(b, "/"), o);
  page.detail.cached_p50_ms = round(percentile(cachedPage.times, 50));
  page.detail.cached_p99_ms = round(percentile(cachedPage.times, 99));
  add("page", page);
  add(
    "ics_filtered",
    await sample(
      () => get(b, "/calendar.ics?union=RCN"),
      o,
      () => clearCalendar(b),
    ),
  );
  add(
    "ics_all_cold",
    await sample(
      () => get(b, "/calendar.ics"),
      { ...o, runs: quick ? 10 : 50 },
      () => clearCalendar(b),
    ),
  );
  await get(b, "/calendar.ics");
  add("ics_all_cached", await sample(() => get(b, "/calendar.ics"), o));
  const targets = await cancelTargets(b, runs + 3);
  add(
    "cancel",
    await sample((i) => command(b, targets[i % targets.length]!, true), {
      ...o,
      runs: Math.min(runs, targets.length - 3),
    }),
  );
  add("digest_enqueue_1000", await digestEnqueue(b, 1000, quick ? 1 : 3, budgetMs));
  return out;
}

/**
 * The server's event-loop delay (p99, from perf_hooks.monitorEventLoopDelay) while 4 clients
 * reload the page and 4 poll the calendar with assorted filters, and a writer records a strike
 * every second so cached calendars keep going stale. Clients run in a worker thread.
 */
async function loopDelay(
  b: Bench,
  sizeName: string,
  seconds: number,
  withPages = true,
): Promise<Figure[]> {
  const unions = ["RCN", "GMB", "Unite", "Unison", "RMT", "BMA", "PCS", "NEU"];
  const calendar = ["/calendar.ics", ...unions.map((u) => `/calendar.ics?union=${u}`)];
  const pages = ["/", "/?union=RCN", "/?region=Wales", "/?sector=rail"];
  const clients = [
    ...Array.from({ length: 4 }, () => (withPages ? pages : calendar)),
    ...Array.from({ length: 4 }, () => calendar),
  ];
  let writes = 0;
  const writer = setInterval(() => {
    void b.store
      .recordStrike({
        union: unions[writes % unions.length]!,
        workforce: "",
        sector: "health",
        regions: ["Wales"],
        days: [addDays(TODAY, 3 + (writes % 90))],
        status: "planned",
        confidence: 1,
        source: { kind: "user", platform: "bench", userId: "writer", posted: b.clock.now() },
      })
      .then(() => writes++);
  }, 1000);
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const report = await runClients({ base: b.base, clients, seconds });
  h.disable();
  clearInterval(writer);
  const detail = {
    size: sizeName,
    store: b.kind,
    seconds,
    requests: report.requests,
    errors: report.errors,
    statuses: report.statuses,
    writes,
    max_ms: round(h.max / 1e6),
    p50_ms: round(h.percentile(50) / 1e6),
  };
  const name = withPages ? "loop.delay_p99_ms" : "loop.calendar_only.delay_p99_ms";
  return [{ name, value: round(h.percentile(99) / 1e6), unit: "ms", ...detail }];
}

/**
 * The same process's loop delay with nothing to do: on a shared machine the operating system's
 * scheduling alone delays timers, and this is the floor the figures above stand on.
 */
async function idleLoopDelay(seconds: number): Promise<Figure> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  h.disable();
  return {
    name: "loop.idle.delay_p99_ms",
    value: round(h.percentile(99) / 1e6),
    unit: "ms",
    max_ms: round(h.max / 1e6),
    seconds,
  };
}

/**
 * Issue 13.3: a calendar of 3,000 strike days, cold and cached, and the p99 of `/strikes this
 * week` answered by the same process while 8 clients fetch the calendar.
 */
async function calendarUnderLoad(pgUrl: string | undefined, quick: boolean): Promise<Figure[]> {
  const b = await openBench("sqlite", pgUrl, (d) =>
    // 3,000 days inside the calendar's window (three months back, a year ahead).
    seedStrikeDays(d, 3000, { start: addDays(TODAY, -80), years: 1.1 }),
  );
  try {
    const o = { runs: quick ? 10 : 50, budgetMs: quick ? 3_000 : 15_000 };
    const cold = await sample(
      () => get(b, "/calendar.ics"),
      o,
      () => clearCalendar(b),
    );
    await get(b, "/calendar.ics");
    const cached = await sample(() => get(b, "/calendar.ics"), o);
    const seconds = quick ? 3 : 10;
    const calendar = ["/calendar.ics", "/calendar.ics?union=RCN", "/calendar.ics?region=Wales"];
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const load = runClients({
      base: b.base,
      clients: Array.from({ length: 8 }, () => calendar),
      seconds,
    });
    // Requests arrive on a schedule (every 25 ms), and each one's latency counts from when it
    // arrived: a blocked event loop delays the start of the next request too, which timing only
    // the call would hide.
    const times: number[] = [];
    const started = performance.now();
    const end = started + seconds * 1000;
    let changes = 0;
    for (let k = 0; ; k++) {
      const arrives = started + k * 25;
      if (arrives > end) break;
      const wait = arrives - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      // A change now and then, so the clients' calendars are not all served from cache.
      if (k % 40 === 0) {
        await b.store.recordStrike({
          union: "RCN",
          workforce: "nurses",
          sector: "health",
          regions: ["Wales"],
          days: [addDays(TODAY, 5 + (changes++ % 60))],
          status: "planned",
          confidence: 1,
          source: { kind: "user", platform: "bench", userId: "writer", posted: b.clock.now() },
        });
      }
      await command(b, "strikes this week");
      times.push(performance.now() - arrives);
    }
    const report = await load;
    loop.disable();
    times.sort((x, y) => x - y);
    const days = { store_days: b.seeded.days, bytes: cold.bytes };
    return [
      {
        name: "http.calendar_ics.3000_days_ms",
        value: round(percentile(cold.times, 50)),
        unit: "ms",
        p99_ms: round(percentile(cold.times, 99)),
        cached_ms: round(percentile(cached.times, 50)),
        ...days,
      },
      {
        name: "http.calendar_ics.3000_days_cached_ms",
        value: round(percentile(cached.times, 50)),
        unit: "ms",
        p99_ms: round(percentile(cached.times, 99)),
        ...days,
      },
      {
        name: "http.strikes_during_8_calendar_clients.p99_ms",
        value: round(percentile(times, 99)),
        unit: "ms",
        p50_ms: round(percentile(times, 50)),
        requests: times.length,
        calendar_requests: report.requests,
        calendar_errors: report.errors,
        changes,
      },
      {
        name: "loop.calendar_8_clients.delay_p99_ms",
        value: round(loop.percentile(99) / 1e6),
        unit: "ms",
        max_ms: round(loop.max / 1e6),
        store_days: b.seeded.days,
      },
    ];
  } finally {
    await b.close();
  }
}

export async function benchScale(o: ScaleOptions): Promise<void> {
  o.emit(await calendarUnderLoad(o.pgUrl, o.quick));
  // The loop under page and calendar load is measured once, on the first store at 1M days.
  const loopAt = o.sizes.find((s) => s.name === "1m") ?? o.sizes.at(-1);
  for (const size of o.sizes) {
    for (const kind of o.stores) {
      const t0 = performance.now();
      const b = await openBench(kind, o.pgUrl, (d) =>
        seedStrikeDays(d, size.days, { start: size.start, years: size.years }),
      );
      try {
        o.emit([
          {
            name: `scale.seed.${size.name}.${kind}.s`,
            value: round((performance.now() - t0) / 1000, 1),
            unit: "count",
            ...b.seeded,
          },
        ]);
        o.emit(await scaleRoutes(b, size, o.quick));
        if (size === loopAt && kind === o.stores[0]) {
          o.emit(await loopDelay(b, size.name, o.quick ? 5 : 20));
          // The same with the page's clients fetching calendars too: what the calendar alone costs.
          o.emit(await loopDelay(b, size.name, o.quick ? 5 : 20, false));
          o.emit([await idleLoopDelay(o.quick ? 5 : 20)]);
        }
      } finally {
        await b.close();
      }
    }
  }
}
