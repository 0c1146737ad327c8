import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "./free-port.ts";

const run = promisify(execFile);

/** The PostgreSQL server binaries on this machine (Debian keeps them off PATH), if any. */
export function postgresBinaries(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = join(root, v, "bin");
    if (existsSync(join(bin, "initdb")) && existsSync(join(bin, "pg_ctl"))) return bin;
  }
  return undefined;
}

/**
 * A PostgreSQL server of the fault suite's own, in a temporary directory on a free port, so the
 * harness can crash and restart it without disturbing the shared test server. PostgreSQL will
 * not run as root: as root, the server runs as the `postgres` user.
 */
export class PrivatePostgres {
  private dir = "";
  private port = 0;

  constructor(private readonly bin: string) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private async as(cmd: string, args: string[]): Promise<void> {
    const exe = join(this.bin, cmd);
    if (process.getuid?.() === 0) await run("runuser", ["-u", "postgres", "--", exe, ...args]);
    else await run(exe, args);
  }

  private ctl(...args: string[]): Promise<void> {
    return this.as("pg_ctl", ["-D", join(this.dir, "data"), "-w", "-s", ...args]);
  }

  async start(): Promise<string> {
    this.dir = mkdtempSync(join(tmpdir(), "strikewatch-pg-"));
    if (process.getuid?.() === 0) {
      const { stdout } = await run("id", ["-u", "postgres"]);
      const { stdout: gid } = await run("id", ["-g", "postgres"]);
      chownSync(this.dir, Number(stdout.trim()), Number(gid.trim()));
    }
    await this.as("initdb", [
      "-D",
      join(this.dir, "data"),
      "-U",
      "postgres",
      "-A",
      "trust",
      "--no-sync",
    ]);
    this.port = await freePort();
    await this.startServer();
    return this.url;
  }

  private startServer(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off`;
    return this.ctl("-l", join(this.dir, "server.log"), "-o", options, "start");
  }

  /** A crash: connections drop mid-statement, as when the server's host fails. */
  async crash(): Promise<void> {
    await this.ctl("-m", "immediate", "stop");
  }

  async restart(): Promise<void> {
    await this.startServer();
  }

  async crashAndRestart(): Promise<void> {
    await this.crash();
    await this.restart();
  }

  async stop(): Promise<void> {
    if (!this.dir) return;
    await this.ctl("-m", "immediate", "stop").catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
