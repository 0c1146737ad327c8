import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { blockKitErrors, viewErrors } from "./block-kit.ts";

export type SlackFault =
  | { status?: number; headers?: Record<string, string>; body: Record<string, unknown> }
  | { hang: "before-landing" | "after-landing" };

export interface SlackCall {
  method: string;
  body: Record<string, unknown>;
  headers: IncomingMessage["headers"];
}

/** Methods whose blocks Slack checks before accepting them. */
const CHECKS_BLOCKS = new Set(["chat.postMessage", "chat.postEphemeral", "chat.update"]);
const CHECKS_VIEW = new Set(["views.publish", "views.open", "views.update", "views.push"]);

/**
 * A local stand-in for Slack: the Web API methods the bot calls (under /api/), the
 * response_url endpoint (/response/<id>), and a Socket Mode websocket (/socket, handed out by
 * apps.connections.open to app-level tokens). Like Slack, it refuses blocks that break Block
 * Kit's rules (`invalid_blocks`). It records what reaches it; tests assert on that.
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly responses: { id: string; body: Record<string, unknown> }[] = [];
  /** Everything refused as invalid_blocks / invalid_arguments, with the reasons. */
  readonly invalid: { method: string; errors: string[] }[] = [];
  groups: Record<string, string[]> = {};
  /** Messages in channels, as conversations.history returns them. */
  readonly history: {
    channel: string;
    ts: string;
    text: unknown;
    blocks?: unknown;
    metadata: unknown;
  }[] = [];
  /** Per method: answers to give instead of ok (consumed in order). */
  readonly scripted = new Map<
    string,
    { status?: number; headers?: Record<string, string>; body: Record<string, unknown> }[]
  >();
  /**
   * Chaos, decided per call: an error answer (429, 500…), or no answer at all, before or after
   * the message lands (a timeout the bot cannot tell apart from a lost request).
   */
  fault: ((method: string, body: Record<string, unknown>) => SlackFault | undefined) | undefined;
  /** Milliseconds to wait before answering each Web API call (a slow platform). */
  delayMs = 0;
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private socket: WebSocket | undefined;
  private readonly acks = new Map<string, (payload: Record<string, unknown>) => void>();
  private socketReadyResolve: (() => void) | undefined;
  /** Resolves when a Socket Mode client has connected and been greeted. */
  readonly socketReady: Promise<void> = new Promise((r) => (this.socketReadyResolve = r));
  private ts = 1_700_000_000;
  url = "";

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let raw = "";
      req.setEncoding("utf8");
      req.on("data", (c: string) => (raw += c));
      req.on("end", () => {
        const body = parseBody(raw, req.headers["content-type"] ?? "");
        const path = new URL(req.url ?? "/", "http://x").pathname;
        if (path.startsWith("/response/")) {
          const errors = blockKitErrors(body.blocks);
          if (errors.length) {
            this.invalid.push({ method: "response_url", errors });
            res
              .writeHead(400, { "content-type": "application/json" })
              .end(JSON.stringify({ ok: false, error: "invalid_blocks", errors }));
            return;
          }
          this.responses.push({ id: path.slice(10), body });
          res
            .writeHead(200, { "content-type": "application/json" })
            .end(JSON.stringify({ ok: true }));
          return;
        }
        const method = path.replace(/^\/api\//, "");
        this.calls.push({ method, body, headers: req.headers });
        const errors = CHECKS_BLOCKS.has(method)
          ? blockKitErrors(body.blocks)
          : CHECKS_VIEW.has(method)
            ? viewErrors(body.view)
            : [];
        if (errors.length) {
          this.invalid.push({ method, errors });
          res.writeHead(200, { "content-type": "application/json" }).end(
            JSON.stringify({
              ok: false,
              error: CHECKS_VIEW.has(method) ? "invalid_arguments" : "invalid_blocks",
              response_metadata: { messages: errors },
            }),
          );
          return;
        }
        if (method === "apps.connections.open") {
          // Only an app-level token (xapp-…) may open a Socket Mode connection.
          const token = String(req.headers.authorization ?? "").replace(/^Bearer /, "");
          const opened = token.startsWith("xapp-")
            ? { ok: true, url: `${this.url.replace("http", "ws")}/socket?ticket=${randomUUID()}` }
            : { ok: false, error: "not_allowed_token_type" };
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(opened));
          return;
        }
        const fault = this.fault?.(method, body);
        if (fault && "hang" in fault) {
          if (fault.hang === "after-landing") this.answer(method, body);
          return; // the socket stays open until the client gives up
        }
        const scripted = fault ?? this.scripted.get(method)?.shift();
        if (this.delayMs > 0 && method === "chat.postMessage") {
          // A slow platform: the message lands only after the delay.
          setTimeout(() => this.reply(res, scripted, method, body), this.delayMs);
          return;
        }
        this.reply(res, scripted, method, body);
      });
    });
    this.wss = new WebSocketServer({ server: this.server, path: "/socket" });
    this.wss.on("connection", (ws) => {
      this.socket = ws;
      ws.on("message", (raw) => {
        const msg = JSON.parse(String(raw)) as {
          envelope_id?: string;
          payload?: Record<string, unknown>;
        };
        if (msg.envelope_id) this.acks.get(msg.envelope_id)?.(msg.payload ?? {});
      });
      ws.send(
        JSON.stringify({
          type: "hello",
          num_connections: 1,
          debug_info: { host: "fake-slack", approximate_connection_time: 3600 },
          connection_info: { app_id: "A1" },
        }),
      );
      this.socketReadyResolve?.();
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return `${this.url}/api/`;
  }

  /**
   * Sends an envelope over the Socket Mode connection, as Slack does, and resolves with the
   * payload the app acknowledged it with (a slash command's answer rides on its ack).
   */
  socketSend(
    type: "slash_commands" | "interactive" | "events_api",
    payload: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    if (!this.socket) throw new Error("no Socket Mode client is connected");
    const envelope_id = randomUUID();
    const acked = new Promise<Record<string, unknown>>((r) => this.acks.set(envelope_id, r));
    this.socket.send(
      JSON.stringify({
        envelope_id,
        type,
        payload,
        accepts_response_payload: type !== "events_api",
        ...(type === "events_api" ? { retry_attempt: 0, retry_reason: "" } : {}),
      }),
    );
    return acked;
  }

  private reply(
    res: ServerResponse,
    scripted: Exclude<SlackFault, { hang: string }> | undefined,
    method: string,
    body: Record<string, unknown>,
  ): void {
    if (scripted) {
      res
        .writeHead(scripted.status ?? 200, {
          "content-type": "application/json",
          ...scripted.headers,
        })
        .end(JSON.stringify(scripted.body));
      return;
    }
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify(this.answer(method, body)));
  }

  private answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          user_id: "UBOT",
          bot_id: "BBOT",
          team_id: "T1",
          user: "strikewatch",
          url: "https://test.slack.com/",
        };
      case "chat.postMessage": {
        const ts = `${++this.ts}.000100`;
        this.history.push({
          channel: String(body.channel),
          ts,
          text: body.text,
          blocks: body.blocks,
          metadata: body.metadata,
        });
        return { ok: true, channel: body.channel, ts, message: { text: body.text } };
      }
      case "conversations.history":
        return {
          ok: true,
          messages: this.history.filter((m) => m.channel === body.channel).reverse(),
          has_more: false,
        };
      case "usergroups.users.list":
        return { ok: true, users: this.groups[String(body.usergroup)] ?? [] };
      default:
        return { ok: true };
    }
  }

  posts(method = "chat.postMessage"): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  async stop(): Promise<void> {
    for (const c of this.wss?.clients ?? []) c.terminate();
    this.wss?.close();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }
}

