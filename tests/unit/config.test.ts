import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { CONFIG_KEYS, loadConfig, DEFAULT_FEEDS } from "../../src/config.ts";
import { isStrikewatchError } from "../../src/errors.ts";
import { ROOT } from "../helpers/cli.ts";

const EXAMPLE = readFileSync(join(ROOT, ".env.example"), "utf8");

function refusal(env: Record<string, string>): { code: string; message: string } {
  try {
    loadConfig(env);
  } catch (e) {
    if (isStrikewatchError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("accepted");
}

describe("configuration (src/config.ts)", () => {
  it("reads .env.example as shipped, and it means the defaults", () => {
    const shipped = parseEnv(EXAMPLE);
    expect(shipped.LOG_LEVEL).toBe(""); // the blank keys are there, as a copied .env has them
    expect(loadConfig(shipped)).toEqual(loadConfig({}));
  });

  it("documents every key in .env.example, and nothing else", () => {
    const mentioned = new Set(
      [...EXAMPLE.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!),
    );
    expect([...mentioned].sort()).toEqual(Object.keys(CONFIG_KEYS).sort());
    for (const [key, schema] of Object.entries(CONFIG_KEYS))
      expect(schema.description, key).toBeTruthy();
  });

  it("takes an empty value as unset, never as empty text or zero", () => {
    const blank = loadConfig({ LOG_LEVEL: "", PORT: "", REVIEW_BELOW: " ", POLL_INTERVAL_S: "" });
    expect(blank.logLevel).toBeUndefined();
    expect(blank.port).toBe(3000);
    expect(blank.reviewBelow).toBe(0.7);
    expect(blank.pollIntervalS).toBe(600);
    expect(loadConfig({ DATABASE_URL: "" }).databaseUrl).toBe("./data/strikewatch.db");
  });

  it("keeps FEEDS='' (or none) as no feeds, and unset as the default list", () => {
    expect(loadConfig({ FEEDS: "" }).feeds).toEqual([]);
    expect(loadConfig({ FEEDS: "none" }).feeds).toEqual([]);
    expect(loadConfig({}).feeds).toEqual([...DEFAULT_FEEDS]);
  });

  it("refuses a bad value with the key and why, as the operator's to fix", () => {
    const r = refusal({ PORT: "70000", LOG_LEVEL: "loud" });
    expect(r.code).toBe("config_invalid");
    expect(r.message).toMatch(/PORT: .*65535/);
    expect(r.message).toContain("LOG_LEVEL");
  });

  it("refuses settings that cannot work together", () => {
    expect(refusal({ SLACK_APP_TOKEN: "xapp-1" }).message).toContain(
      "SLACK_APP_TOKEN: is set but SLACK_BOT_TOKEN is not",
    );
    expect(refusal({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xoxb-2" }).message).toContain(
      "SLACK_APP_TOKEN: holds a bot token",
    );
    expect(refusal({ SLACK_BOT_TOKEN: "xapp-1" }).message).toContain(
      "SLACK_BOT_TOKEN: holds an app-level token",
    );
    expect(refusal({ PORT: "3000", METRICS_PORT: "3000" }).message).toContain(
      "METRICS_PORT: is PORT",
    );
    expect(loadConfig({ PORT: "3000", METRICS_PORT: "9100" }).metricsPort).toBe(9100);
  });
});
