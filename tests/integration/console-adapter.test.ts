import { PassThrough } from "node:stream";
import { afterAll, expect, it } from "vitest";
import { ConsoleAdapter } from "../../adapters/console/console-adapter.ts";
import { manualClock } from "../../src/clock.ts";
import { testDispatcher } from "../helpers/app.ts";
import { sqliteFactory } from "../helpers/stores.ts";

const factory = sqliteFactory();
afterAll(() => factory.cleanup());

it("answers each line in order and stops at exit, ignoring blank lines", async () => {
  const clock = manualClock("2023-01-12T10:02:00Z");
  const store = await factory.open(clock);
  const { dispatcher } = testDispatcher(store, clock);
  const input = new PassThrough();
  const output = new PassThrough();
  let written = "";
  output.on("data", (d: Buffer) => (written += d.toString("utf8")));
  const adapter = new ConsoleAdapter({
    dispatch: (i) => dispatcher.dispatch(i),
    input,
    output,
    prompt: true,
  });
  await adapter.start();
  input.write("/strike add Unite ambulance workers Wales 19 and 23 January\n\n");
  input.write("strikes next week\nexit\n/strikes\n");
  await adapter.done();
  await store.close();
  expect(written).toBe(
    [
      "strikewatch — type /help, or exit to leave.",
      "> Added: Unite ambulance workers (Wales) strike on Thu 19 Jan and Mon 23 Jan 2023.",
      "> > Strikes next week (Mon 16 – Sun 22 Jan 2023, Europe/London)",
      "Unite ambulance workers · Wales · Thu 19 Jan  (source: you, 12 Jan)",
      "> ",
    ].join("\n"),
  );
});

it("strips terminal control characters that arrive in stored text", async () => {
  const clock = manualClock("2023-01-12T10:02:00Z");
  const store = await factory.open(clock);
  await store.recordStrike({
    union: "RMT",
    workforce: "rail workers",
    sector: "rail",
    regions: ["UK"],
    days: ["2023-01-13"],
    status: "planned",
    confidence: 1,
    source: {
      kind: "user",
      platform: "slack",
      userId: "U1",
      userName: "evil\u001b[2J\u001b[31mname",
      posted: clock.now(),
    },
  });
  const { say } = testDispatcher(store, clock);
  const text = await say("/strikes tomorrow");
  await store.close();
  expect(text).toContain("(source: evil[2J[31mname, 12 Jan)");
  expect(text).not.toContain("\u001b");
});
