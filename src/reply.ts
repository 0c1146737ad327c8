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
  /** Buttons under the whole answer (Subscribe this channel, Sources). */
  actions?: ReplyAction[];
  error?: { code: ErrorCode; hint?: string };
  /** Machine-readable content for `strikewatch ask --json` and tests. */
  data?: unknown;
}

export interface ReplySection {
  /** Empty when the title already says what the rows are (one week's strikes). */
  heading: string;
  rows: ReplyRow[];
  /**
   * "inline": the first row sits beside the heading (a day and its strikes); "block": below it;
   * "list": one line a row, the first cell leading and the rest joined by " · " ("RMT rail
   * workers · UK · Mon 7 – Fri 11 Dec"); "sources": each row is its source, as a link.
   */
  layout?: "inline" | "block" | "list" | "sources";
}

export interface ReplyRow {
  cells: string[];
  /** When, as runs of days, shown after the cells; a struck run has been called off. */
  days?: ReplyDayRun[];
  /** The source shown beside the row (the most recent). */
  source?: ReplySource;
  /** Every source behind the row, most recent first: what the "Sources" view lists. */
  sources?: ReplySource[];
  /** Buttons where the platform has them; each runs a command line as the person who clicks. */
  actions?: ReplyAction[];
  /** Tools for this row in a menu (staff: cancel, edit), where the platform has one. */
  menu?: ReplyAction[];
}

export interface ReplySource {
  label: string;
  url?: string | null;
}

/** "Mon 7 – Fri 11 Dec", with its status when it is not simply planned. */
export interface ReplyDayRun {
  text: string;
  /** "cancelled", "held", "threatened"…; absent for planned days. */
  status?: string;
  /** Called off (cancelled, suspended, postponed): struck through where the platform can. */
  struck?: boolean;
}

export interface ReplyAction {
  label: string;
  /** The command line a click runs, as the person who clicks. */
  command: string;
  style?: "primary" | "danger";
  /**
   * "sources": show only the sources of the command's answer, to the clicker alone (the answer
   * itself shows one source a row).
   */
  view?: "sources";
  /** Ask before running it (a change someone could regret): the question to ask. */
  confirm?: string;
  /** Let the person finish the command line before it runs (an edit): it is a starting point. */
  prefill?: boolean;
}

export interface ReplyLink {
  label: string;
  url: string;
  /** What it opens; platforms with link buttons show a calendar link first. */
  kind?: "calendar" | "page";
}

export function errorReply(code: ErrorCode, message: string, hint?: string): Reply {
  return { kind: "error", ephemeral: true, text: message, error: hint ? { code, hint } : { code } };
}
