import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it, vi } from "vitest";
import { ROOT } from "../helpers/cli.ts";

it("`strikewatch run` with no chat token and no terminal serves HTTP and keeps running", async () => {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  const dir = mkdtempSync(join(tmpdir(), "strikewatch-service-"));
  const child = spawn(
    process.execPath,
    ["bin/strikewatch.js", "--db", join(dir, "bot.db"), "run"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        SLACK_BOT_TOKEN: "",
        DISCORD_TOKEN: "",
        FEEDS: "",
        PORT: String(port),
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  try {
    const health = await vi.waitFor(
      async () => {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        return (await res.json()) as { ok: boolean };
      },
      { timeout: 15_000, interval: 200 },
    );
    expect(health.ok).toBe(true);
    // Still running after its stdin (closed from the start) has ended.
    expect(child.exitCode).toBeNull();
    expect((await fetch(`http://127.0.0.1:${port}/calendar.ics`)).status).toBe(200);
  } finally {
    child.kill("SIGTERM");
  }
  expect(await exited).toBe(0);
}, 30_000);
