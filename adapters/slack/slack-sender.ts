import { WebClient } from "@slack/web-api";
import type { Sender } from "../../src/delivery/sender.ts";
import type { Reply } from "../../src/reply.ts";
import type { Logger } from "../../src/logger.ts";
import { renderSlack } from "./render.ts";
import { fromSlackError } from "./slack-errors.ts";
import { slackLogger } from "./slack-logger.ts";

const EVENT_TYPE = "strikewatch_delivery";

/**
 * Posts broadcasts to Slack channels: about one message per second per channel (Slack's
 * guidance), each carrying its outbox key in message metadata so a resend after a crash can
 * first look for it in the channel's recent history.
 */
export class SlackSender implements Sender {
  readonly platform = "slack";
  private readonly nextFree = new Map<string, number>();
  private nextGlobal = 0;

  /**
   * `minGapMs` per channel (Slack allows about one message a second in a channel) and
   * `perSecond` across the workspace, so a fan-out runs at the limit instead of into 429s.
   */
  constructor(
    private readonly client: WebClient,
    private readonly minGapMs = 1000,
    // A little under Slack's ~50/s so a sliding window on their side never tips into 429s.
    private readonly perSecond = 48,
  ) {}

  static fromToken(
    token: string,
    opts: {
      apiUrl?: string;
      minGapMs?: number;
      perSecond?: number;
      /** Longest one call may take (the SDK's default is to wait forever). */
      timeoutMs?: number;
      logger?: Logger;
    } = {},
  ): SlackSender {
    const { apiUrl } = opts;
    const slackApiUrl = apiUrl ? (apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`) : undefined;
    return new SlackSender(
      new WebClient(token, {
        ...(slackApiUrl ? { slackApiUrl } : {}),
        ...(opts.logger ? { logger: slackLogger(opts.logger) } : {}),
        // Rate limits come back to the outbox (which retries after Retry-After) instead of
        // blocking here.
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        // A hung call would stall the whole fan-out. A post that timed out may still have
        // landed: the retry looks in the channel first.
        timeout: opts.timeoutMs ?? 10_000,
      }),
      opts.minGapMs,
      opts.perSecond,
    );
  }

  private async pace(channel: string): Promise<void> {
    const now = Date.now();
    const start = Math.max(now, this.nextFree.get(channel) ?? 0, this.nextGlobal);
    this.nextFree.set(channel, start + this.minGapMs);
    if (this.perSecond > 0) this.nextGlobal = start + 1000 / this.perSecond;
    if (start > now) await new Promise((r) => setTimeout(r, start - now));
  }

  async send(
    channelId: string,
    reply: Reply,
    key: string,
    present: ReadonlySet<number> = new Set(),
  ): Promise<string[]> {
    const ids: string[] = [];
    for (const [part, m] of renderSlack(reply).entries()) {
      if (present.has(part)) continue;
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

  async delivered(channelId: string, key: string, since: Date): Promise<ReadonlySet<number>> {
    try {
      const res = await this.client.conversations.history({
        channel: channelId,
        oldest: String(since.getTime() / 1000),
        include_all_metadata: true,
        limit: 200,
      });
      const parts = new Set<number>();
      for (const m of res.messages ?? []) {
        const payload = (m as { metadata?: { event_payload?: { key?: string; part?: number } } })
          .metadata?.event_payload;
        if (payload?.key === key) parts.add(Number(payload.part ?? 0));
      }
      return parts;
    } catch (e) {
      throw fromSlackError(e);
    }
  }
}
