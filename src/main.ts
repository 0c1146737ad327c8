// The composition root: the one place that knows every part and wires them together.
import type { Readable, Writable } from "node:stream";
import { ConsoleAdapter } from "../adapters/console/console-adapter.ts";
import { commands } from "../commands/index.ts";
import type { Adapter } from "./adapter.ts";
import type { Clock } from "./clock.ts";
import type { Config } from "./config.ts";
import { Dispatcher } from "./dispatcher.ts";
import { StrikewatchError } from "./errors.ts";
import { Unions } from "./domain/unions.ts";
import type { Logger } from "./logger.ts";
import { noMetrics, type Metrics } from "./metrics.ts";
import { DeliveryService, type DeliveryReport } from "./delivery/delivery-service.ts";
import { httpRoutes, metricsRoutes, startHttpServer, type HttpRoute } from "./http/http-app.ts";
import { hardenServer, serverOptions } from "./http/server-limits.ts";
import type { Sender } from "./delivery/sender.ts";
import { createExtractor } from "./ingest/extract/extract-article.ts";
import { FeedPoller } from "./ingest/feed-poller.ts";
import { HostQueue } from "./ingest/host-queue.ts";
import type { IngestDeps } from "./ingest/ingest-article.ts";
import { DEFAULT_SCHEDULE } from "./ingest/poll-schedule.ts";
import type { EventStore } from "./store/event-store.ts";
import { openStore } from "./store/open-store.ts";

export interface App {
  config: Config;
  clock: Clock;
  logger: Logger;
  /** Counts for GET /metrics, handed to every service. */
  metrics: Metrics;
  store: EventStore;
  unions: Unions;
  dispatcher: Dispatcher;
  ingest: IngestDeps;
  poller: FeedPoller;
  close(): Promise<void>;
}

export async function createApp(opts: {
  config: Config;
  clock: Clock;
  logger: Logger;
  /** Unset: nothing is counted (one-shot commands nobody scrapes). */
  metrics?: Metrics;
}): Promise<App> {
  const { config, clock, logger } = opts;
  const metrics = opts.metrics ?? noMetrics;
  const store = await openStore(config.databaseUrl, { clock });
  const unions = new Unions(config.extraUnions);
  const dispatcher = new Dispatcher({
    commands,
    store,
    unions,
    clock,
    staff: {
      users: config.staffUsers,
      roles: config.staffRoles,
      spaces: config.discord.guilds.map((g) => `discord:${g}`),
    },
    timeZone: config.timeZone,
    publicBaseUrl: config.publicBaseUrl,
    logger,
    metrics,
  });
  const ingest: IngestDeps = {
    store,
    extract: createExtractor(unions),
    clock,
    logger,
    timeZone: config.timeZone,
    reviewBelow: config.reviewBelow,
    plausibility: config.plausibility,
    metrics,
  };
  const poller = new FeedPoller({
    ...ingest,
    hosts: new HostQueue(),
    schedule: { ...DEFAULT_SCHEDULE, intervalS: config.pollIntervalS },
    limits: { timeoutMs: config.feedTimeoutS * 1000 },
    network: { allow: config.feedsAllowPrivate },
    pass: { deadlineMs: config.feedPassDeadlineS * 1000, maxItems: config.feedMaxItemsPerPass },
    retention: config.feedItemRetention,
  });
  return {
    config,
    clock,
    logger,
    metrics,
    store,
    unions,
    dispatcher,
    ingest,
    poller,
    close: async () => {
      await poller.stop();
      await store.close();
    },
  };
}

export interface RunOptions {
  forceConsole: boolean;
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  /** Resolves when the process is asked to stop (SIGINT, SIGTERM). */
  stopped: Promise<void>;
}

/** The chat platforms configured: Slack when SLACK_BOT_TOKEN is set, Discord when DISCORD_TOKEN is. */
// The platform SDKs load only when their token is configured: `strikewatch ask` and the
// console start in a fraction of the time.
async function chatAdapters(app: App, routes: readonly HttpRoute[]): Promise<Adapter[]> {
  const { config } = app;
  const adapters: Adapter[] = [];
  if (config.slack.botToken) {
    if (!config.slack.appToken && !config.slack.signingSecret) {
      throw new StrikewatchError(
        "config_invalid",
        "SLACK_BOT_TOKEN is set, but Slack also needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) to receive commands.",
        { hint: "See docs/slack.md; `strikewatch tick` alone posts with the bot token only." },
      );
    }
    const { SlackAdapter } = await import("../adapters/slack/slack-adapter.ts");
    adapters.push(
      new SlackAdapter({
        botToken: config.slack.botToken,
        signingSecret: config.slack.signingSecret,
        appToken: config.slack.appToken,
        apiUrl: config.slack.apiUrl,
        port: config.port,
        commands: app.dispatcher.commands,
        dispatch: (inv) => app.dispatcher.dispatch(inv),
        staffGroups: config.staffRoles.filter((r) => r.startsWith("slack:")).map((r) => r.slice(6)),
        customRoutes: routes,
        http: {
          options: serverOptions(config.http),
          harden: (server) => hardenServer(server, config.http, app.logger),
        },
        logger: app.logger,
      }),
    );
  }
  if (config.discord.token) {
    const { DiscordAdapter } = await import("../adapters/discord/discord-adapter.ts");
    adapters.push(
      new DiscordAdapter({
        token: config.discord.token,
        apiUrl: config.discord.apiUrl,
        dispatch: (inv) => app.dispatcher.dispatch(inv),
        unions: app.unions,
        logger: app.logger,
      }),
    );
  }
  return adapters;
}

