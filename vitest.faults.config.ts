import { defineConfig } from "vitest/config";

// `npm run test:faults`: the bot as real processes under crashes and hostile platforms.
export default defineConfig({
  test: {
    include: ["tests/faults/**/*.faults.ts"],
    pool: "forks",
    testTimeout: 120_000,
  },
});
