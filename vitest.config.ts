import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // SQLite files and PostgreSQL schemas are per test file, so files can run in parallel.
    pool: "forks",
    testTimeout: 20_000,
  },
});
