import { createHash } from "node:crypto";
import { REST, Routes } from "discord.js";
import type { Sender } from "../../src/delivery/sender.ts";
import type { Reply } from "../../src/reply.ts";
import { fromDiscordError } from "./discord-errors.ts";
import { renderDiscord } from "./render.ts";

/**
 * Posts broadcasts to Discord channels through discord.js's REST queue (per-route and global
 * buckets, 429s waited out), with a nonce derived from the outbox key and enforce_nonce, so a
 * resend after a crash is answered with the message already sent instead of a second one.
 */
export class DiscordSender implements Sender {
  readonly platform = "discord";

  constructor(private readonly rest: REST) {}

  static fromToken(
    token: string,
    opts: { apiUrl?: string; timeoutMs?: number } = {},
  ): DiscordSender {
    // discord.js retries timeouts and 5xx itself; the nonce makes those retries harmless.
    return new DiscordSender(
      new REST({
        ...(opts.apiUrl ? { api: opts.apiUrl } : {}),
        timeout: opts.timeoutMs ?? 10_000,
      }).setToken(token),
    );
  }

  async send(channelId: string, reply: Reply, key: string): Promise<string[]> {
    const ids: string[] = [];
    for (const [part, m] of renderDiscord(reply).entries()) {
      const nonce = createHash("sha1").update(`${key}#${part}`).digest("hex").slice(0, 25);
      try {
        const res = (await this.rest.post(Routes.channelMessages(channelId), {
          body: {
            embeds: m.embeds,
            components: m.components ?? [],
            allowed_mentions: { parse: [] },
            nonce,
            enforce_nonce: true,
          },
        })) as { id: string };
        ids.push(res.id);
      } catch (e) {
        throw fromDiscordError(e);
      }
    }
    return ids;
  }
}
