// `npm run bench [-- --json] [-- --quick]`: every benchmark of the project, one report.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixedClock } from "../src/clock.ts";
import { migrate } from "../src/store/open-store.ts";
import { PostgresDriver } from "../src/store/postgres-driver.ts";
import { SqliteDriver } from "../src/store/sqlite-driver.ts";
import { benchExtraction } from "./extract.ts";
import { benchFanout } from "./fanout.ts";
import { benchLoad } from "./load.ts";
import { benchPolling } from "./poll.ts";
import { benchQueries } from "./query.ts";
import { print, type Figure } from "./report.ts";
import { benchScale, SIZES } from "./scale.ts";

const args = new Set(process.argv.slice(2));
const json = args.has("--json");
const quick = args.has("--quick");
const iterations = quick ? 200 : 2000;
const totalDays = 100_000;
const pgUrl = process.env.TEST_DATABASE_URL ?? process.env.BENCH_DATABASE_URL;
const clock = fixedClock("2023-06-14T09:00:00Z");

async function withSqlite(fn: (d: SqliteDriver) => Promise<Figure[]>): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), "strikewatch-bench-"));
  const driver = SqliteDriver.open(join(dir, "bench.db"));
  try {
    await migrate(driver, clock);
    return await fn(driver);
  } finally {
    await driver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function withPostgres(
  url: string,
  fn: (d: PostgresDriver) => Promise<Figure[]>,
): Promise<Figure[]> {
  const schema = `sw_bench_${process.pid}`;
  const driver = await PostgresDriver.open({ connectionString: url, schema });
  try {
    await migrate(driver, clock);
    return await fn(driver);
  } finally {
    await driver.exec(`DROP SCHEMA ${schema} CASCADE`);
    await driver.close();
  }
}

const only = process.argv
  .slice(2)
  .find((a) => a.startsWith("--only="))
  ?.slice(7);

// The latency micro-benchmarks run before the minute-long load runs, whose garbage and warm
// caches would otherwise show up in their p99s.
const suites: { name: string; run: () => Promise<Figure[]> }[] = [
  { name: "extract", run: () => Promise.resolve(benchExtraction(quick)) },
  { name: "poll", run: () => benchPolling(quick) },
  {
    name: "query/sqlite",
    run: () =>
      withSqlite((driver) => benchQueries({ store: "sqlite", driver, iterations, totalDays })),
  },
  ...(pgUrl
    ? [
        {
          name: "query/postgres",
          run: () =>
            withPostgres(pgUrl, (driver) =>
              benchQueries({ store: "postgres", driver, iterations, totalDays }),
            ),
        },
      ]
    : []),
  { name: "fanout", run: () => benchFanout(quick ? 200 : 1000) },
  {
    name: "load/sqlite",
    run: () =>
      withSqlite((driver) => benchLoad({ store: "sqlite", driver, seconds: quick ? 5 : 60 })),
  },
  ...(pgUrl
    ? [
        {
          name: "load/postgres",
          run: () =>
            withPostgres(pgUrl, (driver) =>
              benchLoad({ store: "postgres", driver, seconds: quick ? 5 : 60 }),
            ),
        },
      ]
    : []),
];

if (!pgUrl && !json)
  process.stdout.write("(PostgreSQL figures skipped: set TEST_DATABASE_URL to include them)\n");

const option = (name: string) =>
  process.argv
    .slice(2)
    .find((a) => a.startsWith(`--${name}=`))
    ?.slice(name.length + 3)
    .split(",");

if (args.has("--scale")) {
  // Issue 16's table: every route at 10k, 100k, 1M and 1M-over-50-years days on both stores,
  // the event loop under load, and extraction against the naive pass (bench/extract.ts).
  const sizes = option("sizes");
  const stores = (option("stores") ?? ["sqlite", "postgres"]).filter(
    (s): s is "sqlite" | "postgres" =>
      (s === "sqlite" || s === "postgres") && (s !== "postgres" || !!pgUrl),
  );
  print(benchExtraction(quick), json);
  await benchScale({
    sizes: SIZES.filter((s) => !sizes || sizes.includes(s.name)),
    stores,
    pgUrl,
    quick,
    emit: (figures) => print(figures, json),
  });
  process.exit(0);
}

for (const suite of suites.filter((s) => !only || s.name.startsWith(only))) {
  const figures = await suite.run();
  print(figures, json);
}
