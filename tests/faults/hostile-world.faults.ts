import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDiscord } from "../../adapters/discord/render.ts";
import { renderSlack } from "../../adapters/slack/render.ts";
import { fixedClock } from "../../src/clock.ts";
import type { Reply } from "../../src/reply.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { ROOT, runCli } from "../helpers/cli.ts";
import { FakeDiscord, type DiscordFault } from "../helpers/fake-discord.ts";
import { FakeSlack, sendSlashCommand, type SlackFault } from "../helpers/fake-slack.ts";
import { freePort } from "../helpers/free-port.ts";
import {
  GOOD_FEEDS,
  HOSTILE_FEEDS,
  HOSTILE_ONLY_UNIONS,
  mountFeeds,
} from "../helpers/hostile-feeds.ts";
import { NewsSite } from "../helpers/news-site.ts";
import { subscription } from "../helpers/subscriptions.ts";
import { PrivatePostgres, postgresBinaries } from "../helpers/private-postgres.ts";

/*
 * The bot as real processes (`ingest`, `run`, `tick`) on its real store, against fake Slack,
 * Discord and news sites, while the harness crashes the processes and the PostgreSQL server,
 * the platforms answer 429s, 500s and nothing at all, and half the feeds attack the reader.
 * Afterwards: every due message delivered once, and the store holds exactly what the good
 * feeds say — the same facts as a clean reading of the good feeds alone.
 */

const T0 = Date.parse("2023-01-12T10:00:00Z");
const FANOUT_AT = Date.parse("2023-01-16T08:00:00Z"); // a Monday, 08:00 in London
const SLACK_DIGESTS = 24;
const DISCORD_DIGESTS = 2;
const PROCESS_DEADLINE_MS = 60_000;
const HEALTH_TOKEN = "faults-health-token";
const METRICS_TOKEN = "faults-metrics-token";

/** Seeded, so a failing run can be repeated. */
function rng(seed: number): () => number {
  let a = seed;
  return () => (a = (a * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

interface Bot {
  child: ChildProcess;
  exited: Promise<number | null>;
  stderr: () => string;
}

function spawnBot(args: string[], env: Record<string, string>): Bot {
  const child = spawn(process.execPath, ["bin/strikewatch.js", ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (err += d));
  child.stdout!.resume();
  // A process that outlives the deadline has hung: kill it and let the test say so.
  const deadline = setTimeout(() => child.kill("SIGKILL"), PROCESS_DEADLINE_MS);
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code, signal) => {
      clearTimeout(deadline);
      resolve(signal === "SIGKILL" && !killedByHarness.has(child) ? -1 : code);
    }),
  );
  return { child, exited, stderr: () => err };
}
const killedByHarness = new WeakSet<ChildProcess>();

/** Runs `fault` once `ready()` holds while the process still runs; true if it fired. */
function faultWhen(bot: Bot, ready: () => boolean, fault: () => Promise<void>): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (bot.child.exitCode !== null || bot.child.signalCode !== null) {
        clearInterval(timer);
        resolve(false);
      } else if (ready()) {
        clearInterval(timer);
        void fault().then(() => resolve(true));
      }
    }, 2);
  });
}

function kill(bot: Bot): Promise<void> {
  killedByHarness.add(bot.child);
  bot.child.kill("SIGKILL");
  return Promise.resolve();
}

/** Everything the store knows, without ids or clocks, so two stores can be compared. */
async function factsIn(db: string): Promise<string[]> {
  const store = await openStore(db, { clock: fixedClock(new Date(T0)) });
  try {
    return await describeFacts(store);
  } finally {
    await store.close();
  }
}

async function describeFacts(store: EventStore): Promise<string[]> {
  const days = await store.strikeDays({ from: "2000-01-01", to: "2100-12-31" });
  const events = await store.eventsAfter(0, 100_000);
  const review = await store.review.pending(1000);
  return [
    ...days.map((d) => `day ${d.union} ${d.workforce} ${d.day} ${d.status} ${d.regions.join("+")}`),
    // The log too: a feed read twice must not log its facts twice. (`previous` depends on
    // reading order, which the harness shuffles.)
    ...events.map(
      (e) => `event ${e.kind} ${e.union} ${stableJson({ ...e.payload, previous: undefined })}`,
    ),
    ...review.map((r) => `review ${r.kind} ${r.union} ${stableJson(r.fact)}`),
  ].sort();
}

