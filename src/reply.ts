import type { ErrorCode } from "./errors.ts";

/**
 * What every command returns, whatever the platform: adapters render it as Block Kit, Discord
 * embeds or plain text. Text here is plain (no markup); renderers escape it for their platform.
 */
export interface Reply {
  kind: "answer" | "confirmation" | "error";
  /** Only the person who asked sees it (refusals, errors, help). */
  ephemeral: boolean;
  title?: string;
  text?: string;
  sections?: ReplySection[];
  footer?: string;
  links?: ReplyLink[];
  error?: { code: ErrorCode; hint?: string };
  /** Machine-readable content for `strikewatch ask --json` and tests. */
  data?: unknown;
}

export interface ReplySection {
  heading: string;
  rows: ReplyRow[];
  /** "inline": the first row sits beside the heading (a day and its strikes); "block": below it. */
  layout?: "inline" | "block";
}

export interface ReplyRow {
  cells: string[];
  source?: { label: string; url?: string | null };
  /** Buttons where the platform has them; each runs a command line as the person who clicks. */
  actions?: ReplyAction[];
}

export interface ReplyAction {
  label: string;
  command: string;
  style?: "primary" | "danger";
}

export interface ReplyLink {
  label: string;
  url: string;
}

export function errorReply(code: ErrorCode, message: string, hint?: string): Reply {
  return { kind: "error", ephemeral: true, text: message, error: hint ? { code, hint } : { code } };
}
