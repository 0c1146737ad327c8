import { DiscordAPIError, RateLimitError } from "discord.js";
import { StrikewatchError } from "../../src/errors.ts";

/** Discord REST failures as the core's errors, in words for whoever must fix them. */
export function fromDiscordError(e: unknown): StrikewatchError {
  if (e instanceof RateLimitError) {
    return new StrikewatchError(
      "platform_rate_limited",
      `Discord asked us to slow down (${Math.ceil(e.retryAfter / 1000)} s).`,
      { cause: e, retryAfterS: Math.ceil(e.retryAfter / 1000) },
    );
  }
  if (e instanceof DiscordAPIError) {
    if (e.status === 401)
      return new StrikewatchError(
        "platform_auth",
        "Discord rejected the bot's token. Check DISCORD_TOKEN.",
        { cause: e },
      );
    if (e.code === 10003 || e.code === 50001 || e.code === 50013) {
      return new StrikewatchError(
        "platform_channel",
        `The bot cannot post in that channel (${e.message}). Check its permissions there.`,
        { cause: e },
      );
    }
    return new StrikewatchError("internal", `Discord error ${e.code}: ${e.message}`, { cause: e });
  }
  return new StrikewatchError("internal", `Discord error: ${(e as Error).message}`, { cause: e });
}
