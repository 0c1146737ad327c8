import type { Reply } from "../reply.ts";

/**
 * A platform's way of posting to a channel. `key` is the outbox key: Discord turns it into a
 * nonce (a repeated send is a no-op), Slack stores it in message metadata so `delivered` can
 * find a message that went out just before a crash.
 */
export interface Sender {
  readonly platform: string;
  /**
   * Posts the message, or those of its parts not in `present` (a long reply goes out as several
   * messages); returns the ids of the messages posted.
   */
  send(
    channelId: string,
    reply: Reply,
    key: string,
    present?: ReadonlySet<number>,
  ): Promise<string[]>;
  /** Which parts of the message with this key are already in the channel. */
  delivered?(channelId: string, key: string, since: Date): Promise<ReadonlySet<number>>;
}