/**
 * Starts the bot on every configured platform, and feed polling; with no chat platform
 * configured (or --console) the console adapter talks to the terminal. Resolves when the bot
 * should exit: the person left the console, or the process was asked to stop.
 */
export async function runBot(app: App, opts: RunOptions): Promise<void> {
  const { config, logger } = app;
  const delivery = new DeliveryService({
    ...deliveryDeps(app),
    senders: await buildSenders(config, logger),
  });
  const routes = httpRoutes({
    store: app.store,
    unions: app.unions,
    clock: app.clock,
    logger,
    timeZone: config.timeZone,
    publicBaseUrl: config.publicBaseUrl,
    lastTick: () => delivery.lastTickAt,
    metrics: app.metrics,
    healthToken: config.healthToken,
    metricsToken: config.metricsToken,
    calendarLimits: config.calendar,
  });
  const adapters = opts.forceConsole ? [] : await chatAdapters(app, routes);
  // Slack in HTTP mode already listens on PORT and serves our routes beside /slack/events.
  const slackServesHttp = Boolean(
    config.slack.botToken && !config.slack.appToken && !opts.forceConsole,
  );
  const server = slackServesHttp
    ? undefined
    : await startHttpServer(routes, config.port, { limits: config.http, logger });
  // Metrics on their own port, for a scraper on the same host or network only.
  const metricsServer =
    config.metricsPort === undefined
      ? undefined
      : await startHttpServer(metricsRoutes({ logger, metrics: app.metrics }), config.metricsPort, {
          limits: config.http,
          logger,
          host: config.metricsHost,
        });
  let consoleAdapter: ConsoleAdapter | undefined;
  // The console is for a person at a terminal; as a service (no terminal) the bot serves HTTP.
  if (opts.forceConsole || (adapters.length === 0 && opts.stdin.isTTY)) {
    consoleAdapter = new ConsoleAdapter({
      dispatch: (inv) => app.dispatcher.dispatch(inv),
      input: opts.stdin,
      output: opts.stdout,
      prompt: Boolean(opts.stdin.isTTY),
    });
    adapters.push(consoleAdapter);
  }
  for (const a of adapters) await a.start();
  const added = await app.store.feeds.ensure(config.feeds, app.clock.now());
  if (added) logger.info({ added }, "configured feeds added");
  app.poller.start();
  delivery.start();
  const address = server?.address();
  logger.info(
    {
      adapters: adapters.map((a) => a.name),
      store: app.store.kind,
      port: typeof address === "object" && address ? address.port : config.port,
    },
    "strikewatch running",
  );
  await Promise.race([opts.stopped, ...(consoleAdapter ? [consoleAdapter.done()] : [])]);
  await delivery.stop();
  for (const a of adapters) await a.stop();
  for (const s of [server, metricsServer])
    await new Promise<void>((r) => (s ? s.close(() => r()) : r()));
}

function deliveryDeps(app: App) {
  return {
    store: app.store,
    unions: app.unions,
    clock: app.clock,
    logger: app.logger,
    metrics: app.metrics,
  };
}

/** Broadcast senders for the configured platforms (REST only: no gateway needed to post). */
export async function buildSenders(config: Config, logger: Logger): Promise<Map<string, Sender>> {
  const senders = new Map<string, Sender>();
  if (config.slack.botToken) {
    const { SlackSender } = await import("../adapters/slack/slack-sender.ts");
    senders.set(
      "slack",
      SlackSender.fromToken(config.slack.botToken, {
        apiUrl: config.slack.apiUrl,
        timeoutMs: config.platformTimeoutS * 1000,
        logger,
      }),
    );
  }
  if (config.discord.token) {
    const { DiscordSender } = await import("../adapters/discord/discord-sender.ts");
    senders.set(
      "discord",
      DiscordSender.fromToken(config.discord.token, {
        apiUrl: config.discord.apiUrl,
        timeoutMs: config.platformTimeoutS * 1000,
      }),
    );
  }
  return senders;
}

/** `strikewatch tick`: everything due at this instant, once. */
export async function tickOnce(app: App): Promise<DeliveryReport> {
  const service = new DeliveryService({
    ...deliveryDeps(app),
    senders: await buildSenders(app.config, app.logger),
  });
  return service.tick(app.clock.now());
}
