import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { IANAZone } from "luxon";
import { StrikewatchError } from "./errors.ts";
import { unionInfoSchema } from "./domain/union-schema.ts";
import type { UnionInfo } from "./domain/union-registry.ts";
import type { ServerLimits } from "./http/server-limits.ts";
import { allowEntryError } from "./ingest/address-policy.ts";
import type { PlausibilityLimits } from "./ingest/plausibility.ts";

// Every key is read through this one schema. An empty value means unset (`KEY=` in a copied
// .env.example is the default, never "" or 0), except FEEDS, where an empty list means no feeds.
// Each key's description is the documentation: scripts/config-docs.ts writes
// docs/configuration.md from it.

const text = z.string().trim().optional();

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
  .trim()
  .default("Europe/London")
  .refine((tz) => IANAZone.isValidZone(tz), {
    message: "must be an IANA time zone such as Europe/London",
  });

const seconds = (min: number, max: number, fallback: number) =>
  z.coerce.number().min(min).max(max).default(fallback);
const port = z.coerce.number().int().min(0).max(65535);
const url = z.url().optional();
const token = z.string().trim().min(16, "must be at least 16 characters").optional();

/** Every environment key the bot reads; `.env.example` documents each one. */
const keys = z.object({
  DATABASE_URL: text.describe(
    "Where facts are stored: a SQLite file path (created and migrated on first use), or a postgres:// URL when several replicas share one store; `?schema=name` picks a PostgreSQL schema. Default: `./data/strikewatch.db`.",
  ),
  TEST_DATABASE_URL: text.describe(
    "PostgreSQL for the test suite and benchmarks; the PostgreSQL tests run only when it is set (CI sets it).",
  ),
  PORT: port
    .default(3000)
    .describe("The one HTTP port: Slack HTTP mode, health, calendar feed, page."),
  TZ_DEFAULT: zone.describe(
    'Time zone for "today", "this week" and digests, unless a channel sets its own.',
  ),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .optional()
    .describe(
      "Log level (logs go to stderr as JSON via pino). Unset: info for a service, warn at the console.",
    ),
  STAFF_USERS: list.describe(
    "Who may post strikes and stances: comma-separated `platform:id` entries, e.g. `slack:U024BE7LH,discord:80351110224678912`. The console/CLI operator is always staff.",
  ),
  STAFF_ROLES: list.describe(
    "Staff by role: `slack:S…` user groups and `discord:…` role ids, comma-separated.",
  ),
  UNIONS_FILE: text.describe(
    "A JSON file: an array of extra unions or aliases (`{name, fullName, aliases, sectors}`).",
  ),
  FEEDS: z
    .string()
    .optional()
    .describe(
      "Feed URLs polled from the start, comma-separated. Unset: BBC UK, business, Wales, Scotland, Northern Ireland and Guardian UK news. Empty (or `none`): no feeds. Staff edit the list at run time with /feeds.",
    ),
  POLL_INTERVAL_S: z.coerce
    .number()
    .int()
    .min(60)
    .max(86_400)
    .default(600)
    .describe(
      "Seconds between polls of a feed; never faster than its `<ttl>` or Cache-Control max-age.",
    ),
  REVIEW_BELOW: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(0.7)
    .describe(
      "News readings with less confidence than this (0–1) wait for staff approval in /review.",
    ),
  FEEDS_ALLOW_PRIVATE: list
    .superRefine((entries, ctx) => {
      for (const e of entries) {
        const why = allowEntryError(e);
        if (why) ctx.addIssue({ code: "custom", message: why });
      }
    })
    .describe(
      "The feed reader connects only to public addresses: a feed, redirect or article link that resolves to loopback, link-local, private (RFC 1918, fc00::/7), carrier-grade NAT, reserved or unspecified addresses is refused (cloud metadata addresses always are). To poll an internal feed anyway, list its addresses, ranges or host names, comma-separated, e.g. `10.20.0.0/16,intranet.example`.",
    ),
  REVIEW_SPAN_OVER_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3660)
    .default(60)
    .describe(
      "A news reading whose days span more than this (first to last) waits in /review whatever its confidence.",
    ),
  REVIEW_DAYS_FROM_PUBLISHED: z.coerce
    .number()
    .int()
    .min(1)
    .max(36_600)
    .default(366)
    .describe(
      "A news reading with a day further than this from the article's publication date, or from today, waits in /review whatever its confidence.",
    ),
  FEED_PASS_DEADLINE_S: seconds(1, 3600, 120).describe(
    "Longest one feed's whole pass may take (the feed, its articles, reading them): past it, fetches are aborted and the unread items wait for the next pass.",
  ),
  FEED_MAX_ITEMS_PER_PASS: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(100)
    .describe("New or changed items read from one feed per pass; the rest wait for the next."),
  FEED_ITEMS_KEEP_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(30)
    .describe(
      "Items a feed no longer lists are remembered (so they are not read twice) this many days after they were last listed; items it still lists always are.",
    ),
  FEED_ITEMS_KEEP_PER_FEED: z.coerce
    .number()
    .int()
    .min(10)
    .max(1_000_000)
    .default(1000)
    .describe("At most this many items remembered per feed, beyond the ones it still lists."),
  FEED_TIMEOUT_S: seconds(1, 300, 15).describe(
    "Longest a feed or article fetch may take, the whole exchange: a server that hangs or trickles bytes is cut off.",
  ),
  PLATFORM_TIMEOUT_S: seconds(1, 300, 10).describe(
    "Longest one Slack or Discord API call may take before the message is retried (one that landed is found, not sent twice).",
  ),
  SLACK_BOT_TOKEN: text.describe(
    "Slack bot token (`xoxb-…`, OAuth & Permissions → Bot User OAuth Token). With SLACK_APP_TOKEN: Socket Mode; with SLACK_SIGNING_SECRET: HTTP mode.",
  ),
  SLACK_APP_TOKEN: text.describe(
    "Slack app-level token (`xapp-…`, scope connections:write) for Socket Mode: no public URL needed.",
  ),
  SLACK_SIGNING_SECRET: text.describe(
    "Slack signing secret for HTTP mode: requests arrive at /slack/events on PORT and are checked.",
  ),
  SLACK_API_URL: text
    .pipe(url)
    .describe(
      "Slack Web API base URL: GovSlack, a proxy, or a local fake in tests. Default: https://slack.com/api/.",
    ),
  DISCORD_TOKEN: text.describe("Discord bot token (discord.com/developers → your app → Bot)."),
  DISCORD_API_URL: text
    .pipe(url)
    .describe(
      "Discord REST base URL: a rate-limit proxy, or a local fake in tests. Default: https://discord.com/api.",
    ),
  DISCORD_GUILDS: list
    .pipe(
      z.array(
        z.string().regex(/^\d{5,25}$/, "must be Discord server (guild) ids, comma-separated"),
      ),
    )
    .describe(
      "The Discord servers (guild ids, comma-separated) where staff rights count: when set, STAFF_USERS, STAFF_ROLES and members with Manage Server are staff only in these servers. Unset: Manage Server makes nobody staff (the store is shared by every server the bot is in, and anyone can create one).",
    ),
  PUBLIC_BASE_URL: text
    .pipe(url)
    .describe("Public address of the HTTP server, for calendar and page links in replies."),
  HEALTH_TOKEN: token.describe(
    "Requests to /healthz with `Authorization: Bearer <HEALTH_TOKEN>` also get the details (feed URLs, last errors, the store's error). Unset: details go to the logs only.",
  ),
  METRICS_TOKEN: token.describe(
    "/metrics is served on PORT only to `Authorization: Bearer <METRICS_TOKEN>`. Neither this nor METRICS_PORT: no /metrics.",
  ),
  METRICS_PORT: port
    .optional()
    .describe("A separate port for /metrics alone, bound to METRICS_HOST (for a local scraper)."),
  METRICS_HOST: z
    .string()
    .trim()
    .default("127.0.0.1")
    .describe("The address METRICS_PORT binds to."),
  HTTP_HEADERS_TIMEOUT_S: seconds(1, 300, 10).describe(
    "Seconds a client may take to send the request headers (slowloris).",
  ),
  HTTP_REQUEST_TIMEOUT_S: seconds(1, 600, 30).describe("Seconds for a whole request."),
  HTTP_KEEPALIVE_TIMEOUT_S: seconds(1, 300, 5).describe(
    "Seconds an idle keep-alive connection stays open.",
  ),
  HTTP_MAX_CONNECTIONS: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(1024)
    .describe("Open HTTP connections at most."),
  CALENDAR_MONTHS_BACK: z.coerce
    .number()
    .int()
    .min(0)
    .max(24)
    .default(3)
    .describe("Months before today that /calendar.ics covers."),
  CALENDAR_MONTHS_AHEAD: z.coerce
    .number()
    .int()
    .min(1)
    .max(36)
    .default(12)
    .describe("Months after today that /calendar.ics covers."),
  CALENDAR_MAX_DAYS: z.coerce
    .number()
    .int()
    .min(100)
    .max(200_000)
    .default(10_000)
    .describe(
      "Strike days one /calendar.ics holds at most; past it the far end is left out (upcoming days first) and the calendar says so.",
    ),
});

