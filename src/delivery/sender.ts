import type { Reply } from "../reply.ts";

/**
 * A platform's way of posting to a channel. `key` is the outbox key: Discord turns it into a
 * nonce (a repeated send is a no-op), Slack stores it in message metadata so `delivered` can
 * find a message that went out just before a crash.
 */
export interface Sender {
  readonly platform: string;
  send(channelId: string, reply: Reply, key: string): Promise<string[]>;
  delivered?(channelId: string, key: string, since: Date): Promise<boolean>;
}
