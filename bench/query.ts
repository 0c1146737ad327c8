import { commands } from "../commands/index.ts";
import { fixedClock } from "../src/clock.ts";
import { Dispatcher } from "../src/dispatcher.ts";
import { Unions } from "../src/domain/unions.ts";
import { silentLogger } from "../src/logger.ts";
import { renderPlainText } from "../src/render/plain-text.ts";
import type { SqlDriver } from "../src/store/sql-driver.ts";
import { SqlEventStore } from "../src/store/sql-event-store.ts";
import { percentile, round, timeRuns, type Figure } from "./report.ts";
import { seedStrikeDays } from "./seed.ts";

// Wednesday 14 June 2023: "this week" is Mon 12 – Sun 18 June, inside the seeded five years.
const NOW = "2023-06-14T09:00:00Z";
const WEEK = { from: "2023-06-12", to: "2023-06-18" };

/**
 * The SQL a hand-written bot would run for the same rows: the columns a reply shows, the same
 * joins and index, in day order.
 */
const BARE_SELECT = `SELECT d.day, d.status, a.union_name, a.workforce, a.regions, s.label
  FROM action_days d JOIN actions a ON a.id = d.action_id JOIN sources s ON s.id = d.source_id
  WHERE d.day >= ? AND d.day <= ?`;
const BARE_SQL = `${BARE_SELECT} ORDER BY d.day`;
const BARE_FILTERED_SQL = `${BARE_SELECT} AND a.union_name IN (?, ?)
  AND EXISTS (SELECT 1 FROM action_regions r WHERE r.action_id = a.id AND r.region IN (?, ?))
  ORDER BY d.day`;

export interface QueryBenchOptions {
  store: "sqlite" | "postgres";
  driver: SqlDriver;
  iterations: number;
  totalDays: number;
}

/**
 * `/strikes this week` through the real dispatcher (parse, query, render to text) against a
 * store of 100,000 strike days, next to the bare SQL for the same rows.
 */
export async function benchQueries(o: QueryBenchOptions): Promise<Figure[]> {
  const seeded = await seedStrikeDays(o.driver, o.totalDays);
  const clock = fixedClock(NOW);
  const store = new SqlEventStore(o.driver, clock);
  const dispatcher = new Dispatcher({
    commands,
    store,
    unions: new Unions(),
    clock,
    staff: { users: [], roles: [] },
    timeZone: "Europe/London",
    logger: silentLogger,
  });
  const caller = { platform: "bench", id: "reader" };
  const channel = { platform: "bench", id: "C1" };
  const figures: Figure[] = [];
  const cases = [
    { name: "this_week", text: "this week", sql: BARE_SQL, params: [WEEK.from, WEEK.to] },
    {
      name: "this_week_filtered",
      text: "this week RCN GMB Wales",
      sql: BARE_FILTERED_SQL,
      params: [WEEK.from, WEEK.to, "RCN", "GMB", "Wales", "UK"],
    },
  ];
  for (const c of cases) {
    let rows = 0;
    const command = await timeRuns(
      async () => {
        const reply = await dispatcher.dispatch({
          command: "strikes",
          text: c.text,
          caller,
          channel,
        });
        if (reply.kind === "error") throw new Error(`bench command failed: ${reply.text}`);
        rows = (reply.data as { days: unknown[] }).days.length;
        renderPlainText(reply);
      },
      o.iterations,
      Math.ceil(o.iterations / 10),
    );
    let bareRows = 0;
    const bare = await timeRuns(
      async () => {
        bareRows = (await o.driver.query(c.sql, c.params)).length;
      },
      o.iterations,
      Math.ceil(o.iterations / 10),
    );
    if (bareRows !== rows) throw new Error(`bare SQL found ${bareRows} rows, the command ${rows}`);
    const prefix = `query.${c.name}.${o.store}`;
    const detail = { rows, store_days: seeded.days, iterations: o.iterations };
    figures.push(
      { name: `${prefix}.p50_ms`, value: round(percentile(command, 50)), unit: "ms", ...detail },
      { name: `${prefix}.p99_ms`, value: round(percentile(command, 99)), unit: "ms", ...detail },
      {
        name: `${prefix}.ratio_to_sql`,
        value: round(percentile(command, 50) / percentile(bare, 50), 2),
        unit: "ratio",
        sql_p50_ms: round(percentile(bare, 50)),
        sql_p99_ms: round(percentile(bare, 99)),
      },
    );
  }
  return figures;
}