/** Rules that tie keys together: a setting that cannot work is refused at start, with why. */
const envSchema = keys.superRefine((e, ctx) => {
  const issue = (path: string, message: string) =>
    ctx.addIssue({ code: "custom", path: [path], message });
  if (!e.SLACK_BOT_TOKEN) {
    if (e.SLACK_APP_TOKEN) issue("SLACK_APP_TOKEN", "is set but SLACK_BOT_TOKEN is not");
    if (e.SLACK_SIGNING_SECRET) issue("SLACK_SIGNING_SECRET", "is set but SLACK_BOT_TOKEN is not");
  }
  if (e.SLACK_BOT_TOKEN?.startsWith("xapp-"))
    issue("SLACK_BOT_TOKEN", "holds an app-level token (xapp-…); that belongs in SLACK_APP_TOKEN");
  if (e.SLACK_APP_TOKEN?.startsWith("xoxb-"))
    issue("SLACK_APP_TOKEN", "holds a bot token (xoxb-…); that belongs in SLACK_BOT_TOKEN");
  if (e.METRICS_PORT !== undefined && e.METRICS_PORT !== 0 && e.METRICS_PORT === e.PORT)
    issue("METRICS_PORT", `is PORT (${e.PORT}); give /metrics a port of its own`);
});

/** The keys, for documentation: each one's schema, description and default. */
export const CONFIG_KEYS = keys.shape;

