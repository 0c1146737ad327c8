import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { discordMessageErrors } from "./discord-limits.ts";

export const APP_ID = "100000000000000001";
export const BOT_ID = "100000000000000002";
export const GUILD_ID = "200000000000000001";
export const CHANNEL_ID = "300000000000000001";
export const STAFF_ROLE_ID = "600000000000000001";
export const DM_CHANNEL_ID = "300000000000000009";

export type DiscordFault =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | { hang: "before-landing" | "after-landing" };

export interface RestCall {
  method: string;
  path: string;
  query: string;
  body: unknown;
  headers: IncomingMessage["headers"];
  at: number;
}

let snowflake = 400_000_000_000_000_000n;
const nextId = () => String(++snowflake);

/**
 * A local Discord: the REST API under /api/v10 and a gateway websocket that says HELLO, READY
 * and GUILD_CREATE, then delivers whatever interactions a test sends. It records every REST
 * call (interaction callbacks, webhook edits, channel posts) for assertions.
 */
export class FakeDiscord {
  readonly calls: RestCall[] = [];
  /** Channel messages that exist (nonce repeats excluded). */
  readonly created: Record<string, unknown>[] = [];
  private readonly byNonce = new Map<string, Record<string, unknown>>();
  /** Per "METHOD path-prefix": answers to give first (e.g. a 429), consumed in order. */
  readonly scripted: {
    match: (c: RestCall) => boolean;
    status: number;
    headers?: Record<string, string>;
    body?: unknown;
  }[] = [];
  /** Messages refused as Discord would refuse them (400, code 50035), with the reasons. */
  readonly invalid: { path: string; errors: string[] }[] = [];
  /** Chaos, decided per call: an error answer (429, 500…), or no answer, before or after it lands. */
  fault: ((call: RestCall) => DiscordFault | undefined) | undefined;
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private socket: WebSocket | undefined;
  private seq = 0;
  /** The gateway intents the client identified with. */
  intents = 0;
  private readyResolve: (() => void) | undefined;
  readonly ready = new Promise<void>((r) => (this.readyResolve = r));
  base = "";

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let raw = "";
      req.setEncoding("utf8");
      req.on("data", (c: string) => (raw += c));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "http://x");
        const path = url.pathname.replace(/^\/api(\/v10)?/, "");
        const call: RestCall = {
          method: req.method ?? "GET",
          path,
          query: url.search,
          body: raw ? safeJson(raw) : undefined,
          headers: req.headers,
          at: Date.now(),
        };
        this.calls.push(call);
        const errors = messageOf(call) ? discordMessageErrors(messageOf(call)) : [];
        if (errors.length) {
          this.invalid.push({ path: call.path, errors });
          res
            .writeHead(400, { "content-type": "application/json" })
            .end(JSON.stringify({ code: 50035, message: "Invalid Form Body", errors }));
          return;
        }
        const fault = this.fault?.(call);
        if (fault && "hang" in fault) {
          if (fault.hang === "after-landing") this.answer(call, undefined);
          return; // the socket stays open until the client gives up
        }
        if (fault) {
          res
            .writeHead(fault.status, { "content-type": "application/json", ...fault.headers })
            .end(JSON.stringify(fault.body ?? {}));
          return;
        }
        const scripted = this.scripted.findIndex((s) => s.match(call));
        if (scripted >= 0) {
          const s = this.scripted.splice(scripted, 1)[0]!;
          res
            .writeHead(s.status, { "content-type": "application/json", ...s.headers })
            .end(JSON.stringify(s.body ?? {}));
          return;
        }
        this.answer(call, res);
      });
    });
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on("connection", (ws) => this.onGateway(ws));
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return `${this.base}/api`;
  }

  /** `res` undefined: the call takes effect but nobody hears the answer (a timeout). */
  private answer(call: RestCall, res: ServerResponse | undefined): void {
    const json = (status: number, body: unknown): void => {
      res?.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    if (call.path === "/gateway/bot") {
      return json(200, {
        url: this.base.replace("http", "ws"),
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (call.path === "/applications/@me")
      return json(200, { id: APP_ID, name: "strikewatch", flags: 0 });
    if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(call.path))
      return void res?.writeHead(204).end(); // no JSON content-type on 204
    if (/^\/webhooks\/\d+\/[^/]+\/messages\/(%40|@)original$/.test(call.path)) {
      // Deleting a message answers 204, with no body (and no JSON content type).
      if (call.method === "DELETE") return void res?.writeHead(204).end();
    }
    if (
      /^\/webhooks\/\d+\/[^/]+\/messages\/(%40|@)original$/.test(call.path) ||
      /^\/webhooks\/\d+\/[^/]+$/.test(call.path)
    ) {
      return json(200, message(call.body));
    }
    if (/^\/channels\/\d+\/messages$/.test(call.path) && call.method === "POST") {
      // enforce_nonce: a second send with the same nonce returns the first message, creates nothing.
      const b = call.body as { nonce?: string; enforce_nonce?: boolean };
      const known = b.enforce_nonce && b.nonce ? this.byNonce.get(b.nonce) : undefined;
      if (known) return json(200, known);
      const created = message(call.body, call.path.split("/")[2]);
      this.created.push(created);
      if (b.nonce) this.byNonce.set(b.nonce, created);
      return json(200, created);
    }
    if (/^\/applications\/\d+\/(guilds\/\d+\/)?commands$/.test(call.path))
      return json(200, Array.isArray(call.body) ? call.body : []);
    json(404, { message: "Unknown", code: 0 });
  }

  private onGateway(ws: WebSocket): void {
    this.socket = ws;
    const send = (op: number, d: unknown, t?: string) =>
      ws.send(JSON.stringify({ op, d, s: t ? ++this.seq : null, t: t ?? null }));
    send(10, { heartbeat_interval: 41_250 });
    ws.on("message", (raw) => {
      const msg = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (msg.op === 1) send(11, null);
      if (msg.op === 2) {
        this.intents = Number((msg.d as { intents?: number }).intents ?? 0);
        send(
          0,
          {
            v: 10,
            user: {
              id: BOT_ID,
              username: "strikewatch",
              discriminator: "0",
              bot: true,
              avatar: null,
              global_name: null,
            },
            guilds: [{ id: GUILD_ID, unavailable: true }],
            session_id: "session-1",
            resume_gateway_url: this.base.replace("http", "ws"),
            application: { id: APP_ID, flags: 0 },
          },
          "READY",
        );
        send(0, guild(), "GUILD_CREATE");
        this.readyResolve?.();
      }
    });
  }

  /** Delivers a slash command (or another interaction) through the gateway. */
  interact(
    data: Record<string, unknown>,
    opts: {
      userId?: string;
      roles?: string[];
      permissions?: string;
      type?: number;
      /** Another server than the one the bot was READY in (the bot is in many). */
      guildId?: string;
    } = {},
  ): { id: string; token: string } {
    const guildId = opts.guildId ?? GUILD_ID;
    const id = nextId();
    const token = `token-${id}`;
    const userId = opts.userId ?? "500000000000000001";
    this.socket!.send(
      JSON.stringify({
        op: 0,
        s: ++this.seq,
        t: "INTERACTION_CREATE",
        d: {
          id,
          token,
          application_id: APP_ID,
          type: opts.type ?? 2,
          version: 1,
          guild_id: guildId,
          channel_id: CHANNEL_ID,
          channel: { id: CHANNEL_ID, type: 0, guild_id: guildId, name: "strikes" },
          locale: "en-GB",
          guild_locale: "en-GB",
          app_permissions: "2248473465835073",
          entitlements: [],
          authorizing_integration_owners: { "0": guildId },
          context: 0,
          // A button click carries the message the button is on.
          ...((opts.type ?? 2) === 3 ? { message: message({ embeds: [] }) } : {}),
          member: {
            user: {
              id: userId,
              username: "member",
              discriminator: "0",
              avatar: null,
              global_name: "Member",
            },
            roles: opts.roles ?? [],
            permissions: opts.permissions ?? "1024",
            joined_at: "2023-01-01T00:00:00.000Z",
            deaf: false,
            mute: false,
            flags: 0,
          },
          data,
        },
      }),
    );
    return { id, token };
  }

  /**
   * Someone writes a message, in the server's channel or (dm) to the bot directly. Like
   * Discord, the gateway delivers it only to a client with the intent for it (Guild Messages,
   * Direct Messages), and shows its text only with Message Content, or when the message
   * mentions the bot, or in a direct message. Returns whether it was delivered.
   */
  say(
    content: string,
    opts: { userId?: string; dm?: boolean; roles?: string[]; permissions?: string } = {},
  ): { delivered: boolean; id: string } {
    const id = nextId();
    const dm = opts.dm ?? false;
    const needed = dm ? 1 << 12 : 1 << 9;
    if ((this.intents & needed) === 0) return { delivered: false, id };
    const mentionsBot = new RegExp(`<@!?${BOT_ID}>`).test(content);
    const readable = dm || mentionsBot || (this.intents & (1 << 15)) !== 0;
    const userId = opts.userId ?? "500000000000000001";
    const author = {
      id: userId,
      username: "member",
      discriminator: "0",
      avatar: null,
      global_name: "Member",
    };
    const bot = {
      id: BOT_ID,
      username: "strikewatch",
      discriminator: "0",
      bot: true,
      avatar: null,
      global_name: null,
    };
    this.socket!.send(
      JSON.stringify({
        op: 0,
        s: ++this.seq,
        t: "MESSAGE_CREATE",
        d: {
          id,
          channel_id: dm ? DM_CHANNEL_ID : CHANNEL_ID,
          // Discord says which kind of channel: a DM's is not in any cache yet.
          channel_type: dm ? 1 : 0,
          ...(dm ? {} : { guild_id: GUILD_ID }),
          author,
          ...(dm
            ? {}
            : {
                member: {
                  roles: opts.roles ?? [],
                  joined_at: "2023-01-01T00:00:00.000Z",
                  deaf: false,
                  mute: false,
                  flags: 0,
                  ...(opts.permissions ? { permissions: opts.permissions } : {}),
                },
              }),
          content: readable ? content : "",
          timestamp: "2026-12-01T10:00:00.000Z",
          edited_timestamp: null,
          tts: false,
          mention_everyone: false,
          mentions: mentionsBot ? [bot] : [],
          mention_roles: [],
          attachments: [],
          embeds: [],
          pinned: false,
          type: 0,
          flags: 0,
        },
      }),
    );
    return { delivered: true, id };
  }

  callsFor(pred: (c: RestCall) => boolean): RestCall[] {
    return this.calls.filter(pred);
  }

  async stop(): Promise<void> {
    for (const c of this.wss?.clients ?? []) c.terminate();
    this.wss?.close();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }
}

/** The message a call posts or edits, if it is one (a callback carries it as `data`). */
function messageOf(call: RestCall): unknown {
  if (call.method !== "POST" && call.method !== "PATCH") return undefined;
  if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(call.path)) {
    const b = call.body as { type?: number; data?: unknown } | undefined;
    return b?.type === 4 || b?.type === 7 ? b.data : undefined;
  }
  if (/^\/webhooks\/\d+\/[^/]+(\/messages\/.*)?$/.test(call.path)) return call.body;
  if (/^\/channels\/\d+\/messages$/.test(call.path)) return call.body;
  return undefined;
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function message(body: unknown, channelId = CHANNEL_ID): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    id: nextId(),
    channel_id: channelId,
    type: 0,
    content: b.content ?? "",
    embeds: b.embeds ?? [],
    components: [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    pinned: false,
    mention_everyone: false,
    tts: false,
    timestamp: "2023-01-12T10:00:00.000Z",
    edited_timestamp: null,
    flags: b.flags ?? 0,
    author: {
      id: BOT_ID,
      username: "strikewatch",
      discriminator: "0",
      bot: true,
      avatar: null,
      global_name: null,
    },
    nonce: b.nonce,
  };
}

function guild(): Record<string, unknown> {
  return {
    id: GUILD_ID,
    name: "Test guild",
    icon: null,
    owner_id: "500000000000000099",
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id: GUILD_ID,
        name: "@everyone",
        permissions: "1024",
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
      {
        id: STAFF_ROLE_ID,
        name: "Strike desk",
        permissions: "1024",
        position: 1,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    features: [],
    mfa_level: 0,
    system_channel_flags: 0,
    premium_tier: 0,
    preferred_locale: "en-GB",
    nsfw_level: 0,
    stickers: [],
    premium_progress_bar_enabled: false,
    joined_at: "2023-01-01T00:00:00.000Z",
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [],
    channels: [
      {
        id: CHANNEL_ID,
        type: 0,
        name: "strikes",
        position: 0,
        permission_overwrites: [],
        guild_id: GUILD_ID,
        nsfw: false,
        parent_id: null,
      },
    ],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
