import { App, HTTPReceiver, HTTPReceiverDeferredRequestError } from "@slack/bolt";
import type { IncomingMessage, Server, ServerOptions, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Adapter } from "../../src/adapter.ts";
import { UMBRELLA_COMMAND, type AnyCommand, type Invocation } from "../../src/command.ts";
import type { Logger } from "../../src/logger.ts";
import type { Reply } from "../../src/reply.ts";
import { within } from "../../src/within.ts";
import { renderSlack, renderSlackView } from "./render.ts";
import { fromSlackError } from "./slack-errors.ts";
import { registerInteractions } from "./slack-interactions.ts";
import { registerMessages } from "./slack-messages.ts";
import { slackLogger } from "./slack-logger.ts";
import { SlackSender } from "./slack-sender.ts";
import { toInvocation } from "./to-invocation.ts";

/** The slash commands Slack sends us: each top-level command of the one list, and the umbrella. */
export function slackCommands(
  commands: readonly Pick<AnyCommand, "name" | "placement">[],
): string[] {
  return [
    ...commands.filter((c) => c.placement === "top-level").map((c) => `/${c.name}`),
    `/${UMBRELLA_COMMAND}`,
  ];
}

export interface SlackAdapterOptions {
  botToken: string;
  /** HTTP mode: requests signed with this secret arrive at /slack/events on `port`. */
  signingSecret?: string;
  /** Socket Mode: no public URL needed. */
  appToken?: string;
  /** Web API base (GovSlack, proxies, a local fake in tests). */
  apiUrl?: string;
  port: number;
  /** The one list of commands (commands/index.ts): which to listen for, and where each sits. */
  commands: readonly Pick<AnyCommand, "name" | "placement">[];
  dispatch(inv: Invocation): Promise<Reply>;
  /** Slack user-group ids whose members are staff (from STAFF_ROLES "slack:S…"). */
  staffGroups: string[];
  logger: Logger;
  /** Other routes to serve on the same port in HTTP mode (calendar, page, health). */
  customRoutes?: readonly {
    path: string;
    method: "GET";
    handler(req: IncomingMessage, res: ServerResponse): void;
  }[];
  /**
   * HTTP mode: options for Bolt's server (timeouts), and a hook to finish hardening it once it
   * listens (connection caps, protocol-error answers).
   */
  http?: { options: ServerOptions; harden(server: Server): void };
  /** Reply in the acknowledgement when ready this fast; else ack now and answer via response_url. */
  ackBudgetMs?: number;
}

/**
 * The bot in Slack, through Bolt: slash commands and buttons become neutral invocations, and
 * replies come back as Block Kit within Slack's limits. Everything Slack-specific stays here.
 */
export class SlackAdapter implements Adapter {
  readonly name = "slack";
  readonly app: App;
  private server: Server | undefined;
  private readonly groupMembers = new Map<string, { at: number; members: Set<string> }>();

  constructor(private readonly opts: SlackAdapterOptions) {
    const clientOptions = opts.apiUrl
      ? { slackApiUrl: opts.apiUrl.endsWith("/") ? opts.apiUrl : `${opts.apiUrl}/` }
      : {};
    const logger = slackLogger(opts.logger);
    if (opts.appToken) {
      this.app = new App({
        token: opts.botToken,
        appToken: opts.appToken,
        socketMode: true,
        clientOptions,
        // The socket client opens its connection with a Web API client of its own: without
        // these options it would ask slack.com, whatever SLACK_API_URL says.
        installerOptions: { clientOptions },
        logger,
      });
    } else {
      if (!opts.signingSecret)
        throw new Error(
          "Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode).",
        );
      const receiver = new HTTPReceiver({
        signingSecret: opts.signingSecret,
        endpoints: "/slack/events",
        logger,
        // Bolt answers its own routing failures with a 500; a request-target it cannot parse
        // ("//[", "http://x:99999/") is the client's mistake, and an unknown path a 404.
        dispatchErrorHandler: ({ error, response }) => {
          const status = error instanceof HTTPReceiverDeferredRequestError ? 404 : 400;
          if (!response.headersSent)
            response
              .writeHead(status, { "content-type": "text/plain; charset=utf-8" })
              .end(status === 404 ? "Not found." : "Bad request.");
        },
        customRoutes: (opts.customRoutes ?? []).map((r) => ({
          path: r.path,
          method: r.method,
          handler: r.handler,
        })),
      });
      this.app = new App({ token: opts.botToken, receiver, clientOptions, logger });
    }
    for (const name of slackCommands(opts.commands)) {
      this.app.command(name, async ({ command, ack, respond }) => {
        const inv = toInvocation(command, await this.rolesOf(command.user_id));
        await this.answer(inv, ack, respond);
      });
    }
    registerInteractions(this.app, {
      dispatch: (inv) => this.opts.dispatch(inv),
      rolesOf: (user) => this.rolesOf(user),
      logger: this.opts.logger,
    });
    registerMessages(this.app, {
      dispatch: (inv) => this.opts.dispatch(inv),
      rolesOf: (user) => this.rolesOf(user),
      logger: this.opts.logger,
    });
    this.app.event("app_home_opened", async ({ event }) => {
      if (event.tab !== "home") return;
      await this.publishHome(event.user);
    });
    this.app.error(async (e) => {
      this.opts.logger.error({ err: e }, "slack handler failed");
    });
  }

