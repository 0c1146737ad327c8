import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type SlackFault =
  | { status?: number; headers?: Record<string, string>; body: Record<string, unknown> }
  | { hang: "before-landing" | "after-landing" };

export interface SlackCall {
  method: string;
  body: Record<string, unknown>;
  headers: IncomingMessage["headers"];
}

/**
 * A local stand-in for Slack: the Web API methods the bot calls (under /api/) and the
 * response_url endpoint (/response/<id>). It records what reaches it; tests assert on that.
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly responses: { id: string; body: Record<string, unknown> }[] = [];
  groups: Record<string, string[]> = {};
  /** Messages in channels, as conversations.history returns them. */
  readonly history: { channel: string; ts: string; text: unknown; metadata: unknown }[] = [];
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
          this.responses.push({ id: path.slice(10), body });
          res
            .writeHead(200, { "content-type": "application/json" })
            .end(JSON.stringify({ ok: true }));
          return;
        }
        const method = path.replace(/^\/api\//, "");
        this.calls.push({ method, body, headers: req.headers });
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
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return `${this.url}/api/`;
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

/** POSTs a slash command to the bot's /slack/events, signed (or not) as the test asks. */
export async function sendSlashCommand(
  botUrl: string,
  secret: string,
  fields: Record<string, string>,
  opts: { timestamp?: number; badSignature?: boolean } = {},
): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams(fields).toString();
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = opts.badSignature
    ? slackSignature("wrong-secret", ts, body)
    : slackSignature(secret, ts, body);
  const res = await fetch(`${botUrl}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": signature,
    },
    body,
  });
  return { status: res.status, body: await res.text() };
}
