import { commands } from "../commands/index.ts";
import { fixedClock } from "../src/clock.ts";
import { Dispatcher } from "../src/dispatcher.ts";
import { Unions } from "../src/domain/unions.ts";
import { silentLogger } from "../src/logger.ts";
import { renderPlainText } from "../src/render/plain-text.ts";
import type { SqlDriver } from "../src/store/sql-driver.ts";
import { SqlEventStore } from "../src/store/sql-event-store.ts";
import { percentile, round, type Figure } from "./report.ts";
import { seedStrikeDays } from "./seed.ts";

const VARIANTS = [
  "this week",
  "next week",
  "today",
  "tomorrow",
  "this month",
  "RCN",
  "nurses Wales",
  "rail next week",
  "RMT ASLEF this month",
  "6-10 Feb",
  "from 1 to 14 March",
  "Scotland teachers next 14 days",
  "cancelled this month",
  "Unite GMB Unison this week",
  "friday",
];

/**
 * 20 people asking /strikes variants at once, for `seconds`, against 100,000 strike days: the
 * latency each sees (parse, query, render) and how many answers were errors.
 */
export async function benchLoad(o: {
  store: "sqlite" | "postgres";
  driver: SqlDriver;
  seconds: number;
  users?: number;
  seed?: boolean;
}): Promise<Figure[]> {
  if (o.seed !== false) await seedStrikeDays(o.driver, 100_000);
  const clock = fixedClock("2023-06-14T09:00:00Z");
  const dispatcher = new Dispatcher({
    commands,
    store: new SqlEventStore(o.driver, clock),
    unions: new Unions(),
    clock,
    staff: { users: [], roles: [] },
    timeZone: "Europe/London",
    logger: silentLogger,
  });
  const times: number[] = [];
  let errors = 0;
  const end = performance.now() + o.seconds * 1000;
  const user = async (u: number) => {
    for (let i = u; performance.now() < end; i++) {
      const t0 = performance.now();
      const reply = await dispatcher.dispatch({
        command: "strikes",
        text: VARIANTS[i % VARIANTS.length]!,
        caller: { platform: "bench", id: `U${u}` },
        channel: { platform: "bench", id: "C1" },
      });
      renderPlainText(reply);
      times.push(performance.now() - t0);
      if (reply.kind === "error") errors++;
    }
  };
  await Promise.all(Array.from({ length: o.users ?? 20 }, (_, u) => user(u)));
  times.sort((a, b) => a - b);
  const prefix = `load.strikes.${o.store}`;
  const detail = { users: o.users ?? 20, seconds: o.seconds, requests: times.length };
  return [
    { name: `${prefix}.p50_ms`, value: round(percentile(times, 50)), unit: "ms", ...detail },
    { name: `${prefix}.p99_ms`, value: round(percentile(times, 99)), unit: "ms", ...detail },
    { name: `${prefix}.errors`, value: errors, unit: "count", ...detail },
  ];
}