/** JSON with keys in order: PostgreSQL's jsonb does not keep them as written. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** Platform failures, injected at random while a budget of each kind lasts. */
class Chaos<K extends string> {
  readonly injected = {} as Record<K, number>;
  private turn = 0;

  constructor(
    private readonly random: () => number,
    private readonly rate: number,
    private readonly budget: Record<K, number>,
  ) {
    for (const k of Object.keys(budget) as K[]) this.injected[k] = 0;
  }

  /** The next fault kind, round-robin over those with budget left, or none. */
  next(): K | undefined {
    const left = (Object.keys(this.budget) as K[]).filter((k) => this.budget[k] > 0);
    if (left.length === 0 || this.random() >= this.rate) return undefined;
    const kind = left[this.turn++ % left.length]!;
    this.budget[kind]--;
    this.injected[kind]++;
    return kind;
  }
}

const postgresBin = postgresBinaries();
const stores = [
  { name: "sqlite", postgres: false },
  { name: "postgres", postgres: true },
] as const;

describe.each(stores)("the bot under faults, on $name", ({ name, postgres }) => {
  // PostgreSQL needs its server binaries; CI (TEST_DATABASE_URL set) must have them.
  const skip = postgres && !postgresBin && !process.env.TEST_DATABASE_URL;
  const random = rng(name === "sqlite" ? 20230112 : 20230116);
  const site = new NewsSite();
  const slack = new FakeSlack();
  const discord = new FakeDiscord();
  let pg: PrivatePostgres | undefined;
  let db = "";
  let base = "";
  let env: Record<string, string> = {};
  const faults: { process_kill: number; postgres_restart: number; [kind: string]: number } = {
    process_kill: 0,
    postgres_restart: 0,
  };
  const report: Record<string, unknown> = { store: name };

  const url = (path: string) => `${base}${path}`;
  const goodUrls = () => Object.keys(GOOD_FEEDS).map(url);
  const allUrls = () => [...Object.keys(GOOD_FEEDS), ...Object.keys(HOSTILE_FEEDS)].map(url);
  const shuffled = <T>(xs: T[]) =>
    xs
      .map((x) => ({ x, k: random() }))
      .sort((a, b) => a.k - b.k)
      .map(({ x }) => x);
  /** A crash of the store where there is a server to crash, else of the bot itself. */
  const crash = async (bot: Bot): Promise<void> => {
    if (pg) {
      await pg.crashAndRestart();
      faults.postgres_restart++;
    } else {
      await kill(bot);
      faults.process_kill++;
    }
  };

  beforeAll(async () => {
    if (skip) return;
    mountFeeds(site);
    base = await site.start();
    if (postgres) {
      if (!postgresBin)
        throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql");
      pg = new PrivatePostgres(postgresBin);
      db = await pg.start();
    } else {
      db = join(mkdtempSync(join(tmpdir(), "strikewatch-faults-")), "bot.db");
    }
    env = {
      FEEDS: "",
      // The news site is on loopback: allowed as an operator allows an internal feed.
      FEEDS_ALLOW_PRIVATE: "127.0.0.1",
      FEED_TIMEOUT_S: "1",
      PLATFORM_TIMEOUT_S: "1",
      SLACK_BOT_TOKEN: "xoxb-faults",
      SLACK_API_URL: await slack.start(),
      DISCORD_TOKEN: "faults",
      DISCORD_API_URL: await discord.start(),
    };
  }, 60_000);

  afterAll(async () => {
    await site.stop();
    await slack.stop();
    await discord.stop();
    await pg?.stop();
    if (skip) return;
    const hostile = Object.fromEntries(
      Object.keys(HOSTILE_FEEDS).map((p) => [p.replace(/^\/bad\/|\.xml$/g, ""), site.count(p)]),
    );
    report.faults = faults;
    report.hostile_feed_requests = hostile;
    console.log(`fault report: ${JSON.stringify(report)}`);
  });

  it.skipIf(skip)(
    "reads only the good feeds' facts while hostile feeds attack and the store or reader crashes",
    async () => {
      // Three passes over every feed in a random order, each crashed at a random point:
      // the first by the store (PostgreSQL) or the process (SQLite), the others by a kill.
      for (let pass = 0; pass < 3; pass++) {
        const bot = spawnBot(
          [
            "--db",
            db,
            "ingest",
            "--now",
            new Date(T0 + pass * 3600_000).toISOString(),
            ...shuffled(allUrls()),
          ],
          env,
        );
        const served = site.requests.length;
        const after = 1 + Math.floor(random() * 10);
        await faultWhen(
          bot,
          () => site.requests.length >= served + after,
          async () => {
            if (pass === 0) await crash(bot);
            else {
              await kill(bot);
              faults.process_kill++;
            }
          },
        );
        expect(await bot.exited, `ingest pass ${pass} hung:\n${bot.stderr()}`).not.toBe(-1);
      }
      // A last, undisturbed pass: every good feed reads, every hostile one fails, none hangs.
      const last = await runCli(
        ["--db", db, "ingest", "--now", new Date(T0 + 3 * 3600_000).toISOString(), ...allUrls()],
        { env, timeoutMs: PROCESS_DEADLINE_MS },
      );
      for (const u of goodUrls()) expect(last.stdout).not.toContain(`Failed ${u}`);
      for (const p of Object.keys(HOSTILE_FEEDS)) expect(last.stdout).toContain(`Failed ${url(p)}`);

      // The reference: the good feeds alone, read once, into a clean store.
      const clean = join(mkdtempSync(join(tmpdir(), "strikewatch-reference-")), "clean.db");
      const ref = await runCli(
        ["--db", clean, "ingest", "--now", new Date(T0).toISOString(), ...goodUrls()],
        { env, timeoutMs: PROCESS_DEADLINE_MS },
      );
      expect(ref.code, ref.stderr).toBe(0);
      const expected = await factsIn(clean);
      const actual = await factsIn(db);
      // Hand-checked anchors, so an empty or broken reference cannot pass by matching.
      expect(expected).toEqual(
        expect.arrayContaining([
          "day RCN nurses 2023-02-06 planned Wales",
          "day RCN nurses 2023-02-07 planned Wales",
          "day GMB ambulance workers 2023-01-23 planned Wales",
          "day RMT rail workers 2023-02-16 planned ",
          "day Unite ambulance workers 2023-03-06 planned Wales",
        ]),
      );
      expect(actual).toEqual(expected);
      for (const u of HOSTILE_ONLY_UNIONS)
        expect(actual.join("\n")).not.toMatch(new RegExp(` ${u} `));
      report.facts = { expected: expected.length, stored: actual.length };
    },
    240_000,
  );

  it.skipIf(skip)(
    "keeps serving Slack and the web through hostile feeds and a store outage, then stops cleanly",
    async () => {
      // Slack in HTTP mode: Bolt's receiver serves slash commands, health and the calendar on
      // one port.
      const port = await freePort();
      const bot = spawnBot(["--db", db, "run"], {
        ...env,
        FEEDS: allUrls().join(","),
        PORT: String(port),
        LOG_LEVEL: "info",
        SLACK_SIGNING_SECRET: "faults-secret",
        SLACK_APP_TOKEN: "",
        DISCORD_TOKEN: "",
        HEALTH_TOKEN,
        METRICS_TOKEN,
      });
      const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => {
        const until = Date.now() + 30_000;
        for (;;) {
          const value = await probe().catch(() => undefined);
          if (value !== undefined) return value;
          expect(
            bot.child.exitCode,
            `the service died waiting for ${what}:\n${bot.stderr()}`,
          ).toBeNull();
          if (Date.now() > until) throw new Error(`gave up waiting for ${what}:\n${bot.stderr()}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      /** A person's /strikes in Slack: what they read, in the ack or through response_url. */
      const ask = async (text: string) => {
        const heard = slack.responses.length;
        const r = await sendSlashCommand(`http://127.0.0.1:${port}`, "faults-secret", {
          command: "/strikes",
          text,
          user_id: "UREADER",
          channel_id: "CREADER",
          response_url: `${slack.url}/response/${heard}`,
        });
        expect(r.status).toBe(200);
        const later = () => JSON.stringify(slack.responses.slice(heard));
        // Bolt acks within 3 s; a slower answer follows through response_url.
        if (r.body.trim() === "") await waitFor("the answer", async () => later() || undefined);
        return r.body + later();
      };
      await waitFor("the service to listen", async () =>
        (await fetch(`http://127.0.0.1:${port}/healthz`)).status ? true : undefined,
      );
      const health = async () => {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`, {
          headers: { authorization: `Bearer ${HEALTH_TOKEN}` },
        });
        return {
          status: res.status,
          body: (await res.json()) as {
            ok: boolean;
            details: { feeds: { url: string; lastError: string | null }[] };
          },
        };
      };
      // Its first polling round finishes every feed, the hostile ones included.
      const polls = async () => {
        const text = await (
          await fetch(`http://127.0.0.1:${port}/metrics`, {
            headers: { authorization: `Bearer ${METRICS_TOKEN}` },
          })
        ).text();
        return [...text.matchAll(/^strikewatch_feed_polls_total\{[^}]*\} (\d+)/gm)].reduce(
          (n, m) => n + Number(m[1]),
          0,
        );
      };
      await waitFor("a poll of every feed", async () =>
        (await polls()) >= allUrls().length ? true : undefined,
      );
      const before = await health();
      expect(before.status).toBe(200);
      for (const p of Object.keys(HOSTILE_FEEDS))
        expect(before.body.details.feeds.find((f) => f.url === url(p))?.lastError).toBeTruthy();
      expect(await ask("RMT next 3 months")).toContain("RMT");
      if (pg) {
        await pg.crash();
        faults.postgres_restart++;
        // While the server is down the service stays up and says so plainly.
        expect((await health()).status).toBe(503);
        const calendar = await fetch(`http://127.0.0.1:${port}/calendar.ics`);
        expect(calendar.status).toBe(503);
        expect(calendar.headers.get("retry-after")).toBe("60");
        expect(await calendar.text()).toContain("cannot be reached right now");
        expect(await ask("RMT next 3 months")).toContain("cannot be reached right now");
        await pg.restart();
        // The same process answers again once the server is back: its pool reconnects.
        await waitFor("health after the restart", async () =>
          (await health()).status === 200 ? true : undefined,
        );
      }
      expect((await fetch(`http://127.0.0.1:${port}/calendar.ics`)).status).toBe(200);
      const after = await ask("RMT next 3 months");
      expect(after).toContain("RMT");
      expect(after).not.toContain("cannot be reached");
      expect(bot.child.exitCode).toBeNull();
      bot.child.kill("SIGTERM");
      expect(await bot.exited, bot.stderr()).toBe(0);
      expect(bot.stderr()).not.toMatch(/"level":60/); // nothing fatal
    },
    120_000,
  );

  it.skipIf(skip)(
    "delivers every due message once through kills, store restarts, 429s, 500s and timeouts",
    async () => {
      const setup = await openStore(db, { clock: fixedClock(new Date(T0)) });
      // A busy week, posted by staff: each digest is too long for one Slack message, so crashes
      // and timeouts also land between the parts of one message.
      const teachers = ["NEU", "NASUWT", "EIS", "UCU", "NAHT"];
      for (let i = 0; i < 80; i++) {
        await setup.recordStrike({
          union: teachers[i % teachers.length]!,
          workforce: `school staff group ${i}`,
          sector: "education",
          regions: ["England"],
          days: [`2023-01-${17 + (i % 6)}`],
          status: "planned",
          confidence: 1,
          source: {
            kind: "user",
            platform: "slack",
            userId: "UDESK",
            userName: "strike desk",
            posted: new Date(T0),
          },
        });
      }
      const subscribe = (
        platform: string,
        channelId: string,
        kind: "digest" | "alerts",
        filters = "",
      ) =>
        setup.delivery.subscribe(
          subscription({ platform, channelId, kind, filters, createdAt: new Date(T0) }),
          0,
        );
      for (let c = 0; c < SLACK_DIGESTS; c++) await subscribe("slack", `CDIGEST${c}`, "digest");
      for (let c = 0; c < DISCORD_DIGESTS; c++)
        await subscribe("discord", `30000000000000010${c}`, "digest");
      // Alerts for the news only: one message per fact the feeds reported.
      await subscribe("slack", "CALERTS", "alerts", "RCN GMB Unite RMT");
      await subscribe("discord", "300000000000000200", "alerts", "RCN GMB Unite RMT");
      await setup.close();

      const slackChaos = new Chaos(random, 0.3, {
        status_429: 3,
        status_500: 3,
        timeout_before_landing: 2,
        timeout_after_landing: 3,
        history_500: 2,
      });
      slack.delayMs = 30; // slow enough that crashes land inside the fan-out
      slack.fault = (method): SlackFault | undefined => {
        if (method === "conversations.history")
          return slackChaos.next() === "history_500"
            ? { status: 500, body: { ok: false, error: "internal_error" } }
            : undefined;
        if (method !== "chat.postMessage") return undefined;
        switch (slackChaos.next()) {
          case "status_429":
            return {
              status: 429,
              headers: { "retry-after": String(5 + Math.floor(random() * 20)) },
              body: { ok: false, error: "ratelimited" },
            };
          case "status_500":
            return { status: 500, body: { ok: false, error: "internal_error" } };
          case "timeout_before_landing":
            return { hang: "before-landing" };
          case "timeout_after_landing":
            return { hang: "after-landing" };
          default:
            return undefined;
        }
      };
      const discordChaos = new Chaos(random, 0.5, {
        status_429: 2,
        status_500: 2,
        timeout_after_landing: 2,
      });
      discord.fault = (call): DiscordFault | undefined => {
        if (call.method !== "POST" || !call.path.endsWith("/messages")) return undefined;
        switch (discordChaos.next()) {
          case "status_429":
            return {
              status: 429,
              headers: { "retry-after": "1", "x-ratelimit-scope": "user" },
              body: { message: "You are being rate limited.", retry_after: 1, global: false },
            };
          case "status_500":
            return { status: 500, body: { message: "Internal Server Error", code: 0 } };
          case "timeout_after_landing":
            return { hang: "after-landing" };
          default:
            return undefined;
        }
      };

      // Ticks as a supervisor would run the bot: the first ones crashed at a random point of
      // the fan-out, each next one when the earliest pending message is due.
      const plan = ["kill", "crash", "kill", "crash", "kill"] as const;
      const landed = () => slack.history.length + discord.created.length;
      let now = FANOUT_AT;
      let rounds = 0;
      for (; rounds < 60; rounds++) {
        const bot = spawnBot(["--db", db, "tick", "--now", new Date(now).toISOString()], env);
        const fault = plan[rounds];
        if (fault) {
          const start = landed();
          const after = 1 + Math.floor(random() * 10);
          await faultWhen(
            bot,
            () => landed() >= start + after,
            async () => {
              if (fault === "crash") await crash(bot);
              else {
                await kill(bot);
                faults.process_kill++;
              }
            },
          );
        }
        const code = await bot.exited;
        expect(code, `tick at ${new Date(now).toISOString()} hung:\n${bot.stderr()}`).not.toBe(-1);
        const check = await openStore(db, { clock: fixedClock(new Date(now)) });
        const open = (await check.delivery.outbox()).filter(
          (x) => x.state === "pending" || x.state === "sending",
        );
        await check.close();
        if (code === 0 && open.length === 0 && rounds >= plan.length) break;
        // A dead sender's lease (60 s) lapses; a retry waits for its own time.
        const next = Math.min(...open.map((x) => x.nextAttemptAt.getTime()));
        now = Math.max(now + 61_000, Number.isFinite(next) ? next : 0);
      }
      const final = await runCli(
        ["--db", db, "tick", "--now", new Date(now + 61_000).toISOString()],
        {
          env,
          timeoutMs: PROCESS_DEADLINE_MS,
        },
      );
      expect(final.stdout).toContain("Queued 0, sent 0");

      const store = await openStore(db, { clock: fixedClock(new Date(now)) });
      const outbox = await store.delivery.outbox();
      await store.close();
      const due = outbox.filter((x) => x.state !== "skipped");
      // Copies of each part of each message in its channel: Slack by the outbox key and part in
      // message metadata, Discord by the nonce derived from them.
      const partCopies = (item: (typeof due)[number]): number[] => {
        const reply = item.payload as unknown as Reply;
        if (item.platform === "slack") {
          return renderSlack(reply).map(
            (_, part) =>
              slack.history.filter((m) => {
                const p = (m.metadata as { event_payload?: { key?: string; part?: number } })
                  ?.event_payload;
                return p?.key === item.key && p.part === part;
              }).length,
          );
        }
        return renderDiscord(reply).map((_, part) => {
          const nonce = createHash("sha1").update(`${item.key}#${part}`).digest("hex");
          return discord.created.filter((m) => m.nonce === nonce.slice(0, 25)).length;
        });
      };
      const copies = new Map(due.map((x) => [x.key, partCopies(x)]));
      const whole = (x: (typeof due)[number]) => copies.get(x.key)!.every((n) => n > 0);
      const extra = (x: (typeof due)[number]) =>
        copies.get(x.key)!.reduce((n, c) => n + Math.max(0, c - 1), 0);
      const delivered = due.filter(whole).length;
      const duplicated = due.reduce((n, x) => n + extra(x), 0);
      const crashes = faults.process_kill + faults.postgres_restart;
      Object.assign(report, {
        due: due.length,
        split_into_parts: due.filter((x) => copies.get(x.key)!.length > 1).length,
        posts: slack.history.length + discord.created.length,
        delivered,
        duplicated,
        lost: due.length - delivered,
        dead: outbox.filter((x) => x.state === "dead").length,
        ticks: rounds + 2,
      });
      for (const [k, v] of Object.entries(slackChaos.injected)) faults[`slack_${k}`] = v;
      for (const [k, v] of Object.entries(discordChaos.injected)) faults[`discord_${k}`] = v;

      expect(due.filter((x) => x.key.includes("digest"))).toHaveLength(
        SLACK_DIGESTS + DISCORD_DIGESTS,
      );
      expect(due.length).toBeGreaterThan(SLACK_DIGESTS + DISCORD_DIGESTS); // alerts too
      expect(outbox.every((x) => x.state === "sent" || x.state === "skipped")).toBe(true);
      expect(due.length - delivered).toBe(0); // lost
      // Discord: exactly once, by nonce. Slack: at most one more per crash, and reconciling
      // against the channel's history should make it none.
      for (const x of due.filter((d) => d.platform === "discord")) expect(extra(x)).toBe(0);
      // Some messages really were split, so crashes could land between their parts.
      expect(due.some((x) => x.platform === "slack" && copies.get(x.key)!.length > 1)).toBe(true);
      expect(duplicated).toBeLessThanOrEqual(crashes);
      expect(duplicated).toBe(0);
      expect(faults.process_kill).toBeGreaterThan(0);
      if (pg) expect(faults.postgres_restart).toBeGreaterThan(0);
      expect(Object.values(slackChaos.injected).every((n) => n > 0)).toBe(true);
      expect(Object.values(discordChaos.injected).some((n) => n > 0)).toBe(true);
      // Text from the feeds reached the channels, and pinged no one.
      const slackText = JSON.stringify(slack.history);
      expect(slackText).toContain("RMT");
      expect(slackText).not.toMatch(/<!(channel|here|everyone)/);
      for (const c of discord.calls.filter(
        (c) => c.method === "POST" && c.path.endsWith("/messages"),
      ))
        expect((c.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
    },
    300_000,
  );
});