/** `KEY=` (or only spaces) means unset, so a copied .env.example runs with the defaults. */
function withoutBlanks(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of Object.keys(CONFIG_KEYS)) {
    const v = env[name];
    out[name] = name !== "FEEDS" && v !== undefined && v.trim() === "" ? undefined : v;
  }
  return out;
}

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
  /** News readings whose days span more than this, or lie further than this from the
   * article's publication (or from today), wait in /review whatever their confidence. */
  plausibility: PlausibilityLimits;
  /**
   * Private addresses, ranges or host names the feed reader may reach anyway (an internal
   * feed); empty by default: feeds, redirects and article links reach public addresses only.
   */
  feedsAllowPrivate: string[];
  /** Longest one feed's whole pass may take (feed, articles, ingestion); the rest waits. */
  feedPassDeadlineS: number;
  /** New or changed items read from one feed per pass; the rest wait for the next pass. */
  feedMaxItemsPerPass: number;
  /** Items a feed no longer lists are forgotten after this many days, or past this many. */
  feedItemRetention: { keepDays: number; keepPerFeed: number };
  /** Longest a feed or article fetch may take, whole exchange (a trickling server is cut off). */
  feedTimeoutS: number;
  /** Longest one Slack or Discord API call may take before it is retried. */
  platformTimeoutS: number;
  slack: { botToken?: string; appToken?: string; signingSecret?: string; apiUrl?: string };
  /** guilds: the Discord servers where staff rights count (Manage Server, roles, users). */
  discord: { token?: string; apiUrl?: string; guilds: string[] };
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
  /** What /calendar.ics covers: months back and ahead of today, and its most strike days. */
  calendar: { monthsBack: number; monthsAhead: number; maxDays: number };
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
  if (value.trim().toLowerCase() === "none") return [];
  const urls = value.split(/[,\s]+/).filter(Boolean);
  for (const u of urls) {
    if (!/^https?:\/\//.test(u))
      throw new StrikewatchError(
        "config_invalid",
        `Invalid configuration:\n  FEEDS: "${u}" is not an http(s) URL`,
      );
  }
  return urls;
}

/** Reads the configuration once; a bad value stops the bot with the key and the reason. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(withoutBlanks(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new StrikewatchError(
      "config_invalid",
      `Invalid configuration:\n  ${lines.join("\n  ")}`,
      { hint: "Fix the keys above in .env or the environment (docs/configuration.md)." },
    );
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
    plausibility: {
      maxSpanDays: e.REVIEW_SPAN_OVER_DAYS,
      maxDaysFromPublished: e.REVIEW_DAYS_FROM_PUBLISHED,
    },
    feedsAllowPrivate: e.FEEDS_ALLOW_PRIVATE,
    feedPassDeadlineS: e.FEED_PASS_DEADLINE_S,
    feedMaxItemsPerPass: e.FEED_MAX_ITEMS_PER_PASS,
    feedItemRetention: {
      keepDays: e.FEED_ITEMS_KEEP_DAYS,
      keepPerFeed: e.FEED_ITEMS_KEEP_PER_FEED,
    },
    feedTimeoutS: e.FEED_TIMEOUT_S,
    platformTimeoutS: e.PLATFORM_TIMEOUT_S,
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL,
    },
    discord: { token: e.DISCORD_TOKEN, apiUrl: e.DISCORD_API_URL, guilds: e.DISCORD_GUILDS },
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
    calendar: {
      monthsBack: e.CALENDAR_MONTHS_BACK,
      monthsAhead: e.CALENDAR_MONTHS_AHEAD,
      maxDays: e.CALENDAR_MAX_DAYS,
    },
  };
}

function readUnionsFile(path: string): UnionInfo[] {
  if (!existsSync(path))
    throw new StrikewatchError("config_invalid", `UNIONS_FILE ${path} does not exist.`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    throw new StrikewatchError("config_invalid", `UNIONS_FILE ${path} is not valid JSON.`, {
      cause,
    });
  }
  const result = z.array(unionInfoSchema).safeParse(raw);
  if (!result.success) {
    throw new StrikewatchError(
      "config_invalid",
      `UNIONS_FILE ${path}: ${result.error.issues[0]?.message}`,
    );
  }
  return result.data;
}
