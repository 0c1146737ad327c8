import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { Clock } from "../../src/clock.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { openStore } from "../../src/store/open-store.ts";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export interface StoreFactory {
  kind: "sqlite" | "postgres";
  /** A fresh, empty store of this kind. */
  open(clock: Clock): Promise<EventStore>;
  /** The URL or path a CLI process would use for the last store opened (same data). */
  location(): string;
  /** Removes everything this factory created. */
  cleanup(): Promise<void>;
}

export function sqliteFactory(): StoreFactory {
  const dir = mkdtempSync(join(tmpdir(), "strikewatch-test-"));
  let n = 0;
  let last = "";
  return {
    kind: "sqlite",
    open(clock) {
      last = join(dir, `store-${++n}.db`);
      return openStore(last, { clock });
    },
    location: () => last,
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

/** Each store gets its own schema on the real server, dropped at cleanup. */
export function postgresFactory(url: string): StoreFactory {
  const schemas: string[] = [];
  const base = `sw_test_${process.pid}_${Date.now().toString(36)}`;
  return {
    kind: "postgres",
    open(clock) {
      const schema = `${base}_${schemas.length}`;
      schemas.push(schema);
      return openStore(url, { clock, schema });
    },
    location() {
      const u = new URL(url);
      u.searchParams.set("schema", schemas.at(-1)!);
      return u.toString();
    },
    async cleanup() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (const s of schemas)
          await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(s)} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** SQLite always; PostgreSQL when TEST_DATABASE_URL is set (CI sets it). */
export function storeFactories(): StoreFactory[] {
  return [sqliteFactory(), ...(TEST_DATABASE_URL ? [postgresFactory(TEST_DATABASE_URL)] : [])];
}