  private async answer(
    inv: Invocation,
    ack: (m?: ReturnType<typeof renderSlack>[number]) => Promise<void>,
    respond: (
      m: ReturnType<typeof renderSlack>[number] & { replace_original?: boolean },
    ) => Promise<unknown>,
  ): Promise<void> {
    const pending = this.opts.dispatch(inv);
    const quick = await within(pending, this.opts.ackBudgetMs ?? 2000);
    if (quick) {
      const [first, ...rest] = renderSlack(quick);
      await ack(first);
      for (const m of rest) await respond({ ...m, replace_original: false });
      return;
    }
    // Slack wants an answer within 3 seconds: acknowledge now, reply through response_url.
    await ack();
    for (const m of renderSlack(await pending)) await respond({ ...m, replace_original: false });
  }

  /** The App Home tab: this week's strikes, as the person opening it would be answered. */
  private async publishHome(user: string): Promise<void> {
    const reply = await this.opts.dispatch({
      command: "strikes",
      text: "this week",
      caller: { platform: "slack", id: user, roles: await this.rolesOf(user) },
      channel: { platform: "slack", id: `home:${user}` },
    });
    try {
      await this.app.client.views.publish({
        user_id: user,
        view: { type: "home", blocks: renderSlackView(reply) as never },
      });
    } catch (e) {
      this.opts.logger.warn({ err: fromSlackError(e) }, "cannot publish the App Home tab");
    }
  }

  /** Which configured staff user groups a user belongs to (members cached for five minutes). */
  private async rolesOf(userId: string): Promise<string[]> {
    const out: string[] = [];
    for (const group of this.opts.staffGroups) {
      let cached = this.groupMembers.get(group);
      if (!cached || Date.now() - cached.at > 300_000) {
        try {
          const res = await this.app.client.usergroups.users.list({ usergroup: group });
          cached = { at: Date.now(), members: new Set(res.users ?? []) };
          this.groupMembers.set(group, cached);
        } catch (e) {
          this.opts.logger.warn(
            { err: fromSlackError(e), group },
            "cannot read a staff user group",
          );
          continue;
        }
      }
      if (cached.members.has(userId)) out.push(group);
    }
    return out;
  }

  /** Posts a reply to a channel (broadcasts); Slack's errors come back as the core's. */
  post(channel: string, reply: Reply, key = "adhoc"): Promise<string[]> {
    return new SlackSender(this.app.client, 0).send(channel, reply, key);
  }

  /** The port HTTP mode listens on (useful when started on port 0). */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async start(): Promise<void> {
    const started = (await (this.opts.appToken
      ? this.app.start()
      : this.app.start(this.opts.port, this.opts.http?.options ?? {}))) as unknown;
    if (started && typeof (started as Server).address === "function") {
      this.server = started as Server;
      this.opts.http?.harden(this.server);
    }
  }

  async stop(): Promise<void> {
    await this.app.stop();
  }
}
