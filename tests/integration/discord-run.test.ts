import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it, vi } from "vitest";
import { ROOT } from "../helpers/cli.ts";
import { APP_ID, FakeDiscord, GUILD_ID } from "../helpers/fake-discord.ts";

const discord = new FakeDiscord();
afterAll(() => discord.stop());

it("`strikewatch run` with DISCORD_TOKEN and DISCORD_API_URL logs in and answers interactions", async () => {
  const apiUrl = await discord.start();
  const dir = mkdtempSync(join(tmpdir(), "strikewatch-discord-run-"));
  const child = spawn(
    process.execPath,
    ["bin/strikewatch.js", "--db", join(dir, "bot.db"), "run"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DISCORD_TOKEN: "bot-token",
        DISCORD_API_URL: apiUrl,
        SLACK_BOT_TOKEN: "",
        FEEDS: "",
        LOG_LEVEL: "warn",
        PORT: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  try {
    await discord.ready;
    const { id } = discord.interact({
      id: "1",
      name: "strikes",
      type: 1,
      options: [{ name: "union", type: 3, value: "RNC" }],
    });
    await vi.waitFor(
      () =>
        expect(discord.callsFor((c) => c.path.startsWith(`/interactions/${id}/`))).toHaveLength(1),
      { timeout: 10_000 },
    );
    const body = discord.callsFor((c) => c.path.startsWith(`/interactions/${id}/`))[0]!.body as {
      data: { embeds: { description: string }[]; flags: number };
    };
    expect(body.data.embeds[0]!.description).toContain(
      'Unknown union "RNC". Did you mean RCN (Royal College of Nursing)?',
    );
    expect(body.data.flags).toBe(64);
  } finally {
    child.kill("SIGTERM");
  }
  expect(await exited).toBe(0);
}, 30_000);

it("`npm run discord:register -- --guild` puts the generated commands for that guild", async () => {
  // Asynchronously: the fake Discord lives in this process and must keep answering.
  const child = spawn(
    process.execPath,
    ["bin/run-ts.js", "scripts/discord-register.ts", "--guild", GUILD_ID],
    {
      cwd: ROOT,
      env: { ...process.env, DISCORD_TOKEN: "bot-token", DISCORD_API_URL: `${discord.base}/api` },
    },
  );
  let stdout = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  const status = await new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  const r = { status, stdout };
  expect(r.status).toBe(0);
  expect(r.stdout).toContain(
    "Registered 5 commands (/strikes, /strike, /stance, /disputes, /strikewatch)",
  );
  const put = discord.callsFor(
    (c) => c.method === "PUT" && c.path === `/applications/${APP_ID}/guilds/${GUILD_ID}/commands`,
  );
  expect((put[0]!.body as { name: string }[]).map((c) => c.name)).toEqual([
    "strikes",
    "strike",
    "stance",
    "disputes",
    "strikewatch",
  ]);
});
