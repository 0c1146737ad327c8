import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { IANAZone } from "luxon";
import { StrikewatchError } from "./errors.ts";
import { unionInfoSchema } from "./domain/union-schema.ts";
import type { UnionInfo } from "./domain/union-registry.ts";
import type { ServerLimits } from "./http/server-limits.ts";

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();

const list = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  );

const zone = z
  .string()
  .default("Europe/London")
  .refine((tz) => IANAZone.isValidZone(tz), {
    message: "must be an IANA time zone such as Europe/London",
  });

/** Every environment key the bot reads; `.env.example` documents each one. */
const envSchema = z.object({
  DATABASE_URL: optionalString,
  TEST_DATABASE_URL: optionalString,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  TZ_DEFAULT: zone,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  STAFF_USERS: list,
  STAFF_ROLES: list,
  UNIONS_FILE: optionalString,
  FEEDS: z.string().optional(),
  POLL_INTERVAL_S: z.coerce.number().int().min(60).max(86_400).default(600),
  REVIEW_BELOW: z.coerce.number().min(0).max(1).default(0.7),
  FEED_TIMEOUT_S: z.coerce.number().min(1).max(300).default(15),
  PLATFORM_TIMEOUT_S: z.coerce.number().min(1).max(300).default(10),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: optionalString.pipe(z.url().optional()),
  DISCORD_TOKEN: optionalString,
  DISCORD_API_URL: optionalString.pipe(z.url().optional()),
  PUBLIC_BASE_URL: optionalString.pipe(z.url().optional()),
  HEALTH_TOKEN: optionalString.pipe(z.string().min(16).optional()),
  METRICS_TOKEN: optionalString.pipe(z.string().min(16).optional()),
  METRICS_PORT: optionalString.pipe(
    z.coerce.number<string | undefined>().int().min(0).max(65535).optional(),
  ),
  METRICS_HOST: z.string().trim().default("127.0.0.1"),
  HTTP_HEADERS_TIMEOUT_S: z.coerce.number().min(1).max(300).default(10),
  HTTP_REQUEST_TIMEOUT_S: z.coerce.number().min(1).max(600).default(30),
  HTTP_KEEPALIVE_TIMEOUT_S: z.coerce.number().min(1).max(300).default(5),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100_000).default(1024),
});

export interface Config {
  databaseUrl: string;
  testDatabaseUrl: string | undefined;
  port: number;
  timeZone: string;
  /** Unset: "info" for a service, "warn" for the interactive console (logs would drown the chat). */
  logLevel: string | undefined;
  /** "platform:userId" entries, e.g. "slack:U024BE7LH", "console:alice". */
  staffUsers: string[];
  /** "platform:roleId" entries: Slack user-group ids, Discord role ids. */
  staffRoles: string[];
  extraUnions: UnionInfo[];
  /** Feeds polled from the start (staff add and remove more at run time with /feeds). */
  feeds: string[];
  pollIntervalS: number;
  /** News readings with less confidence wait for staff in /review. */
  reviewBelow: number;
  /** Longest a feed or article fetch may take, whole exchange (a trickling server is cut off). */
  feedTimeoutS: number;
  /** Longest one Slack or Discord API call may take before it is retried. */
  platformTimeoutS: number;
  slack: { botToken?: string; appToken?: string; signingSecret?: string; apiUrl?: string };
  discord: { token?: string; apiUrl?: string };
  publicBaseUrl: string | undefined;
  /** Unlocks /healthz details (feed URLs and errors); without it /healthz shows counts only. */
  healthToken: string | undefined;
  /** Bearer token for /metrics on the public port; unset, /metrics is not served there. */
  metricsToken: string | undefined;
  /** A separate port for /metrics alone, bound to `metricsHost` (127.0.0.1 by default). */
  metricsPort: number | undefined;
  metricsHost: string;
  /** Timeouts and caps of the HTTP server (ours or Bolt's), against slow and greedy clients. */
  http: ServerLimits;
}

export const DEFAULT_DATABASE = "./data/strikewatch.db";

/** UK news feeds that report strikes in every nation; FEEDS replaces the list ("" for none). */
export const DEFAULT_FEEDS = [
  "https://feeds.bbci.co.uk/news/uk/rss.xml",
  "https://feeds.bbci.co.uk/news/business/rss.xml",
  "https://feeds.bbci.co.uk/news/wales/rss.xml",
  "https://feeds.bbci.co.uk/news/scotland/rss.xml",
  "https://feeds.bbci.co.uk/news/northern_ireland/rss.xml",
  "https://www.theguardian.com/uk-news/rss",
] as const;

function parseFeedList(value: string): string[] {
  const urls = value.split(/[,\s]+/).filter(Boolean);
  for (const u of urls) {
    if (!/^https?:\/\//.test(u))
      throw new StrikewatchError(
        "usage",
        `Invalid configuration:\n  FEEDS: "${u}" is not an http(s) URL`,
      );
  }
  return urls;
}

/** Reads the configuration once; a bad value stops the bot with the key and the reason. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new StrikewatchError("usage", `Invalid configuration:\n  ${lines.join("\n  ")}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL ?? DEFAULT_DATABASE,
    testDatabaseUrl: e.TEST_DATABASE_URL,
    port: e.PORT,
    timeZone: e.TZ_DEFAULT,
    logLevel: e.LOG_LEVEL,
    staffUsers: e.STAFF_USERS,
    staffRoles: e.STAFF_ROLES,
    extraUnions: e.UNIONS_FILE ? readUnionsFile(e.UNIONS_FILE) : [],
    feeds: e.FEEDS === undefined ? [...DEFAULT_FEEDS] : parseFeedList(e.FEEDS),
    pollIntervalS: e.POLL_INTERVAL_S,
    reviewBelow: e.REVIEW_BELOW,
    feedTimeoutS: e.FEED_TIMEOUT_S,
    platformTimeoutS: e.PLATFORM_TIMEOUT_S,
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL,
    },
    discord: { token: e.DISCORD_TOKEN, apiUrl: e.DISCORD_API_URL },
    publicBaseUrl: e.PUBLIC_BASE_URL,
    healthToken: e.HEALTH_TOKEN,
    metricsToken: e.METRICS_TOKEN,
    metricsPort: e.METRICS_PORT,
    metricsHost: e.METRICS_HOST,
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_S * 1000,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_S * 1000,
      keepAliveTimeoutMs: e.HTTP_KEEPALIVE_TIMEOUT_S * 1000,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    },
  };
}

function readUnionsFile(path: string): UnionInfo[] {
  if (!existsSync(path)) throw new StrikewatchError("usage", `UNIONS_FILE ${path} does not exist.`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    throw new StrikewatchError("usage", `UNIONS_FILE ${path} is not valid JSON.`, { cause });
  }
  const result = z.array(unionInfoSchema).safeParse(raw);
  if (!result.success) {
    throw new StrikewatchError("usage", `UNIONS_FILE ${path}: ${result.error.issues[0]?.message}`);
  }
  return result.data;
}
