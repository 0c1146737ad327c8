import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixedClock } from "../src/clock.ts";
import { migrate } from "../src/store/open-store.ts";
import { SqliteDriver } from "../src/store/sqlite-driver.ts";
import { PostgresDriver } from "../src/store/postgres-driver.ts";
import { seedStrikeDays } from "../bench/seed.ts";
const n = Number(process.argv[2] ?? 100000);
const clock = fixedClock("2023-06-14T09:00:00Z");
const d = SqliteDriver.open(join(mkdtempSync(join(tmpdir(), "sw-")), "b.db"));
await migrate(d, clock);
let t = performance.now();
console.log(await seedStrikeDays(d, n), "sqlite", Math.round(performance.now() - t));
const p = await PostgresDriver.open({
  connectionString: "postgres://postgres@127.0.0.1:5432/test",
  schema: "sw_seedtest",
});
await migrate(p, clock);
t = performance.now();
console.log(await seedStrikeDays(p, n), "pg", Math.round(performance.now() - t));
await p.exec("DROP SCHEMA sw_seedtest CASCADE");
await p.close();
