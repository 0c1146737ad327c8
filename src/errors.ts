/**
 * Every failure a user can cause or see has a stable code (for logs, tests and the JSON output),
 * a message in plain words (for the person in the channel), and a kind that says who must act.
 * Anything that is not a StrikewatchError is a bug and is reported as `internal`.
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
  "config_invalid",
  "store_unavailable",
  "store_permission",
  "platform_rate_limited",
  "platform_auth",
  "platform_channel",
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Who must act on a failure: the person who asked (fix the command), the operator (fix the
 * configuration, the database role, or a bug in the logs), the chat platform (wait, or re-invite
 * the bot), or nobody but time (the store is unreachable: try again).
 */
export type ErrorKind = "user" | "operator" | "platform" | "store";

const KINDS: Record<ErrorCode, ErrorKind> = {
  empty_command: "user",
  unknown_command: "user",
  usage: "user",
  unknown_union: "user",
  unknown_word: "user",
  bad_date: "user",
  impossible_date: "user",
  ambiguous: "user",
  not_found: "user",
  not_staff: "user",
  config_invalid: "operator",
  store_unavailable: "store",
  store_permission: "operator",
  platform_rate_limited: "platform",
  platform_auth: "operator",
  platform_channel: "platform",
  internal: "operator",
};

export function errorKind(code: ErrorCode): ErrorKind {
  return KINDS[code];
}

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

  /** Who must act on it. */
  get kind(): ErrorKind {
    return errorKind(this.code);
  }
}

export const isStrikewatchError = (e: unknown): e is StrikewatchError =>
  e instanceof StrikewatchError;
