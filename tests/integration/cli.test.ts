import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { openStore } from "../../src/store/open-store.ts";
import { runCli } from "../helpers/cli.ts";
import { storeFactories } from "../helpers/stores.ts";

const NOW = ["--now", "2023-01-12T10:02:00Z"];

describe.each(storeFactories())("strikewatch ask over $kind", (factory) => {
  afterAll(() => factory.cleanup());

  it("runs the issue's session across separate processes sharing one store", async () => {
    const store = await factory.open(fixedClock("2023-01-12T10:00:00Z"));
    await store.close();
    const db = ["--db", factory.location()];
    const ask = (line: string) => runCli([...db, "ask", line, ...NOW]);

    const add = await ask("/strike add Unite ambulance workers Wales 19 and 23 January");
    expect(add).toMatchObject({
      code: 0,
      stdout: "Added: Unite ambulance workers (Wales) strike on Thu 19 Jan and Mon 23 Jan 2023.\n",
    });
    expect((await ask("/stance GMB rejected one-off payment")).stdout).toBe(
      "Recorded: GMB rejected the one-off payment (posted by you, 12 Jan 2023 10:02).\n",
    );
    expect((await ask("/strikes next week")).stdout).toBe(
      "Strikes next week (Mon 16 – Sun 22 Jan 2023, Europe/London)\nUnite ambulance workers · Wales · Thu 19 Jan  (source: you, 12 Jan)\n",
    );
    expect((await ask("/strikes RCN")).stdout).toBe(
      "No RCN strikes found in the next 7 days (Thu 12 – Wed 18 Jan 2023).\n",
    );
    const typo = await ask("/strikes RNC");
    expect(typo).toMatchObject({
      code: 1,
      stdout: 'Unknown union "RNC". Did you mean RCN (Royal College of Nursing)?\n',
    });

    const json = await runCli([...db, "ask", "/strikes next week", ...NOW, "--json"]);
    const reply = JSON.parse(json.stdout) as { data: { days: { union: string; day: string }[] } };
    expect(reply.data.days.map((d) => [d.union, d.day])).toEqual([["Unite", "2023-01-19"]]);
  });
});

describe("strikewatch ask: refusals leave the store unchanged and exit non-zero", () => {
  const dir = mkdtempSync(join(tmpdir(), "strikewatch-cli-"));
  const db = join(dir, "bot.db");

  async function eventCount(): Promise<number> {
    const store = await openStore(db, { clock: fixedClock("2023-01-12T10:00:00Z") });
    try {
      return (await store.eventsAfter(0)).length;
    } finally {
      await store.close();
    }
  }

  it.each([
    [["ask", "/strike add RNC nurses 6 Feb"], 1, 'Unknown union "RNC"'],
    [["ask", "/strike add RCN nurses 31 February"], 1, "There is no 31 February."],
    [["ask", ""], 1, "Type a command"],
    [
      ["ask", "/stance GMB rejected one-off payment", "--as", "U123"],
      1,
      "Only staff can use /stance",
    ],
  ])("%j", async (args, code, message) => {
    await runCli([
      "--db",
      db,
      "ask",
      "/strike add Unite ambulance workers Wales 19 January",
      ...NOW,
    ]);
    const before = await eventCount();
    const r = await runCli(["--db", db, ...args, ...NOW]);
    expect(r.code).toBe(code);
    expect(r.stdout).toContain(message);
    expect(await eventCount()).toBe(before);
  });

  it("lets a listed staff member write as themselves", async () => {
    const r = await runCli(
      ["--db", db, "ask", "/stance RCN in talks", "--as", "U123", "--channel", "slack:C1", ...NOW],
      {
        env: { STAFF_USERS: "slack:U123" },
      },
    );
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toContain("Recorded: RCN is in talks");
  });

  it("explains a database that cannot be opened", async () => {
    const notADb = join(dir, "notes.db");
    writeFileSync(notADb, "this is not a database, just some notes\n".repeat(200));
    const r = await runCli(["--db", notADb, "ask", "/strikes", ...NOW]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`Cannot open the database at ${notADb}`);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace

    // A path under a plain file cannot be created, even by root.
    const r2 = await runCli(["--db", join(notADb, "inside", "x.db"), "ask", "/strikes", ...NOW]);
    expect(r2.code).toBe(3);
    expect(r2.stderr).toContain("Cannot open the database");
  });

  it("explains an unreachable PostgreSQL server", async () => {
    const r = await runCli([
      "--db",
      "postgres://nobody@127.0.0.1:1/none",
      "ask",
      "/strikes",
      ...NOW,
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("Cannot open the database at postgres://nobody@127.0.0.1:1/none");
  });

  it("rejects a malformed --now or --tz with a usage error", async () => {
    const r = await runCli(["--db", db, "ask", "/strikes", "--now", "yesterday"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"yesterday" is not an ISO date-time');
    const z = await runCli(["--db", db, "ask", "/strikes", "--tz", "Mars/Olympus", ...NOW]);
    expect(z.code).toBe(2);
    expect(z.stderr).toContain("is not a time zone");
  });

  it("answers in the channel's time zone", async () => {
    // 23:30 UTC on 15 January is already Monday 16 January in Auckland.
    const r = await runCli([
      "--db",
      db,
      "ask",
      "/strikes today",
      "--now",
      "2023-01-15T23:30:00Z",
      "--tz",
      "Pacific/Auckland",
    ]);
    expect(r.stdout).toContain("Mon 16 Jan 2023");
  });
});

describe("strikewatch run", () => {
  it("starts the console bot when no chat token is configured and answers piped commands", async () => {
    const dir = mkdtempSync(join(tmpdir(), "strikewatch-run-"));
    const r = await runCli(["--db", join(dir, "run.db"), "run", "--console"], {
      input: "/strike add RCN nurses Wales 6 February 2030\n/strikes RCN 6 Feb 2030\nexit\n",
      // No feeds: a test must not reach for the real news sites.
      env: { SLACK_BOT_TOKEN: undefined, DISCORD_TOKEN: undefined, FEEDS: "", PORT: "0" },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Added: RCN nurses (Wales) strike on Wed 6 Feb 2030.");
    expect(r.stdout).toContain("RCN nurses · Wales · Wed 6 Feb  (source: you,");
  });
});
