import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./cli.ts";
import { freePort } from "./free-port.ts";

export interface Service {
  port: number;
  url: string;
  child: ChildProcess;
  stderr(): string;
  /** True while the process has not exited. */
  alive(): boolean;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/**
 * `strikewatch run` as a real process on a fresh SQLite store, or `opts.db` (a service: no terminal), once it
 * answers /healthz. `env` adds to or overrides the defaults (no chat platform, no feeds).
 */
export async function startService(
  env: Record<string, string> = {},
  opts: { db?: string } = {},
): Promise<Service> {
  const port = await freePort();
  const db = opts.db ?? join(mkdtempSync(join(tmpdir(), "strikewatch-service-")), "bot.db");
  const child = spawn(process.execPath, ["bin/strikewatch.js", "--db", db, "run"], {
    cwd: ROOT,
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: "",
      DISCORD_TOKEN: "",
      FEEDS: "",
      PORT: String(port),
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (err += d));
  child.stdout!.resume();
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited at start:\n${err}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.status > 0,
      () => false,
    );
    if (ok) break;
    if (Date.now() > until) {
      child.kill("SIGKILL");
      throw new Error(`the service did not listen within 20 s:\n${err}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    url,
    child,
    stderr: () => err,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
