import { ErrorCode as WebErrorCode } from "@slack/web-api";
import { StrikewatchError } from "../../src/errors.ts";

/**
 * Slack Web API failures as the core's errors, in words for the people who must fix them:
 * rate limits (with Retry-After), bad tokens, channels the bot cannot post in.
 */
export function fromSlackError(e: unknown): StrikewatchError {
  const err = e as { code?: string; retryAfter?: number; data?: { error?: string } };
  if (err.code === WebErrorCode.RateLimitedError) {
    return new StrikewatchError(
      "platform_rate_limited",
      `Slack asked us to slow down; retrying in ${err.retryAfter ?? "a few"} s.`,
      // The outbox waits exactly this long; without it a 429 fell back to plain backoff.
      { cause: e, ...(err.retryAfter === undefined ? {} : { retryAfterS: err.retryAfter }) },
    );
  }
  const code = err.data?.error;
  if (
    code === "invalid_auth" ||
    code === "not_authed" ||
    code === "account_inactive" ||
    code === "token_revoked"
  ) {
    return new StrikewatchError(
      "platform_auth",
      `Slack rejected the bot's token (${code}). Check SLACK_BOT_TOKEN.`,
      { cause: e },
    );
  }
  if (code === "channel_not_found" || code === "not_in_channel" || code === "is_archived") {
    return new StrikewatchError(
      "platform_channel",
      `The bot cannot post in that channel (${code}). Invite it with /invite @strikewatch.`,
      { cause: e },
    );
  }
  return new StrikewatchError("internal", `Slack error: ${code ?? (e as Error).message}`, {
    cause: e,
  });
}
