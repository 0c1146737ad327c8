import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // SQLite files and PostgreSQL schemas are per test file, so files can run in parallel.
    pool: "forks",
    // A hang guard, not a latency bound: tests that start real processes share a loaded CI
    // machine, where a cold `tsx` start alone can take seconds.
    testTimeout: 90_000,
  },
});