function parseBody(raw: string, type: string): Record<string, unknown> {
  if (!raw) return {};
  if (type.includes("json")) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

/** Signs a request body the way Slack does (v0 HMAC-SHA256 of "v0:<ts>:<body>"). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/**
 * Slack HTML-escapes the &, < and > a person types before sending a command's text to the app
 * (api.slack.com/interactivity/slash-commands): "R&D <b>" arrives as "R&amp;D &lt;b&gt;".
 */
export function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * POSTs a slash command to the bot's /slack/events, signed (or not) as the test asks. The text
 * is what the person typed: it is escaped the way Slack escapes it.
 */
export async function sendSlashCommand(
  botUrl: string,
  secret: string,
  fields: Record<string, string>,
  opts: { timestamp?: number; badSignature?: boolean } = {},
): Promise<{ status: number; body: string }> {
  const typed = fields.text === undefined ? fields : { ...fields, text: slackEscape(fields.text) };
  return signedPost(botUrl, secret, new URLSearchParams(typed).toString(), "form", opts);
}

/** POSTs an interaction payload (a button click, a form) to /slack/events, signed. */
export function sendInteraction(
  botUrl: string,
  secret: string,
  payload: Record<string, unknown>,
): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return signedPost(botUrl, secret, body, "form");
}

/** POSTs an Events API callback (app_mention, app_home_opened…) to /slack/events, signed. */
export function sendEvent(
  botUrl: string,
  secret: string,
  event: Record<string, unknown>,
): Promise<{ status: number; body: string }> {
  const body = JSON.stringify({
    token: "verification-token",
    team_id: "T1",
    api_app_id: "A1",
    event,
    type: "event_callback",
    event_id: `Ev${randomUUID().replace(/-/g, "").slice(0, 10)}`,
    event_time: Math.floor(Date.now() / 1000),
  });
  return signedPost(botUrl, secret, body, "json");
}

