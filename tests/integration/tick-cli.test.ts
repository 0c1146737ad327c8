import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { FakeSlack } from "../helpers/fake-slack.ts";

const slack = new FakeSlack();
let env: Record<string, string>;
beforeAll(async () => {
  env = { SLACK_BOT_TOKEN: "xoxb-test", SLACK_API_URL: await slack.start(), FEEDS: "" };
});
afterAll(() => slack.stop());

it("`strikewatch tick` posts the digest once to the subscribed Slack channel", async () => {
  const db = ["--db", join(mkdtempSync(join(tmpdir(), "strikewatch-tick-")), "bot.db")];
  const now = ["--now", "2023-01-12T10:00:00Z"];
  expect(
    (
      await runCli(
        [...db, "ask", "/strike add Unite ambulance workers Wales 19 and 23 January", ...now],
        { env },
      )
    ).code,
  ).toBe(0);
  const sub = await runCli(
    [...db, "ask", "/subscribe digest 08:00", "--channel", "slack:C1", ...now],
    { env },
  );
  expect(sub.stdout).toContain(
    "Subscribed (#1): this channel gets a digest of strikes at 08:00 (Europe/London) on weekdays.",
  );

  const first = await runCli([...db, "tick", "--now", "2023-01-16T08:00:00Z"], { env });
  expect(first.stdout).toContain("Queued 1, sent 1");
  const posts = slack.posts().filter((c) => c.body.channel === "C1");
  expect(posts).toHaveLength(1);
  const blocks = JSON.stringify(posts[0]!.body.blocks);
  // The strike once, both its days on its line.
  expect(blocks).toContain("• *Unite* ambulance workers · Wales · Thu 19 Jan, Mon 23 Jan");

  const again = await runCli([...db, "tick", "--now", "2023-01-16T08:00:00Z"], { env });
  expect(again.stdout).toContain("Queued 0, sent 0");
  expect(slack.posts().filter((c) => c.body.channel === "C1")).toHaveLength(1);
});
