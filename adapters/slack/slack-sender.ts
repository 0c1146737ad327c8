import { WebClient } from "@slack/web-api";
import type { Sender } from "../../src/delivery/sender.ts";
import type { Reply } from "../../src/reply.ts";
import { renderSlack } from "./render.ts";
import { fromSlackError } from "./slack-errors.ts";

const EVENT_TYPE = "strikewatch_delivery";

/**
 * Posts broadcasts to Slack channels: about one message per second per channel (Slack's
 * guidance), each carrying its outbox key in message metadata so a resend after a crash can
 * first look for it in the channel's recent history.
 */
export class SlackSender implements Sender {
  readonly platform = "slack";
  private readonly nextFree = new Map<string, number>();

  constructor(
    private readonly client: WebClient,
    private readonly minGapMs = 1000,
  ) {}

  static fromToken(token: string, apiUrl?: string): SlackSender {
    const slackApiUrl = apiUrl ? (apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`) : undefined;
    // Rate limits come back to the outbox (which retries after Retry-After) instead of blocking here.
    return new SlackSender(
      new WebClient(token, {
        ...(slackApiUrl ? { slackApiUrl } : {}),
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
      }),
    );
  }

  private async pace(channel: string): Promise<void> {
    const now = Date.now();
    const free = this.nextFree.get(channel) ?? 0;
    this.nextFree.set(channel, Math.max(now, free) + this.minGapMs);
    if (free > now) await new Promise((r) => setTimeout(r, free - now));
  }

  async send(channelId: string, reply: Reply, key: string): Promise<string[]> {
    const ids: string[] = [];
    for (const [part, m] of renderSlack(reply).entries()) {
      await this.pace(channelId);
      try {
        const res = await this.client.chat.postMessage({
          channel: channelId,
          text: m.text,
          blocks: m.blocks as never,
          metadata: { event_type: EVENT_TYPE, event_payload: { key, part } },
        });
        if (res.ts) ids.push(res.ts);
      } catch (e) {
        throw fromSlackError(e);
      }
    }
    return ids;
  }

  async delivered(channelId: string, key: string, since: Date): Promise<boolean> {
    try {
      const res = await this.client.conversations.history({
        channel: channelId,
        oldest: String(since.getTime() / 1000),
        include_all_metadata: true,
        limit: 200,
      });
      return (res.messages ?? []).some(
        (m) =>
          (m as { metadata?: { event_type?: string; event_payload?: { key?: string } } }).metadata
            ?.event_payload?.key === key,
      );
    } catch (e) {
      throw fromSlackError(e);
    }
  }
}