async function signedPost(
  botUrl: string,
  secret: string,
  body: string,
  kind: "form" | "json",
  opts: { timestamp?: number; badSignature?: boolean } = {},
): Promise<{ status: number; body: string }> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = opts.badSignature
    ? slackSignature("wrong-secret", ts, body)
    : slackSignature(secret, ts, body);
  const res = await fetch(`${botUrl}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": kind === "json" ? "application/json" : "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": signature,
    },
    body,
  });
  return { status: res.status, body: await res.text() };
}

/** A block_actions payload as Slack sends it when someone clicks a button or picks a menu option. */
export function blockAction(opts: {
  user: string;
  channel: string;
  responseUrl: string;
  action: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    type: "block_actions",
    user: { id: opts.user, username: opts.user.toLowerCase(), team_id: "T1" },
    api_app_id: "A1",
    token: "verification-token",
    container: { type: "message", message_ts: "1700000000.000100", channel_id: opts.channel },
    trigger_id: `trigger-${randomUUID()}`,
    team: { id: "T1", domain: "test" },
    channel: { id: opts.channel, name: "strikes" },
    response_url: opts.responseUrl,
    actions: [{ block_id: "b1", action_ts: "1700000001.000200", ...opts.action }],
  };
}

/** A view_submission payload: someone pressed a modal's submit button. */
export function viewSubmission(opts: {
  user: string;
  view: Record<string, unknown>;
  values?: Record<string, Record<string, { type: string; value: string }>>;
}): Record<string, unknown> {
  return {
    type: "view_submission",
    team: { id: "T1", domain: "test" },
    user: { id: opts.user, username: opts.user.toLowerCase(), team_id: "T1" },
    api_app_id: "A1",
    token: "verification-token",
    trigger_id: `trigger-${randomUUID()}`,
    view: {
      id: "V1",
      team_id: "T1",
      type: "modal",
      ...opts.view,
      state: { values: opts.values ?? {} },
      hash: "1.abc",
    },
  };
}
