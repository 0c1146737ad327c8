import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.ts";
import { freePort } from "../helpers/free-port.ts";

const BIN = join(ROOT, "bin/strikewatch.js");
const dir = mkdtempSync(join(tmpdir(), "strikewatch-first-run-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a newcomer's first run", () => {
  it("starts with `cp .env.example .env && npm start`, answers, and stops cleanly", async () => {
    copyFileSync(join(ROOT, ".env.example"), join(dir, ".env"));
    const port = await freePort();
    // `npm start` is `node bin/strikewatch.js run` in the directory holding .env. Only PATH and
    // HOME come from outside, plus two overrides so the test stays on this machine and port:
    // PORT (3000 may be taken here) and FEEDS (the default list is the BBC's and the Guardian's).
    const child = spawn(process.execPath, [BIN, "run"], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), FEEDS: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.stdout.resume();
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    try {
      let health: Response | undefined;
      while (!health && child.exitCode === null) {
        health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (!health) await new Promise((r) => setTimeout(r, 100));
      }
      expect(child.exitCode, stderr).toBeNull();
      expect(health!.status).toBe(200);
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      // The store named in .env.example, made where the bot was started.
      expect(existsSync(join(dir, "data/strikewatch.db"))).toBe(true);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/Invalid configuration|"level":(50|60)/);
  });
});
