import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it, vi } from "vitest";
import { FakeSlack, sendSlashCommand } from "../helpers/fake-slack.ts";
import { ROOT } from "../helpers/cli.ts";
import { freePort } from "../helpers/free-port.ts";

const slack = new FakeSlack();
afterAll(() => slack.stop());

it("`strikewatch run` with Slack configured answers signed slash commands over HTTP", async () => {
  const apiUrl = await slack.start();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "strikewatch-slack-run-"));
  const child = spawn(
    process.execPath,
    ["bin/strikewatch.js", "--db", join(dir, "bot.db"), "run"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_SIGNING_SECRET: "s3cret",
        SLACK_API_URL: apiUrl,
        SLACK_APP_TOKEN: "",
        PORT: String(port),
        FEEDS: "",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  try {
    const fields = {
      command: "/strikes",
      text: "RNC",
      user_id: "U1",
      channel_id: "C1",
      response_url: `${slack.url}/response/9`,
    };
    // The process needs a moment to start; retry until its port answers.
    const r = await vi.waitFor(
      () => sendSlashCommand(`http://127.0.0.1:${port}`, "s3cret", fields),
      { timeout: 15_000, interval: 200 },
    );
    expect(r.status).toBe(200);
    expect(r.body).toContain(
      'Unknown union \\"RNC\\". Did you mean RCN (Royal College of Nursing)?',
    );
    expect(slack.posts("auth.test").length).toBeGreaterThan(0);
    // One port: Bolt's receiver also serves the calendar and health routes.
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/calendar.ics?union=RCN`)).status).toBe(200);
  } finally {
    child.kill("SIGTERM");
  }
  expect(await exited).toBe(0);
  expect(stderr).not.toMatch(/Error/);
}, 30_000);
