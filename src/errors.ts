/**
 * Every failure a user can cause or see has a stable code (for logs, tests and the JSON output)
 * and a message in plain words (for the person in the channel). Anything that is not a
 * StrikewatchError is a bug and is reported as `internal`.
 */
export const ERROR_CODES = [
  "empty_command",
  "unknown_command",
  "usage",
  "unknown_union",
  "unknown_word",
  "bad_date",
  "impossible_date",
  "ambiguous",
  "not_found",
  "not_staff",
  "store_unavailable",
  "store_permission",
  "platform_rate_limited",
  "platform_auth",
  "platform_channel",
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class StrikewatchError extends Error {
  readonly code: ErrorCode;
  /** Extra lines of help shown under the message ("Try: /strike add RCN nurses 6 Feb"). */
  readonly hint: string | undefined;
  /** For platform_rate_limited: how long the platform asked us to wait. */
  readonly retryAfterS: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { hint?: string; cause?: unknown; retryAfterS?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "StrikewatchError";
    this.code = code;
    this.hint = options?.hint;
    this.retryAfterS = options?.retryAfterS;
  }
}

export const isStrikewatchError = (e: unknown): e is StrikewatchError =>
  e instanceof StrikewatchError;
